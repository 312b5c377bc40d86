import type { Executor } from "../../db/client.ts";
import type { RiskLevel } from "../../intents/taxonomy.ts";
import { pickTemplate } from "../replies/library.ts";
import type { TemplateVars } from "../replies/render.ts";

export type Suggestion = { text: string; source: string };

/**
 * ④ The suggested reply: the shop's (or the default) template for the intent and language, filled
 * with the order and shop data. The card says which template was used (`source`).
 */
export async function suggestReply(
  db: Executor,
  c: { intent: string; lang: string; risk: RiskLevel | string; shopId: string | null; vars: TemplateVars },
): Promise<Suggestion | null> {
  if (c.intent === "spam") return null;
  // A critical message (safety hazard, legal threat) deserves a reply written by a person.
  if (c.risk === "critical") return null;
  return (
    (await pickTemplate(db, { shopId: c.shopId, intent: c.intent, lang: c.lang, vars: c.vars })) ??
    (await pickTemplate(db, { shopId: c.shopId, intent: "other", lang: c.lang, vars: c.vars }))
  );
}
