import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { UpstreamError } from "../../../src/errors.ts";
import { createSlackFake } from "../../../test/msw/slack.ts";
import { createSlackClient } from "./client.ts";

const API = "https://slack.test/api";
const TOKEN = "xoxb-test-0000-secret";
const fake = createSlackFake({ apiUrl: API, botToken: TOKEN });
const server = setupServer(...fake.handlers);
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  server.resetHandlers();
  fake.reset();
});
afterAll(() => server.close());

const client = (over: Partial<Parameters<typeof createSlackClient>[0]> = {}) => createSlackClient({ botToken: TOKEN, apiUrl: API, ...over });
const section = (text: string) => ({ type: "section" as const, text: { type: "plain_text" as const, text } });

async function caught(p: Promise<unknown>): Promise<UpstreamError> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(UpstreamError);
  return err as UpstreamError;
}

describe("Slack client: request bodies", () => {
  it("chat.postMessage sends JSON with a bearer token, metadata and no unfurls", async () => {
    const r = await client().postMessage({ channel: "C0TRIAGE", text: "fallback", blocks: [section("hi")], metadata: { event_type: "triage_card", event_payload: { item_id: "itm_1" } } });
    const [call] = fake.callsTo("chat.postMessage");
    expect(call!.contentType).toBe("application/json; charset=utf-8");
    expect(call!.body).toEqual({
      channel: "C0TRIAGE",
      text: "fallback",
      blocks: [section("hi")],
      metadata: { event_type: "triage_card", event_payload: { item_id: "itm_1" } },
      unfurl_links: false,
      unfurl_media: false,
    });
    expect(r).toEqual({ channel: "C0TRIAGE", ts: fake.messages("C0TRIAGE")[0]!.ts });
    expect(fake.messages("C0TRIAGE")[0]!.metadata).toEqual({ event_type: "triage_card", event_payload: { item_id: "itm_1" } });
  });

  it("chat.update, views.open and chat.postEphemeral send what Slack expects", async () => {
    const c = client();
    const { ts } = await c.postMessage({ channel: "C0TRIAGE", text: "v1", blocks: [section("v1")] });
    await c.update({ channel: "C0TRIAGE", ts, text: "v2", blocks: [section("v2")] });
    expect(fake.callsTo("chat.update")[0]!.body).toEqual({ channel: "C0TRIAGE", ts, text: "v2", blocks: [section("v2")] });
    expect(fake.messages("C0TRIAGE")[0]).toMatchObject({ ts, text: "v2", blocks: [section("v2")] });

    const view = { type: "modal" as const, title: { type: "plain_text" as const, text: "Edit reply" }, blocks: [section("x")] };
    const opened = await c.openView({ trigger_id: "123.456.abcdef", view });
    expect(fake.callsTo("views.open")[0]!.body).toEqual({ trigger_id: "123.456.abcdef", view });
    expect(opened.viewId).toBe(fake.views[0]!.id);

    const eph = await c.postEphemeral({ channel: "C0TRIAGE", user: "U0CLICKER", text: "Already claimed by <@U1>" });
    expect(fake.callsTo("chat.postEphemeral")[0]!.body).toEqual({ channel: "C0TRIAGE", user: "U0CLICKER", text: "Already claimed by <@U1>" });
    expect(eph.messageTs).toBe(fake.ephemerals[0]!.message_ts);
  });

  it("conversations.history goes form-encoded (Slack ignores JSON there) and returns metadata", async () => {
    const c = client({ postIntervalMs: 0 });
    await c.postMessage({ channel: "C0TRIAGE", text: "a", blocks: [section("a")], metadata: { event_type: "triage_card", event_payload: { item_id: "itm_a" } } });
    const r = await c.history({ channel: "C0TRIAGE", oldest: "0.000000", limit: 10, include_all_metadata: true });
    const [call] = fake.callsTo("conversations.history");
    expect(call!.contentType).toBe("application/x-www-form-urlencoded");
    expect(call!.body).toEqual({ channel: "C0TRIAGE", oldest: "0.000000", limit: "10", include_all_metadata: "true" });
    expect(r.messages[0]!.metadata).toEqual({ event_type: "triage_card", event_payload: { item_id: "itm_a" } });
    expect(r.nextCursor).toBeUndefined();
  });
});

describe("Slack client: failures map to UpstreamError", () => {
  it("HTTP 429 → retryable, with Retry-After in ms and the request id", async () => {
    fake.rateLimitNext(1, { retryAfterSec: 3 });
    const err = await caught(client().postMessage({ channel: "C0TRIAGE", text: "x", blocks: [section("x")] }));
    expect(err).toMatchObject({ vendor: "slack", status: 429, retry: true, retryAfterMs: 3000, vendorCode: "ratelimited" });
    expect(err.requestId).toMatch(/^[0-9a-f]{16}$/);
    expect(fake.messages("C0TRIAGE")).toHaveLength(0);
  });

  it.each([
    ["channel_not_found", false],
    ["not_in_channel", false],
    ["invalid_blocks", false],
    ["ratelimited", true],
    ["internal_error", true],
    ["fatal_error", true],
    ["service_unavailable", true],
    ["request_timeout", true],
  ])("ok:false %s → retry %s, vendorCode and request id carried", async (error, retry) => {
    fake.failNext("chat.update", error);
    const err = await caught(client().update({ channel: "C0TRIAGE", ts: "1.000001", text: "x", blocks: [section("x")] }));
    expect(err).toMatchObject({ retry, vendorCode: error, status: 200 });
    expect(err.requestId).toBeTruthy();
  });

  it("a real Slack validation error explains itself (invalid_blocks with json-pointer)", async () => {
    const blocks = Array.from({ length: 51 }, (_, i) => section(`b${i}`));
    const err = await caught(client().postMessage({ channel: "C0TRIAGE", text: "x", blocks }));
    expect(err).toMatchObject({ retry: false, vendorCode: "invalid_blocks" });
    expect(err.message).toContain("[json-pointer:/blocks]");
  });

  it("a wrong token → invalid_auth, not retryable, and the token is in no error text", async () => {
    const err = await caught(createSlackClient({ botToken: "xoxb-wrong-token", apiUrl: API }).postEphemeral({ channel: "C0TRIAGE", user: "U1AB", text: "x" }));
    expect(err).toMatchObject({ retry: false, vendorCode: "invalid_auth" });
    expect(JSON.stringify({ m: err.message, s: err.stack, c: String(err.cause) })).not.toContain("xoxb-");
  });

  it("HTTP 5xx → retryable; other HTTP errors → not", async () => {
    server.use(http.post(`${API}/chat.update`, () => new HttpResponse("upstream down", { status: 503, headers: { "x-slack-req-id": "req503" } })));
    expect(await caught(client().update({ channel: "C0TRIAGE", ts: "1.1", text: "x", blocks: [] }))).toMatchObject({ status: 503, retry: true, requestId: "req503" });
    server.use(http.post(`${API}/chat.update`, () => new HttpResponse("gone", { status: 410 })));
    expect(await caught(client().update({ channel: "C0TRIAGE", ts: "1.1", text: "x", blocks: [] }))).toMatchObject({ status: 410, retry: false });
  });

  it("a dropped connection is an unknown outcome: retryable, and the post did land", async () => {
    fake.loseResponseNext("chat.postMessage");
    const err = await caught(client().postMessage({ channel: "C0TRIAGE", text: "x", blocks: [section("x")] }));
    expect(err).toMatchObject({ retry: true });
    expect(err.message).not.toContain(TOKEN);
    expect(fake.messages("C0TRIAGE")).toHaveLength(1);
  });

  it("a non-JSON 200 is retryable; an unexpected JSON shape is not", async () => {
    server.use(http.post(`${API}/views.open`, () => new HttpResponse("<html>proxy</html>", { status: 200 })));
    expect(await caught(client().openView({ trigger_id: "1.2.a", view: { type: "modal", title: { type: "plain_text", text: "t" }, blocks: [] } }))).toMatchObject({ retry: true });
    server.use(http.post(`${API}/views.open`, () => HttpResponse.json({ ok: true })));
    expect(await caught(client().openView({ trigger_id: "1.2.a", view: { type: "modal", title: { type: "plain_text", text: "t" }, blocks: [] } }))).toMatchObject({ retry: false });
  });
});

describe("Slack client: pacing chat.postMessage per channel", () => {
  it("two posts to one channel start ≥ 1 s apart; another channel is not held up", async () => {
    const c = client();
    const post = (channel: string) => c.postMessage({ channel, text: "x", blocks: [section("x")] });
    await Promise.all([post("C0ONE"), post("C0ONE"), post("C0TWO")]);
    const calls = fake.callsTo("chat.postMessage");
    const one = calls.filter((x) => x.body.channel === "C0ONE").map((x) => x.at);
    const two = calls.filter((x) => x.body.channel === "C0TWO").map((x) => x.at);
    expect(one[1]! - one[0]!).toBeGreaterThanOrEqual(990); // timer granularity tolerance
    expect(two[0]! - one[0]!).toBeLessThan(500);
  });

  it("other methods are not paced", async () => {
    const c = client();
    const t0 = Date.now();
    await Promise.all([1, 2, 3].map(() => c.postEphemeral({ channel: "C0ONE", user: "U1AB", text: "x" })));
    expect(Date.now() - t0).toBeLessThan(500);
  });
});

describe("the Slack fake behaves like Slack", () => {
  const raw = (method: string, init: RequestInit) => fetch(`${API}/${method}`, { method: "POST", ...init }).then(async (r) => ({ status: r.status, id: r.headers.get("x-slack-req-id"), body: (await r.json()) as Record<string, unknown> }));

  it("auth: no token → not_authed, wrong token → invalid_auth (HTTP 200 both)", async () => {
    expect(await raw("chat.postMessage", { headers: { "content-type": "application/json; charset=utf-8" }, body: "{}" })).toMatchObject({ status: 200, body: { ok: false, error: "not_authed" } });
    expect(await raw("chat.postMessage", { headers: { authorization: "Bearer nope", "content-type": "application/json; charset=utf-8" }, body: "{}" })).toMatchObject({ body: { ok: false, error: "invalid_auth" } });
  });

  it("JSON to a form-only method fails; JSON without charset gets Slack's warning", async () => {
    const auth = { authorization: `Bearer ${TOKEN}` };
    expect(await raw("conversations.history", { headers: { ...auth, "content-type": "application/json" }, body: '{"channel":"C0ONE"}' })).toMatchObject({ body: { ok: false, error: "invalid_arguments" } });
    const r = await raw("chat.postMessage", { headers: { ...auth, "content-type": "application/json" }, body: '{"channel":"C0ONE","text":"hi"}' });
    expect(r.body).toMatchObject({ ok: true, warning: "missing_charset", response_metadata: { warnings: ["missing_charset"] } });
    expect(r.id).toMatch(/^[0-9a-f]{16}$/);
  });

  it("validates like Slack: channel, text, Block Kit limits, duplicate ids, metadata", async () => {
    const post = (body: unknown) => raw("chat.postMessage", { headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json; charset=utf-8" }, body: JSON.stringify(body) });
    expect((await post({ text: "x" })).body.error).toBe("channel_not_found");
    expect((await post({ channel: "C0ONE" })).body.error).toBe("no_text");
    expect((await post({ channel: "C0ONE", blocks: [section("x".repeat(3001))] })).body).toMatchObject({ error: "invalid_blocks", errors: [expect.stringContaining("[json-pointer:/blocks/0/text/text]")] });
    expect((await post({ channel: "C0ONE", blocks: [{ type: "header", text: { type: "mrkdwn", text: "x" } }] })).body.error).toBe("invalid_blocks");
    expect((await post({ channel: "C0ONE", blocks: [{ ...section("a"), block_id: "b" }, { ...section("b"), block_id: "b" }] })).body.error).toBe("invalid_blocks");
    const button = { type: "button", action_id: "a".repeat(256), text: { type: "plain_text", text: "x" } };
    expect((await post({ channel: "C0ONE", blocks: [{ type: "actions", elements: [button] }] })).body.error).toBe("invalid_blocks");
    expect((await post({ channel: "C0ONE", text: "x", metadata: { event_type: "bad type!", event_payload: {} } })).body.error).toBe("invalid_metadata_format");
    expect((await raw("chat.nope", { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(404);
  });
});
