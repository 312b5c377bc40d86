import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { Deps } from "../../src/deps.ts";
import { AuthError, ValidationError } from "../../src/errors.ts";
import { ingest } from "../../src/pipeline/ingest.ts";

/**
 * POST /webhooks/tiktok-shop: verify the signature on the raw bytes → parse → ingest (one
 * transaction: store once + enqueue) → 200. Everything slow happens in jobs.
 */
export function tiktokWebhookRoutes(deps: Deps) {
  const platform = deps.shops.tiktok_shop;
  const app = new Hono();
  app.post("/tiktok-shop", bodyLimit({ maxSize: 512 * 1024, onError: (c) => c.json({ error: { code: "BAD_REQUEST", message: "body too large" } }, 413) }), async (c) => {
    if (!platform) return c.json({ error: { code: "NOT_FOUND", message: "TikTok Shop is not configured" } }, 404);
    const raw = new Uint8Array(await c.req.arrayBuffer());
    if (!(await platform.verifyWebhook(raw, c.req.raw.headers))) throw new AuthError("invalid or missing TikTok Shop signature");
    const text = new TextDecoder("utf-8", { fatal: false }).decode(raw);
    const event = platform.parseWebhook(text);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new ValidationError("body is not JSON");
    }
    const result = await ingest(deps, "tiktok_shop", event, body);
    return c.json({ code: 0, message: "success", outcome: result.outcome });
  });
  return app;
}
