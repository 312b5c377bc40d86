import { index, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import type { RiskLevel } from "../../intents/taxonomy.ts";
import { createdAt, updatedAt } from "./columns.ts";
import { conversations } from "./conversations.ts";
import { triageItems } from "./triage-items.ts";

/**
 * One high-risk alert in a managers' channel, per conversation and surface: later high-risk
 * messages of the conversation within the grouping window join it (count, latest text) instead of
 * posting again. Rows are created in the classify transaction under a lock on the conversation,
 * so two instances classifying the same conversation cannot open two groups. The chat message is
 * posted like a card: `posting` + lease before the call, looked up by its key after an unknown
 * outcome.
 */
export const alerts = pgTable(
  "alerts",
  {
    id: text("id").primaryKey(),
    conversationId: text("conversation_id")
      .notNull()
      .references(() => conversations.id),
    surface: text("surface").notNull(),
    workspace: text("workspace").notNull(),
    channel: text("channel").notNull(),
    status: text("status", { enum: ["pending", "posting", "posted"] }).notNull(),
    postingStartedAt: timestamp("posting_started_at", { withTimezone: true }),
    externalRef: text("external_ref"),
    postedAt: timestamp("posted_at", { withTimezone: true }),
    /** The highest risk in the group (buzz once it is critical). */
    risk: text("risk").$type<RiskLevel>().notNull(),
    /** High-risk messages in the group. */
    count: integer("count").notNull().default(1),
    firstItemId: text("first_item_id")
      .notNull()
      .references(() => triageItems.id),
    latestItemId: text("latest_item_id")
      .notNull()
      .references(() => triageItems.id),
    /** The first message's time. */
    firstAt: timestamp("first_at", { withTimezone: true }).notNull(),
    /** The latest message's time: the group stays open until this plus the window. */
    lastAt: timestamp("last_at", { withTimezone: true }).notNull(),
    /** Bumped when a message joins; `rendered_*` say what the chat message shows. */
    version: integer("version").notNull().default(1),
    renderedVersion: integer("rendered_version").notNull().default(0),
    renderedLink: text("rendered_link"),
    /** Set before the (Lark) urgent call: a group is buzzed at most once. */
    buzzedAt: timestamp("buzzed_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("alerts_conversation_surface_idx").on(t.conversationId, t.surface, t.lastAt), index("alerts_latest_item_idx").on(t.latestItemId)],
);
