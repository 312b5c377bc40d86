import { and, desc, eq, lt } from "drizzle-orm";
import { classifications, conversations, decisions, messages, outboundReplies, triageItems } from "../../db/schema/index.ts";
import { findShopById } from "./shop-lookup.ts";
import type { Deps } from "../deps.ts";
import { UpstreamError } from "../errors.ts";
import { newId } from "../ids.ts";
import { AUTO_ACTOR, planAutoReply } from "./auto-reply.ts";
import { draftReply } from "./draft-reply.ts";
import { startLlmDraft } from "./draft-with-llm.ts";
import { lookupOrderContext } from "./order-context.ts";
import { PRIORITY } from "../../handlers/jobs/catalog.ts";
import { joinAlertGroups } from "../alerts/group.ts";
import { ALERT_RISKS } from "../alerts/precheck.ts";

const CONTEXT_MESSAGES = 3;

/**
 * ② Classifies a received item: fills in the message text when the webhook lacked it, reads the
 * conversation's earlier messages as context, classifies, looks up the buyer's order for
 * order-related intents, drafts the reply (template + order data, compliance-checked), applies the
 * shop's auto-reply policy, and moves the item to `classified` (or `auto_replied`, with the send
 * job) with the card job enqueued in the same transaction, plus the LLM draft job for shops that
 * draft with an LLM (it runs beside the card, never before it).
 */
export async function classifyItem(deps: Deps, itemId: string): Promise<void> {
  const [row] = await deps.db
    .select({ item: triageItems, message: messages, conversation: conversations })
    .from(triageItems)
    .innerJoin(messages, eq(messages.id, triageItems.messageId))
    .innerJoin(conversations, eq(conversations.id, triageItems.conversationId))
    .where(eq(triageItems.id, itemId));
  if (!row || row.item.state !== "received") return;

  const text = row.message.text ?? (await hydrateText(deps, row.item.shopId, row.message));
  const earlier = await deps.db
    .select({ text: messages.text })
    .from(messages)
    .where(and(eq(messages.conversationId, row.item.conversationId), lt(messages.sentAt, row.message.sentAt)))
    .orderBy(desc(messages.sentAt))
    .limit(CONTEXT_MESSAGES);
  const context = earlier.map((m) => m.text).filter((t): t is string => !!t).reverse();

  const c = await deps.classifier.classify({ text, context: context.length ? context : undefined });
  const shop = await findShopById(deps, row.item.shopId);
  const order = await lookupOrderContext(deps, shop, { itemId, intent: c.intent, text, buyerId: row.conversation.buyerId });
  const draft = await draftReply(deps, deps.db, shop, { intent: c.intent, lang: c.lang, risk: c.risk, order, buyerName: row.conversation.buyerName });
  const { suggestion } = draft;
  const auto = await planAutoReply(deps, shop, { itemId, conversationId: row.item.conversationId, conversationKey: row.conversation.externalId, c, draft });
  const sendsNow = (auto.action === "send" || auto.action === "ack") && !!auto.text;
  // The card goes up with the template now; the LLM draft (if the shop wants one) follows in its own job.
  const llmDraft = startLlmDraft(deps, shop, suggestion, sendsNow);
  const now = deps.now();

  await deps.db.transaction(async (tx) => {
    const to = sendsNow ? "auto_replied" : "classified";
    const moved = await tx
      .update(triageItems)
      .set({
        state: to,
        intent: c.intent,
        suggestedReply: suggestion?.text ?? null,
        suggestionSource: suggestion?.source ?? null,
        orderContext: order,
        complianceNotes: draft.compliance,
        llmDraft,
        version: row.item.version + 1,
        ...(sendsNow ? { finalReply: auto.text, lastAction: "auto_reply", lastActor: AUTO_ACTOR, lastActionAt: now } : {}),
      })
      .where(and(eq(triageItems.id, itemId), eq(triageItems.state, "received")))
      .returning({ id: triageItems.id });
    if (moved.length === 0) return; // another worker got here first
    await tx
      .insert(classifications)
      .values({
        id: newId("cls"),
        messageId: row.message.id,
        intent: c.intent,
        group: c.group,
        confidence: c.confidence,
        lang: c.lang,
        sentiment: c.sentiment,
        risk: c.risk,
        riskFlags: c.risk_flags,
        unsure: c.unsure,
        evidence: c.evidence,
        source: c.source,
        modelVersion: c.model_version,
      })
      .onConflictDoNothing();
    if (auto.recorded) {
      await tx.insert(decisions).values({
        id: newId("dec"),
        triageItemId: itemId,
        action: auto.action === "skip" ? "auto_reply_skipped" : auto.action.startsWith("shadow") ? "auto_reply_shadow" : "auto_reply",
        actor: AUTO_ACTOR,
        fromState: "received",
        toState: to,
        messageText: text,
        lang: c.lang,
        predictedIntent: c.intent,
        predictedRisk: c.risk,
        confidence: c.confidence,
        modelVersion: c.model_version,
        suggestedText: suggestion?.text ?? null,
        suggestionSource: auto.source ?? suggestion?.source ?? null,
        finalText: auto.text,
        note: `${auto.action}: ${auto.reason}`,
      });
    }
    if (sendsNow) {
      await tx.insert(outboundReplies).values({
        id: newId("rep"),
        triageItemId: itemId,
        shopId: row.item.shopId,
        conversationExternalId: row.conversation.externalId,
        text: auto.text!,
        status: "pending",
      });
      await deps.queue.enqueue("triage.send", { itemId }, { tx });
    }
    // High risk: the managers' alert goes on its own queue (it never waits behind card posts or
    // the triage channel's pacing), and the card overtakes ordinary ones too.
    const urgent = ALERT_RISKS.has(c.risk) ? { priority: PRIORITY.highRisk } : {};
    if (ALERT_RISKS.has(c.risk)) {
      const alertIds = await joinAlertGroups(deps, tx, { id: itemId, conversationId: row.item.conversationId, risk: c.risk, messageAt: row.message.sentAt }, shop);
      for (const alertId of alertIds) await deps.queue.enqueue("triage.alert", { alertId }, { tx, singletonKey: alertId, ...urgent });
    }
    await deps.queue.enqueue("triage.card", { itemId }, { tx, ...urgent });
    if (llmDraft) await deps.queue.enqueue("triage.draft", { itemId, draftId: llmDraft.id }, { tx });
  });
  deps.queue.nudge();
  deps.log.info("item.classified", { itemId, intent: c.intent, confidence: c.confidence, risk: c.risk, lang: c.lang, order: !!order, auto: auto.recorded ? auto.action : undefined, llmDraft: !!llmDraft });
}

/** The webhook carried no text: fetch the message from the platform and store its text. */
async function hydrateText(deps: Deps, shopRowId: string, message: typeof messages.$inferSelect): Promise<string> {
  if (message.type !== "TEXT") return `[${message.type.toLowerCase()}]`;
  const { platform, shop, auth } = await findShopById(deps, shopRowId);
  const found = (await platform.listMessages(auth, await conversationExternalId(deps, message.conversationId))).find(
    (m) => m.id === message.externalId,
  );
  if (!found?.text) {
    throw new UpstreamError(shop.platform, `message ${message.externalId} not yet available from the API`, { retry: true });
  }
  await deps.db.update(messages).set({ text: found.text }).where(eq(messages.id, message.id));
  return found.text;
}

async function conversationExternalId(deps: Deps, conversationId: string): Promise<string> {
  const [c] = await deps.db.select({ externalId: conversations.externalId }).from(conversations).where(eq(conversations.id, conversationId));
  return c!.externalId;
}
