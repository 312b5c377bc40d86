import type { ActionKind, TriageState } from "../ports.ts";

/**
 * The triage state machine for staff actions: which states each action may leave from and where
 * it lands (`null`: the state stays, as for reclassify). Send-side states (`sending`, `sent`,
 * `failed`) are entered only by the send job. `classified` is accepted too: a card is live the
 * moment Slack shows it, a few milliseconds before its job records `carded` (or longer, if the
 * worker died in between), and a click in that window is a real decision.
 */
export const TRANSITIONS: Record<ActionKind, { from: TriageState[]; to: TriageState | null }> = {
  approve: { from: ["classified", "carded", "claimed", "escalated"], to: "approved" },
  edit: { from: ["classified", "carded", "claimed", "escalated"], to: "approved" },
  claim: { from: ["classified", "carded", "escalated"], to: "claimed" },
  escalate: { from: ["classified", "carded", "claimed"], to: "escalated" },
  dismiss: { from: ["classified", "carded", "claimed", "escalated"], to: "dismissed" },
  reclassify: { from: ["classified", "carded", "claimed", "escalated"], to: null },
};

/** Actions a claim reserves for the claimer; anyone may still escalate. */
export const CLAIMER_ONLY: ReadonlySet<ActionKind> = new Set(["approve", "edit", "dismiss", "reclassify", "claim"]);

/** Longest reply we accept; longer edits are refused with a clear message instead of truncated. */
export const MAX_REPLY_CHARS = 2000;
