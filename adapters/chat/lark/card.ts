/**
 * CardModel → Lark / Feishu card JSON 2.0. Pure: the same card always renders the same JSON, with
 * the same content as the Slack card (adapters/chat/slack/blocks.ts).
 *
 * Safety rule: buyer-controlled text and every other untrusted string go into `plain_text`
 * elements (Lark parses no mentions, links or markdown there). `markdown` elements carry only
 * text we write ourselves plus `<at id=…></at>` mentions of Lark open_ids we validated.
 *
 * JSON 2.0 rejects unknown properties (platform-apis §2.7), so only documented fields are used:
 * `header.template`, `body.elements`, `column_set`, `form` + `input` + submit button
 * (`form_action_type: "submit"`), `select_static`, buttons with `behaviors: [{type:"callback"}]`.
 */
import { z } from "zod";
import type { ActionKind, Actor, CardModel, TriageState } from "../../../src/ports.ts";

/** Lark rejects cards over 30 KB (error 230025); we aim a little under it. */
export const CARD_MAX_BYTES = 30 * 1024;
/** The card's reply input holds at most 1,000 characters (input component `max_length` range). */
export const INPUT_MAX_CHARS = 1000;
export const EDIT_FORM_NAME = "edit_form";
export const EDIT_INPUT_NAME = "reply";
export const EDIT_SUBMIT_NAME = "edit_submit";
export const RECLASSIFY_NAME = "reclassify";

/** States after which a second click could double-send or contradict: never render buttons. */
const SETTLED: ReadonlySet<TriageState> = new Set(["approved", "sending", "sent", "auto_replied", "dismissed", "failed"]);

/** Header colour by risk (card header `template`). */
export const RISK_TEMPLATE = { none: "grey", low: "green", medium: "yellow", high: "orange", critical: "red" } as const;
const RISK = {
  none: { emoji: "⚪", word: "No risk", zh: "无风险" },
  low: { emoji: "🟢", word: "Low risk", zh: "低风险" },
  medium: { emoji: "🟡", word: "Medium risk", zh: "中风险" },
  high: { emoji: "🟠", word: "High risk", zh: "高风险" },
  critical: { emoji: "🔴", word: "Critical risk", zh: "严重风险" },
} as const;
const SENTIMENT = { negative: "🙁 negative", neutral: "😐 neutral", positive: "🙂 positive" } as const;
const PLATFORM = { tiktok_shop: "TikTok Shop" } as const;
const BUTTONS = {
  approve: { text: "✅ 批准发送 Approve & send", type: "primary_filled" },
  claim: { text: "🙋 认领 Claim", type: "default" },
  escalate: { text: "⏫ 升级 Escalate", type: "default" },
  dismiss: { text: "🗑️ 忽略 Dismiss", type: "danger" },
} as const;
const LARK_OPEN_ID = /^ou_[A-Za-z0-9]{6,64}$/;
const ITEM_ID = /^[A-Za-z0-9_-]{1,200}$/;

/** What every callback carries back (`behaviors[].value`): only opaque ids (MUST rule 18). */
export const CallbackValue = z.object({
  action: z.enum(["approve", "edit", "claim", "reclassify", "escalate", "dismiss"]),
  item: z.string().regex(ITEM_ID),
});
export type CallbackValue = z.infer<typeof CallbackValue>;

export type LarkCard = {
  schema: "2.0";
  config: { update_multi: true; summary: { content: string } };
  header: { title: PlainText; subtitle: PlainText; template: (typeof RISK_TEMPLATE)[keyof typeof RISK_TEMPLATE] };
  body: { elements: Record<string, unknown>[] };
};
type PlainText = { tag: "plain_text"; content: string };

const plain = (content: string): PlainText => ({ tag: "plain_text", content });
const text = (content: string) => ({ tag: "div", text: plain(content) });
const md = (content: string) => ({ tag: "markdown", content });
const nonEmpty = (t: string, fallback: string) => (t.trim() === "" ? fallback : t);

/** Cuts to `max` UTF-16 units without splitting a surrogate pair, with a visible marker. */
export function truncate(t: string, max: number, marker = "…"): string {
  if (t.length <= max) return t;
  let cut = Math.max(0, max - marker.length);
  const code = t.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  return t.slice(0, cut) + marker;
}

function truncateBody(t: string, max: number): string {
  if (t.length <= max) return t;
  const kept = truncate(t, max, "");
  return `${kept}\n… [truncated: ${t.length - kept.length} more characters]`;
}

/** A mention only for a real Lark open_id; anyone else (a Slack user, the system) by name, as plain words. */
export function mentionOf(actor: Actor | null): string {
  if (!actor || actor.surface === "system") return "the system";
  if (actor.surface === "lark" && LARK_OPEN_ID.test(actor.id)) return `<at id=${actor.id}></at>`;
  return escapeMarkdown(actor.name ?? actor.id);
}

/** Escapes what Lark markdown would read as markup in a name we did not write. */
export function escapeMarkdown(t: string): string {
  return t.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/([\\*_~`[\]()#|])/g, "\\$1");
}

/** UTC, minute precision: Lark markdown has no per-reader date token like Slack's `<!date>`. */
function when(at: Date): string {
  return `${at.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

function outcomeLine(card: CardModel): string | null {
  const o = card.outcome;
  if (!o) return null;
  switch (o.kind) {
    case "sent":
      return `📤 已发送 Reply sent${o.by ? ` · approved by ${mentionOf(o.by)}` : ""} · ${when(o.at)}`;
    case "failed":
      return `❌ 失败 Failed${o.by ? ` · ${mentionOf(o.by)}` : ""} · ${when(o.at)}`;
    default: {
      const verb = { approved: "✅ Approved", edited: "✏️ Reply edited", claimed: "🙋 Claimed", escalated: "⏫ Escalated", dismissed: "🗑️ Dismissed", reclassified: "🔁 Reclassified" }[o.kind];
      return `${verb} by ${mentionOf(o.by)} · ${when(o.at)}`;
    }
  }
}

const callback = (action: ActionKind, item: string) => [{ type: "callback", value: { action, item } satisfies CallbackValue }];

function actionElements(card: CardModel, limits: { input: number }): Record<string, unknown>[] {
  if (SETTLED.has(card.state)) return [];
  const kinds = new Set(card.actions);
  const out: Record<string, unknown>[] = [];
  const buttons: Record<string, unknown>[] = [];
  for (const kind of ["approve", "claim", "escalate", "dismiss"] as const) {
    if (!kinds.has(kind)) continue;
    // Nothing to send without a suggestion: Approve would be a dead button.
    if (kind === "approve" && !card.suggestion) continue;
    const spec = BUTTONS[kind];
    const button: Record<string, unknown> = { tag: "button", name: `btn_${kind}`, text: plain(spec.text), type: spec.type, behaviors: callback(kind, card.itemId) };
    if (kind === "dismiss") {
      button.confirm = { title: plain("Dismiss this message? 忽略此消息？"), text: plain("No reply will be sent from this card, and its buttons go away.") };
    }
    buttons.push(button);
  }
  if (buttons.length > 0) {
    out.push({ tag: "column_set", columns: buttons.map((b) => ({ tag: "column", width: "auto", elements: [b] })) });
  }
  if (kinds.has("reclassify")) {
    const options = card.intentChoices.filter((c) => c.id !== card.intent.id).map((c) => ({ text: plain(truncate(c.label, 60)), value: c.id }));
    if (options.length > 0) {
      out.push({ tag: "select_static", name: RECLASSIFY_NAME, placeholder: plain("🔁 重新分类 Reclassify…"), options, behaviors: callback("reclassify", card.itemId) });
    }
  }
  if (kinds.has("edit")) {
    // Edit is a form in the card: the input is prefilled with the draft; submit sends exactly
    // what is in it (action.form_value.reply) through the same decision code as Slack's modal.
    out.push({
      tag: "form",
      name: EDIT_FORM_NAME,
      elements: [
        {
          tag: "input",
          name: EDIT_INPUT_NAME,
          input_type: "multiline_text",
          rows: 3,
          required: true,
          max_length: INPUT_MAX_CHARS,
          label: plain("✏️ 编辑回复 Edit reply"),
          placeholder: plain("Reply to the buyer, sent exactly as written"),
          default_value: truncate(card.suggestion?.text ?? "", limits.input, ""),
        },
        { tag: "button", name: EDIT_SUBMIT_NAME, text: plain("发送编辑后的回复 Send edited reply"), type: "primary", form_action_type: "submit", behaviors: callback("edit", card.itemId) },
      ],
    });
  }
  return out;
}

function render(card: CardModel, limits: { body: number; input: number; evidence: number }, notice?: string): LarkCard {
  const risk = RISK[card.risk];
  const flags = card.riskFlags.map((f) => f.replace(/_/g, " ")).join(", ");
  const confidence = `${Math.round(card.confidence * 100)}%${card.unsure ? " · ⚠️ unsure" : ""}`;
  const elements: Record<string, unknown>[] = [
    ...(notice ? [text(notice)] : []),
    text(`🛍️ ${card.shop.name} (${PLATFORM[card.shop.platform]}) · 👤 ${card.buyer} · 🌐 ${card.lang} · 🕒 ${when(card.receivedAt)}${card.slaDueAt ? ` · ⏱️ 回复期限 reply by ${when(card.slaDueAt)}` : ""}`),
    text(truncateBody(nonEmpty(card.text, "(no text)"), limits.body)),
    { tag: "hr" },
    text(
      [
        `意图 Intent: ${card.intent.zh} · ${card.intent.en} (${card.intent.groupZh} · ${card.intent.groupEn})`,
        `置信度 Confidence: ${confidence}`,
        `风险 Risk: ${risk.emoji} ${risk.zh} ${card.risk}${flags ? ` — ${flags}` : ""}`,
        `情绪 Sentiment: ${SENTIMENT[card.sentiment]}`,
      ].join("\n"),
    ),
  ];
  if (card.evidence.length > 0) {
    elements.push(text(`🔎 ${card.evidence.slice(0, 10).map((e) => `“${truncate(e, limits.evidence)}”`).join(" · ")}`));
  }
  if (card.suggestion) {
    const source = card.suggestion.source.startsWith("llm:") ? `🤖 LLM 草稿 LLM draft (${card.suggestion.source.slice(4)})` : card.suggestion.source;
    elements.push(text(`💡 建议回复 Suggested reply · ${truncate(source, 100)}`));
    elements.push(text(truncateBody(nonEmpty(card.suggestion.text, "(empty)"), limits.body)));
    const translation = card.suggestion.translation;
    if (translation) {
      elements.push(text(`🌐 译文 Translation (${translation.lang.toUpperCase()}) · 仅供参考，不会发送 for staff, not sent`));
      elements.push(text(truncateBody(nonEmpty(translation.text, "(empty)"), limits.body)));
    }
    if (card.llmDraft?.status === "pending" && !SETTLED.has(card.state)) {
      elements.push(text("✍️ LLM 草稿生成中，当前显示模板；草稿就绪后才可批准。Writing an LLM draft: the template is shown, Approve appears with the draft."));
    } else if (card.llmDraft?.status === "fallback" && !card.suggestion.source.startsWith("llm:")) {
      elements.push(text(`↩️ 未采用 LLM 草稿，显示模板。LLM draft not used: ${truncate(card.llmDraft.reason, 300)}. The template is shown.`));
    }
  } else {
    elements.push(text("💡 没有建议回复 No suggested reply: write one in the Edit box below."));
  }
  if (card.outcome?.kind === "sent" && card.outcome.text !== card.suggestion?.text) {
    elements.push(text("📤 已发送的回复 Sent reply"));
    elements.push(text(truncateBody(nonEmpty(card.outcome.text, "(empty)"), limits.body)));
  }
  if (card.outcome?.kind === "failed") elements.push(text(`❌ ${truncate(card.outcome.reason, 300)}`));
  if (card.claimedBy && card.outcome?.kind !== "claimed" && !SETTLED.has(card.state)) {
    elements.push(md(`🙋 认领人 Claimed by ${mentionOf(card.claimedBy)}`));
  }
  const outcome = outcomeLine(card);
  if (outcome) elements.push(md(outcome));
  elements.push(...actionElements(card, limits));

  const excerpt = truncate(card.text.replace(/\s+/g, " ").trim(), 100);
  return {
    schema: "2.0",
    config: { update_multi: true, summary: { content: truncate(`${risk.emoji} ${risk.word} · ${card.intent.en} · ${card.shop.name}: “${excerpt}”`, 120) } },
    header: {
      title: plain(truncate(`${risk.emoji} ${risk.word} · ${card.shop.name} · ${card.buyer} (${card.lang.toUpperCase()})`, 100)),
      subtitle: plain(truncate(`${card.intent.zh} · ${card.intent.en}`, 60)),
      template: RISK_TEMPLATE[card.risk],
    },
    body: { elements },
  };
}

export function cardBytes(card: LarkCard): number {
  return new TextEncoder().encode(JSON.stringify(card)).length;
}

/**
 * Renders the triage card, shrinking the long texts until the JSON fits Lark's 30 KB cap. CJK
 * text is 3 bytes per character in UTF-8, so a long Chinese message hits the cap well before
 * any character limit would.
 */
export function renderCard(card: CardModel, notice?: string): LarkCard {
  let limits = { body: 3000, input: INPUT_MAX_CHARS, evidence: 200 };
  for (;;) {
    const out = render(card, limits, notice);
    if (cardBytes(out) <= CARD_MAX_BYTES || limits.body <= 50) return out;
    limits = { body: Math.floor(limits.body / 2), input: Math.floor(limits.input / 2), evidence: Math.max(20, Math.floor(limits.evidence / 2)) };
  }
}

/** The card posted instead of an update once the original is past Lark's 14-day edit window. */
export function renderReplacementCard(card: CardModel): LarkCard {
  return renderCard(card, REPLACEMENT_NOTICE);
}

export const REPLACEMENT_NOTICE =
  "♻️ 原卡片已超过 14 天，无法再更新，此卡片取代它。The original card is older than 14 days and can no longer be updated: this card replaces it.";
