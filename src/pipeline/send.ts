import { and, eq, inArray, isNull, lt, lte, or, sql } from "drizzle-orm";
import { messages, outboundReplies, triageItems } from "../../db/schema/index.ts";
import type { Deps } from "../deps.ts";
import { BaseError, isRetryable } from "../errors.ts";
import { newId } from "../ids.ts";
import { blockedMessage } from "./decide.ts";
import { shopMarket } from "./draft-reply.ts";
import { findShopById } from "./shop-lookup.ts";

/** Clock skew allowed between us and the platform when matching a message to our first attempt. */
const CLOCK_SKEW_MS = 30_000;

/**
 * ⑦ Sends an approved reply through the platform, at most once. The reply row is leased
 * (`sending` + start time) before the call; whoever finds a lease older than the lease window
 * (a worker that died mid-call) first asks the platform whether the reply already arrived, and
 * only sends if it did not. Retryable failures leave the lease to expire and throw, so the job
 * retries with backoff; permanent ones fail the item and say why on the card.
 */
export async function sendReply(deps: Deps, itemId: string): Promise<void> {
  const now = deps.now();
  const leaseExpired = new Date(now.getTime() - deps.config.jobs.leaseMs);
  const [reply] = await deps.db
    .update(outboundReplies)
    .set({
      status: "sending",
      attempts: sql`${outboundReplies.attempts} + 1`,
      sendingStartedAt: now,
      firstAttemptAt: sql`coalesce(${outboundReplies.firstAttemptAt}, ${now.toISOString()}::timestamptz)`,
    })
    .where(
      and(
        eq(outboundReplies.triageItemId, itemId),
        or(eq(outboundReplies.status, "pending"), and(eq(outboundReplies.status, "sending"), lt(outboundReplies.sendingStartedAt, leaseExpired))),
      ),
    )
    .returning();
  if (!reply) return; // sent, failed, or in flight elsewhere
  await deps.db
    .update(triageItems)
    .set({ state: "sending", version: sql`${triageItems.version} + 1` })
    .where(and(eq(triageItems.id, itemId), eq(triageItems.state, "approved")));

  const shop = await findShopById(deps, reply.shopId);
  // Last gate: whatever path created the reply (approve, edit, auto), a blocked text never leaves.
  const verdict = deps.compliance.check(reply.text, shopMarket(shop), shop.shop.platform);
  if (!verdict.allowed) {
    await failItem(deps, itemId, blockedMessage(verdict.violations));
    return;
  }
  try {
    const earlier = reply.attempts > 1 ? await findDelivered(deps, shop, reply) : null;
    const messageId = earlier ?? (await shop.platform.sendText(shop.auth, reply.conversationExternalId, reply.text)).messageId;
    await markSent(deps, itemId, reply.id, messageId);
    deps.log.info("reply.sent", { itemId, messageId, attempt: reply.attempts, reconciled: !!earlier });
  } catch (err) {
    const reason = err instanceof BaseError ? err.message : String(err);
    if (isRetryable(err)) {
      // Release the lease at once: the call failed cleanly, so the retry need not wait for it.
      await deps.db.update(outboundReplies).set({ lastError: reason, sendingStartedAt: new Date(0) }).where(eq(outboundReplies.id, reply.id));
      throw err;
    }
    await failItem(deps, itemId, `Reply not sent: ${reason}`);
  }
}

/**
 * After an unknown outcome: the platform's own record of a shop message with our text, sent after
 * our first attempt began and not already known as another reply (the same template may well be
 * sent twice in one conversation).
 */
async function findDelivered(
  deps: Deps,
  shop: Awaited<ReturnType<typeof findShopById>>,
  reply: typeof outboundReplies.$inferSelect,
): Promise<string | null> {
  const since = (reply.firstAttemptAt ?? reply.createdAt).getTime() - CLOCK_SKEW_MS;
  const recent = await shop.platform.listMessages(shop.auth, reply.conversationExternalId, { pageSize: 50 });
  const candidates = recent.filter((m) => m.sender.role === "SHOP" && m.text === reply.text && m.createdAt.getTime() >= since);
  if (candidates.length === 0) return null;
  const known = await deps.db
    .select({ externalId: messages.externalId })
    .from(messages)
    .where(and(eq(messages.shopId, reply.shopId), inArray(messages.externalId, candidates.map((m) => m.id))));
  const taken = new Set(known.map((k) => k.externalId));
  return candidates.find((m) => !taken.has(m.id))?.id ?? null;
}

async function markSent(deps: Deps, itemId: string, replyId: string, externalId: string): Promise<void> {
  // One instant for the reply row, the item's first response and the outbound message, so every
  // report that reads any of them agrees to the millisecond.
  const at = deps.now();
  await deps.db.transaction(async (tx) => {
    const [reply] = await tx
      .update(outboundReplies)
      .set({ status: "sent", externalMessageId: externalId, sentAt: at, lastError: null })
      .where(eq(outboundReplies.id, replyId))
      .returning();
    // The reply reached the buyer: this, and nothing else, is the item's first response (TikTok
    // Shop's response rate counts replies to the buyer, not clicks on our cards); it also settles
    // the item. coalesce: a reconciled retry must not move the first response later.
    const timings = { firstResponseAt: sql`coalesce(${triageItems.firstResponseAt}, ${at.toISOString()}::timestamptz)`, resolvedAt: at };
    const [sent] = await tx
      .update(triageItems)
      .set({ state: "sent", version: sql`${triageItems.version} + 1`, ...timings })
      .where(and(eq(triageItems.id, itemId), inArray(triageItems.state, ["approved", "sending"])))
      .returning();
    // An automatic reply keeps its `auto_replied` state; the version bump refreshes its card.
    const [auto] = sent
      ? []
      : await tx
          .update(triageItems)
          .set({ version: sql`${triageItems.version} + 1`, ...timings })
          .where(and(eq(triageItems.id, itemId), eq(triageItems.state, "auto_replied")))
          .returning();
    const item = sent ?? auto;
    if (item && reply) {
      await tx
        .insert(messages)
        .values({
          id: newId("msg"),
          shopId: item.shopId,
          conversationId: item.conversationId,
          externalId,
          direction: "outbound",
          senderRole: "SHOP",
          type: "TEXT",
          text: reply.text,
          sentAt: at,
        })
        .onConflictDoNothing();
      // TikTok Shop's response rate counts chats, not messages: once the buyer has a reply, the
      // conversation's earlier messages still waiting on their own cards have had their first
      // response too, and their SLA clocks stop. Their cards stay open for staff to answer.
      await tx
        .update(triageItems)
        .set({ firstResponseAt: at, slaNextAt: null })
        .where(and(eq(triageItems.conversationId, item.conversationId), isNull(triageItems.firstResponseAt), lte(triageItems.slaStartedAt, at)));
    }
    await deps.queue.enqueue("triage.card-update", { itemId }, { tx, singletonKey: itemId });
  });
  deps.queue.nudge();
}

/** Marks an item failed (from any working state) and refreshes its card so no button stays live. */
export async function failItem(deps: Deps, itemId: string, reason: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    await tx
      .update(outboundReplies)
      .set({ status: "failed", lastError: reason })
      .where(and(eq(outboundReplies.triageItemId, itemId), inArray(outboundReplies.status, ["pending", "sending"])));
    await tx
      .update(triageItems)
      .set({ state: "failed", failureReason: reason.slice(0, 500), version: sql`${triageItems.version} + 1` })
      .where(and(eq(triageItems.id, itemId), inArray(triageItems.state, ["received", "classified", "approved", "sending", "auto_replied"])));
    await deps.queue.enqueue("triage.card-update", { itemId }, { tx, singletonKey: itemId });
  });
  deps.queue.nudge();
  deps.log.warn("item.failed", { itemId, reason });
}
