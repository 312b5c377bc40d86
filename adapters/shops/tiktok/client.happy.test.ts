import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { hmacSha256Hex } from "../../../src/crypto.ts";
import type { ShopAuth, ShopPlatform } from "../../../src/ports.ts";
import { createTikTokFake, FIXTURE_CONVERSATION_ID, tiktokFixture, type TikTokFake } from "../../../test/msw/tiktok.ts";
import { createTikTokShop } from "./index.ts";

const BASE = "https://tiktok.test";
const APP = { appKey: "test_app_key", appSecret: "test_app_secret" };
const shop: ShopAuth = { shopId: "7494726673780148744", accessToken: "TTP_access_token", cipher: "ROW_cipher" };
const T0 = 1_732_180_000_000;

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

let clock = T0;
let fake: TikTokFake;
let tiktok: ShopPlatform;
beforeEach(() => {
  clock = T0;
  fake = createTikTokFake({ baseUrl: BASE, ...APP, accessToken: shop.accessToken, shopCipher: shop.cipher, now: () => clock });
  server.use(...fake.handlers);
  tiktok = createTikTokShop({ ...APP, baseUrl: BASE, now: () => clock });
});

describe("TikTok client against the fake", () => {
  it("lists messages newest first with an exactly signed GET", async () => {
    const messages = await tiktok.listMessages(shop, FIXTURE_CONVERSATION_ID);

    expect(messages.map((m) => [m.id, m.sender.role, m.text])).toEqual([
      ["7437766939418148626", "BUYER", "Hi, is the pink one still in stock? I need size M"],
      ["7437766939418148600", "SHOP", "Hello! Thanks for visiting our shop."],
    ]);
    expect(fake.requests).toHaveLength(1);
    const req = fake.requests[0]!;
    const path = `/customer_service/202309/conversations/${FIXTURE_CONVERSATION_ID}/messages`;
    expect(req).toMatchObject({ method: "GET", path, rawBody: "", code: 0 });
    expect(req.headers["x-tts-access-token"]).toBe(shop.accessToken);
    const { sign, ...signed } = req.query;
    expect(signed).toEqual({ app_key: APP.appKey, timestamp: "1732180000", shop_cipher: "ROW_cipher", page_size: "20" });
    // The string TikTok's doc describes, written out by hand.
    const s = APP.appSecret;
    const plain = `${s}${path}app_key${APP.appKey}page_size20shop_cipherROW_ciphertimestamp1732180000${s}`;
    expect(sign).toBe(await hmacSha256Hex(s, plain));
  });

  it("honours pageSize and signs a fresh timestamp per call", async () => {
    await tiktok.listMessages(shop, FIXTURE_CONVERSATION_ID, { pageSize: 1 });
    clock += 61_000;
    const latest = await tiktok.listMessages(shop, FIXTURE_CONVERSATION_ID, { pageSize: 1 });
    expect(latest.map((m) => m.id)).toEqual(["7437766939418148626"]);
    expect(fake.requests.map((r) => [r.query.page_size, r.query.timestamp])).toEqual([
      ["1", "1732180000"],
      ["1", "1732180061"],
    ]);
    expect(fake.requests[0]!.query.sign).not.toBe(fake.requests[1]!.query.sign);
  });

  it("sends a TEXT reply: the bytes signed are the bytes sent, in the fixture's shape", async () => {
    const fixture = tiktokFixture<{ content: string }>("tiktok-send-message-request.json");
    const text = (JSON.parse(fixture.content) as { content: string }).content;

    const result = await tiktok.sendText(shop, FIXTURE_CONVERSATION_ID, text);

    expect(fake.sent).toHaveLength(1);
    const sent = fake.sent[0]!;
    expect(result).toEqual({ messageId: sent.messageId });
    expect(sent.rawBody).toBe(JSON.stringify(fixture));
    expect(sent).toMatchObject({ conversationId: FIXTURE_CONVERSATION_ID, text, accessToken: shop.accessToken });
    const req = fake.requests[0]!;
    expect(req.method).toBe("POST");
    expect(req.headers["content-type"]).toBe("application/json");
    const plain = `${APP.appSecret}${req.path}app_key${APP.appKey}shop_cipherROW_ciphertimestamp1732180000${sent.rawBody}${APP.appSecret}`;
    expect(req.query.sign).toBe(await hmacSha256Hex(APP.appSecret, plain));
    // The reply now shows in the conversation as the shop's, newest first.
    const [latest] = await tiktok.listMessages(shop, FIXTURE_CONVERSATION_ID);
    expect(latest).toMatchObject({ id: sent.messageId, text, sender: { role: "SHOP" } });
  });

  it("sends quotes, newlines, CJK and emoji intact", async () => {
    const text = 'Yes — "pink" M is here.\n粉色 M 码有货 🎀 \\o/';
    await tiktok.sendText(shop, FIXTURE_CONVERSATION_ID, text);
    expect(fake.sent[0]!.text).toBe(text);
    expect(JSON.parse(fake.sent[0]!.rawBody)).toEqual({ type: "TEXT", content: JSON.stringify({ content: text }) });
  });

  it("retries nothing itself: after a failed send, the next send goes through once", async () => {
    fake.failNextSends(1, 500);
    await expect(tiktok.sendText(shop, FIXTURE_CONVERSATION_ID, "hi")).rejects.toMatchObject({ retry: true });
    await tiktok.sendText(shop, FIXTURE_CONVERSATION_ID, "hi");
    expect(fake.requests).toHaveLength(2);
    expect(fake.sent.map((s) => s.text)).toEqual(["hi"]);
  });
});
