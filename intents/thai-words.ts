/**
 * Thai word segmentation for features. Thai is written without spaces, so until now the model saw
 * Thai only as character 2–3-grams: it could not tell a word from the syllables around it, and
 * the negation scope (`n:`) that reads "không tốt" and "tidak enak" could not read "ไม่ดี".
 *
 * `Intl.Segmenter` with Thai word granularity is ICU's dictionary segmenter, present in Node's
 * full ICU and in Workers; no dictionary of our own to keep. Where it is missing the features
 * simply leave the word part out (the character n-grams still work). ICU versions may segment a
 * rare word differently; the model only ever loses that word's weight, never breaks.
 */
const segmenter: Intl.Segmenter | undefined = typeof Intl !== "undefined" && "Segmenter" in Intl ? new Intl.Segmenter("th", { granularity: "word" }) : undefined;

/** The words of a run of Thai letters (a token from `tokenize`), in order. */
export function thaiWords(run: string): string[] {
  if (segmenter === undefined) return [];
  const words: string[] = [];
  for (const s of segmenter.segment(run)) if (s.isWordLike) words.push(s.segment);
  return words;
}

/** Thai negators: the next words fall in their scope ("ไม่ อร่อย", "ไม่ได้ ใช้"). */
export const THAI_NEGATORS: ReadonlySet<string> = new Set(["ไม่", "ไม่ได้", "ไม่มี", "ไม่เคย", "อย่า", "ห้าม", "ไม่ค่อย"]);

/** True when the token is Thai script (its first code unit is in the Thai block). */
export const isThai = (token: string): boolean => {
  const c = token.charCodeAt(0);
  return c >= 0x0e00 && c <= 0x0e7f;
};
