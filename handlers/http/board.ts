/**
 * The board's routes (all behind the login middleware mounted in src/app.ts): the page, card
 * fragments for live updates, the conversation view, the live stream (SSE), and actions, which
 * go through the same `decide` (atomic) and `openEditor` checks as Slack clicks.
 */
import { Hono } from "hono";
import { streamSSE } from "hono/streaming";
import { z } from "zod";
import { BOARD_CLIENT_JS } from "../../adapters/chat/board/client-script.ts";
import { BOARD_WORKSPACE } from "../../adapters/chat/board/index.ts";
import { renderBoard, renderCard, renderConversation, renderDemoReplies } from "../../adapters/chat/board/render.ts";
import { followBoard } from "../../src/board/live.ts";
import { boardCard, conversationHistory, filterChoices, listBoardCards, type BoardFilters } from "../../src/board/queries.ts";
import type { Deps } from "../../src/deps.ts";
import { decide } from "../../src/pipeline/decide.ts";
import { openEditor } from "../../src/pipeline/open-editor.ts";
import type { Actor } from "../../src/ports.ts";
import type { AuthVars } from "./auth/middleware.ts";
import type { Principal } from "./auth/session.ts";

const FiltersSchema = z.object({
  state: z.string().regex(/^[a-z_]{1,20}$/).optional(),
  group: z.string().regex(/^[a-z_]{1,20}$/).optional(),
  risk: z.string().regex(/^[a-z]{1,10}$/).optional(),
  lang: z.string().regex(/^[a-z]{2,3}$/).optional(),
  shop: z.string().regex(/^shp_[A-Za-z0-9_-]+$/).optional(),
});
const ActionSchema = z.discriminatedUnion("action", [
  z.object({ action: z.enum(["approve", "claim", "escalate", "dismiss"]) }),
  z.object({ action: z.literal("edit"), text: z.string().max(4000) }),
  z.object({ action: z.literal("reclassify"), intent: z.string().max(64) }),
]);
const ItemId = z.string().regex(/^itm_[A-Za-z0-9_-]+$/);

/** Empty query values mean "any": dropped before validation. Invalid ones are ignored, not fatal. */
function filtersOf(query: Record<string, string>): BoardFilters {
  const present = Object.fromEntries(Object.entries(query).filter(([, v]) => v !== ""));
  const parsed = FiltersSchema.safeParse(present);
  return parsed.success ? parsed.data : {};
}

const actorOf = (p: Principal): Actor => ({ surface: "board", id: p.id, name: p.name });

export function boardPages(deps: Deps) {
  const app = new Hono<AuthVars>();
  app.get("/", async (c) => {
    const filters = filtersOf(c.req.query());
    const [cards, choices] = await Promise.all([listBoardCards(deps, filters), filterChoices(deps)]);
    const p = c.get("principal");
    return c.html(
      renderBoard({ cards, filters, choices, user: p, csrf: c.get("csrf"), demo: deps.demo ? { replies: deps.demo.shop.replies } : null }),
    );
  });
  app.get("/board/client.js", (c) => c.body(BOARD_CLIENT_JS, 200, { "content-type": "text/javascript; charset=utf-8", "cache-control": "no-cache" }));
  app.get("/board/cards/:id", async (c) => {
    const id = ItemId.safeParse(c.req.param("id"));
    if (!id.success) return c.body(null, 404);
    const card = await boardCard(deps, id.data, filtersOf(c.req.query()));
    return card ? c.html(renderCard(card)) : c.body(null, 204);
  });
  app.get("/board/conversations/:id", async (c) => {
    const id = ItemId.safeParse(c.req.param("id"));
    const found = id.success ? await conversationHistory(deps, id.data) : null;
    if (!found) return c.text("No such item.", 404);
    return c.html(renderConversation(found.card, found.history, c.get("csrf")));
  });
  app.get("/board/demo/replies", (c) => (deps.demo ? c.html(renderDemoReplies(deps.demo.shop.replies)) : c.body(null, 404)));
  return app;
}

export function boardApi(deps: Deps) {
  const app = new Hono<AuthVars>();
  app.get("/items", async (c) => c.json({ items: await listBoardCards(deps, filtersOf(c.req.query())) }));
  app.get("/items/:id/editor", async (c) => {
    const id = ItemId.safeParse(c.req.param("id"));
    if (!id.success) return c.json({ ok: false, message: "No such item." }, 404);
    // Same checks as Slack's Edit button; the board's "form" is already on the page.
    const refusal = await openEditor(deps, BOARD_WORKSPACE, id.data, actorOf(c.get("principal")), "");
    return refusal ? c.json({ ok: false, message: refusal }, 409) : c.json({ ok: true });
  });
  app.post("/items/:id/actions", async (c) => {
    const id = ItemId.safeParse(c.req.param("id"));
    const body = ActionSchema.safeParse(await c.req.json().catch(() => null));
    if (!id.success || !body.success) return c.json({ ok: false, message: "Invalid action." }, 400);
    const input = body.data;
    const result = await decide(deps, {
      itemId: id.data,
      action: input.action,
      actor: actorOf(c.get("principal")),
      ...(input.action === "edit" ? { text: input.text } : {}),
      ...(input.action === "reclassify" ? { intent: input.intent } : {}),
    });
    if (result.ok) return c.json({ ok: true, state: result.state, message: `Done: ${result.state}.` });
    const status = result.reason === "not_found" ? 404 : result.reason === "invalid" ? 400 : 409;
    return c.json({ ok: false, reason: result.reason, message: result.message }, status);
  });
  app.get("/events", (c) =>
    streamSSE(c, async (stream) => {
      const done = new AbortController();
      stream.onAbort(() => done.abort());
      await followBoard(deps, c.get("principal").id, done.signal, {
        items: (changes) => stream.writeSSE({ event: "items", data: JSON.stringify(changes) }),
        notice: (text) => stream.writeSSE({ event: "notice", data: JSON.stringify({ text }) }),
        idle: () => stream.write(": keep-alive\n\n").then(() => {}),
      });
    }),
  );
  app.post("/demo/messages", async (c) => {
    if (!deps.demo) return c.json({ ok: false, message: "Not in demo mode." }, 404);
    const sent = await deps.demo.simulator.sendOne();
    return c.json({ ok: sent.status === 200, ...sent });
  });
  return app;
}
