import { and, eq, sql } from "drizzle-orm";
import { conversations, inboundEvents, messages, shops, triageItems } from "../../db/schema/index.ts";
import { findShop } from "../config.ts";
import type { Deps } from "../deps.ts";
import { newId } from "../ids.ts";
import type { PlatformName, WebhookEvent } from "../ports.ts";
import { PRIORITY } from "../../handlers/jobs/catalog.ts";
import { ALERT_RISKS, precheckRisk } from "../alerts/precheck.ts";
import { slaClock } from "../sla/clock.ts";

export type IngestResult =
  | { outcome: "accepted"; itemId: string }
  | { outcome: "duplicate" }
  | { outcome: "ignored"; reason: string };

/**
 * ① Stores a verified webhook exactly once and enqueues its classification, in one transaction.
 * Dedupe is by the platform's delivery id and by message id (a message may arrive through two
 * deliveries). This is the only work done inside the webhook request.
 */
export async function ingest(deps: Deps, platform: PlatformName, event: WebhookEvent, body: unknown): Promise<IngestResult> {
  const shopConfig = event.shopId ? findShop(deps.config, platform, event.shopId) : undefined;
  const outcome = event.kind === "ignored" ? `ignored: ${event.reason}` : shopConfig ? "accepted" : "ignored: shop not configured";

  const result = await deps.db.transaction(async (tx): Promise<IngestResult> => {
    if (event.eventId) {
      const inserted = await tx
        .insert(inboundEvents)
        .values({ id: newId("evt"), platform, externalEventId: event.eventId, outcome, body })
        .onConflictDoNothing()
        .returning({ id: inboundEvents.id });
      if (inserted.length === 0) return { outcome: "duplicate" };
    }
    if (event.kind === "ignored") return { outcome: "ignored", reason: event.reason };
    if (!shopConfig) return { outcome: "ignored", reason: "shop not configured" };

    const msg = event.message;
    // Insert-or-read, writing the row only when its configured name changed: an upsert that always
    // writes locks the shop row until commit and queues all of a shop's webhooks behind each other.
    const inserted = await tx
      .insert(shops)
      .values({ id: newId("shp"), platform, externalId: event.shopId, name: shopConfig.name, market: shopConfig.market })
      .onConflictDoNothing()
      .returning({ id: shops.id, name: shops.name });
    const [shop] = inserted.length
      ? inserted
      : await tx.select({ id: shops.id, name: shops.name }).from(shops).where(and(eq(shops.platform, platform), eq(shops.externalId, event.shopId)));
    if (shop!.name !== shopConfig.name) await tx.update(shops).set({ name: shopConfig.name }).where(eq(shops.id, shop!.id));
    const [conversation] = await tx
      .insert(conversations)
      .values({
        id: newId("cnv"),
        shopId: shop!.id,
        externalId: msg.conversationId,
        buyerId: msg.sender.id,
        buyerName: msg.sender.nickname ?? null,
        lastMessageAt: msg.createdAt,
      })
      .onConflictDoUpdate({
        target: [conversations.shopId, conversations.externalId],
        set: { lastMessageAt: sql`greatest(${conversations.lastMessageAt}, excluded.last_message_at)` },
      })
      .returning({ id: conversations.id });

    const messageId = newId("msg");
    const storedMessage = await tx
      .insert(messages)
      .values({
        id: messageId,
        shopId: shop!.id,
        conversationId: conversation!.id,
        externalId: msg.id,
        direction: "inbound",
        senderRole: msg.sender.role,
        type: msg.type,
        text: msg.text,
        sentAt: msg.createdAt,
      })
      .onConflictDoNothing()
      .returning({ id: messages.id });
    if (storedMessage.length === 0) return { outcome: "duplicate" };
    if (event.eventId) {
      await tx
        .update(inboundEvents)
        .set({ messageId })
        .where(and(eq(inboundEvents.platform, platform), eq(inboundEvents.externalEventId, event.eventId)));
    }

    const itemId = newId("itm");
    const clock = slaClock(deps.config, shopConfig, msg.createdAt, deps.now());
    await tx.insert(triageItems).values({
      id: itemId,
      messageId,
      shopId: shop!.id,
      conversationId: conversation!.id,
      state: "received",
      slaStartedAt: clock.startedAt,
      slaDueAt: clock.dueAt,
      slaNextAt: clock.points[0]?.at ?? null,
    });
    // A likely threat overtakes the backlog of ordinary messages (see src/alerts/precheck.ts).
    const urgent = ALERT_RISKS.has(precheckRisk(msg.text));
    await deps.queue.enqueue("triage.classify", { itemId }, { tx, ...(urgent ? { priority: PRIORITY.highRisk } : {}) });
    return { outcome: "accepted", itemId };
  });
  if (result.outcome === "accepted") deps.queue.nudge();
  return result;
}
