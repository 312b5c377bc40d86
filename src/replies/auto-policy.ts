import type { ComplianceVerdict } from "../compliance/types.ts";
import { withinHours } from "../time/business-hours.ts";
import type { AutoReplyPolicy } from "./shop-settings.ts";

export type AutoAction = "send" | "shadow_send" | "ack" | "shadow_ack" | "skip";
export type AutoDecision = { action: AutoAction; reason: string };

export type AutoInput = {
  policy: AutoReplyPolicy;
  killed: boolean;
  intent: string;
  confidence: number;
  unsure: boolean;
  risk: string;
  conversationKey: string;
  humanTouched: boolean;
  now: Date;
  /** The suggested reply's compliance verdict; null when there is no suggestion. */
  verdict: ComplianceVerdict | null;
  /** Whether an off-hours acknowledgement could be rendered and passed compliance. */
  ackAvailable: boolean;
};

/**
 * The auto-reply policy as a pure function: whether this message is answered without a human,
 * only recorded (shadow), acknowledged off hours, or left to staff, and why. Checks run from the
 * hardest stop (kill switch, a human already on the conversation) to the softest (rollout).
 */
export function decideAutoReply(i: AutoInput): AutoDecision {
  const { policy } = i;
  if (i.killed) return skip("kill switch (AUTO_REPLY_KILL_SWITCH) is on");
  if (policy.mode === "off") return skip("auto-reply is off for this shop");
  if (i.humanTouched) return skip("a person has claimed or answered this conversation");
  const shadow = policy.mode === "shadow";
  const offHours = policy.businessHours ? !withinHours(policy.businessHours, i.now) : false;
  const why = whyNot(i);
  if (why === null) return { action: shadow ? "shadow_send" : "send", reason: `${i.intent} at ${pct(i.confidence)} within policy${offHours ? " (off hours)" : ""}` };
  if (offHours && policy.offHoursAck && i.ackAvailable && i.risk !== "critical") {
    return { action: shadow ? "shadow_ack" : "ack", reason: `off hours acknowledgement (${why})` };
  }
  return skip(why);
}

function whyNot(i: AutoInput): string | null {
  const { policy } = i;
  if (!policy.intents.includes(i.intent)) return `intent ${i.intent} is not auto-answered`;
  if (i.risk !== "none") return `risk is ${i.risk}`;
  const min = policy.minConfidence[i.intent] ?? policy.defaultMinConfidence;
  if (i.unsure || i.confidence < min) return `confidence ${pct(i.confidence)} below ${pct(min)}`;
  if (!i.verdict) return "no suggested reply";
  const blocked = i.verdict.violations.find((v) => v.severity === "block");
  if (blocked) return `compliance rule ${blocked.rule} blocks the reply`;
  if (rolloutBucket(i.conversationKey) >= policy.rolloutPercent) return `conversation outside the ${policy.rolloutPercent}% rollout`;
  return null;
}

const skip = (reason: string): AutoDecision => ({ action: "skip", reason });
const pct = (x: number) => `${Math.round(x * 100)}%`;

/** A stable 0–99 bucket per conversation (FNV-1a): the same buyer always gets the same treatment. */
export function rolloutBucket(key: string): number {
  let h = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(key)) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % 100;
}

/** Opening hours are shared with the SLA clocks (src/time/business-hours.ts). */
export { withinHours } from "../time/business-hours.ts";
