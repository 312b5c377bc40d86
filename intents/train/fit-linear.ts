import { sigmoid, type SparseVec } from "../linear-model.js";

/**
 * Sparse linear model fitting: multinomial logistic regression (softmax) or independent logistic
 * outputs (sigmoid, for multi-label risk flags), by AdaGrad with L2 decay on the touched rows.
 * Hand-written because the generic JS ML libraries are dense (a 50k × 31 dense matrix per step is
 * what would make training slow) and this is ~80 lines; deterministic for a given seed.
 */
export type FitOptions = {
  loss: "softmax" | "sigmoid";
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
  /** Per-example weight (e.g. to balance classes or corpora); defaults to 1. */
  sampleWeight?: number[];
};

export type Fitted = { weights: Float32Array; bias: Float32Array };

/** `targets[i]`: the class index (softmax) or the list of positive outputs (sigmoid). */
export function fitLinear(xs: SparseVec[], targets: (number | number[])[], nFeatures: number, nOut: number, o: FitOptions): Fitted {
  const w = new Float32Array(nFeatures * nOut);
  const g2 = new Float32Array(nFeatures * nOut).fill(1e-8);
  const b = new Float32Array(nOut);
  const bg2 = new Float32Array(nOut).fill(1e-8);
  const order = xs.map((_, i) => i);
  const rand = mulberry32(o.seed);
  const z = new Float64Array(nOut);
  const grad = new Float64Array(nOut);

  for (let epoch = 0; epoch < o.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const n of order) {
      const x = xs[n]!;
      const sw = o.sampleWeight?.[n] ?? 1;
      for (let c = 0; c < nOut; c++) z[c] = b[c]!;
      for (let k = 0; k < x.idx.length; k++) {
        const base = x.idx[k]! * nOut;
        const v = x.val[k]!;
        for (let c = 0; c < nOut; c++) z[c]! += w[base + c]! * v;
      }
      const t = targets[n]!;
      if (o.loss === "softmax") {
        let max = -Infinity;
        for (let c = 0; c < nOut; c++) if (z[c]! > max) max = z[c]!;
        let sum = 0;
        for (let c = 0; c < nOut; c++) sum += grad[c] = Math.exp(z[c]! - max);
        for (let c = 0; c < nOut; c++) grad[c] = (grad[c]! / sum - (c === t ? 1 : 0)) * sw;
      } else {
        const pos = t as number[];
        for (let c = 0; c < nOut; c++) grad[c] = (sigmoid(z[c]!) - (pos.includes(c) ? 1 : 0)) * sw;
      }
      for (let c = 0; c < nOut; c++) {
        bg2[c]! += grad[c]! * grad[c]!;
        b[c]! -= (o.learningRate * grad[c]!) / Math.sqrt(bg2[c]!);
      }
      for (let k = 0; k < x.idx.length; k++) {
        const base = x.idx[k]! * nOut;
        const v = x.val[k]!;
        for (let c = 0; c < nOut; c++) {
          const g = grad[c]! * v + o.l2 * w[base + c]!;
          g2[base + c]! += g * g;
          w[base + c]! -= (o.learningRate * g) / Math.sqrt(g2[base + c]!);
        }
      }
    }
  }
  return { weights: w, bias: b };
}

/** Small seeded PRNG so training is reproducible. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
