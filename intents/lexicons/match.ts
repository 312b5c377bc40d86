/**
 * How lexicon entries are matched. `lexiconText` turns a message into lower case, NFKC, elongations
 * squeezed, digits kept, punctuation turned into spaces, with a space at each end. Latin entries
 * are then written as whole words with `W(...)`, which needs a space on both sides: that is the
 * word boundary (JS `\b` is ASCII-only and breaks on "policía"), and because every alternative
 * starts with a literal space the regex engine only tries word starts, which keeps all lexicons
 * together in the low microseconds. Han/kana/Thai entries are plain substrings (no spaces in
 * those scripts).
 */
import { classOf, codePointAt, LETTER, MARK, NUMBER, scratch, stringOf } from "../char-classes.js";

export const W = (alternatives: string): string => ` (?:${alternatives})(?= )`;

export const rx = (flags: string, ...parts: string[]): RegExp => new RegExp(parts.filter(Boolean).join("|"), flags);

// Apostrophes, hyphens, slashes, asterisks and % stay: "doesn't", "a-to-z", "10/10", "f**k", "100%".
const isKeptSymbol = (c: number): boolean => c === 0x27 || c === 0x2019 || c === 0x2d || c === 0x2f || c === 0x2a || c === 0x25;
const KEPT = LETTER | MARK | NUMBER;

/**
 * One pass doing what `" " + lower.replace(/(\p{L})\1{2,}/gu, "$1$1").replace(/[^\p{L}\p{M}\p{N}'’\-/*%]+/gu,
 * " ").trim() + " "` did (a test keeps them equal; the regex chain was a tenth of a classification).
 */
export function lexiconText(text: string): string {
  const s = text.normalize("NFKC").toLowerCase();
  const len = s.length;
  const buf = scratch(len + 2);
  let n = 0;
  buf[n++] = 32;
  let gap = false;
  let i = 0;
  while (i < len) {
    const c = s.charCodeAt(i);
    const cp = codePointAt(s, i);
    const w = cp > 0xffff ? 2 : 1;
    const k = classOf(cp);
    if ((k & KEPT) === 0 && !isKeptSymbol(c)) {
      gap = true;
      i += w;
      continue;
    }
    if (gap) {
      if (n > 1) buf[n++] = 32;
      gap = false;
    }
    let j = i + w;
    if ((k & LETTER) !== 0) while (j + w <= len && s.charCodeAt(j) === c && (w === 1 || s.charCodeAt(j + 1) === s.charCodeAt(i + 1))) j += w;
    const run = (j - i) / w;
    const copies = run >= 3 ? 2 : run;
    for (let r = 0; r < copies; r++) {
      buf[n++] = c;
      if (w === 2) buf[n++] = s.charCodeAt(i + 1);
    }
    i = j;
  }
  buf[n++] = 32;
  return stringOf(buf, n);
}
