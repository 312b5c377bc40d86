import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import type { Actor, OrderContext, TriageState } from "../../src/ports.ts";
import type { ComplianceViolation } from "../../src/compliance/types.ts";
import type { LlmDraftState } from "../../src/replies/draft-state.ts";
import { createdAt, updatedAt } from "./columns.ts";
import { conversations } from "./conversations.ts";
import { messages } from "./messages.ts";
import { shops } from "./shops.ts";

/**
 * The unit of work staff see as a card. `state` follows the machine in src/pipeline/transitions.ts;
 * every change is a conditional update on the expected state, so double clicks, retries and
 * several instances cannot both win. This row is the truth; jobs only nudge it along, and the
 * sweeper re-enqueues any item that sits too long in a working state.
 */
export const triageItems = pgTable(
  "triage_items",
  {
    id: text("id").primaryKey(),
    messageId: text("message_id")
      .notNull()
      .references(() => messages.id),
    shopId: text("shop_id")
      .notNull()
      .references(() => shops.id),
    conversationId: text("conversation_id")
      .notNull()
      .references(() => conversations.id),
    state: text("state").$type<TriageState>().notNull(),
    /** The intent shown on the card (the model's, or a human's after reclassify). */
    intent: text("intent"),
    suggestedReply: text("suggested_reply"),
    suggestionSource: text("suggestion_source"),
    /** The text approved for sending (suggested or edited). */
    finalReply: text("final_reply"),
    claimedBy: jsonb("claimed_by").$type<Actor>(),
    claimedAt: timestamp("claimed_at", { withTimezone: true }),
    lastActor: jsonb("last_actor").$type<Actor>(),
    lastAction: text("last_action"),
    lastActionAt: timestamp("last_action_at", { withTimezone: true }),
    failureReason: text("failure_reason"),
    /** Order and tracking looked up for order-related intents (issue 4); null when none. */
    orderContext: jsonb("order_context").$type<OrderContext>(),
    /** Compliance warnings and blocks found on the suggested reply, shown on the card. */
    complianceNotes: jsonb("compliance_notes").$type<ComplianceViolation[]>(),
    /** The LLM draft's progress, translation or fallback reason (shops with `replies.draft: "llm"`). */
    llmDraft: jsonb("llm_draft").$type<LlmDraftState>(),
    /** When the SLA clock started: the buyer's message time (our clock's, if the platform's is ahead). */
    slaStartedAt: timestamp("sla_started_at", { withTimezone: true }),
    /** SLA deadline: the buyer's message time plus the shop's reply window (business hours only). */
    slaDueAt: timestamp("sla_due_at", { withTimezone: true }),
    /** When the next SLA notice (reminder or escalation) is due; null once none is left or the item is taken. */
    slaNextAt: timestamp("sla_next_at", { withTimezone: true }),
    /** First response: when the first reply (staff or automatic) reached the buyer; claims and clicks do not count. */
    firstResponseAt: timestamp("first_response_at", { withTimezone: true }),
    /** The first claim (`claimed_at` is cleared again by an escalation). */
    firstClaimedAt: timestamp("first_claimed_at", { withTimezone: true }),
    /** When the item was settled: reply sent (by staff or automatically) or dismissed. */
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    /** Bumped on every change: the card renderer uses it to drop stale updates. */
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("triage_items_message_uq").on(t.messageId),
    index("triage_items_state_updated_idx").on(t.state, t.updatedAt),
    index("triage_items_sla_next_idx").on(t.slaNextAt),
  ],
);
