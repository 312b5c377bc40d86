import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { z } from "zod";
import type { Deps } from "../../src/deps.ts";
import { ValidationError } from "../../src/errors.ts";
import { templateAdmin } from "../../src/replies/admin.ts";
import { requireAdmin } from "./require-admin.ts";

const CheckSchema = z.object({ text: z.string().min(1).max(10_000), market: z.string().max(8).nullish(), platform: z.enum(["tiktok_shop", "shopee", "lazada"]) });

async function json(c: { req: { json: () => Promise<unknown> } }): Promise<unknown> {
  try {
    return await c.req.json();
  } catch {
    throw new ValidationError("body is not JSON");
  }
}

/** /api/*: the template library and the compliance check, behind the admin token. */
export function adminApiRoutes(deps: Deps) {
  const templates = templateAdmin(deps.db);
  const app = new Hono();
  // Scoped to these routes only: the board's own /api/board/* lives beside them with its own login.
  for (const path of ["/templates", "/templates/*", "/compliance/*"]) {
    app.use(path, requireAdmin(deps.config.adminToken), bodyLimit({ maxSize: 2 * 1024 * 1024 }));
  }

  app.get("/templates", async (c) => c.json({ templates: await templates.list({ shopId: c.req.query("shop"), intent: c.req.query("intent"), lang: c.req.query("lang") }) }));
  app.post("/templates", async (c) => c.json(await templates.create(await json(c)), 201));
  app.patch("/templates/:id", async (c) => c.json(await templates.update(c.req.param("id"), await json(c))));
  app.delete("/templates/:id", async (c) => {
    await templates.remove(c.req.param("id"));
    return c.body(null, 204);
  });
  app.get("/templates/export", async (c) => {
    c.header("content-disposition", 'attachment; filename="reply-templates.json"');
    return c.json({ templates: await templates.list({ shopId: c.req.query("shop") }) });
  });
  app.post("/templates/import", async (c) => c.json(await templates.import(await json(c))));

  app.post("/compliance/check", async (c) => {
    const parsed = CheckSchema.safeParse(await json(c));
    if (!parsed.success) throw new ValidationError(z.prettifyError(parsed.error));
    const { text, market, platform } = parsed.data;
    return c.json(deps.compliance.check(text, market ?? null, platform));
  });
  return app;
}
