import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { isSslCheck, parseSlackRequest } from "../../adapters/chat/slack/inbound.ts";
import type { SlackVerifier } from "../../adapters/chat/slack/verify.ts";
import type { Deps } from "../../src/deps.ts";
import { AuthError } from "../../src/errors.ts";
import { onSlackInbound } from "../slack/on-inbound.ts";

/** POST /slack/events: events, interactivity and modal submissions, as Bolt expects them. */
export function slackRoutes(deps: Deps, verify: SlackVerifier) {
  const app = new Hono();
  app.post("/events", bodyLimit({ maxSize: 1024 * 1024 }), async (c) => {
    const raw = await c.req.text();
    const contentType = c.req.header("content-type");
    if (isSslCheck(raw, contentType)) return c.body(null, 200);
    const verdict = await verify(raw, c.req.raw.headers);
    if (!verdict.ok) throw new AuthError(`Slack request rejected: ${verdict.reason}`);
    const answer = await onSlackInbound(deps, parseSlackRequest(raw, contentType));
    return answer.body ? c.json(answer.body) : c.body(null, 200);
  });
  return app;
}
