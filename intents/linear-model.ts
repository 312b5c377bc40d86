/**
 * Sparse linear scoring shared by the trainer and the runtime. Weights are feature-major
 * (`w[f * labels + c]`) so one feature's row is contiguous: a message touches ~100 rows, and
 * walking them in order is what keeps a classification in the microseconds.
 */

export type SparseVec = { idx: number[]; val: number[] };

/** Context weighs less than the message itself: it disambiguates, it does not decide. */
export const CONTEXT_SCALE = 0.6;

/**
 * Lexicon hits (`lex:` features) are normalised apart and weigh this much: inside the message's own
 * L2 norm a long review's few tone-word hits drowned among hundreds of character n-grams, so the
 * longer a review, the less its "terrible" counted. Apart, they weigh the same in a line and a page.
 */
export const LEX_SCALE = 0.5;

/**
 * Feature hash → feature index, open addressing over typed arrays: a lookup is a multiply, a
 * shift and usually one comparison (a `Map` of strings costs ~10x more per lookup here).
 * Two names with the same 32-bit hash would share a row; the trainer checks there are none.
 */
export class FeatureTable {
  /** Interleaved [key, index] pairs: a probe touches one cache line, not one in each of two arrays. */
  private readonly slots: Int32Array;
  private readonly shift: number;
  private readonly mask: number;
  readonly size: number;

  constructor(hashes: readonly number[]) {
    let bits = 4;
    while (1 << bits < hashes.length * 2) bits++;
    this.slots = new Int32Array(2 << bits);
    for (let i = 1; i < this.slots.length; i += 2) this.slots[i] = -1;
    this.shift = 32 - bits;
    this.mask = (1 << bits) - 1;
    this.size = hashes.length;
    hashes.forEach((h, i) => {
      let slot = Math.imul(h, 0x9e3779b1) >>> this.shift;
      while (this.slots[2 * slot + 1] !== -1) {
        if (this.slots[2 * slot] === (h | 0)) throw new Error(`feature table: duplicate hash ${h}`);
        slot = (slot + 1) & this.mask;
      }
      this.slots[2 * slot] = h | 0;
      this.slots[2 * slot + 1] = i;
    });
  }

  get(h: number): number {
    const slots = this.slots;
    let slot = Math.imul(h, 0x9e3779b1) >>> this.shift;
    for (;;) {
      const v = slots[2 * slot + 1]!;
      if (v === -1 || slots[2 * slot] === (h | 0)) return v;
      slot = (slot + 1) & this.mask;
    }
  }
}

/**
 * Turns feature hashes into a vector: message features L2-normalised (a long review and a two-word
 * line land on the same scale), context features normalised apart and scaled down. Unknown
 * features are dropped; duplicates add up.
 */
export function vectorize(text: readonly number[], context: readonly number[], table: FeatureTable, lex: readonly number[] = []): SparseVec {
  const out: SparseVec = { idx: [], val: [] };
  addPart(out, text, table, 1);
  if (context.length > 0) addPart(out, context, table, CONTEXT_SCALE);
  if (lex.length > 0) addPart(out, lex, table, LEX_SCALE);
  return out;
}

// Sorting the hit indices and counting runs is much cheaper than a Map of counts on this hot path.
function addPart(out: SparseVec, hashes: readonly number[], table: FeatureTable, scale: number): void {
  const hits = new Int32Array(hashes.length);
  let n = 0;
  for (const h of hashes) {
    const i = table.get(h);
    if (i !== -1) hits[n++] = i;
  }
  if (n === 0) return;
  const sorted = hits.subarray(0, n).sort();
  const start = out.idx.length;
  let norm = 0;
  for (let k = 0; k < n; ) {
    let run = 1;
    while (k + run < n && sorted[k + run] === sorted[k]) run++;
    out.idx.push(sorted[k]!);
    out.val.push(run);
    norm += run * run;
    k += run;
  }
  const f = scale / Math.sqrt(norm);
  for (let k = start; k < out.val.length; k++) out.val[k]! *= f;
}

/** A trained head: `labels.length` outputs over the shared feature space. */
export type LinearHead = {
  labels: readonly string[];
  /** Float while training; int8 (times `scale`) when loaded from an artifact. */
  weights: Float32Array | Int8Array;
  scale?: number;
  bias: Float32Array;
  /** Temperature from calibration on the held-out split (1 = uncalibrated). */
  temperature: number;
};

export function logits(head: LinearHead, x: SparseVec): Float64Array {
  const L = head.labels.length;
  const out = new Float64Array(L);
  const w = head.weights;
  for (let j = 0; j < x.idx.length; j++) {
    const base = x.idx[j]! * L;
    const v = x.val[j]!;
    for (let c = 0; c < L; c++) out[c]! += w[base + c]! * v;
  }
  const scale = head.scale ?? 1;
  for (let c = 0; c < L; c++) out[c] = out[c]! * scale + head.bias[c]!;
  return out;
}

/** `into` may be `z` itself (in place): serving reuses its buffers, a typed-array allocation costs more than the 31 exps. */
export function softmax(z: Float64Array, temperature = 1, into?: Float64Array): Float64Array {
  let max = -Infinity;
  for (let i = 0; i < z.length; i++) if (z[i]! > max) max = z[i]!;
  const out = into ?? new Float64Array(z.length);
  let sum = 0;
  for (let i = 0; i < z.length; i++) {
    out[i] = Math.exp((z[i]! - max) / temperature);
    sum += out[i]!;
  }
  for (let i = 0; i < z.length; i++) out[i]! /= sum;
  return out;
}

export const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

export function argmax(p: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < p.length; i++) if (p[i]! > p[best]!) best = i;
  return best;
}
