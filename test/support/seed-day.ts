/**
 * A seeded day of buyer messages for the digest and analytics tests, written straight into the
 * tables the pipeline fills (messages, triage items, classifications, decisions, replies), so
 * every figure is known in advance. The day is 2026-03-10 in Asia/Shanghai (UTC+8, no DST):
 * local 00:00 is 2026-03-09T16:00:00Z.
 */
import { conversations, classifications, decisions, messages, outboundReplies, shops, triageItems } from "../../db/schema/index.ts";
import type { Db } from "../../db/client.ts";
import type { Actor, TriageState } from "../../src/ports.ts";

export const SEED_DAY = "2026-03-10";
export const SEED_TZ = "Asia/Shanghai";
/** The seeded day's bounds in UTC, written out by hand (independent of src/digest/time.ts). */
export const SEED_FROM = "2026-03-09T16:00:00.000Z";
export const SEED_TO = "2026-03-10T16:00:00.000Z";
/** The digest is computed at 09:00 local the next morning. */
export const SEED_AS_OF = new Date("2026-03-11T01:00:00.000Z");
export const SHOP_A = { externalId: "7494726673780148744", name: 'Glow, "ID"' };
export const SHOP_B = { externalId: "7000000000000000002", name: "Home SG" };

/** Local wall time in Shanghai → UTC instant. */
const local = (day: string, hhmmss: string) => new Date(new Date(`${day}T${hhmmss}Z`).getTime() - 8 * 3600_000);

type Seed = {
  shop: "A" | "B";
  day?: string;
  at: string;
  lang?: string;
  /** The model's intent (absent: never classified). */
  intent?: string;
  /** The item's current intent when staff reclassified it. */
  itemIntent?: string;
  sentiment?: "negative" | "neutral" | "positive";
  risk?: string;
  flags?: string[];
  evidence?: string[];
  state: TriageState;
  products?: string[];
  /** Decisions staff (or the auto-reply policy) made, in order. */
  actions?: string[];
  /** Seconds after the message when the reply reached the buyer. */
  repliedAfter?: number;
  claimedBy?: Actor;
};

export const SEEDS: Seed[] = [
  { shop: "A", at: "00:05:00", lang: "en", intent: "return_refund", sentiment: "negative", risk: "high", flags: ["platform_dispute"], evidence: ["refund", "want my money back"], state: "claimed", products: ["Glow Serum 30ml"], actions: ["claim"], claimedBy: { surface: "slack", id: "U0AGENT1", name: "Ana" } },
  { shop: "A", at: "08:00:00", lang: "en", intent: "order_status", sentiment: "neutral", risk: "none", evidence: ["where is my order"], state: "sent", actions: ["approve"], repliedAfter: 600 },
  { shop: "A", at: "09:30:00", lang: "id", intent: "damaged_item", sentiment: "negative", risk: "critical", flags: ["safety_hazard"], evidence: ["broken", "refund"], state: "sent", products: ["Glow Serum 30ml", "Glow Toner"], actions: ["edit"], repliedAfter: 13 * 3600 },
  { shop: "A", at: "10:00:00", state: "received" },
  { shop: "B", at: "12:00:00", lang: "zh", intent: "price_inquiry", sentiment: "neutral", risk: "none", evidence: ["多少钱"], state: "auto_replied", actions: ["auto_reply"], repliedAfter: 30 },
  { shop: "B", at: "15:00:00", lang: "zh", intent: "price_inquiry", itemIntent: "product_info", sentiment: "neutral", risk: "none", evidence: ["材质"], state: "sent", actions: ["reclassify", "approve"], repliedAfter: 1200 },
  { shop: "B", at: "20:00:00", lang: "en", intent: "complaint", sentiment: "negative", risk: "medium", flags: ["negative_emotion"], evidence: ["worst service", "context: chasing a shipment"], state: "dismissed", actions: ["dismiss"] },
  { shop: "A", at: "23:30:00", lang: "th", intent: "delivery_time", sentiment: "neutral", risk: "low", evidence: ["กี่วัน"], state: "carded" },
  { shop: "A", at: "23:59:59", lang: "en", intent: "greeting", sentiment: "neutral", risk: "none", evidence: ["hello"], state: "carded" },
  // Just outside the day, on both sides.
  { shop: "A", day: "2026-03-11", at: "00:00:00", lang: "en", intent: "order_status", sentiment: "neutral", risk: "none", state: "carded" },
  { shop: "A", day: "2026-03-09", at: "23:59:00", lang: "en", intent: "order_status", sentiment: "neutral", risk: "none", state: "carded" },
  { shop: "A", day: "2026-03-09", at: "11:00:00", lang: "en", intent: "return_refund", sentiment: "negative", risk: "high", state: "carded" },
  // The same weekday a week before.
  { shop: "B", day: "2026-03-03", at: "10:00:00", lang: "zh", intent: "order_status", sentiment: "neutral", risk: "none", state: "carded" },
];

let n = 0;
const id = (p: string) => `${p}_seed${String(++n).padStart(6, "0")}${Math.random().toString(36).slice(2, 8)}`;

/** Writes SEEDS; returns the shop row ids. Safe to call once per database. */
export async function seedDay(db: Db): Promise<{ shopA: string; shopB: string }> {
  const shopA = id("shp");
  const shopB = id("shp");
  await db.insert(shops).values([
    { id: shopA, platform: "tiktok_shop", externalId: SHOP_A.externalId, name: SHOP_A.name },
    { id: shopB, platform: "tiktok_shop", externalId: SHOP_B.externalId, name: SHOP_B.name },
  ]);
  const GROUP: Record<string, string> = { return_refund: "aftersales", damaged_item: "aftersales", order_status: "logistics", delivery_time: "logistics", price_inquiry: "price", product_info: "presale", complaint: "feedback", greeting: "feedback" };
  for (const s of SEEDS) {
    const shopId = s.shop === "A" ? shopA : shopB;
    const at = local(s.day ?? SEED_DAY, s.at);
    const conversationId = id("cnv");
    const messageId = id("msg");
    const itemId = id("itm");
    await db.insert(conversations).values({ id: conversationId, shopId, externalId: id("ext"), buyerId: id("buyer"), lastMessageAt: at });
    await db.insert(messages).values({ id: messageId, shopId, conversationId, externalId: id("m"), direction: "inbound", senderRole: "BUYER", type: "TEXT", text: `seeded ${s.intent ?? "?"}`, sentAt: at });
    // SLA columns as the pipeline writes them: the clock starts at the buyer's message and, the seeded
    // shops being always open, is due 12 h later (ingest); the first response is when the reply
    // reached the buyer (send.ts), never the claim (decide.ts records that as first_claimed_at).
    const claimedAt = s.claimedBy ? new Date(at.getTime() + 15 * 60_000) : null;
    const repliedAt = s.repliedAfter !== undefined ? new Date(at.getTime() + s.repliedAfter * 1000) : null;
    const dismissedAt = s.state === "dismissed" ? new Date(at.getTime() + (s.actions?.indexOf("dismiss") ?? 0) * 60_000 + 60_000) : null;
    await db.insert(triageItems).values({
      id: itemId, messageId, shopId, conversationId, state: s.state, intent: s.itemIntent ?? s.intent ?? null,
      claimedBy: s.claimedBy ?? null, claimedAt, firstClaimedAt: claimedAt,
      slaStartedAt: at, slaDueAt: new Date(at.getTime() + 12 * 3600_000),
      firstResponseAt: repliedAt, resolvedAt: repliedAt ?? dismissedAt,
      orderContext: s.products ? { orderId: id("ord"), status: "DELIVERED", products: s.products, trackingNumber: null, carrier: null, events: [], eta: null } : null,
    });
    if (s.intent) {
      await db.insert(classifications).values({
        id: id("cls"), messageId, intent: s.intent, group: GROUP[s.intent]!, confidence: 0.9, lang: s.lang ?? "en", sentiment: s.sentiment ?? "neutral",
        risk: s.risk ?? "none", riskFlags: s.flags ?? [], unsure: false, evidence: s.evidence ?? [], source: "local", modelVersion: "seed",
      });
    }
    for (const [i, action] of (s.actions ?? []).entries()) {
      const actor: Actor = action === "auto_reply" ? { surface: "system", id: "auto-reply" } : { surface: "slack", id: "U0AGENT1" };
      await db.insert(decisions).values({
        id: id("dec"), triageItemId: itemId, action, actor, fromState: "carded", toState: s.state, lang: s.lang ?? null, predictedIntent: s.intent ?? null,
        correctedIntent: action === "reclassify" ? s.itemIntent! : null, suggestedText: "suggested", finalText: action === "edit" ? "edited text" : action === "approve" || action === "auto_reply" ? "suggested" : null,
        createdAt: new Date(at.getTime() + (i + 1) * 60_000),
      });
    }
    if (repliedAt) {
      const sentAt = repliedAt;
      const externalId = id("out");
      await db.insert(outboundReplies).values({ id: id("rep"), triageItemId: itemId, shopId, conversationExternalId: "c", text: "reply", status: "sent", attempts: 1, externalMessageId: externalId, sentAt });
      await db.insert(messages).values({ id: id("msg"), shopId, conversationId, externalId, direction: "outbound", senderRole: "SHOP", type: "TEXT", text: "reply", sentAt });
    }
  }
  return { shopA, shopB };
}

/** One buyer message for the deadline cases: its stored deadline (null: a row from before the SLA clocks). */
export type DeadlineSeed = {
  at: string;
  state: TriageState;
  /** `sla_due_at` as hours after the message (what the clock computed from the shop's hours), or null. */
  dueAfterHours: number | null;
  /** Seconds after the message when the reply reached the buyer. */
  repliedAfter?: number;
  /** Seconds after the message when staff claimed it. */
  claimedAfter?: number;
};

/**
 * Writes buyer messages of local day `day` on shop `shopId` with the SLA columns set as the pipeline
 * would: deadlines that differ from "message + 12 h" (opening hours, a shorter shop window), so a
 * report judging by a raw window and one judging by `sla_due_at` disagree on them.
 */
export async function seedDeadlineCases(db: Db, shopId: string, day: string, seeds: DeadlineSeed[]): Promise<void> {
  for (const s of seeds) {
    const at = local(day, s.at);
    const conversationId = id("cnv");
    const messageId = id("msg");
    const repliedAt = s.repliedAfter !== undefined ? new Date(at.getTime() + s.repliedAfter * 1000) : null;
    const claimedAt = s.claimedAfter !== undefined ? new Date(at.getTime() + s.claimedAfter * 1000) : null;
    await db.insert(conversations).values({ id: conversationId, shopId, externalId: id("ext"), buyerId: id("buyer"), lastMessageAt: at });
    await db.insert(messages).values({ id: messageId, shopId, conversationId, externalId: id("m"), direction: "inbound", senderRole: "BUYER", type: "TEXT", text: "seeded deadline case", sentAt: at });
    await db.insert(triageItems).values({
      id: id("itm"), messageId, shopId, conversationId, state: s.state,
      claimedBy: claimedAt ? { surface: "slack", id: "U0AGENT1", name: "Ana" } : null, claimedAt, firstClaimedAt: claimedAt,
      slaStartedAt: s.dueAfterHours === null ? null : at,
      slaDueAt: s.dueAfterHours === null ? null : new Date(at.getTime() + s.dueAfterHours * 3600_000),
      firstResponseAt: repliedAt, resolvedAt: repliedAt,
    });
    if (repliedAt) await db.insert(messages).values({ id: id("msg"), shopId, conversationId, externalId: id("out"), direction: "outbound", senderRole: "SHOP", type: "TEXT", text: "reply", sentAt: repliedAt });
  }
}
