import { isQuestionText } from "../../intents/featurize.ts";
import { lexiconFlags, lexiconText } from "../../intents/lexicons/risk.ts";
import { deriveRisk } from "../../intents/risk-level.ts";
import type { RiskLevel } from "../../intents/taxonomy.ts";

/**
 * The cheap risk guess made at ingest, inside the webhook request, to decide queue priority: the
 * intent engine's own risk lexicons and risk rules on the webhook text alone (no model, no LLM,
 * no context; microseconds). It only orders work — the classifier's risk decides the alert — so
 * a miss costs queue position, never the alert itself.
 */
export function precheckRisk(text: string | null): RiskLevel {
  if (!text) return "none";
  const flags = lexiconFlags(lexiconText(text), isQuestionText(text));
  return deriveRisk({ flags, sentiment: "neutral", intent: "other" });
}

/** Risk levels that raise a managers' alert. */
export const ALERT_RISKS: ReadonlySet<RiskLevel> = new Set(["high", "critical"]);
