import { describe, expect, it } from "vitest";
import type { CardModel } from "../../../src/ports.ts";
import { SAMPLE_ITEM, sampleCard } from "../../../test/support/card-model.ts";
import { CallbackValue, CARD_MAX_BYTES, cardBytes, EDIT_INPUT_NAME, renderCard, renderReplacementCard, RISK_TEMPLATE } from "./card.ts";

const ITEM = SAMPLE_ITEM;
const at = new Date("2025-03-01T08:30:00Z");

const card = sampleCard;

/** Every element of the card, depth first (columns and forms opened up). */
function elements(out: ReturnType<typeof renderCard>): Record<string, unknown>[] {
  const all: Record<string, unknown>[] = [];
  const walk = (list: unknown[]) => {
    for (const e of list as Record<string, unknown>[]) {
      all.push(e);
      if (Array.isArray(e.elements)) walk(e.elements);
      if (Array.isArray(e.columns)) walk((e.columns as { elements: unknown[] }[]).flatMap((c) => c.elements));
    }
  };
  walk(out.body.elements);
  return all;
}
const callbacks = (out: ReturnType<typeof renderCard>) =>
  elements(out).flatMap((e) => ((e.behaviors as { value: unknown }[] | undefined) ?? []).map((b) => CallbackValue.parse(b.value)));

describe("renderCard (Lark card JSON 2.0)", () => {
  it("is a shared 2.0 card with the header coloured by risk", () => {
    for (const risk of ["none", "low", "medium", "high", "critical"] as const) {
      const out = renderCard(card({ risk }));
      expect(out.schema).toBe("2.0");
      expect(out.config.update_multi).toBe(true);
      expect(out.header.template).toBe(RISK_TEMPLATE[risk]);
    }
    expect(renderCard(card({ risk: "critical" })).header.template).toBe("red");
  });

  it("shows the same content as the Slack card: shop, buyer, text, intent 中文/English, confidence, risk, suggestion", () => {
    const json = JSON.stringify(renderCard(card()));
    for (const s of ["Luna Home", "TikTok Shop", "m***a", "arrived broken. I want a refund", "破损/少件", "Damaged item", "售后", "87%", "bad review threat", "Sorry about that!", "template:damaged_item"]) {
      expect(json).toContain(s);
    }
  });

  it("puts buyer text only in plain_text, never in markdown", () => {
    const evil = "<at id=all></at> [click](https://evil.example) **bold**";
    const out = renderCard(card({ text: evil, suggestion: { text: evil, source: "llm" } }));
    const markdown = elements(out).filter((e) => e.tag === "markdown").map((e) => e.content as string);
    expect(markdown.some((m) => m.includes("evil.example") || m.includes("id=all"))).toBe(false);
    expect(JSON.stringify(out)).toContain("evil.example"); // still shown, as plain text
  });

  it("offers Approve, Claim, Escalate, Dismiss, Reclassify and an Edit form, each calling back with only the item id", () => {
    const out = renderCard(card());
    expect(callbacks(out).map((v) => v.action).sort()).toEqual(["approve", "claim", "dismiss", "edit", "escalate", "reclassify"]);
    expect(callbacks(out).every((v) => v.item === ITEM)).toBe(true);
    const form = elements(out).find((e) => e.tag === "form")!;
    const input = (form.elements as Record<string, unknown>[]).find((e) => e.tag === "input")!;
    expect(input).toMatchObject({ name: EDIT_INPUT_NAME, default_value: "Sorry about that! Could you send a photo of the damage?", max_length: 1000 });
    expect((form.elements as Record<string, unknown>[]).find((e) => e.tag === "button")).toMatchObject({ form_action_type: "submit" });
  });

  it("has no live control once settled, and says who did what", () => {
    const out = renderCard(card({ state: "sent", actions: [], outcome: { kind: "sent", by: { surface: "lark", id: "ou_7d8a6e6df7621556ce0d21922b676706" }, at, text: "Sent!" } }));
    expect(callbacks(out)).toEqual([]);
    const json = JSON.stringify(out);
    expect(json).toContain("<at id=ou_7d8a6e6df7621556ce0d21922b676706></at>");
    expect(json).toContain("Sent!");
  });

  it("mentions Lark claimers, and names Slack ones as escaped text", () => {
    const lark = JSON.stringify(renderCard(card({ state: "claimed", claimedBy: { surface: "lark", id: "ou_abcdef123456" }, outcome: null })));
    expect(lark).toContain("Claimed by <at id=ou_abcdef123456></at>");
    const slack = JSON.stringify(renderCard(card({ state: "claimed", claimedBy: { surface: "slack", id: "U0SLACK", name: "ann_*lee*" } })));
    expect(slack).toContain("Claimed by ann\\\\_\\\\*lee\\\\*");
  });

  it("stays under 30 KB with a very long Chinese message and says it was cut", () => {
    const long = "我的订单还没到，".repeat(3000);
    const out = renderCard(card({ text: long, suggestion: { text: long, source: "llm" }, evidence: Array(10).fill(long) }));
    expect(cardBytes(out)).toBeLessThanOrEqual(CARD_MAX_BYTES);
    expect(JSON.stringify(out)).toMatch(/truncated: \d+ more characters/);
  });

  it("marks a replacement card as replacing the one past 14 days", () => {
    expect(JSON.stringify(renderReplacementCard(card()))).toContain("older than 14 days");
  });
});

describe("SLA deadline on the Lark card", () => {
  it("shows the deadline while the item waits, in UTC", () => {
    const json = JSON.stringify(renderCard(card({ slaDueAt: new Date("2025-03-01T20:30:00Z") })));
    expect(json).toContain("回复期限 reply by 2025-03-01 20:30 UTC");
    expect(JSON.stringify(renderCard(card()))).not.toContain("reply by");
  });
});
