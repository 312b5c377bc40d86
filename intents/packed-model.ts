import { CONTEXT_SCALE, LEX_SCALE, type FeatureTable } from "./linear-model.js";

/**
 * The serving layout of a loaded model. All three heads share one int8 row per feature
 * (`[31 intent | 3 sentiment | 9 flags]`), so a message's ~100 features cost ~100 cache lines,
 * not 300: at this size the scoring is bound by memory latency, not arithmetic.
 *
 * Not re-entrant by design: the vectorizer reuses scratch arrays, which is safe because a
 * classification is synchronous and JS runs it to completion.
 */
export type PackedHead = { labels: readonly string[]; offset: number; scale: number; bias: Float32Array; temperature: number };

export type PackedModel = {
  /** Outputs per row (all heads); also the distance between rows (padding rows to 64 bytes measured ~15% slower: more memory for the same data). */
  width: number;
  rows: Int8Array;
  table: FeatureTable;
  heads: { intent: PackedHead; sentiment: PackedHead; flags: PackedHead };
};

export function packHeads(
  nFeatures: number,
  table: FeatureTable,
  heads: Record<"intent" | "sentiment" | "flags", { labels: readonly string[]; weights: Int8Array; scale: number; bias: Float32Array; temperature: number }>,
): PackedModel {
  const order = [heads.intent, heads.sentiment, heads.flags];
  const width = order.reduce((n, h) => n + h.labels.length, 0);
  const rows = new Int8Array(nFeatures * width);
  let offset = 0;
  const packed = order.map((h) => {
    const L = h.labels.length;
    for (let f = 0; f < nFeatures; f++) rows.set(h.weights.subarray(f * L, f * L + L), f * width + offset);
    const p: PackedHead = { labels: h.labels, offset, scale: h.scale, bias: h.bias, temperature: h.temperature };
    offset += L;
    return p;
  });
  return { width, rows, table, heads: { intent: packed[0]!, sentiment: packed[1]!, flags: packed[2]! } };
}

/** A message as (feature index, value) pairs, in scratch arrays valid until the next call. */
export type Vec = { idx: Int32Array; val: Float64Array; n: number };

/**
 * Same values as `linear-model.vectorize` (the trainer's path; a test checks they agree), without
 * sorting or maps. Repeated features are found in a small open-addressed set keyed by feature
 * index, sized to the message and reused: it stays in L1, where stamp arrays as long as the
 * vocabulary cost two cache misses per feature.
 */
export function createVectorizer(model: PackedModel): (text: readonly number[], context: readonly number[], lex?: readonly number[]) => Vec {
  let bits = 8;
  let keys = new Int32Array(1 << bits);
  let stamps = new Int32Array(1 << bits);
  let slots = new Int32Array(1 << bits);
  let gen = 0;
  let idx = new Int32Array(512);
  let val = new Float64Array(512);
  const vec: Vec = { idx, val, n: 0 };

  function part(hashes: readonly number[], scale: number): void {
    if (hashes.length * 2 > 1 << bits) {
      while (hashes.length * 2 > 1 << bits) bits++;
      keys = new Int32Array(1 << bits);
      stamps = new Int32Array(1 << bits);
      slots = new Int32Array(1 << bits);
    }
    const mask = (1 << bits) - 1;
    const shift = 32 - bits;
    gen++;
    const start = vec.n;
    for (let h = 0; h < hashes.length; h++) {
      const i = model.table.get(hashes[h]!);
      if (i === -1) continue;
      let p = Math.imul(i, 0x9e3779b1) >>> shift;
      while (stamps[p] === gen && keys[p] !== i) p = (p + 1) & mask;
      if (stamps[p] === gen) {
        val[slots[p]!]! += 1;
        continue;
      }
      if (vec.n === idx.length) grow();
      stamps[p] = gen;
      keys[p] = i;
      slots[p] = vec.n;
      idx[vec.n] = i;
      val[vec.n] = 1;
      vec.n++;
    }
    let norm = 0;
    for (let k = start; k < vec.n; k++) norm += val[k]! * val[k]!;
    if (norm === 0) return;
    const f = scale / Math.sqrt(norm);
    for (let k = start; k < vec.n; k++) val[k]! *= f;
  }
  function grow(): void {
    const i2 = new Int32Array(idx.length * 2);
    i2.set(idx);
    const v2 = new Float64Array(val.length * 2);
    v2.set(val);
    idx = vec.idx = i2;
    val = vec.val = v2;
  }
  return (text, context, lex) => {
    vec.n = 0;
    part(text, 1);
    if (context.length > 0) part(context, CONTEXT_SCALE);
    if (lex && lex.length > 0) part(lex, LEX_SCALE);
    return vec;
  };
}

/**
 * Raw scores of every output of every head: one pass over the message's rows. Four rows per step:
 * each score is loaded and stored once per four rows instead of once per row (measured ~1.7x on
 * this loop); the sum order differs from row-by-row only in the last bits.
 */
export function scoreRows(model: PackedModel, x: Vec, into?: Float64Array): Float64Array {
  const W = model.width;
  const out = into ?? new Float64Array(W);
  out.fill(0);
  const rows = model.rows;
  const idx = x.idx;
  const val = x.val;
  const n = x.n;
  let j = 0;
  for (; j + 4 <= n; j += 4) {
    const b0 = idx[j]! * W;
    const b1 = idx[j + 1]! * W;
    const b2 = idx[j + 2]! * W;
    const b3 = idx[j + 3]! * W;
    const v0 = val[j]!;
    const v1 = val[j + 1]!;
    const v2 = val[j + 2]!;
    const v3 = val[j + 3]!;
    for (let c = 0; c < W; c++) out[c]! += rows[b0 + c]! * v0 + rows[b1 + c]! * v1 + rows[b2 + c]! * v2 + rows[b3 + c]! * v3;
  }
  for (; j < n; j++) {
    const base = idx[j]! * W;
    const v = val[j]!;
    for (let c = 0; c < W; c++) out[c]! += rows[base + c]! * v;
  }
  return out;
}

/** One head's logits from the raw scores. */
export function headLogits(head: PackedHead, raw: Float64Array, into?: Float64Array): Float64Array {
  const L = head.labels.length;
  const out = into ?? new Float64Array(L);
  for (let c = 0; c < L; c++) out[c] = raw[head.offset + c]! * head.scale + head.bias[c]!;
  return out;
}

/**
 * The features that most separate the winning class from the runner-up: (w_best − w_second)·x,
 * positive ones, strongest first. "Why this and not the next best" is what a reviewer asks, and it
 * costs two loads per feature.
 */
export function evidenceFeatures(model: PackedModel, x: Vec, head: PackedHead, best: number, second: number, k: number): number[] {
  const W = model.width;
  // Top k by insertion into small fixed arrays (k is ~10), kept between calls: no splice, no
  // per-call growth, no typed-array allocation (which costs more than the scan itself).
  if (topF.length < k) {
    topF = new Int32Array(k);
    topS = new Float64Array(k);
  }
  let size = 0;
  for (let j = 0; j < x.n; j++) {
    const base = x.idx[j]! * W + head.offset;
    const s = (model.rows[base + best]! - model.rows[base + second]!) * x.val[j]!;
    if (s <= 0 || (size === k && s <= topS[k - 1]!)) continue;
    let p = size < k ? size : k - 1;
    while (p > 0 && topS[p - 1]! < s) {
      topS[p] = topS[p - 1]!;
      topF[p] = topF[p - 1]!;
      p--;
    }
    topS[p] = s;
    topF[p] = x.idx[j]!;
    if (size < k) size++;
  }
  const out: number[] = [];
  for (let i = 0; i < size; i++) out.push(topF[i]!);
  return out;
}
let topF = new Int32Array(16);
let topS = new Float64Array(16);
