import { boolean, jsonb, pgTable, real, text, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt } from "./columns.ts";
import { messages } from "./messages.ts";

export const classifications = pgTable(
  "classifications",
  {
    id: text("id").primaryKey(),
    messageId: text("message_id")
      .notNull()
      .references(() => messages.id),
    intent: text("intent").notNull(),
    group: text("group").notNull(),
    confidence: real("confidence").notNull(),
    lang: text("lang").notNull(),
    sentiment: text("sentiment").notNull(),
    risk: text("risk").notNull(),
    riskFlags: jsonb("risk_flags").$type<string[]>().notNull(),
    unsure: boolean("unsure").notNull(),
    evidence: jsonb("evidence").$type<string[]>().notNull(),
    source: text("source").notNull(),
    modelVersion: text("model_version").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("classifications_message_uq").on(t.messageId)],
);
