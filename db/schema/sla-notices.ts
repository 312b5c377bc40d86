import { pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, updatedAt } from "./columns.ts";
import { triageItems } from "./triage-items.ts";

/**
 * One SLA notice (a reminder in the card's thread, or an escalation in the alert channel) per
 * item, point and surface. The unique key makes each notice exactly-once across retries and
 * instances; `posting` + lease before the chat call, looked up by its key after an unknown outcome.
 */
export const slaNotices = pgTable(
  "sla_notices",
  {
    id: text("id").primaryKey(),
    triageItemId: text("triage_item_id")
      .notNull()
      .references(() => triageItems.id),
    /** `remind_50`, `remind_80`, `escalate_90`: the kind and the percentage of the window. */
    point: text("point").notNull(),
    surface: text("surface").notNull(),
    workspace: text("workspace").notNull(),
    channel: text("channel").notNull(),
    status: text("status", { enum: ["posting", "posted"] }).notNull(),
    postingStartedAt: timestamp("posting_started_at", { withTimezone: true }).notNull(),
    externalRef: text("external_ref"),
    postedAt: timestamp("posted_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("sla_notices_item_point_surface_uq").on(t.triageItemId, t.point, t.surface)],
);
