import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { encryptForLark, signLark } from "../../../test/msw/lark.ts";
import { createLarkVerifier, decryptLark, larkSignature } from "./verify.ts";

const vector = JSON.parse(readFileSync(new URL("../../../../shared/fixtures/lark-encrypted-url-verification-vector.json", import.meta.url), "utf8"));
const KEY = "test key";
const TOKEN = "v-token";
const NOW = 1_700_000_000;
const verifier = createLarkVerifier({ encryptKey: KEY, verificationToken: TOKEN, now: () => NOW * 1000 });
const event = JSON.stringify({ schema: "2.0", header: { event_id: "e1", event_type: "im.message.receive_v1", token: TOKEN }, event: {} });

describe("Lark AES and signature", () => {
  it("decrypts the official SDK vector to the url_verification challenge", async () => {
    const plain = JSON.parse(await decryptLark(vector.encrypt_key, vector.request_body.encrypt));
    expect(plain).toEqual({ challenge: vector.expected_response.challenge, token: "iRdCP2WwXNBXRM3mGLqhrgch3cn0gbT6", type: "url_verification" });
  });

  it("decrypts the Feishu doc vector ('test key' → hello world)", async () => {
    expect(await decryptLark("test key", "P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk=")).toBe("hello world");
  });

  it("computes the documented signature example (plain SHA-256, not HMAC)", async () => {
    const body = '{"encrypt":"P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk="}';
    expect(await larkSignature("1700000000", "abc", "test key", body)).toBe("0c09d96c2aef2ad08179b3967ea410bbc91dab24ce3aec05af962cf1935844af");
  });
});

describe("createLarkVerifier", () => {
  it("accepts a signed, encrypted event and hands back the decrypted body", async () => {
    const raw = JSON.stringify({ encrypt: encryptForLark(KEY, event) });
    const r = await verifier(raw, new Headers(signLark(raw, KEY, NOW)));
    expect(r).toEqual({ ok: true, body: JSON.parse(event) });
  });

  it("verifies the raw bytes as sent, whitespace and key order included", async () => {
    const raw = `{ "header": {"token": "${TOKEN}", "event_type": "x", "event_id": "e2"},\n "schema": "2.0", "event": {} }`;
    expect((await verifier(raw, new Headers(signLark(raw, KEY, NOW)))).ok).toBe(true);
    const reserialised = JSON.stringify(JSON.parse(raw));
    expect(await verifier(reserialised, new Headers(signLark(raw, KEY, NOW)))).toEqual({ ok: false, reason: "bad_signature" });
  });

  it.each([
    ["missing_signature", (raw: string) => new Headers()],
    ["stale_timestamp", (raw: string) => new Headers(signLark(raw, KEY, NOW - 301))],
    ["future_timestamp", (raw: string) => new Headers(signLark(raw, KEY, NOW + 301))],
    ["bad_signature", (raw: string) => new Headers(signLark(raw, "other key", NOW))],
    ["invalid_timestamp", (raw: string) => new Headers({ ...signLark(raw, KEY, NOW), "x-lark-request-timestamp": "1e9" })],
  ])("rejects %s", async (reason, headers) => {
    const raw = JSON.stringify({ encrypt: encryptForLark(KEY, event) });
    expect(await verifier(raw, headers(raw))).toEqual({ ok: false, reason });
  });

  it("rejects a correctly signed body whose verification token is wrong", async () => {
    const raw = JSON.stringify({ encrypt: encryptForLark(KEY, event.replace(TOKEN, "nope")) });
    expect(await verifier(raw, new Headers(signLark(raw, KEY, NOW)))).toEqual({ ok: false, reason: "bad_token" });
  });

  it("answers url_verification without a signature only after decryption and the token check", async () => {
    const official = createLarkVerifier({ encryptKey: vector.encrypt_key, verificationToken: "iRdCP2WwXNBXRM3mGLqhrgch3cn0gbT6" });
    const r = await official(JSON.stringify(vector.request_body), new Headers());
    expect(r.ok && r.body.challenge).toBe(vector.expected_response.challenge);
    const wrongToken = createLarkVerifier({ encryptKey: vector.encrypt_key, verificationToken: "other" });
    expect(await wrongToken(JSON.stringify(vector.request_body), new Headers())).toEqual({ ok: false, reason: "bad_token" });
    const wrongKey = createLarkVerifier({ encryptKey: "not it", verificationToken: "iRdCP2WwXNBXRM3mGLqhrgch3cn0gbT6" });
    expect(await wrongKey(JSON.stringify(vector.request_body), new Headers())).toEqual({ ok: false, reason: "bad_ciphertext" });
  });

  it("refuses empty secrets at boot", () => {
    expect(() => createLarkVerifier({ encryptKey: "", verificationToken: "t" })).toThrow(/LARK_ENCRYPT_KEY/);
    expect(() => createLarkVerifier({ encryptKey: "k", verificationToken: "" })).toThrow(/LARK_VERIFICATION_TOKEN/);
  });
});
