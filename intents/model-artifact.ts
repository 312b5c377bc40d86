import { z } from "zod";
import { hashName } from "./features.js";
import { FeatureTable } from "./linear-model.js";
import { packHeads, type PackedModel } from "./packed-model.js";

/**
 * The shipped model (`intents/model/model.json`): one feature vocabulary and three linear heads
 * (intent softmax, sentiment softmax, risk-flag sigmoids). Weights are int8, feature-major, base64,
 * one scale per head: that keeps the file at a few MB and the load to a base64 decode, and costs
 * under half a point of accuracy (checked by `npm run train`, which prints both).
 */
const HeadSchema = z.object({
  labels: z.array(z.string().min(1)).min(1),
  /** base64 of an Int8Array, length features × labels. */
  weights: z.string(),
  scale: z.number().positive(),
  bias: z.array(z.number()),
  temperature: z.number().positive(),
});

export const ModelArtifactSchema = z.object({
  format: z.literal("intents-linear/1"),
  version: z.string().min(1),
  /** Calibrated intent confidence under which a result is `unsure`. */
  threshold: z.number().min(0).max(1),
  /** Per-flag probability at which the model alone raises a flag (lexicons raise flags on their own). */
  flagThreshold: z.number().min(0).max(1),
  /** P(negative) at which the tone is negative even when another class scores higher (chosen on the held-out split; 0.4 before it was stored). */
  negativeAt: z.number().min(0).max(1).default(0.4),
  /** The same per detected language, each chosen on that language's held-out lines; languages not listed use `negativeAt`. */
  negativeAtByLang: z.record(z.string(), z.number().min(0).max(1)).default({}),
  features: z.array(z.string()),
  heads: z.object({ intent: HeadSchema, sentiment: HeadSchema, flags: HeadSchema }),
  /** What it was trained on, for the README and the decision log. */
  trainedOn: z.object({ rows: z.number().int(), sentimentRows: z.number().int(), langs: z.record(z.string(), z.number()), corpusHash: z.string() }),
});
export type ModelArtifact = z.infer<typeof ModelArtifactSchema>;
export type HeadArtifact = z.infer<typeof HeadSchema>;

export type LoadedModel = {
  version: string;
  threshold: number;
  flagThreshold: number;
  negativeAt: number;
  negativeAtByLang: Readonly<Record<string, number>>;
  features: readonly string[];
  packed: PackedModel;
};

function decodeBase64(s: string): Uint8Array {
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export function encodeBase64(bytes: Uint8Array): string {
  let bin = "";
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) bin += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(bin);
}

function decodeHead(h: HeadArtifact, nFeatures: number) {
  const raw = decodeBase64(h.weights);
  const expected = nFeatures * h.labels.length;
  if (raw.length !== expected) throw new Error(`model artifact: head has ${raw.length} weights, expected ${expected}`);
  // Kept as int8 at run time too (see packed-model.ts).
  const weights = new Int8Array(raw.buffer, raw.byteOffset, raw.length);
  if (h.bias.length !== h.labels.length) throw new Error("model artifact: bias length differs from labels");
  return { labels: h.labels, weights, scale: h.scale, bias: Float32Array.from(h.bias), temperature: h.temperature };
}

/** Validates the parsed JSON and turns it into runtime arrays. Throws on a malformed artifact. */
export function decodeArtifact(json: unknown): LoadedModel {
  const a = ModelArtifactSchema.parse(json);
  return {
    version: a.version,
    threshold: a.threshold,
    flagThreshold: a.flagThreshold,
    negativeAt: a.negativeAt,
    negativeAtByLang: a.negativeAtByLang,
    features: a.features,
    packed: packHeads(a.features.length, new FeatureTable(a.features.map(hashName)), {
      intent: decodeHead(a.heads.intent, a.features.length),
      sentiment: decodeHead(a.heads.sentiment, a.features.length),
      flags: decodeHead(a.heads.flags, a.features.length),
    }),
  };
}

/** int8 quantisation with one scale per head (max |w| → 127). */
export function quantize(weights: Float32Array): { bytes: Uint8Array; scale: number } {
  let max = 0;
  for (const w of weights) max = Math.max(max, Math.abs(w));
  const scale = max > 0 ? max / 127 : 1;
  const q = new Int8Array(weights.length);
  for (let i = 0; i < weights.length; i++) q[i] = Math.max(-127, Math.min(127, Math.round(weights[i]! / scale)));
  return { bytes: new Uint8Array(q.buffer), scale };
}
