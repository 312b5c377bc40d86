import { index, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt } from "./columns.ts";
import { conversations } from "./conversations.ts";
import { shops } from "./shops.ts";

/**
 * Every buyer message stored exactly once: the unique (shop, external id) index is the dedupe,
 * together with `inbound_events` for the platform's delivery id.
 */
export const messages = pgTable(
  "messages",
  {
    id: text("id").primaryKey(),
    shopId: text("shop_id")
      .notNull()
      .references(() => shops.id),
    conversationId: text("conversation_id")
      .notNull()
      .references(() => conversations.id),
    externalId: text("external_id").notNull(),
    direction: text("direction", { enum: ["inbound", "outbound"] }).notNull(),
    senderRole: text("sender_role").notNull(),
    type: text("type").notNull(),
    /** Null until fetched from the platform when the webhook carried no content. */
    text: text("text"),
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("messages_shop_external_uq").on(t.shopId, t.externalId),
    index("messages_conversation_sent_idx").on(t.conversationId, t.sentAt),
  ],
);

/** Webhook deliveries by the platform's delivery id: a retried delivery is recognised and dropped. */
export const inboundEvents = pgTable(
  "inbound_events",
  {
    id: text("id").primaryKey(),
    platform: text("platform").notNull(),
    externalEventId: text("external_event_id").notNull(),
    messageId: text("message_id").references(() => messages.id),
    outcome: text("outcome").notNull(),
    body: jsonb("body").notNull(),
    receivedAt: createdAt(),
  },
  (t) => [uniqueIndex("inbound_events_platform_event_uq").on(t.platform, t.externalEventId)],
);
