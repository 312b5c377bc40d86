/**
 * Feature extraction for short, messy, multilingual buyer text. Pure functions, no runtime-specific APIs
 * (Intl.Segmenter, for Thai words, is in Node and in Workers):
 * the same code runs in the trainer, in Node and in Workers, so train and serve cannot drift.
 *
 * Feature names carry a prefix so evidence can say where they came from:
 *  - `w:` word unigram (Latin/Cyrillic words; short Han/kana/Thai runs as a whole; Thai words from thai-words.ts)
 *  - `b:` word bigram (Latin words, and Thai words inside a run)
 *  - `n:` a word in a negator's scope (the two words after "not", "tidak", "không", "ไม่", …)
 *  - `c:` character n-gram (2–3, plus single Han/kana characters; Latin from 3: see charGrams): the workhorse for zh/ja/th,
 *    which have no spaces, and for typos, elongations and slang everywhere else
 *  - `x:` words and character bigrams of the previous message (the conversation context)
 *  - `lex:` a lexicon hit (see lexicons/), so knowledge in a word list reaches words the corpus
 *    never showed the model
 *  - `len:` a length bucket for short lines (a one-word line is read differently)
 */

import { isThai, THAI_NEGATORS, thaiWords } from "./thai-words.js";
import { classOf, codePointAt, LETTER, MARK, NUMBER, PICTOGRAPHIC, scratch, SPACE, stringOf } from "./char-classes.js";

/** Script runs that have no spaces between words. */
const NO_SPACE_SCRIPT = /[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af]/u;
const URL = /\b(?:https?:\/\/|www\.)\S+|\b[a-z0-9-]+\.(?:ly|com|co|me|id|my|shop|link)\/\S*/giu;

/** Lower-cases, folds width, maps digits to 0 and squeezes elongations ("plsss" → "pls", "precioooo" → "precioo"). */
export function normalize(text: string): string {
  const lower = text.normalize("NFKC").toLowerCase();
  // The URL pattern is the costliest step; most lines have neither "." nor "/" and skip it.
  return squeeze(lower.includes(".") || lower.includes("/") ? lower.replace(URL, " url ") : lower);
}

const isAsciiSpace = (c: number): boolean => c === 32 || (c >= 9 && c <= 13);

/**
 * One pass doing what `.replace(/\d/gu, "0").replace(/0{4,}/gu, "0000").replace(/(\P{N})\1{2,}/gu,
 * "$1$1").replace(/\s+/gu, " ").trim()` did (a test keeps them equal): digits → 0 with runs of 0
 * capped at four, runs of three or more identical non-numbers → two, whitespace runs → one space,
 * no space at either end. Returns `s` itself when nothing changes.
 */
function squeeze(s: string): string {
  const len = s.length;
  const buf = scratch(len);
  let n = 0;
  let zeros = 0;
  let substituted = false;
  let i = 0;
  while (i < len) {
    const c = s.charCodeAt(i);
    if (isAsciiSpace(c) || (c >= 0x80 && (classOf(c) & SPACE) !== 0)) {
      const from = i;
      while (i < len && (isAsciiSpace(s.charCodeAt(i)) || (s.charCodeAt(i) >= 0x80 && (classOf(s.charCodeAt(i)) & SPACE) !== 0))) i++;
      if (c !== 32 && i - from === 1) substituted = true;
      if (n > 0 && i < len) buf[n++] = 32;
      zeros = 0;
      continue;
    }
    if (c >= 0x30 && c <= 0x39) {
      if (c !== 0x30) substituted = true;
      if (zeros < 4) {
        buf[n++] = 0x30;
        zeros++;
      }
      i++;
      continue;
    }
    zeros = 0;
    const cp = codePointAt(s, i);
    const w = cp > 0xffff ? 2 : 1;
    let j = i + w;
    while (j + w <= len && s.charCodeAt(j) === c && (w === 1 || s.charCodeAt(j + 1) === s.charCodeAt(i + 1))) j += w;
    const run = (j - i) / w;
    const copies = run >= 3 && (classOf(cp) & NUMBER) === 0 ? 2 : run;
    for (let k = 0; k < copies; k++) {
      buf[n++] = c;
      if (w === 2) buf[n++] = s.charCodeAt(i + 1);
    }
    i = j;
  }
  return substituted || n !== len ? stringOf(buf, n) : s;
}

const LMN = LETTER | MARK | NUMBER;

/** Whole-token symbols: they carry intent ("?" asks, "$" prices). */
function isSymbolToken(c: number): boolean {
  return c === 0x3f || c === 0xff1f || c === 0x21 || c === 0xff01 || c === 0x24 || c === 0xa5 || c === 0x20ac || c === 0x20ab || c === 0x0e3f;
}

/** Runs of letters, marks and numbers, single pictographs (emoji) and the symbols above; the rest separates. */
export function tokenize(normalized: string): string[] {
  const s = normalized;
  const tokens: string[] = [];
  let i = 0;
  while (i < s.length) {
    const cp = codePointAt(s, i);
    const w = cp > 0xffff ? 2 : 1;
    const k = classOf(cp);
    if ((k & LMN) !== 0) {
      let j = i + w;
      while (j < s.length) {
        const next = codePointAt(s, j);
        if ((classOf(next) & LMN) === 0) break;
        j += next > 0xffff ? 2 : 1;
      }
      tokens.push(s.slice(i, j));
      i = j;
    } else {
      if ((k & PICTOGRAPHIC) !== 0 || isSymbolToken(cp)) tokens.push(s.slice(i, i + w));
      i += w;
    }
  }
  return tokens;
}

/** Latin-script negators of our languages (Thai ไม่ and Chinese 不/没 are covered by character n-grams). */
const NEGATORS = new Set(
  "not no never isn't wasn't don't didn't doesn't dont didnt doesnt cannot can't cant tidak tak gak ga nggak ngga enggak bukan belum kurang không ko hok chẳng chưa chả đâu nunca nada nicht kein keine keinen nie".split(" "),
);

function isNoSpace(token: string): boolean {
  return NO_SPACE_SCRIPT.test(token);
}

/**
 * Where features go. The same generator feeds names (training, evidence, tests) or 32-bit hashes
 * (serving): hashing while generating means no n-gram string is ever built on the hot path, which
 * is most of what makes a classification take microseconds instead of tens of them.
 * `begin(prefix)` starts a feature, `push` appends text, `emit` records the feature as it stands
 * (char n-grams emit after each appended char).
 */
export interface FeatureSink {
  begin(prefix: string): void;
  push(part: string): void;
  /** Appends `s.slice(from, to)` (hashing sinks do it without building the slice). */
  pushRange(s: string, from: number, to: number): void;
  emit(): void;
}

export class NameSink implements FeatureSink {
  readonly names: string[] = [];
  private cur = "";
  begin(prefix: string): void {
    this.cur = prefix;
  }
  push(part: string): void {
    this.cur += part;
  }
  pushRange(s: string, from: number, to: number): void {
    this.cur += s.slice(from, to);
  }
  emit(): void {
    this.names.push(this.cur);
  }
}

/** Bump when feature extraction changes: it is part of the model version, so old artifacts are never mixed with new features. */
export const FEATURES_VERSION = 12;

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a over UTF-16 code units; `HashSink` computes the same value incrementally. */
export function hashName(name: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), FNV_PRIME);
  return h >>> 0;
}

export class HashSink implements FeatureSink {
  hashes: number[] = [];
  private h = FNV_OFFSET;
  begin(prefix: string): void {
    this.h = FNV_OFFSET;
    this.push(prefix);
  }
  push(part: string): void {
    let h = this.h;
    for (let i = 0; i < part.length; i++) h = Math.imul(h ^ part.charCodeAt(i), FNV_PRIME);
    this.h = h;
  }
  pushRange(s: string, from: number, to: number): void {
    let h = this.h;
    for (let i = from; i < to; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
    this.h = h;
  }
  emit(): void {
    this.hashes.push(this.h >>> 0);
  }
  /** Empties the sink for the next message (serving reuses one sink: no allocation per message). */
  reset(): this {
    this.hashes.length = 0;
    return this;
  }
}

// Code-point start offsets of the string being cut into n-grams (scratch, grown on demand).
let starts = new Int32Array(1024);

/**
 * Character n-grams of `s`, by code point (an emoji is one character), from `minN` to `maxN`.
 * Works on offsets into `s`, so a hashing sink never sees a per-character string.
 */
function charGrams(sink: FeatureSink, prefix: string, s: string, minN: number, maxN: number): void {
  if (starts.length < s.length + 1) starts = new Int32Array(s.length * 2 + 1);
  let count = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // A low surrogate continues the code point that its high surrogate started.
    if (c >= 0xdc00 && c <= 0xdfff && i > 0) {
      const p = s.charCodeAt(i - 1);
      if (p >= 0xd800 && p <= 0xdbff) continue;
    }
    starts[count++] = i;
  }
  starts[count] = s.length;
  for (let i = 0; i + minN <= count; i++) {
    sink.begin(prefix);
    sink.pushRange(s, starts[i]!, starts[i + 1]!);
    for (let n = 2; n <= maxN && i + n <= count; n++) {
      sink.pushRange(s, starts[i + n - 1]!, starts[i + n]!);
      // Latin bigrams ("th", "e ") say little that trigrams do not, and cost a third of the features.
      if (n >= minN && (n > 2 || minN === maxN || s.charCodeAt(starts[i]!) > 0x7f || s.charCodeAt(starts[i + 1]!) > 0x7f)) sink.emit();
    }
  }
}

const isHanKana = (c: number): boolean => (c >= 0x3040 && c <= 0x30ff) || (c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff);

function whole(sink: FeatureSink, prefix: string, ...parts: string[]): void {
  sink.begin(prefix);
  for (const p of parts) sink.push(p);
  sink.emit();
}

/** Emits the features of the message itself (no lexicon, no context features). */
export function emitTextFeatures(text: string, sink: FeatureSink): void {
  const tokens = tokenize(normalize(text));
  let prevLatin: string | undefined;
  // Negation scope: the two words after a negator also count as "not <word>" (`n:`), so "không
  // tốt", "tidak enak" and "not worth" share weight with other negated words, and the plain word
  // keeps its own meaning elsewhere.
  let negated = 0;
  for (const t of tokens) {
    if (isNoSpace(t)) {
      if (t.length <= 6) whole(sink, "w:", t);
      if (isThai(t)) emitThaiWords(sink, t);
      prevLatin = undefined;
      negated = 0;
    } else {
      whole(sink, "w:", t);
      if (prevLatin !== undefined) whole(sink, "b:", prevLatin, " ", t);
      if (NEGATORS.has(t)) negated = 2;
      else if (negated > 0) {
        whole(sink, "n:", t);
        negated--;
      }
      prevLatin = t;
    }
  }
  const joined = " " + tokens.join(" ") + " ";
  charGrams(sink, "c:", joined, 2, 3);
  // Single characters only for Han and kana, where one character is often a word (贵, 退, 吗);
  // a lone Thai consonant or Vietnamese vowel says nothing and only picks up corpus bias.
  // (All of these are single UTF-16 units, so a code-unit scan finds exactly them.)
  for (let i = 0; i < joined.length; i++) {
    if (!isHanKana(joined.charCodeAt(i))) continue;
    sink.begin("c:");
    sink.pushRange(joined, i, i + 1);
    sink.emit();
  }
  // Short-line buckets only: in the corpus long lines are mostly rants, so a "long" feature taught
  // the model that length itself is negative, and every long, calm review came out negative.
  const n = tokens.length;
  if (n <= 8) whole(sink, n <= 1 ? "len:1" : n <= 3 ? "len:3" : "len:8");
}

/**
 * Words of a Thai run (see thai-words.ts): unigrams when the run has more than one word (a
 * one-word run already has its `w:`), bigrams (`b:`, so "ไม่ อร่อย" and "ผิด หวัง" are units), and
 * the two words after a negator as `n:`, like the Latin negation scope.
 */
function emitThaiWords(sink: FeatureSink, run: string): void {
  const words = thaiWords(run);
  if (words.length < 2) return;
  let negated = 0;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    whole(sink, "w:", w);
    if (i > 0) whole(sink, "b:", words[i - 1]!, " ", w);
    if (THAI_NEGATORS.has(w)) negated = 2;
    else if (negated > 0) {
      whole(sink, "n:", w);
      negated--;
    }
  }
}

/** Emits context features: the last earlier message only, words and character bigrams, prefixed `x:`. */
export function emitContextFeatures(context: readonly string[] | undefined, sink: FeatureSink): void {
  const last = context?.at(-1);
  if (!last) return;
  whole(sink, "x:any");
  for (const t of tokenize(normalize(last))) {
    if (isNoSpace(t)) charGrams(sink, "x:", t, 2, 2);
    else whole(sink, "x:", t);
  }
}

/** Feature names of a message (training, evidence and tests; serving uses hashes). */
export function textFeatures(text: string): string[] {
  const sink = new NameSink();
  emitTextFeatures(text, sink);
  return sink.names;
}

export function contextFeatures(context: readonly string[] | undefined): string[] {
  const sink = new NameSink();
  emitContextFeatures(context, sink);
  return sink.names;
}
