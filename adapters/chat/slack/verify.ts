/**
 * Slack request signing, v0 (docs.slack.dev/authentication/verifying-requests-from-slack):
 * `X-Slack-Signature = "v0=" + hex(HMAC-SHA256(signing_secret, "v0:" + ts + ":" + rawBody))`.
 *
 * Web Crypto only, so the same check runs on Node and Workers. It must run on the exact bytes
 * received, before any parsing (MUST rule 1).
 */
import { ConfigError } from "../../../src/errors.ts";
import { concatBytes, hmacSha256Hex, timingSafeEqual, type Bytes } from "../../../src/crypto.ts";

/** Replay window. bolt-js only checks the past; python-slack-sdk checks both ways, as do we (MUST rule 3). */
export const SLACK_MAX_SKEW_SECONDS = 300;

export type SlackVerifyFailure =
  | "missing_signature"
  | "missing_timestamp"
  | "invalid_timestamp"
  | "stale_timestamp"
  | "future_timestamp"
  | "bad_signature";

export type SlackVerifyResult = { ok: true } | { ok: false; reason: SlackVerifyFailure };

export type SlackVerifier = (raw: Bytes, headers: Headers) => Promise<SlackVerifyResult>;

/**
 * Builds the verifier once at boot. An empty secret throws here (MUST rule 4) rather than
 * letting every request through or failing on each one.
 *
 * @param now clock in milliseconds, injectable for tests.
 */
export function createSlackVerifier(opts: { signingSecret: string; now?: () => number }): SlackVerifier {
  const { signingSecret } = opts;
  const now = opts.now ?? Date.now;
  if (!signingSecret) throw new ConfigError("SLACK_SIGNING_SECRET is empty");

  return async (raw, headers) => {
    const signature = headers.get("x-slack-signature");
    if (!signature) return fail("missing_signature");
    const tsHeader = headers.get("x-slack-request-timestamp");
    if (!tsHeader) return fail("missing_timestamp");
    // Digits only: `Number("1e3")`, `" 12"` or `"0x10"` would otherwise parse.
    if (!/^\d{1,12}$/.test(tsHeader)) return fail("invalid_timestamp");

    const skew = Math.floor(now() / 1000) - Number(tsHeader);
    if (skew > SLACK_MAX_SKEW_SECONDS) return fail("stale_timestamp");
    if (skew < -SLACK_MAX_SKEW_SECONDS) return fail("future_timestamp");

    const expected = `v0=${await hmacSha256Hex(signingSecret, concatBytes(`v0:${tsHeader}:`, raw))}`;
    return timingSafeEqual(expected, signature) ? { ok: true } : fail("bad_signature");
  };
}

function fail(reason: SlackVerifyFailure): SlackVerifyResult {
  return { ok: false, reason };
}
