import { z } from "zod";
import { DEFAULT_INTENT_IDS, RISK_FLAGS, SENTIMENTS, type DefaultIntentId } from "./taxonomy.js";

/** One line of `intents/corpus/<lang>.jsonl` (format in intents/corpus/README.md). */
export const IntentRowSchema = z.object({
  text: z.string().min(1),
  intent: z.enum(DEFAULT_INTENT_IDS as [DefaultIntentId, ...DefaultIntentId[]]),
  lang: z.string().min(2).max(8),
  sentiment: z.enum(SENTIMENTS),
  risk_flags: z.array(z.enum(RISK_FLAGS)).default([]),
  context: z.array(z.string()).optional(),
});
export type IntentRow = z.infer<typeof IntentRowSchema>;

/** One line of `intents/corpus/sentiment/<lang>.jsonl`: tone only. */
export const SentimentRowSchema = z.object({
  text: z.string().min(1),
  lang: z.string().min(2).max(8),
  sentiment: z.enum(SENTIMENTS),
});
export type SentimentRow = z.infer<typeof SentimentRowSchema>;

/** FNV-1a, 32 bit: tiny, stable across runtimes and versions, good enough to split on. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Held-out share of the corpus, by hash of the text (so a line never changes side as files grow). */
export const HELD_OUT_PERCENT = 15;
export const isHeldOut = (text: string): boolean => fnv1a(text.trim()) % 100 < HELD_OUT_PERCENT;
