/**
 * Unicode character classes for the hand-written text scans of `normalize`, `tokenize` and
 * `lexiconText`. Those used to be chains of `u`-flag regex replaces (a backreference per
 * character for the elongation squeeze), which were a sixth of a classification; one pass over
 * the code units with a class lookup does the same work.
 *
 * The classes are exactly the regex ones (`\p{L}`, `\p{M}`, `\p{N}`, `\p{Extended_Pictographic}`,
 * `\s`), computed by those regexes the first time a code unit is seen and remembered in a 64 KiB
 * table (astral code points in a map), so the engine's tables are Unicode's, not a hand-made copy.
 */
export const LETTER = 1;
export const MARK = 2;
export const NUMBER = 4;
export const PICTOGRAPHIC = 8;
export const SPACE = 16;
const KNOWN = 128;

const L = /\p{L}/u;
const M = /\p{M}/u;
const N = /\p{N}/u;
const PICT = /\p{Extended_Pictographic}/u;
const S = /\s/u;

function compute(ch: string): number {
  return KNOWN | (L.test(ch) ? LETTER : 0) | (M.test(ch) ? MARK : 0) | (N.test(ch) ? NUMBER : 0) | (PICT.test(ch) ? PICTOGRAPHIC : 0) | (S.test(ch) ? SPACE : 0);
}

const bmp = new Uint8Array(0x10000);
const astral = new Map<number, number>();

/** Class bits of a code point. */
export function classOf(cp: number): number {
  if (cp < 0x10000) {
    const v = bmp[cp]!;
    if (v !== 0) return v;
    return (bmp[cp] = compute(String.fromCharCode(cp)));
  }
  let v = astral.get(cp);
  if (v === undefined) astral.set(cp, (v = compute(String.fromCodePoint(cp))));
  return v;
}

/** The code point at `i` (a high surrogate with its low one), like `codePointAt` but never undefined. */
export function codePointAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
    const d = s.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return (c - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000;
  }
  return c;
}

/** Scratch output of the scans: UTF-16 code units, grown on demand. */
let out = new Uint16Array(512);

export function scratch(minLength: number): Uint16Array {
  if (out.length < minLength) out = new Uint16Array(minLength * 2);
  return out;
}

/** The first `n` code units of `buf` as a string (in chunks: `fromCharCode` takes its arguments on the stack). */
export function stringOf(buf: Uint16Array, n: number): string {
  if (n <= 4096) return String.fromCharCode.apply(null, buf.subarray(0, n) as unknown as number[]);
  let s = "";
  for (let i = 0; i < n; i += 4096) s += String.fromCharCode.apply(null, buf.subarray(i, Math.min(n, i + 4096)) as unknown as number[]);
  return s;
}
