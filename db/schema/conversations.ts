import { pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt } from "./columns.ts";
import { shops } from "./shops.ts";

export const conversations = pgTable(
  "conversations",
  {
    id: text("id").primaryKey(),
    shopId: text("shop_id")
      .notNull()
      .references(() => shops.id),
    externalId: text("external_id").notNull(),
    buyerId: text("buyer_id"),
    buyerName: text("buyer_name"),
    lastMessageAt: timestamp("last_message_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("conversations_shop_external_uq").on(t.shopId, t.externalId)],
);
