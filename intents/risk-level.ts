import type { RiskFlag, RiskLevel, Sentiment } from "./taxonomy.js";
import { RISK_LEVELS } from "./taxonomy.js";

/**
 * How the `risk` level follows from flags, sentiment and intent. The rules, strongest first:
 *
 * | level    | when |
 * |----------|------|
 * | critical | `safety_hazard` (always); or three or more of the escalation flags below |
 * | high     | `legal_threat`, `platform_dispute` or `public_exposure`; or two of `bad_review_threat`, `fraud_accusation`, `abusive` |
 * | medium   | `bad_review_threat`, `fraud_accusation` or `abusive`; or `negative_emotion`/negative tone on a problem intent; or `urgent` with negative tone |
 * | low      | negative tone, `negative_emotion` or `urgent` on anything else; or a problem intent in a calm tone |
 * | none     | everything else |
 *
 * A buyer chasing the same problem again (`escalating`, from the context rules) raises the level
 * one step, up to `high` (only a safety hazard makes a message critical).
 *
 * Problem intents are those where something already went wrong for the buyer.
 */
export const PROBLEM_INTENTS: ReadonlySet<string> = new Set([
  "order_status",
  "delivery_problem",
  "return_refund",
  "wrong_item",
  "damaged_item",
  "quality_issue",
  "complaint",
  "cancel_order",
]);

const ESCALATION: readonly RiskFlag[] = ["legal_threat", "platform_dispute", "public_exposure", "bad_review_threat", "fraud_accusation", "abusive"];
const HIGH: readonly RiskFlag[] = ["legal_threat", "platform_dispute", "public_exposure"];
const MEDIUM: readonly RiskFlag[] = ["bad_review_threat", "fraud_accusation", "abusive"];

export function deriveRisk(args: { flags: readonly RiskFlag[]; sentiment: Sentiment; intent: string; escalating?: boolean }): RiskLevel {
  const has = (f: RiskFlag) => args.flags.includes(f);
  if (has("safety_hazard")) return "critical";
  const escalations = ESCALATION.filter(has).length;
  if (escalations >= 3) return "critical";
  const negative = args.sentiment === "negative" || has("negative_emotion");
  const problem = PROBLEM_INTENTS.has(args.intent);
  let level: RiskLevel = "none";
  if (HIGH.some(has) || MEDIUM.filter(has).length >= 2) level = "high";
  else if (MEDIUM.some(has) || (negative && problem) || (has("urgent") && negative)) level = "medium";
  else if (negative || has("urgent") || problem) level = "low";
  if (args.escalating) level = raise(level, "high");
  return level;
}

function raise(level: RiskLevel, cap: RiskLevel): RiskLevel {
  const i = RISK_LEVELS.indexOf(level);
  const capI = RISK_LEVELS.indexOf(cap);
  return i >= capI ? level : RISK_LEVELS[Math.min(i + 1, capI)]!;
}
