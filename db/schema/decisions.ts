import { index, jsonb, pgTable, real, text, uniqueIndex } from "drizzle-orm/pg-core";
import type { Actor } from "../../src/ports.ts";
import { createdAt } from "./columns.ts";
import { triageItems } from "./triage-items.ts";

/**
 * The retraining log: one row per staff (or system) decision, written in the same transaction as
 * the state change it records. `dedupe_key` holds the surface's click identity so a retried click
 * is recognised.
 */
export const decisions = pgTable(
  "decisions",
  {
    id: text("id").primaryKey(),
    triageItemId: text("triage_item_id")
      .notNull()
      .references(() => triageItems.id),
    action: text("action").notNull(),
    actor: jsonb("actor").$type<Actor>().notNull(),
    fromState: text("from_state").notNull(),
    toState: text("to_state").notNull(),
    messageText: text("message_text"),
    lang: text("lang"),
    predictedIntent: text("predicted_intent"),
    predictedRisk: text("predicted_risk"),
    confidence: real("confidence"),
    modelVersion: text("model_version"),
    correctedIntent: text("corrected_intent"),
    suggestedText: text("suggested_text"),
    suggestionSource: text("suggestion_source"),
    finalText: text("final_text"),
    dedupeKey: text("dedupe_key"),
    /** Why an automatic decision went the way it did (auto-reply policy), or a refusal reason. */
    note: text("note"),
    createdAt: createdAt(),
  },
  (t) => [
    index("decisions_item_idx").on(t.triageItemId),
    uniqueIndex("decisions_dedupe_uq").on(t.dedupeKey),
  ],
);
