/**
 * `npm run export:decisions [-- --since 2026-01-01]`: the decision log as JSON lines for
 * retraining, one per staff decision, with the buyer text PII-redacted. The label is what staff
 * did: a reclassify's corrected intent, or the predicted intent they accepted by approving or
 * editing the reply. Reads the same database as the service (stop a PGlite service first: an
 * embedded database has one owner at a time).
 */
import { and, asc, gte } from "drizzle-orm";
import { openDatabase } from "../db/client.ts";
import { decisions } from "../db/schema/index.ts";
import { parseEnv } from "../src/env.ts";
import { redactPii } from "../src/pipeline/redact.ts";

const LABELLING_ACTIONS = new Set(["approve", "edit", "reclassify"]);

const args = process.argv.slice(2);
const sinceArg = args[args.indexOf("--since") + 1];
const since = args.includes("--since") && sinceArg ? new Date(sinceArg) : new Date(0);
if (Number.isNaN(since.getTime())) {
  console.error(`--since: not a date: ${sinceArg}`);
  process.exit(2);
}

const env = parseEnv(process.env);
const database = await openDatabase({ url: env.DATABASE_URL, dataDir: env.DATA_DIR });
try {
  const rows = await database.db.select().from(decisions).where(and(gte(decisions.createdAt, since))).orderBy(asc(decisions.createdAt));
  for (const d of rows) {
    const label = d.correctedIntent ?? (LABELLING_ACTIONS.has(d.action) ? d.predictedIntent : null);
    process.stdout.write(
      `${JSON.stringify({
        text: d.messageText ? redactPii(d.messageText) : null,
        lang: d.lang,
        label,
        label_source: d.correctedIntent ? "reclassified" : label ? `accepted:${d.action}` : null,
        action: d.action,
        predicted_intent: d.predictedIntent,
        predicted_risk: d.predictedRisk,
        confidence: d.confidence,
        model_version: d.modelVersion,
        suggested_text: d.suggestedText,
        suggestion_source: d.suggestionSource,
        final_text: d.finalText,
        edited: d.action === "edit" && d.finalText !== d.suggestedText,
        at: d.createdAt.toISOString(),
      })}\n`,
    );
  }
} finally {
  await database.close();
}
