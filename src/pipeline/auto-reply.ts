import { and, eq, isNotNull, ne, or, sql } from "drizzle-orm";
import { decisions, triageItems } from "../../db/schema/index.ts";
import type { Executor } from "../../db/client.ts";
import type { Classification } from "../../intents/taxonomy.ts";
import type { Deps } from "../deps.ts";
import type { Actor } from "../ports.ts";
import { decideAutoReply, type AutoDecision } from "../replies/auto-policy.ts";
import { OFF_HOURS_INTENT } from "../replies/defaults.ts";
import { pickTemplate } from "../replies/library.ts";
import { DEFAULT_SHOP_REPLIES } from "../replies/shop-settings.ts";
import { shopMarket, type Draft } from "./draft-reply.ts";
import type { ShopContext } from "./shop-lookup.ts";

export const AUTO_ACTOR: Actor = { surface: "system", id: "auto-reply" };

export type AutoPlan = AutoDecision & { text: string | null; source: string | null; recorded: boolean };

/** Whether staff already own or answered this conversation (a claim, or any human decision). */
async function humanTouched(db: Executor, conversationId: string, itemId: string): Promise<boolean> {
  const [claimed] = await db
    .select({ id: triageItems.id })
    .from(triageItems)
    .where(and(eq(triageItems.conversationId, conversationId), ne(triageItems.id, itemId), or(isNotNull(triageItems.claimedBy), eq(triageItems.state, "claimed"))))
    .limit(1);
  if (claimed) return true;
  const [human] = await db
    .select({ id: decisions.id })
    .from(decisions)
    .innerJoin(triageItems, eq(triageItems.id, decisions.triageItemId))
    .where(and(eq(triageItems.conversationId, conversationId), sql`${decisions.actor}->>'surface' <> 'system'`))
    .limit(1);
  return !!human;
}

/**
 * ④b The shop's auto-reply policy for a classified message: what would be sent and why. Policies
 * that are off (or killed) produce no record; every other outcome is recorded as a decision.
 */
export async function planAutoReply(
  deps: Deps,
  shop: ShopContext,
  input: { itemId: string; conversationId: string; conversationKey: string; c: Classification; draft: Draft },
): Promise<AutoPlan> {
  const policy = (shop.config.replies ?? DEFAULT_SHOP_REPLIES).autoReply;
  const recorded = policy.mode !== "off" && !deps.config.autoReplyKilled;
  if (!recorded) return { action: "skip", reason: "auto-reply is off", text: null, source: null, recorded };
  const now = deps.now();
  const ack = policy.offHoursAck ? await offHoursAck(deps, shop, input.c.lang, policy.businessHours?.open) : null;
  const { compliance } = input.draft;
  // Only a template is ever sent without a human: an LLM's text always waits for a click.
  const suggestion = input.draft.suggestion?.source.startsWith("template:") ? input.draft.suggestion : null;
  const decision = decideAutoReply({
    policy,
    killed: deps.config.autoReplyKilled,
    intent: input.c.intent,
    confidence: input.c.confidence,
    unsure: input.c.unsure,
    risk: input.c.risk,
    conversationKey: input.conversationKey,
    humanTouched: await humanTouched(deps.db, input.conversationId, input.itemId),
    now,
    verdict: suggestion ? { allowed: !compliance.some((v) => v.severity === "block"), violations: compliance } : null,
    ackAvailable: !!ack,
  });
  const chosen = decision.action.endsWith("ack") ? ack : decision.action.endsWith("send") ? suggestion : null;
  return { ...decision, text: chosen?.text ?? null, source: chosen?.source ?? null, recorded };
}

async function offHoursAck(deps: Deps, shop: ShopContext, lang: string, opensAt: string | undefined) {
  const picked = await pickTemplate(deps.db, { shopId: shop.shop.externalId, intent: OFF_HOURS_INTENT, lang, vars: { opens_at: opensAt } });
  if (!picked) return null;
  return deps.compliance.check(picked.text, shopMarket(shop), shop.shop.platform).allowed ? picked : null;
}
