import { describe, expect, it } from "vitest";
import { signTikTokWebhook, tiktokFixture } from "../../../test/msw/tiktok.ts";
import { createTikTokShop } from "./index.ts";
import { verifyTikTokWebhook } from "./webhook.ts";

type Vector = { app_key: string; app_secret: string; raw_body: string; expected_authorization: string };
const v = tiktokFixture<Vector>("tiktok-webhook-signature-vector.json");
const raw = new TextEncoder().encode(v.raw_body);

describe("TikTok webhook signature", () => {
  it("accepts the EcomPHP vector", async () => {
    expect(await verifyTikTokWebhook(raw, v.expected_authorization, v.app_key, v.app_secret)).toBe(true);
    expect(await signTikTokWebhook(v.raw_body, v.app_key, v.app_secret)).toBe(v.expected_authorization);
  });

  it("rejects a wrong signature", async () => {
    const wrong = v.expected_authorization.replace(/^./, (c) => (c === "0" ? "1" : "0"));
    expect(await verifyTikTokWebhook(raw, wrong, v.app_key, v.app_secret)).toBe(false);
    expect(await verifyTikTokWebhook(raw, v.expected_authorization, v.app_key, "other_secret")).toBe(false);
    expect(await verifyTikTokWebhook(raw, v.expected_authorization, "other_key", v.app_secret)).toBe(false);
  });

  it("rejects a missing or empty header", async () => {
    expect(await verifyTikTokWebhook(raw, null, v.app_key, v.app_secret)).toBe(false);
    expect(await verifyTikTokWebhook(raw, "", v.app_key, v.app_secret)).toBe(false);
    expect(await verifyTikTokWebhook(raw, "   ", v.app_key, v.app_secret)).toBe(false);
  });

  it("rejects a body tampered by one byte", async () => {
    for (const i of [0, raw.length >> 1, raw.length - 1]) {
      const tampered = raw.slice();
      tampered[i] = (tampered[i] ?? 0) ^ 0x01;
      expect(await verifyTikTokWebhook(tampered, v.expected_authorization, v.app_key, v.app_secret)).toBe(false);
    }
    const longer = new TextEncoder().encode(`${v.raw_body} `);
    expect(await verifyTikTokWebhook(longer, v.expected_authorization, v.app_key, v.app_secret)).toBe(false);
  });

  it("is what ShopPlatform.verifyWebhook does with the Authorization header", async () => {
    const shop = createTikTokShop({ appKey: v.app_key, appSecret: v.app_secret });
    expect(await shop.verifyWebhook(raw, new Headers({ Authorization: v.expected_authorization }))).toBe(true);
    expect(await shop.verifyWebhook(raw, new Headers())).toBe(false);
  });
});
