import { z } from "zod";

/**
 * Where an item's LLM draft stands, stored on the item (`triage_items.llm_draft`) so every card
 * re-render shows the same translation or the same reason for falling back.
 * - `pending`: the template is on the card and the draft job runs; Approve waits for it, so nobody
 *   approves a text they have not seen replaced under them.
 * - `ready`: the suggested reply is the LLM's; `translation` is for staff (null when the reply is
 *   already in the staff language).
 * - `fallback`: the LLM draft was not used (`reason`); the suggested reply is the template.
 * `id` ties a draft job to the request it answers: a reclassify starts a new one, and the old job's
 * answer no longer matches.
 */
export const LlmDraftStateSchema = z.discriminatedUnion("status", [
  z.object({ status: z.literal("pending"), id: z.string(), requestedAt: z.string() }),
  z.object({
    status: z.literal("ready"),
    id: z.string(),
    model: z.string(),
    lang: z.string(),
    staffLang: z.string(),
    translation: z.string().nullable(),
    /** The template the draft was anchored on (its source), for the retraining log. */
    anchor: z.string().nullable(),
    ms: z.number(),
  }),
  z.object({ status: z.literal("fallback"), id: z.string(), reason: z.string(), ms: z.number().optional() }),
]);
export type LlmDraftState = z.infer<typeof LlmDraftStateSchema>;

/** The stored state, or null when absent or unreadable (a card never fails on it). */
export function readDraftState(value: unknown): LlmDraftState | null {
  if (value == null) return null;
  const parsed = LlmDraftStateSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
