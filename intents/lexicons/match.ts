/**
 * How lexicon entries are matched. `lexiconText` turns a message into lower case, NFKC, elongations
 * squeezed, digits kept, punctuation turned into spaces, with a space at each end. Latin entries
 * are then written as whole words with `W(...)`, which needs a space on both sides: that is the
 * word boundary (JS `\b` is ASCII-only and breaks on "policía"), and because every alternative
 * starts with a literal space the regex engine only tries word starts, which keeps all lexicons
 * together in the low microseconds. Han/kana/Thai entries are plain substrings (no spaces in
 * those scripts).
 */
export const W = (alternatives: string): string => ` (?:${alternatives})(?= )`;

export const rx = (flags: string, ...parts: string[]): RegExp => new RegExp(parts.filter(Boolean).join("|"), flags);

// Apostrophes, hyphens, slashes, asterisks and % stay: "doesn't", "a-to-z", "10/10", "f**k", "100%".
const PUNCT = /[^\p{L}\p{M}\p{N}'’\-/*%]+/gu;

export function lexiconText(text: string): string {
  return " " + text.normalize("NFKC").toLowerCase().replace(/(\p{L})\1{2,}/gu, "$1$1").replace(PUNCT, " ").trim() + " ";
}
