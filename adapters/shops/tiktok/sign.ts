/**
 * TikTok Shop API request signing ("Sign your API request", Partner Center; official vector in
 * ../shared/fixtures/tiktok-api-sign-vector.json):
 *
 *   sign = hex(HMAC-SHA256(app_secret, app_secret + path + Σ sorted {key}{value} + body + app_secret))
 *
 * over every query parameter except `sign` and `access_token`, and the body only when it is not
 * multipart/form-data. The body goes in as the exact bytes that are sent, never re-serialised JSON:
 * TikTok hashes what arrives on the wire.
 */
import { concatBytes, hmacSha256Hex } from "../../../src/crypto.ts";

/** Query keys TikTok leaves out of the string to sign. */
const UNSIGNED_KEYS = new Set(["sign", "access_token"]);

export type TikTokSignInput = {
  appSecret: string;
  /** The request path exactly as sent, without query (e.g. `/customer_service/202309/conversations/1/messages`). */
  path: string;
  /** Every query parameter that will be sent (`sign` and `access_token` are skipped if present). */
  query: Readonly<Record<string, string>>;
  /** The exact body bytes sent; omit or "" for GET. */
  body?: Uint8Array | string;
  /** multipart/form-data bodies are not signed. */
  multipart?: boolean;
};

/** The part between the two secrets: path, sorted `{key}{value}` pairs, then the body. */
export function tiktokUnwrappedString(input: Omit<TikTokSignInput, "appSecret">): Uint8Array<ArrayBuffer> {
  const params = Object.keys(input.query)
    .filter((key) => !UNSIGNED_KEYS.has(key))
    // Plain code-unit order, the same as PHP ksort / Go sort.Strings on TikTok's ASCII keys.
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((key) => `${key}${input.query[key]}`)
    .join("");
  const body = input.multipart ? "" : (input.body ?? "");
  return concatBytes(input.path, params, body);
}

/** Lowercase hex `sign` for a request. */
export async function signTikTokRequest(input: TikTokSignInput): Promise<string> {
  const wrapped = concatBytes(input.appSecret, tiktokUnwrappedString(input), input.appSecret);
  return hmacSha256Hex(input.appSecret, wrapped);
}
