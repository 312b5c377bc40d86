import { boolean, index, integer, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, updatedAt } from "./columns.ts";

/**
 * The reply library (话术库): per shop (the platform's shop id, or "*" for the default set), intent,
 * language and variant order. Variants are tried in order and the first whose variables all have
 * values is used. Defaults are seeded with `source = default` and never overwritten by a re-seed,
 * so an admin's edit of a default row survives restarts.
 */
export const replyTemplates = pgTable(
  "reply_templates",
  {
    id: text("id").primaryKey(),
    shopId: text("shop_id").notNull(),
    intent: text("intent").notNull(),
    lang: text("lang").notNull(),
    variant: integer("variant").notNull().default(0),
    text: text("text").notNull(),
    active: boolean("active").notNull().default(true),
    source: text("source", { enum: ["default", "custom"] }).notNull().default("custom"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("reply_templates_key_uq").on(t.shopId, t.intent, t.lang, t.variant),
    index("reply_templates_intent_idx").on(t.intent, t.lang),
  ],
);
