import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ConfigError, UpstreamError, ValidationError } from "../../../src/errors.ts";
import type { ShopAuth } from "../../../src/ports.ts";
import { createTikTokFake, FIXTURE_CONVERSATION_ID, type TikTokFake } from "../../../test/msw/tiktok.ts";
import { parseRetryAfter } from "./client.ts";
import { createTikTokShop, type TikTokShopOptions } from "./index.ts";

const BASE = "https://tiktok.test";
const APP = { appKey: "test_app_key", appSecret: "test_app_secret" };
const shop: ShopAuth = { shopId: "7494726673780148744", accessToken: "TTP_access_token", cipher: "ROW_cipher" };
const T0 = 1_732_180_000_000;
const CONV = FIXTURE_CONVERSATION_ID;
const MESSAGES = `${BASE}/customer_service/202309/conversations/:id/messages`;

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

let fake: TikTokFake;
beforeEach(() => {
  fake = createTikTokFake({ baseUrl: BASE, ...APP, accessToken: shop.accessToken, now: () => T0 });
  server.use(...fake.handlers);
});
const client = (o: Partial<TikTokShopOptions> = {}) => createTikTokShop({ ...APP, baseUrl: BASE, now: () => T0, ...o });

async function upstreamError(p: Promise<unknown>): Promise<UpstreamError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UpstreamError);
  return err as UpstreamError;
}

describe("TikTok error mapping", () => {
  it("5xx → retryable, with TikTok's code and request_id", async () => {
    fake.failNextSends(1, 500);
    const err = await upstreamError(client().sendText(shop, CONV, "hi"));
    expect(err).toMatchObject({ retry: true, status: 500, vendorCode: 36009003, vendor: "tiktok_shop" });
    expect(err.requestId).toMatch(/^\d{14}[0-9A-F]{16}$/);
    expect(fake.sent).toHaveLength(0);
  });

  it("429 → retryable with Retry-After (seconds and HTTP date)", async () => {
    fake.failNextSends(1, 429, { retryAfter: "7" });
    fake.failNextSends(1, 429, { retryAfter: new Date(T0 + 30_000).toUTCString() });
    const first = await upstreamError(client().sendText(shop, CONV, "hi"));
    expect(first).toMatchObject({ retry: true, status: 429, vendorCode: 36009002, retryAfterMs: 7000 });
    const second = await upstreamError(client().sendText(shop, CONV, "hi"));
    expect(second.retryAfterMs).toBe(30_000);
    expect(parseRetryAfter("soon", T0)).toBeUndefined();
  });

  it("a bad sign, a wrong token, a stale clock or a missing cipher → not retryable", async () => {
    const cases: [() => Promise<unknown>, number, number, RegExp][] = [
      [() => client({ appSecret: "wrong" }).listMessages(shop, CONV), 401, 106001, /sign/],
      [() => client().listMessages({ ...shop, accessToken: "expired" }, CONV), 401, 36009004, /x-tts-access-token/],
      [() => client({ now: () => T0 - 301_000 }).listMessages(shop, CONV), 400, 36009004, /earlier than 5 minutes/],
      [() => client({ now: () => T0 + 31_000 }).sendText(shop, CONV, "hi"), 400, 36009004, /more than 30 seconds/],
      [() => client().listMessages({ ...shop, cipher: undefined }, CONV), 400, 106013, /shop_cipher/],
    ];
    for (const [call, status, code, message] of cases) {
      const err = await upstreamError(call());
      expect(err).toMatchObject({ retry: false, status, vendorCode: code });
      expect(err.message).toMatch(message);
      expect(err.requestId).toBeTruthy();
    }
    expect(fake.sent).toHaveLength(0);
  });

  it("business errors in an HTTP 200: rate limit and internal error retry, others do not", async () => {
    const codes: [number, boolean][] = [[36009002, true], [36009003, true], [36009007, true], [12052024, false], [105002, false]];
    for (const [code, retry] of codes) {
      server.use(http.post(MESSAGES, () => HttpResponse.json({ code, message: "m", request_id: `rid-${code}` }), { once: true }));
      const err = await upstreamError(client().sendText(shop, CONV, "hi"));
      expect(err).toMatchObject({ retry, status: 200, vendorCode: code, requestId: `rid-${code}` });
    }
  });

  it("network failure → retryable, no status", async () => {
    server.use(http.get(MESSAGES, () => HttpResponse.error(), { once: true }));
    const err = await upstreamError(client().listMessages(shop, CONV));
    expect(err).toMatchObject({ retry: true, status: undefined });
  });

  it("a non-JSON gateway page keeps the log id header as request id", async () => {
    server.use(
      http.get(MESSAGES, () => new HttpResponse("<html>Bad Gateway</html>", { status: 502, headers: { "x-tt-logid": "LOG123" } }), {
        once: true,
      }),
    );
    const err = await upstreamError(client().listMessages(shop, CONV));
    expect(err).toMatchObject({ retry: true, status: 502, requestId: "LOG123", vendorCode: undefined });
  });

  it("an accepted send with an unexpected body is not retried (the reply may already be out)", async () => {
    server.use(http.post(MESSAGES, () => HttpResponse.json({ code: 0, message: "Success", request_id: "rid", data: {} }), { once: true }));
    const err = await upstreamError(client().sendText(shop, CONV, "hi"));
    expect(err).toMatchObject({ retry: false, status: 200, requestId: "rid" });
    expect(err.message).toMatch(/message_id/);
  });

  it("refuses bad input before any request", async () => {
    await expect(client().listMessages(shop, "../../authorization")).rejects.toBeInstanceOf(ValidationError);
    await expect(client().sendText(shop, CONV, "  ")).rejects.toBeInstanceOf(ValidationError);
    await expect(client().listMessages(shop, CONV, { pageSize: 0 })).rejects.toBeInstanceOf(ValidationError);
    expect(fake.requests).toHaveLength(0);
    expect(() => createTikTokShop({ appKey: "k", appSecret: "" })).toThrow(ConfigError);
  });
});

describe("the fake checks requests as TikTok does", () => {
  const url = `${BASE}/customer_service/202309/conversations/${CONV}/messages`;

  it("rejects an unsigned request and a body changed after signing", async () => {
    const unsigned = await fetch(`${url}?app_key=${APP.appKey}&timestamp=${T0 / 1000}&page_size=20`);
    expect(unsigned.status).toBe(401);
    expect(await unsigned.json()).toMatchObject({ code: 36009004, message: expect.stringMatching(/Missing credentials/) });

    // Sign a real send, then replay it with one byte of the body changed.
    await client().sendText(shop, CONV, "hello");
    const signed = fake.requests.find((r) => r.method === "POST")!;
    const replay = await fetch(`${url}?${new URLSearchParams(signed.query)}`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-tts-access-token": shop.accessToken },
      body: signed.rawBody.replace("hello", "hellp"),
    });
    expect(await replay.json()).toMatchObject({ code: 106001 });
    expect(fake.sent.map((s) => s.text)).toEqual(["hello"]);
  });
});
