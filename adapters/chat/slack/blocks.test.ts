import { describe, expect, it } from "vitest";
import type { CardModel } from "../../../src/ports.ts";
import { SAMPLE_ITEM, sampleCard } from "../../../test/support/card-model.ts";
import { LIMITS, escapeMrkdwn, renderCard, renderEditModal, truncate } from "./blocks.ts";

const ITEM = SAMPLE_ITEM;
const at = new Date("2025-03-01T08:30:00Z");
const DATE = "<!date^1740817800^{date_short_pretty} {time}|2025-03-01T08:30:00Z>";

/** Slack cards in these tests offer no Escalate button unless a test adds it. */
const card = (over: Partial<CardModel> = {}): CardModel => sampleCard({ actions: ["approve", "edit", "claim", "reclassify", "dismiss"], ...over });

const pt = (text: string, emoji = true) => ({ type: "plain_text", text, emoji });
const md = (text: string) => ({ type: "mrkdwn", text });

/** Every string Slack will parse as mrkdwn: top-level `text` and every mrkdwn object. */
function mrkdwnStrings(out: { text: string; blocks: unknown[] }): string[] {
  const found: string[] = [out.text];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object") {
      const o = v as Record<string, unknown>;
      if (o.type === "mrkdwn" && typeof o.text === "string") found.push(o.text);
      Object.values(o).forEach(walk);
    }
  };
  walk(out.blocks);
  return found;
}
function plainStrings(blocks: unknown): string[] {
  const found: string[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object") {
      const o = v as Record<string, unknown>;
      if (o.type === "plain_text" && typeof o.text === "string") found.push(o.text);
      Object.values(o).forEach(walk);
    }
  };
  walk(blocks);
  return found;
}
/** A live control sequence: `<@U…>`, `<!channel>`, `<#C…>`, `<https://…|…>` (our own `<!date^…>` excluded). */
const LIVE = /<(?!!date\^)[@!#]|<(?:https?|mailto):/i;

describe("renderCard: a fresh card (snapshot-style)", () => {
  it("renders the exact Block Kit JSON", () => {
    expect(renderCard(card())).toEqual({
      text: "🟠 High risk · Damaged item · Luna Home: “My order arrived broken. I want a refund now or I'll leave a 1-star review!”",
      blocks: [
        { type: "header", block_id: "header", text: pt("🟠 High risk · Luna Home · m***a (EN)") },
        { type: "context", block_id: "meta", elements: [md(`🛍️ *Luna Home* (TikTok Shop) · 👤 m***a · 🌐 en · 🕒 ${DATE}`)] },
        { type: "section", block_id: "message", text: pt("My order arrived broken. I want a refund now or I'll leave a 1-star review!", false) },
        {
          type: "section",
          block_id: "facts",
          fields: [md("*Intent*\n破损/少件 · Damaged item\n_售后 · After-sales_"), md("*Confidence*\n87%"), md("*Risk*\n🟠 high — bad review threat, urgent"), md("*Sentiment*\n🙁 negative")],
        },
        { type: "context", block_id: "evidence", elements: [md("🔎 “arrived broken” · “1-star review”")] },
        { type: "context", block_id: "suggestion_label", elements: [md("💡 *Suggested reply* · template:damaged_item")] },
        { type: "section", block_id: "suggestion", text: pt("Sorry about that! Could you send a photo of the damage?", false) },
        {
          type: "actions",
          block_id: "actions",
          elements: [
            { type: "button", action_id: `triage:approve:${ITEM}`, text: pt("✅ Approve & send"), value: ITEM, style: "primary" },
            { type: "button", action_id: `triage:edit:${ITEM}`, text: pt("✏️ Edit reply"), value: ITEM },
            { type: "button", action_id: `triage:claim:${ITEM}`, text: pt("🙋 Claim"), value: ITEM },
            { type: "static_select", action_id: `triage:reclassify:${ITEM}`, placeholder: pt("🔁 Reclassify…"), options: [{ text: pt("退货退款 Return & refund"), value: "return_refund" }] },
            {
              type: "button",
              action_id: `triage:dismiss:${ITEM}`,
              text: pt("🗑️ Dismiss"),
              value: ITEM,
              style: "danger",
              confirm: { title: pt("Dismiss this message?"), text: pt("No reply will be sent from this card, and its buttons go away."), confirm: pt("Dismiss"), deny: pt("Cancel"), style: "danger" },
            },
          ],
        },
      ],
    });
  });

  it("is pure: the same model renders the same JSON", () => {
    expect(JSON.stringify(renderCard(card()))).toBe(JSON.stringify(renderCard(card())));
  });

  it("says when the classifier is unsure, and offers no Approve without a suggestion", () => {
    const out = renderCard(card({ unsure: true, confidence: 0.41, suggestion: null }));
    expect(out.blocks.find((b) => b.block_id === "facts")).toMatchObject({ fields: expect.arrayContaining([md("*Confidence*\n41% · ⚠️ unsure")]) });
    expect(out.blocks.find((b) => b.block_id === "suggestion_label")).toEqual({ type: "context", block_id: "suggestion_label", elements: [md("💡 No suggested reply: use *Edit reply* to write one.")] });
    const actions = out.blocks.find((b) => b.type === "actions") as { elements: { action_id: string }[] };
    expect(actions.elements.map((e) => e.action_id)).not.toContain(`triage:approve:${ITEM}`);
  });
});

describe("renderCard: buyer text can never ping or link", () => {
  const hostile = "Hey <!channel> <!here> <!everyone> <@U024BE7LH> <#C024BE7LR> <!subteam^S123> click <https://evil.example|your refund> & win > all";

  it("keeps hostile buyer text in plain_text and out of every mrkdwn string", () => {
    const out = renderCard(card({ text: hostile }));
    const message = out.blocks.find((b) => b.block_id === "message");
    expect(message).toEqual({ type: "section", block_id: "message", text: pt(hostile, false) });
    for (const s of mrkdwnStrings(out)) expect(s).not.toMatch(LIVE);
    expect(out.text).toContain("Hey &lt;!channel&gt; &lt;!here&gt;");
    expect(out.text).toContain("&lt;https://evil.example|your refund&gt; &amp; win &gt; all");
  });

  it("escapes every other untrusted string placed in mrkdwn (evidence, names, labels, reasons)", () => {
    const out = renderCard(
      card({
        shop: { name: "Shop <!channel>", platform: "tiktok_shop" },
        buyer: "<@U999> b***r",
        lang: "<!here>",
        evidence: ["<!everyone> now", "<https://evil|x>"],
        intent: { id: "other", zh: "其他<!channel>", en: "Other <@U1>", groupZh: "反馈", groupEn: "<#C1>" },
        suggestion: { text: "<!channel> LLM said so", source: "llm <!here>" },
        outcome: { kind: "failed", by: null, at, reason: "TikTok said <!channel> & <https://x|y>" },
      }),
    );
    for (const s of mrkdwnStrings(out)) expect(s).not.toMatch(LIVE);
    const evidence = out.blocks.find((b) => b.block_id === "evidence");
    expect(evidence).toEqual({ type: "context", block_id: "evidence", elements: [md("🔎 “&lt;!everyone&gt; now” · “&lt;https://evil|x&gt;”")] });
    // The suggestion (possibly model-written from buyer text) is plain_text too.
    expect(plainStrings(out.blocks)).toContain("<!channel> LLM said so");
  });

  it("mentions only real Slack user ids", () => {
    const out = renderCard(card({ state: "claimed", outcome: { kind: "claimed", by: { surface: "slack", id: "<!channel>" }, at } }));
    expect(out.blocks.find((b) => b.block_id === "outcome")).toEqual({ type: "context", block_id: "outcome", elements: [md(`🙋 Claimed by &lt;!channel&gt; · ${DATE}`)] });
  });
});

describe("renderCard: settled cards", () => {
  it("a sent card says who approved it and when, shows the sent text, and has no actions block", () => {
    const out = renderCard(
      card({ state: "sent", actions: ["approve", "edit"], outcome: { kind: "sent", by: { surface: "slack", id: "U024BE7LH", name: "amy" }, at, text: "Edited: photo please?" } }),
    );
    expect(out.blocks.some((b) => b.type === "actions")).toBe(false);
    expect(out.blocks.find((b) => b.block_id === "outcome")).toEqual({ type: "context", block_id: "outcome", elements: [md(`📤 Reply sent · approved by <@U024BE7LH> · ${DATE}`)] });
    expect(out.blocks.find((b) => b.block_id === "sent")).toEqual({ type: "section", block_id: "sent", text: pt("Edited: photo please?", false) });
  });

  it.each(["approved", "sending", "sent", "auto_replied", "dismissed", "failed"] as const)("state %s never renders buttons, even if the model lists actions", (state) => {
    expect(renderCard(card({ state })).blocks.some((b) => b.type === "actions")).toBe(false);
  });

  it.each([
    [{ kind: "approved", by: { surface: "slack", id: "U1ABC" }, at }, `✅ Approved by <@U1ABC> · ${DATE}`],
    [{ kind: "dismissed", by: { surface: "slack", id: "W2ABC" }, at }, `🗑️ Dismissed by <@W2ABC> · ${DATE}`],
    [{ kind: "escalated", by: { surface: "system", id: "sla" }, at }, `⏫ Escalated by the system · ${DATE}`],
    [{ kind: "failed", by: null, at, reason: "window expired" }, `❌ Failed: window expired · ${DATE}`],
  ] as const)("outcome %j", (outcome, line) => {
    const out = renderCard(card({ state: "dismissed", actions: [], outcome: outcome as CardModel["outcome"] }));
    expect(out.blocks.find((b) => b.block_id === "outcome")).toEqual({ type: "context", block_id: "outcome", elements: [md(line)] });
  });

  it("a claimed card keeps its buttons and names the claimer", () => {
    const out = renderCard(card({ state: "claimed", claimedBy: { surface: "slack", id: "U1ABC" }, outcome: { kind: "claimed", by: { surface: "slack", id: "U1ABC" }, at } }));
    expect(out.blocks.some((b) => b.type === "actions")).toBe(true);
    expect(out.blocks.find((b) => b.block_id === "outcome")).toEqual({ type: "context", block_id: "outcome", elements: [md(`🙋 Claimed by <@U1ABC> · ${DATE}`)] });
  });
});

describe("renderCard: Block Kit limits", () => {
  it("truncates a long buyer message visibly within 3,000 characters", () => {
    const long = "x".repeat(10_000);
    const out = renderCard(card({ text: long, suggestion: { text: "y".repeat(5000), source: "llm" } }));
    for (const id of ["message", "suggestion"]) {
      const text = (out.blocks.find((b) => b.block_id === id) as { text: { text: string } }).text.text;
      expect(text.length).toBeLessThanOrEqual(LIMITS.sectionText);
      expect(text).toMatch(/\n… \[truncated: \d+ more characters\]$/);
    }
    const msg = (out.blocks.find((b) => b.block_id === "message") as { text: { text: string } }).text.text;
    const kept = msg.indexOf("\n");
    expect(msg).toContain(`[truncated: ${10_000 - kept} more characters]`);
    expect(out.text.length).toBeLessThan(400);
  });

  it("keeps headers, fields, context, options and the block count inside Slack's caps", () => {
    const out = renderCard(
      card({
        shop: { name: "S".repeat(500), platform: "tiktok_shop" },
        buyer: "b".repeat(500),
        evidence: Array.from({ length: 40 }, () => "e".repeat(500)),
        intent: { id: "other", zh: "其".repeat(3000), en: "O".repeat(3000), groupZh: "g", groupEn: "G" },
        intentChoices: Array.from({ length: 150 }, (_, i) => ({ id: `intent_${i}`, label: `Label ${"L".repeat(200)} ${i}` })),
      }),
    );
    expect(out.blocks.length).toBeLessThanOrEqual(LIMITS.blocksPerMessage);
    const header = out.blocks.find((b) => b.type === "header") as { text: { text: string } };
    expect(header.text.text.length).toBeLessThanOrEqual(150);
    for (const b of out.blocks) {
      if (b.type === "context") for (const e of b.elements) expect((e as { text: string }).text.length).toBeLessThanOrEqual(LIMITS.contextText);
      if (b.type === "section" && b.fields) for (const f of b.fields) expect(f.text.length).toBeLessThanOrEqual(LIMITS.field);
    }
    const select = (out.blocks.find((b) => b.type === "actions") as { elements: { type: string; options?: { text: { text: string }; value: string }[] }[] }).elements.find((e) => e.type === "static_select")!;
    expect(select.options!.length).toBe(100);
    for (const o of select.options!) expect(o.text.text.length).toBeLessThanOrEqual(75);
  });

  it("never renders an empty text object", () => {
    const out = renderCard(card({ text: "   ", suggestion: { text: "", source: "llm" } }));
    expect(plainStrings(out.blocks).every((t) => t.trim().length > 0)).toBe(true);
  });

  it("truncate() does not split a surrogate pair", () => {
    const s = "ab😀cd";
    expect(truncate(s, 4, "…")).toBe("ab…");
    expect(truncate(s, 3, "")).toBe("ab");
    expect(escapeMrkdwn("a & <b> c")).toBe("a &amp; &lt;b&gt; c");
  });
});

describe("renderEditModal", () => {
  it("renders the exact modal JSON", () => {
    expect(renderEditModal(card(), "Sorry! A photo, please?")).toEqual({
      type: "modal",
      callback_id: "triage_edit",
      private_metadata: ITEM,
      title: pt("Edit reply"),
      submit: pt("Send reply"),
      close: pt("Cancel"),
      blocks: [
        { type: "context", block_id: "buyer", elements: [md("👤 m***a · 🛍️ Luna Home · 🌐 en")] },
        { type: "section", block_id: "message", text: pt("My order arrived broken. I want a refund now or I'll leave a 1-star review!", false) },
        {
          type: "input",
          block_id: "reply",
          label: pt("Reply to the buyer"),
          hint: pt("Sent to the buyer exactly as written."),
          element: { type: "plain_text_input", action_id: "text", multiline: true, min_length: 1, max_length: 3000, initial_value: "Sorry! A photo, please?" },
        },
      ],
    });
  });

  it("caps the prefilled draft and leaves an empty draft unset", () => {
    const long = renderEditModal(card(), "z".repeat(4000));
    const input = long.blocks[2] as { element: { initial_value?: string } };
    expect(input.element.initial_value!.length).toBe(3000);
    const empty = renderEditModal(card(), "  ");
    expect((empty.blocks[2] as { element: { initial_value?: string } }).element.initial_value).toBeUndefined();
    expect(long.title.text.length).toBeLessThanOrEqual(24);
  });
});
