import { and, eq, inArray, sql } from "drizzle-orm";
import { triageItems } from "../../db/schema/index.ts";
import type { Deps } from "../deps.ts";
import { newId } from "../ids.ts";
import type { DraftRequest, TriageState } from "../ports.ts";
import { readDraftState, type LlmDraftState } from "../replies/draft-state.ts";
import { reviewLlmDraft } from "../replies/draft-review.ts";
import { DEFAULT_SHOP_REPLIES } from "../replies/shop-settings.ts";
import { loadItemView } from "./card-model.ts";
import { shopMarket } from "./draft-reply.ts";
import { findShopById, type ShopContext } from "./shop-lookup.ts";
import type { Suggestion } from "./suggest.ts";

/** States whose card still has live buttons: a draft may still replace the suggestion there. */
const OPEN: TriageState[] = ["classified", "carded", "claimed", "escalated"];

/**
 * Whether this item gets an LLM draft, as a `pending` state to store with the template. Only for
 * shops that chose `replies.draft: "llm"`, with an LLM configured, and only where a template was
 * suggested at all (no draft for spam or a critical-risk message: those get no suggestion) and the
 * item is not being answered automatically (auto-replies are templates, always).
 */
export function startLlmDraft(deps: Deps, shop: ShopContext, suggestion: Suggestion | null, autoSent: boolean): LlmDraftState | null {
  const settings = shop.config.replies ?? DEFAULT_SHOP_REPLIES;
  if (settings.draft !== "llm" || !deps.drafter.enabled || !suggestion || autoSent) return null;
  return { status: "pending", id: newId("drf"), requestedAt: deps.now().toISOString() };
}

/**
 * ④c The `triage.draft` job: asks the LLM for a reply grounded in the item's order, the shop's
 * FAQ and the template on the card, then either puts it on the card (with its translation) or
 * records why the template stays. It runs after the card is up, so a slow LLM never delays the card.
 * The write is conditional on the draft request still being the current one and the item still
 * open, so a reclassify or a decision in the meantime wins.
 */
export async function draftWithLlm(deps: Deps, itemId: string, draftId: string): Promise<void> {
  const view = await loadItemView(deps.db, itemId);
  const state = readDraftState(view?.item.llmDraft);
  if (!view || state?.status !== "pending" || state.id !== draftId) return; // settled or superseded
  const { item, message, classification: c } = view;
  if (!OPEN.includes(item.state)) return settle(deps, itemId, draftId, { status: "fallback", id: draftId, reason: `the item was ${item.state} before the draft was ready` });

  const shop = await findShopById(deps, item.shopId);
  const settings = shop.config.replies ?? DEFAULT_SHOP_REPLIES;
  const order = item.orderContext ?? null;
  const request: DraftRequest = {
    message: message.text ?? `[${message.type.toLowerCase()}]`,
    intent: item.intent ?? c?.intent ?? "other",
    lang: c?.lang && c.lang !== "und" ? c.lang : "en",
    staffLang: settings.staffLang,
    order,
    faq: settings.faq ?? null,
    template: item.suggestedReply,
    market: shopMarket(shop),
    shopName: shop.shop.name,
  };
  const outcome = await deps.drafter.draft(request);
  if (!outcome.ok) {
    deps.log.warn("llm_draft.fallback", { itemId, reason: outcome.reason, ms: outcome.ms });
    return settle(deps, itemId, draftId, { status: "fallback", id: draftId, reason: outcome.reason, ms: outcome.ms });
  }
  // What the model was given is all it may cite: every identifier in the draft must come from here.
  const sources = [
    order?.orderId, order?.trackingNumber, order?.carrier, order?.eta, ...(order?.products ?? []), ...(order?.events.map((e) => e.description) ?? []),
    request.template, request.faq, settings.productLink, settings.coupon, request.shopName,
  ];
  const review = reviewLlmDraft({ reply: outcome.reply, sources, guard: deps.compliance, market: request.market, platform: shop.shop.platform });
  if (!review.ok) {
    deps.log.warn("llm_draft.refused", { itemId, reason: review.reason, ms: outcome.ms });
    return settle(deps, itemId, draftId, { status: "fallback", id: draftId, reason: `LLM draft refused: ${review.reason}`, ms: outcome.ms });
  }
  const ready: LlmDraftState = {
    status: "ready",
    id: draftId,
    model: outcome.model,
    lang: request.lang,
    staffLang: request.staffLang,
    translation: request.lang === request.staffLang ? null : outcome.translation,
    anchor: item.suggestionSource,
    ms: outcome.ms,
  };
  deps.log.info("llm_draft.ready", { itemId, model: outcome.model, ms: outcome.ms, warnings: review.violations.length });
  await settle(deps, itemId, draftId, ready, { suggestedReply: outcome.reply, suggestionSource: `llm:${outcome.model}`, complianceNotes: review.violations });
}

/** Gives up on a draft whose job kept failing: the template stays and the card says why. */
export async function abandonLlmDraft(deps: Deps, itemId: string, draftId: string, reason: string): Promise<void> {
  await settle(deps, itemId, draftId, { status: "fallback", id: draftId, reason });
}

async function settle(
  deps: Deps,
  itemId: string,
  draftId: string,
  next: LlmDraftState,
  suggestion?: { suggestedReply: string; suggestionSource: string; complianceNotes: NonNullable<typeof triageItems.$inferSelect.complianceNotes> },
): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const moved = await tx
      .update(triageItems)
      .set({ llmDraft: next, ...(suggestion ?? {}), version: sql`${triageItems.version} + 1` })
      .where(
        and(
          eq(triageItems.id, itemId),
          sql`${triageItems.llmDraft}->>'status' = 'pending' and ${triageItems.llmDraft}->>'id' = ${draftId}`,
          // A suggestion only ever replaces the one on a card with live buttons.
          ...(suggestion ? [inArray(triageItems.state, OPEN)] : []),
        ),
      )
      .returning({ id: triageItems.id });
    if (moved.length > 0) await deps.queue.enqueue("triage.card-update", { itemId }, { tx, singletonKey: itemId });
  });
  deps.queue.nudge();
}
