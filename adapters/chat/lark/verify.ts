/**
 * Lark / Feishu inbound security, on the raw bytes, with Web Crypto only (Node and Workers):
 *
 * - `X-Lark-Signature` = hex(SHA-256(timestamp + nonce + encrypt_key + raw_body)), a plain hash,
 *   not an HMAC (platform-apis §2.4). The Node SDK recomputes it over `JSON.stringify(parsed)`,
 *   which breaks on any body Lark did not send compact and in key order, and skips the check
 *   entirely without an encrypt key: hence our own.
 * - ±300 s on `X-Lark-Request-Timestamp` (MUST rule 3; neither SDK enforces a window).
 * - `{"encrypt": …}` bodies: AES-256-CBC, key = SHA-256(encrypt_key), IV = first 16 bytes (§2.3).
 * - The Verification Token in `token` (url_verification) or `header.token` (v2), constant time.
 *
 * URL verification requests carry no signature (§2.4); they are answered only after decryption
 * and the token check, and echoing a challenge changes nothing.
 */
import { ConfigError } from "../../../src/errors.ts";
import { concatBytes, sha256Hex, timingSafeEqual } from "../../../src/crypto.ts";

export const LARK_MAX_SKEW_SECONDS = 300;

export type LarkVerifyFailure =
  | "not_json"
  | "encrypted_but_no_key"
  | "bad_ciphertext"
  | "missing_signature"
  | "missing_timestamp"
  | "invalid_timestamp"
  | "stale_timestamp"
  | "future_timestamp"
  | "bad_signature"
  | "bad_token";

export type LarkVerifyResult = { ok: true; body: Record<string, unknown> } | { ok: false; reason: LarkVerifyFailure };
export type LarkVerifier = (raw: Uint8Array | string, headers: Headers) => Promise<LarkVerifyResult>;

export type LarkVerifierOptions = { encryptKey: string; verificationToken: string; now?: () => number };

const decoder = new TextDecoder();

/** Decrypts an `encrypt` field (base64 of IV ‖ AES-256-CBC ciphertext, PKCS#7 padded). */
export async function decryptLark(encryptKey: string, encrypt: string): Promise<string> {
  const keyBytes = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(encryptKey));
  const key = await crypto.subtle.importKey("raw", keyBytes, { name: "AES-CBC" }, false, ["decrypt"]);
  const buf = Uint8Array.from(atob(encrypt), (c) => c.charCodeAt(0));
  if (buf.length < 32 || buf.length % 16 !== 0) throw new Error("ciphertext has the wrong length");
  const plain = await crypto.subtle.decrypt({ name: "AES-CBC", iv: buf.slice(0, 16) }, key, buf.slice(16));
  return decoder.decode(plain);
}

/** Encrypts like Lark does (tests and fakes use it to act exactly as Lark would). */
export async function encryptLark(encryptKey: string, plaintext: string, iv = crypto.getRandomValues(new Uint8Array(16))): Promise<string> {
  const keyBytes = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(encryptKey));
  const key = await crypto.subtle.importKey("raw", keyBytes, { name: "AES-CBC" }, false, ["encrypt"]);
  const cipher = new Uint8Array(await crypto.subtle.encrypt({ name: "AES-CBC", iv }, key, new TextEncoder().encode(plaintext)));
  let bin = "";
  for (const b of concatBytes(iv, cipher)) bin += String.fromCharCode(b);
  return btoa(bin);
}

/** The signature Lark sends in `X-Lark-Signature`. */
export function larkSignature(timestamp: string, nonce: string, encryptKey: string, raw: Uint8Array | string): Promise<string> {
  return sha256Hex(concatBytes(timestamp + nonce + encryptKey, raw));
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * Builds the verifier once at boot; empty secrets throw here (MUST rule 4). Returns the decrypted,
 * parsed body only when every check passed.
 */
export function createLarkVerifier(opts: LarkVerifierOptions): LarkVerifier {
  const { encryptKey, verificationToken } = opts;
  const now = opts.now ?? Date.now;
  if (!encryptKey) throw new ConfigError("LARK_ENCRYPT_KEY is empty");
  if (!verificationToken) throw new ConfigError("LARK_VERIFICATION_TOKEN is empty");

  return async (raw, headers) => {
    let outer: unknown;
    try {
      outer = JSON.parse(typeof raw === "string" ? raw : decoder.decode(raw));
    } catch {
      return fail("not_json");
    }
    if (!isObject(outer)) return fail("not_json");
    let body: Record<string, unknown> = outer;
    if (typeof outer.encrypt === "string") {
      try {
        const inner: unknown = JSON.parse(await decryptLark(encryptKey, outer.encrypt));
        if (!isObject(inner)) return fail("bad_ciphertext");
        body = inner;
      } catch {
        return fail("bad_ciphertext");
      }
    }

    const isChallenge = body.type === "url_verification";
    const signature = headers.get("x-lark-signature");
    if (!isChallenge || signature) {
      if (!signature) return fail("missing_signature");
      const ts = headers.get("x-lark-request-timestamp");
      if (!ts) return fail("missing_timestamp");
      // Digits only: `Number("1e3")`, `" 12"` or `"0x10"` would otherwise parse.
      if (!/^\d{1,12}$/.test(ts)) return fail("invalid_timestamp");
      const skew = Math.floor(now() / 1000) - Number(ts);
      if (skew > LARK_MAX_SKEW_SECONDS) return fail("stale_timestamp");
      if (skew < -LARK_MAX_SKEW_SECONDS) return fail("future_timestamp");
      const nonce = headers.get("x-lark-request-nonce") ?? "";
      const expected = await larkSignature(ts, nonce, encryptKey, raw);
      if (!timingSafeEqual(expected, signature.toLowerCase())) return fail("bad_signature");
    }

    const header = isObject(body.header) ? body.header : null;
    const token = header ? header.token : body.token;
    if (typeof token !== "string" || !timingSafeEqual(token, verificationToken)) return fail("bad_token");
    return { ok: true, body };
  };
}

function fail(reason: LarkVerifyFailure): LarkVerifyResult {
  return { ok: false, reason };
}
