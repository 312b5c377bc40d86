import { readFileSync, existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../../../src/errors.ts";
import { signSlackRequest } from "../../../test/msw/slack.ts";
import { createSlackVerifier } from "./verify.ts";

/** Official fixtures: copied into test/fixtures, else read from the shared folder next to the repo. */
function fixture<T>(name: string): T {
  const local = new URL(`../../../test/fixtures/${name}`, import.meta.url);
  const shared = new URL(`../../../../shared/fixtures/${name}`, import.meta.url);
  return JSON.parse(readFileSync(existsSync(local) ? local : shared, "utf8")) as T;
}

const vector = fixture<{ signing_secret: string; x_slack_request_timestamp: string; raw_body: string; expected_x_slack_signature: string }>(
  "slack-signing-test-vector.json",
);
const ts = Number(vector.x_slack_request_timestamp);
const headers = (h: Record<string, string>) => new Headers(h);
const official = () =>
  headers({ "x-slack-request-timestamp": vector.x_slack_request_timestamp, "x-slack-signature": vector.expected_x_slack_signature });
const verifierAt = (seconds: number) => createSlackVerifier({ signingSecret: vector.signing_secret, now: () => seconds * 1000 });

describe("Slack v0 signature: official vector (python-slack-sdk test_signature_verifier.py)", () => {
  it("accepts the vector as a string and as raw bytes", async () => {
    const verify = verifierAt(ts);
    expect(await verify(vector.raw_body, official())).toEqual({ ok: true });
    expect(await verify(new TextEncoder().encode(vector.raw_body), official())).toEqual({ ok: true });
  });

  it("the test builder signs exactly like Slack", async () => {
    const h = await signSlackRequest(vector.raw_body, vector.signing_secret, ts);
    expect(h["x-slack-signature"]).toBe(vector.expected_x_slack_signature);
  });

  it("rejects a body changed by one byte, and a wrong secret", async () => {
    expect(await verifierAt(ts)(vector.raw_body.replace("text=", "text=x"), official())).toEqual({ ok: false, reason: "bad_signature" });
    expect(await verifierAt(ts)(`${vector.raw_body} `, official())).toEqual({ ok: false, reason: "bad_signature" });
    const other = createSlackVerifier({ signingSecret: "another-secret", now: () => ts * 1000 });
    expect(await other(vector.raw_body, official())).toEqual({ ok: false, reason: "bad_signature" });
  });

  it("rejects a tampered or truncated signature and the wrong version prefix", async () => {
    const sig = vector.expected_x_slack_signature;
    for (const bad of [sig.slice(0, -1), `${sig}0`, sig.replace("v0=", "v1="), sig.toUpperCase(), "v0="]) {
      const h = headers({ "x-slack-request-timestamp": vector.x_slack_request_timestamp, "x-slack-signature": bad });
      expect(await verifierAt(ts)(vector.raw_body, h)).toEqual({ ok: false, reason: "bad_signature" });
    }
  });
});

describe("Slack v0 signature: timestamp window (±300 s, symmetric)", () => {
  it.each([
    ["exactly 300 s old", ts + 300, { ok: true }],
    ["301 s old (stale)", ts + 301, { ok: false, reason: "stale_timestamp" }],
    ["exactly 300 s ahead", ts - 300, { ok: true }],
    ["301 s ahead (future)", ts - 301, { ok: false, reason: "future_timestamp" }],
    ["a day old (replay)", ts + 86_400, { ok: false, reason: "stale_timestamp" }],
  ])("%s", async (_name, now, expected) => {
    expect(await verifierAt(now)(vector.raw_body, official())).toEqual(expected);
  });

  it("rejects a stale request even when its signature is valid for that timestamp", async () => {
    const old = ts - 3600;
    const h = await signSlackRequest(vector.raw_body, vector.signing_secret, old);
    expect(await verifierAt(ts)(vector.raw_body, headers(h))).toEqual({ ok: false, reason: "stale_timestamp" });
  });

  it.each([
    ["missing", undefined, "missing_timestamp"],
    ["empty", "", "missing_timestamp"],
    ["not a number", "yesterday", "invalid_timestamp"],
    ["exponent form", "1.5e9", "invalid_timestamp"],
    ["hex", "0x5b47d8ca", "invalid_timestamp"],
    ["negative", "-1531420618", "invalid_timestamp"],
    ["fractional", "1531420618.5", "invalid_timestamp"],
  ])("timestamp %s → %s", async (_name, value, reason) => {
    const h = headers({ "x-slack-signature": vector.expected_x_slack_signature });
    if (value !== undefined) h.set("x-slack-request-timestamp", value);
    expect(await verifierAt(ts)(vector.raw_body, h)).toEqual({ ok: false, reason });
  });

  it("rejects a missing signature header", async () => {
    const h = headers({ "x-slack-request-timestamp": vector.x_slack_request_timestamp });
    expect(await verifierAt(ts)(vector.raw_body, h)).toEqual({ ok: false, reason: "missing_signature" });
  });
});

describe("Slack verifier configuration", () => {
  it("refuses an empty signing secret at construction (MUST rule 4)", () => {
    expect(() => createSlackVerifier({ signingSecret: "" })).toThrow(ConfigError);
  });

  it("uses the real clock by default", async () => {
    const verify = createSlackVerifier({ signingSecret: "s3cret" });
    const now = Math.floor(Date.now() / 1000);
    const h = await signSlackRequest("payload=%7B%7D", "s3cret", now);
    expect(await verify("payload=%7B%7D", headers(h))).toEqual({ ok: true });
  });
});
