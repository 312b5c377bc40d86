import { and, eq, sql } from "drizzle-orm";
import { defaultTaxonomy } from "../../intents/taxonomy.ts";
import { decisions, outboundReplies, triageItems } from "../../db/schema/index.ts";
import type { Deps } from "../deps.ts";
import { newId } from "../ids.ts";
import { readDraftState } from "../replies/draft-state.ts";
import type { ActionKind, Actor, TriageState } from "../ports.ts";
import { loadItemView } from "./card-model.ts";
import { draftReply, shopMarket } from "./draft-reply.ts";
import { startLlmDraft } from "./draft-with-llm.ts";
import { findShopById } from "./shop-lookup.ts";
import { CLAIMER_ONLY, MAX_REPLY_CHARS, TRANSITIONS } from "./transitions.ts";

export type DecisionInput = {
  itemId: string;
  action: ActionKind;
  actor: Actor;
  /** The surface's identity of this click (Slack: message_ts + action_id + action_ts). */
  dedupeKey?: string;
  /** The edited reply (edit). */
  text?: string;
  /** The corrected intent (reclassify). */
  intent?: string;
};

export type DecisionResult =
  | { ok: true; state: TriageState }
  | {
      ok: false;
      reason: "duplicate" | "not_found" | "already_handled" | "claimed_by_other" | "invalid" | "blocked";
      message: string;
    };

/**
 * ⑥ Applies a staff decision as one atomic compare-and-set on the item (state and version both
 * checked), writing the decision row, the outbound reply row and the follow-up jobs in the same
 * transaction. Of concurrent clicks, retries or instances, exactly one wins; the rest are told
 * the item was already handled. Only an approve or edit ever creates a reply, once per item.
 */
export async function decide(deps: Deps, input: DecisionInput): Promise<DecisionResult> {
  const rule = TRANSITIONS[input.action];
  const invalid = validate(input);
  if (invalid) return { ok: false, reason: "invalid", message: invalid };

  const result = await deps.db.transaction(async (tx): Promise<DecisionResult> => {
    if (input.dedupeKey) {
      const seen = await tx.select({ id: decisions.id }).from(decisions).where(eq(decisions.dedupeKey, input.dedupeKey));
      if (seen.length > 0) return { ok: false, reason: "duplicate", message: "This click was already handled." };
    }
    const view = await loadItemView(tx, input.itemId);
    if (!view) return { ok: false, reason: "not_found", message: "This item no longer exists." };
    const { item, message, classification: c } = view;
    if (!rule.from.includes(item.state)) {
      return { ok: false, reason: "already_handled", message: `Already handled: this item is ${item.state}.` };
    }
    if (item.claimedBy && item.claimedBy.id !== input.actor.id && CLAIMER_ONLY.has(input.action)) {
      return { ok: false, reason: "claimed_by_other", message: `Claimed by <@${item.claimedBy.id}>: only they can do that.` };
    }
    const finalText = input.action === "edit" ? input.text!.trim() : input.action === "approve" ? item.suggestedReply : null;
    if (input.action === "approve" && !finalText) {
      return { ok: false, reason: "invalid", message: "There is no suggested reply to approve: use Edit to write one." };
    }
    // The card shows the template while the LLM writes: approving now could send a text the
    // clicker never saw, so Approve waits for the draft (the card gets it, or the reason it fell back).
    if (input.action === "approve" && readDraftState(item.llmDraft)?.status === "pending") {
      return { ok: false, reason: "invalid", message: "The LLM draft is still being written: approve once the card shows it, or use Edit." };
    }
    // Compliance gate: a blocked text is refused before anything changes, so nothing is sent.
    if (finalText) {
      const shop = await findShopById(deps, item.shopId, tx);
      const verdict = deps.compliance.check(finalText, shopMarket(shop), shop.shop.platform);
      if (!verdict.allowed) return { ok: false, reason: "blocked", message: blockedMessage(verdict.violations) };
    }
    const reclassifyShop = input.action === "reclassify" ? await findShopById(deps, item.shopId, tx) : undefined;
    const reclassified = reclassifyShop
      ? await draftReply(deps, tx, reclassifyShop, {
          intent: input.intent!,
          lang: c?.lang ?? "en",
          risk: c?.risk ?? "none",
          order: item.orderContext ?? null,
          buyerName: view.conversation.buyerName,
        })
      : undefined;
    // A new intent means a new LLM draft; the old draft's job finds its request superseded.
    const redraft = reclassifyShop && reclassified ? startLlmDraft(deps, reclassifyShop, reclassified.suggestion, false) : null;
    const now = deps.now();
    const to = rule.to ?? item.state;

    const won = await tx
      .update(triageItems)
      .set({
        state: to,
        version: item.version + 1,
        lastAction: input.action,
        lastActor: input.actor,
        lastActionAt: now,
        ...(finalText ? { finalReply: finalText } : {}),
        ...(input.action === "claim" ? { claimedBy: input.actor, claimedAt: now, firstClaimedAt: sql`coalesce(${triageItems.firstClaimedAt}, ${now.toISOString()}::timestamptz)` } : {}),
        // SLA timings (docs/managers.md): a dismissal settles the item. No click is a first
        // response: only a reply reaching the buyer is (send.ts), as the platform counts it.
        ...(to === "dismissed" ? { resolvedAt: now } : {}),
        // Escalating hands the item on: the claim is released so a manager can take it.
        ...(input.action === "escalate" ? { claimedBy: null, claimedAt: null } : {}),
        ...(input.action === "reclassify"
          ? {
              intent: input.intent!,
              suggestedReply: reclassified?.suggestion?.text ?? null,
              suggestionSource: reclassified?.suggestion?.source ?? null,
              complianceNotes: reclassified?.compliance ?? [],
              llmDraft: redraft,
            }
          : {}),
      })
      .where(and(eq(triageItems.id, item.id), eq(triageItems.state, item.state), eq(triageItems.version, item.version)))
      .returning({ id: triageItems.id });
    if (won.length === 0) return { ok: false, reason: "already_handled", message: "Someone else handled this item just now." };

    await tx.insert(decisions).values({
      id: newId("dec"),
      triageItemId: item.id,
      action: input.action,
      actor: input.actor,
      fromState: item.state,
      toState: to,
      messageText: message.text,
      lang: c?.lang ?? null,
      predictedIntent: c?.intent ?? null,
      predictedRisk: c?.risk ?? null,
      confidence: c?.confidence ?? null,
      modelVersion: c?.modelVersion ?? null,
      correctedIntent: input.action === "reclassify" ? input.intent! : null,
      suggestedText: item.suggestedReply,
      suggestionSource: item.suggestionSource,
      finalText,
      dedupeKey: input.dedupeKey ?? null,
    });
    if (finalText) {
      await tx.insert(outboundReplies).values({
        id: newId("rep"),
        triageItemId: item.id,
        shopId: item.shopId,
        conversationExternalId: view.conversation.externalId,
        text: finalText,
        status: "pending",
      });
      await deps.queue.enqueue("triage.send", { itemId: item.id }, { tx });
    }
    if (redraft) await deps.queue.enqueue("triage.draft", { itemId: item.id, draftId: redraft.id }, { tx });
    await deps.queue.enqueue("triage.card-update", { itemId: item.id }, { tx, singletonKey: item.id });
    return { ok: true, state: to };
  });
  if (result.ok) {
    deps.queue.nudge();
    deps.log.info("item.decided", { itemId: input.itemId, action: input.action, actor: input.actor.id, state: result.state });
  }
  return result;
}

/** What staff are told when the guard refuses a reply: every blocking rule, with the words that hit it. */
export function blockedMessage(violations: { rule: string; match: string; severity: string; message: string }[]): string {
  const blocks = violations.filter((v) => v.severity === "block");
  const lines = blocks.map((v) => `• ${v.rule}: “${v.match}” — ${v.message}`);
  return `Not sent: the reply breaks ${blocks.length === 1 ? "a compliance rule" : `${blocks.length} compliance rules`}.\n${lines.join("\n")}`;
}

function validate(input: DecisionInput): string | null {
  if (input.action === "edit") {
    const text = input.text?.trim() ?? "";
    if (!text) return "The reply is empty.";
    if (text.length > MAX_REPLY_CHARS) return `The reply is ${text.length} characters; the limit is ${MAX_REPLY_CHARS}.`;
  }
  if (input.action === "reclassify" && !(input.intent && defaultTaxonomy.has(input.intent))) {
    return `Unknown intent "${input.intent ?? ""}".`;
  }
  return null;
}
