import type { ActionKind, TriageState } from "../ports.ts";

/**
 * The triage state machine for staff actions: which states each action may leave from and where
 * it lands (`null`: the state stays, as for reclassify). Send-side states (`sending`, `sent`,
 * `failed`) are entered only by the send job.
 */
export const TRANSITIONS: Record<ActionKind, { from: TriageState[]; to: TriageState | null }> = {
  approve: { from: ["carded", "claimed", "escalated"], to: "approved" },
  edit: { from: ["carded", "claimed", "escalated"], to: "approved" },
  claim: { from: ["carded", "escalated"], to: "claimed" },
  escalate: { from: ["carded", "claimed"], to: "escalated" },
  dismiss: { from: ["carded", "claimed", "escalated"], to: "dismissed" },
  reclassify: { from: ["carded", "claimed", "escalated"], to: null },
};

/** Actions a claim reserves for the claimer; anyone may still escalate. */
export const CLAIMER_ONLY: ReadonlySet<ActionKind> = new Set(["approve", "edit", "dismiss", "reclassify", "claim"]);

/** Longest reply we accept; longer edits are refused with a clear message instead of truncated. */
export const MAX_REPLY_CHARS = 2000;
