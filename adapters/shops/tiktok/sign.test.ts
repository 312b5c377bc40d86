import { describe, expect, it } from "vitest";
import { tiktokFixture } from "../../../test/msw/tiktok.ts";
import { signTikTokRequest, tiktokUnwrappedString } from "./sign.ts";

type Vector = {
  app_secret: string;
  path: string;
  query: Record<string, string>;
  body: string;
  string_to_sign: string;
  expected_sign: string;
  example_with_body_unwrapped_string: string;
};
const vector = tiktokFixture<Vector>("tiktok-api-sign-vector.json");
const decode = (b: Uint8Array) => new TextDecoder().decode(b);

describe("TikTok API request signing", () => {
  it("matches the official vector (Partner Center 'Sign your API request')", async () => {
    const input = { appSecret: vector.app_secret, path: vector.path, query: vector.query, body: vector.body };
    const wrapped = `${vector.app_secret}${decode(tiktokUnwrappedString(input))}${vector.app_secret}`;
    expect(wrapped).toBe(vector.string_to_sign);
    expect(await signTikTokRequest(input)).toBe(vector.expected_sign);
  });

  it("builds the doc's with-body string: path, sorted params, then the body bytes", async () => {
    const body = '{"address":"https://partner.tiktokshop.com","event_type":"PACKAGE_UPDATE"}';
    const input = {
      appSecret: "secret",
      path: "/event/202309/webhooks",
      // Deliberately unsorted, with the keys TikTok leaves out.
      query: { timestamp: "1696909648", shop_cipher: "ROW_xkMbgAAAeVAQra0eZWebFQq5aIK", sign: "x", access_token: "t", app_key: "68xu9ks5p4i8" },
      body,
    };
    expect(decode(tiktokUnwrappedString(input))).toBe(vector.example_with_body_unwrapped_string);
  });

  it("matches EcomPHP/tiktokshop-php tests/ClientTest.php (third-party vector)", async () => {
    const sign = await signTikTokRequest({ appSecret: "app_secret", path: "/test-api", query: { foo: "bar" } });
    expect(sign).toBe("d3cb7fe11ecae942802ceeca67e7cf10120cc12f1517d45fbc1c8cfe5413c80f");
  });

  it("signs the exact body bytes (non-ASCII stays UTF-8, no re-serialisation)", async () => {
    const body = '{"type":"TEXT","content":"{\\"content\\":\\"粉色 M 码 ✓\\"}"}';
    const bytes = new TextEncoder().encode(body);
    const base = { appSecret: "s", path: "/p", query: { a: "1" } };
    expect(await signTikTokRequest({ ...base, body: bytes })).toBe(await signTikTokRequest({ ...base, body }));
    // One byte of whitespace changes the sign: the body is not parsed.
    expect(await signTikTokRequest({ ...base, body: body.replace(",", ", ") })).not.toBe(
      await signTikTokRequest({ ...base, body }),
    );
  });

  it("leaves multipart bodies out", async () => {
    const base = { appSecret: "s", path: "/customer_service/202309/images/upload", query: { app_key: "k" } };
    expect(await signTikTokRequest({ ...base, body: "--boundary…", multipart: true })).toBe(
      await signTikTokRequest(base),
    );
  });
});
