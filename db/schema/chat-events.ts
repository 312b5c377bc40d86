import { pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Inbound chat deliveries already handled, by the surface's own event id (Lark `header.event_id`).
 * Lark re-pushes events and callbacks for hours when an answer is late or lost, so the id is kept
 * (well past the 24 h MUST rule 10 asks for) and a second delivery is answered without acting.
 */
export const chatEvents = pgTable(
  "chat_events",
  {
    surface: text("surface").notNull(),
    eventId: text("event_id").notNull(),
    eventType: text("event_type").notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.surface, t.eventId] })],
);
