import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UpstreamError } from "../../../src/errors.ts";
import { createLarkFake } from "../../../test/msw/lark.ts";
import { createLarkClient } from "./client.ts";

const BASE = "https://lark-client.test";
const CHAT = "oc_clienttest000000000000000001";
const fake = createLarkFake({ baseUrl: BASE, appId: "cli_client0000000001", appSecret: "s3cret", chats: [CHAT] });
const server = setupServer(...fake.handlers);
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterAll(() => server.close());

const card = (n: number) => ({ schema: "2.0", config: { update_multi: true }, header: { title: { tag: "plain_text", content: `card ${n}` }, template: "blue" }, body: { elements: [] } });
const client = (o: Partial<Parameters<typeof createLarkClient>[0]> = {}) => createLarkClient({ appId: "cli_client0000000001", appSecret: "s3cret", domain: BASE, ...o });

describe("createLarkClient", () => {
  it("fetches a tenant token once and sends with it; the same uuid returns the first message", async () => {
    const c = client();
    const tokensBefore = fake.calls.filter((x) => x.path === "tenant_access_token").length;
    const a = await c.sendCard(CHAT, card(1), "itm_same_uuid_1");
    const b = await c.sendCard(CHAT, card(2), "itm_same_uuid_1");
    expect(b.messageId).toBe(a.messageId);
    expect(fake.messages(CHAT).filter((m) => m.uuid === "itm_same_uuid_1")).toHaveLength(1);
    expect(fake.calls.filter((x) => x.path === "tenant_access_token").length - tokensBefore).toBe(1);
    await c.updateCard(a.messageId, card(3));
    expect(fake.message(a.messageId)!.card.header.title.content).toBe("card 3");
  });

  it("turns 230020 into a retryable UpstreamError with a back-off", async () => {
    fake.failNext("create", 230020);
    const err = await client({ rateLimitBackoffMs: 1500 }).sendCard(CHAT, card(4), "itm_ratelimited_1").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UpstreamError);
    expect(err).toMatchObject({ retry: true, vendorCode: 230020, retryAfterMs: 1500, status: 400 });
    expect((err as UpstreamError).requestId).toMatch(/^[0-9a-f]{24}$/); // x-tt-logid, for support tickets
  });

  it("does not retry what cannot succeed: a chat the bot is not in, a bad app secret", async () => {
    const notIn = await client().sendCard("oc_elsewhere", card(5), "itm_not_in_chat_1").catch((e: unknown) => e);
    expect(notIn).toMatchObject({ retry: false, vendorCode: 230002 });
    const badSecret = await client({ appSecret: "wrong" }).sendCard(CHAT, card(6), "itm_bad_secret_1").catch((e: unknown) => e);
    expect(badSecret).toBeInstanceOf(UpstreamError);
  });

  it("paces sends to one chat at 5 per second, so the fake's 5 QPS limit is never hit", async () => {
    const c = client();
    await new Promise((r) => setTimeout(r, 1100)); // let the earlier tests' sends leave the fake's 1 s window
    const started = Date.now();
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => c.sendCard(CHAT, card(i), `itm_paced_${i}`)));
    const ms = Date.now() - started;
    expect(new Set(results.map((r) => r.messageId)).size).toBe(12);
    // 12 sends at 5/s need at least two more windows after the first five.
    expect(ms).toBeGreaterThanOrEqual(1900);
    console.log(`lark.client: 12 sends to one chat took ${ms} ms (paced at 5/s)`);
  });
});
