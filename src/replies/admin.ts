import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import { replyTemplates } from "../../db/schema/index.ts";
import type { Db } from "../../db/client.ts";
import { NotFoundError, ValidationError } from "../errors.ts";
import { newId } from "../ids.ts";
import { unknownSlots } from "./render.ts";

const text = z
  .string()
  .trim()
  .min(1)
  .max(2000)
  .refine((t) => unknownSlots(t).length === 0, { message: "uses an unknown {variable}" });

export const TemplateInputSchema = z.object({
  shopId: z.string().min(1).default("*"),
  intent: z.string().regex(/^[a-z_]+$/),
  lang: z.string().regex(/^[a-z]{2}$/),
  variant: z.number().int().min(0).max(99).default(0),
  text,
  active: z.boolean().default(true),
});
export const TemplatePatchSchema = z.object({ text: text.optional(), active: z.boolean().optional() });
export const TemplateImportSchema = z.object({ templates: z.array(TemplateInputSchema).max(5000) });
export type TemplateRow = typeof replyTemplates.$inferSelect;

const exportShape = (r: TemplateRow) => ({ id: r.id, shopId: r.shopId, intent: r.intent, lang: r.lang, variant: r.variant, text: r.text, active: r.active, source: r.source });

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new ValidationError(z.prettifyError(parsed.error));
  return parsed.data;
}

/** The template library's admin verbs (list, create, update, delete, import, export). */
export function templateAdmin(db: Db) {
  return {
    async list(filter: { shopId?: string; intent?: string; lang?: string }) {
      const where = [
        filter.shopId ? eq(replyTemplates.shopId, filter.shopId) : undefined,
        filter.intent ? eq(replyTemplates.intent, filter.intent) : undefined,
        filter.lang ? eq(replyTemplates.lang, filter.lang) : undefined,
      ].filter((w) => w !== undefined);
      const rows = await db
        .select()
        .from(replyTemplates)
        .where(where.length ? and(...where) : undefined)
        .orderBy(asc(replyTemplates.shopId), asc(replyTemplates.intent), asc(replyTemplates.lang), asc(replyTemplates.variant));
      return rows.map(exportShape);
    },
    async create(body: unknown) {
      const input = parse(TemplateInputSchema, body);
      const [row] = await db.insert(replyTemplates).values({ id: newId("tpl"), ...input, source: "custom" }).onConflictDoNothing().returning();
      if (!row) throw new ValidationError(`a template for ${input.shopId}/${input.intent}/${input.lang} variant ${input.variant} exists: update it instead`);
      return exportShape(row);
    },
    async update(id: string, body: unknown) {
      const patch = parse(TemplatePatchSchema, body);
      const [row] = await db.update(replyTemplates).set(patch).where(eq(replyTemplates.id, id)).returning();
      if (!row) throw new NotFoundError(`no template ${id}`);
      return exportShape(row);
    },
    async remove(id: string) {
      const [row] = await db.delete(replyTemplates).where(eq(replyTemplates.id, id)).returning({ id: replyTemplates.id });
      if (!row) throw new NotFoundError(`no template ${id}`);
    },
    /** Upserts every template of the file by (shop, intent, lang, variant), in one transaction. */
    async import(body: unknown) {
      const { templates } = parse(TemplateImportSchema, body);
      return db.transaction(async (tx) => {
        for (const t of templates) {
          await tx
            .insert(replyTemplates)
            .values({ id: newId("tpl"), ...t, source: "custom" })
            .onConflictDoUpdate({ target: [replyTemplates.shopId, replyTemplates.intent, replyTemplates.lang, replyTemplates.variant], set: { text: t.text, active: t.active } });
        }
        return { imported: templates.length };
      });
    },
  };
}
