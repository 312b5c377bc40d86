/**
 * /demo/tiktok/*: the demo's fake TikTok Shop API, served by the service itself (the demo points
 * its TikTok base URL here). Mounted only in demo mode; the fake checks signatures as TikTok does.
 */
import { Hono } from "hono";
import type { FakeShop } from "../../src/demo/fake-shop.ts";

export function demoShopRoutes(shop: FakeShop) {
  const app = new Hono();
  const path = "/customer_service/202309/conversations/:id/messages";
  app.get(path, async (c) => {
    const a = await shop.listMessages(new URL(c.req.url), c.req.raw.headers, c.req.param("id"));
    return c.json(a.body, a.status as 200);
  });
  app.post(path, async (c) => {
    const raw = new Uint8Array(await c.req.arrayBuffer());
    const a = await shop.sendMessage(new URL(c.req.url), c.req.raw.headers, c.req.param("id"), raw);
    return c.json(a.body, a.status as 200);
  });
  return app;
}
