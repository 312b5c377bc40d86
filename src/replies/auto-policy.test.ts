import { describe, expect, it } from "vitest";
import { decideAutoReply, rolloutBucket, withinHours, type AutoInput } from "./auto-policy.ts";
import { AutoReplyPolicySchema } from "./shop-settings.ts";

const base = (over: Partial<AutoInput> = {}, policy: Record<string, unknown> = {}): AutoInput => ({
  policy: AutoReplyPolicySchema.parse({ mode: "on", intents: ["buy_link"], ...policy }),
  killed: false,
  intent: "buy_link",
  confidence: 0.95,
  unsure: false,
  risk: "none",
  conversationKey: "conv-1",
  humanTouched: false,
  now: new Date("2026-11-18T03:00:00Z"),
  verdict: { allowed: true, violations: [] },
  ackAvailable: true,
  ...over,
});

describe("auto-reply policy", () => {
  it("sends an allowed, confident, risk-free reply", () => expect(decideAutoReply(base()).action).toBe("send"));
  it("records only in shadow mode", () => expect(decideAutoReply(base({}, { mode: "shadow" })).action).toBe("shadow_send"));
  it.each([
    ["kill switch", base({ killed: true }), /kill switch/],
    ["mode off", base({}, { mode: "off" }), /off/],
    ["human touched", base({ humanTouched: true }), /person/],
    ["other intent", base({ intent: "complaint" }), /not auto-answered/],
    ["risk", base({ risk: "low" }), /risk is low/],
    ["low confidence", base({ confidence: 0.5 }), /below 85%/],
    ["unsure", base({ unsure: true }), /confidence/],
    ["per-intent threshold", base({}, { minConfidence: { buy_link: 0.99 } }), /below 99%/],
    ["compliance", base({ verdict: { allowed: false, violations: [{ rule: "email", match: "a@b.c", severity: "block", message: "" }] } }), /email/],
    ["no suggestion", base({ verdict: null }), /no suggested reply/],
    ["0% rollout", base({}, { rolloutPercent: 0 }), /rollout/],
  ])("leaves it to staff: %s", (_, input, reason) => {
    const d = decideAutoReply(input);
    expect(d.action).toBe("skip");
    expect(d.reason).toMatch(reason);
  });

  it("rolls out by a stable bucket per conversation, close to the configured share", () => {
    expect(rolloutBucket("conv-1")).toBe(rolloutBucket("conv-1"));
    const keys = Array.from({ length: 2000 }, (_, i) => `576469589434${i}`);
    const inside = keys.filter((k) => decideAutoReply(base({ conversationKey: k }, { rolloutPercent: 30 })).action === "send").length;
    expect(inside / keys.length).toBeGreaterThan(0.25);
    expect(inside / keys.length).toBeLessThan(0.35);
  });

  it("acknowledges off hours in the shop's time zone, and still answers allowed intents", () => {
    const hours = { businessHours: { timeZone: "Asia/Jakarta", days: [1, 2, 3, 4, 5], open: "09:00", close: "18:00" }, offHoursAck: true };
    // 2026-11-18 is a Wednesday; 03:00Z = 10:00 in Jakarta, 14:00Z = 21:00.
    expect(withinHours(hours.businessHours, new Date("2026-11-18T03:00:00Z"))).toBe(true);
    expect(withinHours(hours.businessHours, new Date("2026-11-18T14:00:00Z"))).toBe(false);
    expect(withinHours(hours.businessHours, new Date("2026-11-21T03:00:00Z"))).toBe(false); // Saturday
    const night = new Date("2026-11-18T14:00:00Z");
    expect(decideAutoReply(base({ now: night, intent: "complaint" }, hours)).action).toBe("ack");
    expect(decideAutoReply(base({ now: night }, hours)).action).toBe("send");
    expect(decideAutoReply(base({ intent: "complaint" }, hours)).action).toBe("skip");
    expect(decideAutoReply(base({ now: night, intent: "complaint", humanTouched: true }, hours)).action).toBe("skip");
  });
});
