import { and, asc, eq, inArray } from "drizzle-orm";
import { replyTemplates } from "../../db/schema/index.ts";
import type { Executor } from "../../db/client.ts";
import { newId } from "../ids.ts";
import { defaultTemplateRows, FALLBACK_LANG } from "./defaults.ts";
import { renderFirst, type TemplateVars } from "./render.ts";

export const DEFAULT_SHOP = "*";

/** Inserts the default library; rows already there (maybe edited by an admin) are left alone. */
export async function seedDefaultTemplates(db: Executor): Promise<number> {
  const rows = defaultTemplateRows().map((r) => ({ id: newId("tpl"), shopId: DEFAULT_SHOP, ...r, source: "default" as const }));
  let inserted = 0;
  // Chunked: one statement per language keeps parameters well under Postgres' limit.
  for (let i = 0; i < rows.length; i += 100) {
    const done = await db.insert(replyTemplates).values(rows.slice(i, i + 100)).onConflictDoNothing().returning({ id: replyTemplates.id });
    inserted += done.length;
  }
  return inserted;
}

export type PickedTemplate = { text: string; source: string };

/**
 * The reply for an intent: tries the shop's templates then the defaults, in the buyer's language
 * then English, and within each the variants in order; the first that renders completely wins.
 */
export async function pickTemplate(
  db: Executor,
  q: { shopId: string | null; intent: string; lang: string; vars: TemplateVars },
): Promise<PickedTemplate | null> {
  const shops = q.shopId ? [q.shopId, DEFAULT_SHOP] : [DEFAULT_SHOP];
  const langs = q.lang === FALLBACK_LANG ? [FALLBACK_LANG] : [q.lang, FALLBACK_LANG];
  const rows = await db
    .select({ shopId: replyTemplates.shopId, lang: replyTemplates.lang, variant: replyTemplates.variant, text: replyTemplates.text })
    .from(replyTemplates)
    .where(and(eq(replyTemplates.intent, q.intent), eq(replyTemplates.active, true), inArray(replyTemplates.shopId, shops), inArray(replyTemplates.lang, langs)))
    .orderBy(asc(replyTemplates.variant));
  for (const lang of langs) {
    for (const shop of shops) {
      const tier = rows.filter((r) => r.shopId === shop && r.lang === lang);
      const hit = renderFirst(tier.map((r) => r.text), q.vars);
      if (hit) {
        const owner = shop === DEFAULT_SHOP ? "default" : "shop";
        return { text: hit.text, source: `template:${owner}:${q.intent}:${lang}:${tier[hit.index]!.variant}` };
      }
    }
  }
  return null;
}
