import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { parseLarkBody } from "../../adapters/chat/lark/inbound.ts";
import type { LarkVerifier } from "../../adapters/chat/lark/verify.ts";
import type { Deps } from "../../src/deps.ts";
import { AuthError } from "../../src/errors.ts";
import { onLarkInbound } from "../lark/on-inbound.ts";

/** POST /lark/events: url_verification, v2 events and `card.action.trigger` callbacks. */
export function larkRoutes(deps: Deps, verify: LarkVerifier) {
  const app = new Hono();
  app.post("/events", bodyLimit({ maxSize: 1024 * 1024 }), async (c) => {
    const raw = new Uint8Array(await c.req.arrayBuffer());
    const verdict = await verify(raw, c.req.raw.headers);
    if (!verdict.ok) throw new AuthError(`Lark request rejected: ${verdict.reason}`);
    return c.json(await onLarkInbound(deps, await parseLarkBody(verdict.body)));
  });
  return app;
}
