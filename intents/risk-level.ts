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
  const flags = args.flags;
  if (flags.includes("safety_hazard")) return "critical";
  if (countOf(ESCALATION, flags) >= 3) return "critical";
  const negative = args.sentiment === "negative" || flags.includes("negative_emotion");
  const problem = PROBLEM_INTENTS.has(args.intent);
  const urgent = flags.includes("urgent");
  const medium = countOf(MEDIUM, flags);
  let level: RiskLevel = "none";
  if (countOf(HIGH, flags) > 0 || medium >= 2) level = "high";
  else if (medium > 0 || (negative && problem) || (urgent && negative)) level = "medium";
  else if (negative || urgent || problem) level = "low";
  if (args.escalating) level = raise(level, "high");
  return level;
}

// A loop, not `filter(has)`: this runs on every classification and closures allocate.
function countOf(list: readonly RiskFlag[], flags: readonly RiskFlag[]): number {
  let n = 0;
  for (const f of list) if (flags.includes(f)) n++;
  return n;
}

function raise(level: RiskLevel, cap: RiskLevel): RiskLevel {
  const i = RISK_LEVELS.indexOf(level);
  const capI = RISK_LEVELS.indexOf(cap);
  return i >= capI ? level : RISK_LEVELS[Math.min(i + 1, capI)]!;
}
