import { integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, updatedAt } from "./columns.ts";
import { triageItems } from "./triage-items.ts";

/**
 * One card per item per chat surface. `posting` is written before the chat call, so a retry after
 * a crash knows the outcome is unknown and looks the card up instead of posting it twice.
 */
export const cards = pgTable(
  "cards",
  {
    id: text("id").primaryKey(),
    triageItemId: text("triage_item_id")
      .notNull()
      .references(() => triageItems.id),
    surface: text("surface").notNull(),
    /** Which configured workspace of the surface (Slack team) holds the card. */
    workspace: text("workspace").notNull(),
    channel: text("channel").notNull(),
    externalRef: text("external_ref"),
    status: text("status", { enum: ["posting", "posted"] }).notNull(),
    postingStartedAt: timestamp("posting_started_at", { withTimezone: true }).notNull(),
    /**
     * When the message holding the card was posted (null: `created_at`). Lark cards can be edited
     * for 14 days only; past that a fresh card is posted and this moves to its post time.
     */
    postedAt: timestamp("posted_at", { withTimezone: true }),
    /** The triage item version last rendered onto the card. */
    renderedVersion: integer("rendered_version").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("cards_item_surface_uq").on(t.triageItemId, t.surface)],
);
