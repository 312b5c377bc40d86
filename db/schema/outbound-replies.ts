import { integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, updatedAt } from "./columns.ts";
import { triageItems } from "./triage-items.ts";

/**
 * At most one reply per triage item (unique index): the last line of defence against sending
 * twice. `sending` is written before the platform call; finding it on a retry means the outcome is
 * unknown and the platform is asked before anything is sent again.
 */
export const outboundReplies = pgTable(
  "outbound_replies",
  {
    id: text("id").primaryKey(),
    triageItemId: text("triage_item_id")
      .notNull()
      .references(() => triageItems.id),
    shopId: text("shop_id").notNull(),
    conversationExternalId: text("conversation_external_id").notNull(),
    text: text("text").notNull(),
    status: text("status", { enum: ["pending", "sending", "sent", "failed"] }).notNull(),
    attempts: integer("attempts").notNull().default(0),
    externalMessageId: text("external_message_id"),
    lastError: text("last_error"),
    sendingStartedAt: timestamp("sending_started_at", { withTimezone: true }),
    /** When the first send attempt began: platform messages older than this cannot be ours. */
    firstAttemptAt: timestamp("first_attempt_at", { withTimezone: true }),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("outbound_replies_item_uq").on(t.triageItemId)],
);
