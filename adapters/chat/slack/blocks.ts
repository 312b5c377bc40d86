/**
 * CardModel → Slack Block Kit. Pure: the same card always renders the same JSON.
 *
 * Safety rule: buyer-controlled text goes into `plain_text` objects (Slack parses no mentions or
 * links there), and every other untrusted string placed in `mrkdwn` (or the notification
 * `text`) is escaped with `escapeMrkdwn` (MUST rule 16). Only mentions and dates we build
 * ourselves are live control sequences.
 */
import type { types } from "@slack/bolt";
import type { Actor, CardModel, TriageState } from "../../../src/ports.ts";
import { encodeAction } from "./action-id.ts";

type KnownBlock = types.KnownBlock;
type ModalView = types.ModalView;
type Button = types.Button;
type StaticSelect = types.StaticSelect;
type ActionsBlock = types.ActionsBlock;

/** Block Kit limits we render against (docs.slack.dev/reference/block-kit, @slack/types JSDoc). */
export const LIMITS = {
  blocksPerMessage: 50,
  sectionText: 3000,
  contextText: 2000,
  field: 2000,
  header: 150,
  buttonText: 75,
  optionText: 75,
  optionValue: 75,
  selectOptions: 100,
  actionsElements: 25,
  modalTitle: 24,
  inputText: 3000,
  fallbackExcerpt: 150,
} as const;

export const EDIT_CALLBACK_ID = "triage_edit";
export const EDIT_BLOCK_ID = "reply";
export const EDIT_ACTION_ID = "text";

/** States after which a second click could double-send or contradict: never render buttons. */
const SETTLED: ReadonlySet<TriageState> = new Set(["approved", "sending", "sent", "auto_replied", "dismissed", "failed"]);

const RISK = {
  none: { emoji: "⚪", word: "No risk" },
  low: { emoji: "🟢", word: "Low risk" },
  medium: { emoji: "🟡", word: "Medium risk" },
  high: { emoji: "🟠", word: "High risk" },
  critical: { emoji: "🔴", word: "Critical risk" },
} as const;
const SENTIMENT = { negative: "🙁 negative", neutral: "😐 neutral", positive: "🙂 positive" } as const;
const PLATFORM = { tiktok_shop: "TikTok Shop" } as const;
const BUTTONS = {
  approve: { text: "✅ Approve & send", style: "primary" },
  edit: { text: "✏️ Edit reply" },
  claim: { text: "🙋 Claim" },
  escalate: { text: "⏫ Escalate" },
  dismiss: { text: "🗑️ Dismiss", style: "danger" },
} as const;
const SLACK_USER_ID = /^[UW][A-Z0-9]{2,}$/;

/** Escapes the three characters Slack decodes in mrkdwn; nothing else (api.slack.com formatting docs). */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Cuts to `max` UTF-16 units without splitting a surrogate pair, with a visible marker. */
export function truncate(text: string, max: number, marker = "…"): string {
  if (text.length <= max) return text;
  let cut = max - marker.length;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  return text.slice(0, cut) + marker;
}

/** For long bodies: says how much was cut, so nobody mistakes a truncated message for the whole. */
export function truncateBody(text: string, max: number): string {
  if (text.length <= max) return text;
  const widest = `\n… [truncated: ${text.length} more characters]`;
  const kept = truncate(text, max - widest.length, "");
  return `${kept}\n… [truncated: ${text.length - kept.length} more characters]`;
}

const plain = (text: string, emoji = true): types.PlainTextElement => ({ type: "plain_text", text, emoji });
const md = (text: string): types.MrkdwnElement => ({ type: "mrkdwn", text });
const nonEmpty = (text: string, fallback: string) => (text.trim() === "" ? fallback : text);

/** A mention only for a real Slack user id; anything else is shown as escaped text. */
export function mentionOf(actor: Actor | null): string {
  if (!actor || actor.surface === "system") return "the system";
  if (actor.surface === "slack" && SLACK_USER_ID.test(actor.id)) return `<@${actor.id}>`;
  return escapeMrkdwn(actor.name ?? actor.id);
}

/** Slack renders `<!date^…>` in each reader's time zone; the fallback is UTC ISO. */
export function slackDate(at: Date): string {
  const fallback = at.toISOString().replace(/\.\d{3}Z$/, "Z");
  return `<!date^${Math.floor(at.getTime() / 1000)}^{date_short_pretty} {time}|${fallback}>`;
}

/** "🤖 LLM draft (gpt-4o-mini)" or the template's id ("template:default:order_status:id:0"), escaped. */
function sourceLabel(source: string): string {
  const label = source.startsWith("llm:") ? `🤖 LLM draft (${source.slice(4)})` : source;
  return escapeMrkdwn(truncate(label, 100));
}

function outcomeLine(card: CardModel): string | null {
  const o = card.outcome;
  if (!o) return null;
  const when = slackDate(o.at);
  switch (o.kind) {
    case "sent":
      return `📤 Reply sent${o.by ? ` · approved by ${mentionOf(o.by)}` : ""} · ${when}`;
    case "failed":
      return `❌ Failed: ${escapeMrkdwn(truncate(o.reason, 300))}${o.by ? ` · ${mentionOf(o.by)}` : ""} · ${when}`;
    default: {
      const verb = { approved: "✅ Approved", edited: "✏️ Reply edited", claimed: "🙋 Claimed", escalated: "⏫ Escalated", dismissed: "🗑️ Dismissed", reclassified: "🔁 Reclassified" }[o.kind];
      return `${verb} by ${mentionOf(o.by)} · ${when}`;
    }
  }
}

function actionsBlock(card: CardModel): ActionsBlock | null {
  if (SETTLED.has(card.state)) return null;
  const elements: (Button | StaticSelect)[] = [];
  for (const kind of new Set(card.actions)) {
    if (kind === "reclassify") {
      const options = card.intentChoices
        .filter((c) => c.id !== card.intent.id && c.id.length <= LIMITS.optionValue)
        .slice(0, LIMITS.selectOptions)
        .map((c) => ({ text: plain(truncate(c.label, LIMITS.optionText)), value: c.id }));
      if (options.length > 0) {
        elements.push({ type: "static_select", action_id: encodeAction(kind, card.itemId), placeholder: plain("🔁 Reclassify…"), options });
      }
      continue;
    }
    // Nothing to send without a suggestion: Approve would be a dead button.
    if (kind === "approve" && !card.suggestion) continue;
    const spec = BUTTONS[kind];
    const button: Button = { type: "button", action_id: encodeAction(kind, card.itemId), text: plain(spec.text), value: card.itemId };
    if ("style" in spec) button.style = spec.style;
    if (kind === "dismiss") {
      button.confirm = {
        title: plain("Dismiss this message?"),
        text: plain("No reply will be sent from this card, and its buttons go away."),
        confirm: plain("Dismiss"),
        deny: plain("Cancel"),
        style: "danger",
      };
    }
    elements.push(button);
  }
  if (elements.length === 0) return null;
  return { type: "actions", block_id: "actions", elements: elements.slice(0, LIMITS.actionsElements) };
}

/** The buyer's order and latest tracking event: platform data, escaped like any untrusted text. */
function orderBlock(order: NonNullable<CardModel["order"]>): KnownBlock {
  const status = order.status.replace(/_/g, " ").toLowerCase();
  const tracking = order.trackingNumber ? `${order.carrier ? `${escapeMrkdwn(order.carrier)} ` : ""}\`${escapeMrkdwn(order.trackingNumber)}\`` : "not shipped yet";
  const last = order.events[0];
  const lines = [
    `📦 *Order* \`${escapeMrkdwn(order.orderId)}\` · ${escapeMrkdwn(status)}${order.products.length ? ` · ${escapeMrkdwn(truncate(order.products.join(", "), 200))}` : ""}`,
    `🚚 *Tracking* ${tracking}${order.eta ? ` · ETA ${escapeMrkdwn(order.eta.slice(0, 10))}` : ""}`,
    ...(last ? [`🕒 ${slackDate(new Date(last.at))} ${escapeMrkdwn(truncate(last.description, 300))}`] : []),
  ];
  return { type: "section", block_id: "order", text: md(truncate(lines.join("\n"), LIMITS.sectionText)) };
}

/** Renders the triage card: `text` is the (escaped) notification fallback, `blocks` the card. */
export function renderCard(card: CardModel): { text: string; blocks: KnownBlock[] } {
  const risk = RISK[card.risk];
  const flags = card.riskFlags.map((f) => f.replace(/_/g, " ")).join(", ");
  const confidence = `${Math.round(card.confidence * 100)}%${card.unsure ? " · ⚠️ unsure" : ""}`;
  const blocks: KnownBlock[] = [
    { type: "header", block_id: "header", text: plain(truncate(`${risk.emoji} ${risk.word} · ${card.shop.name} · ${card.buyer} (${card.lang.toUpperCase()})`, LIMITS.header)) },
    {
      type: "context",
      block_id: "meta",
      elements: [md(truncate(`🛍️ *${escapeMrkdwn(card.shop.name)}* (${PLATFORM[card.shop.platform]}) · 👤 ${escapeMrkdwn(card.buyer)} · 🌐 ${escapeMrkdwn(card.lang)} · 🕒 ${slackDate(card.receivedAt)}${card.slaDueAt ? ` · ⏱️ reply by ${slackDate(card.slaDueAt)}` : ""}`, LIMITS.contextText))],
    },
    // plain_text, not mrkdwn: `<!channel>` or `<https://evil|x>` from a buyer renders as literal text.
    { type: "section", block_id: "message", text: plain(truncateBody(nonEmpty(card.text, "(no text)"), LIMITS.sectionText), false) },
    {
      type: "section",
      block_id: "facts",
      fields: [
        md(truncate(`*Intent*\n${escapeMrkdwn(`${card.intent.zh} · ${card.intent.en}`)}\n_${escapeMrkdwn(`${card.intent.groupZh} · ${card.intent.groupEn}`)}_`, LIMITS.field)),
        md(`*Confidence*\n${confidence}`),
        md(truncate(`*Risk*\n${risk.emoji} ${card.risk}${flags ? ` — ${escapeMrkdwn(flags)}` : ""}`, LIMITS.field)),
        md(`*Sentiment*\n${SENTIMENT[card.sentiment]}`),
      ],
    },
  ];
  if (card.evidence.length > 0) {
    const quoted = card.evidence.slice(0, 10).map((e) => `“${escapeMrkdwn(truncate(e, 200))}”`).join(" · ");
    blocks.push({ type: "context", block_id: "evidence", elements: [md(truncate(`🔎 ${quoted}`, LIMITS.contextText))] });
  }
  if (card.order) blocks.push(orderBlock(card.order));
  if (card.autoReplied) {
    // Compact: the reply went out without a click; staff follow up in the conversation if needed.
    const status = { pending: "queued", sending: "sending", sent: "sent", failed: "not sent" }[card.autoReplied.status];
    blocks.push({ type: "context", block_id: "auto_label", elements: [md(`🤖 *Auto-replied* (${status}) · ${escapeMrkdwn(truncate(card.suggestion?.source ?? "auto-reply policy", 100))}`)] });
    blocks.push({ type: "section", block_id: "auto_reply", text: plain(truncateBody(nonEmpty(card.autoReplied.text, "(empty)"), LIMITS.sectionText), false) });
  } else if (card.suggestion) {
    blocks.push({ type: "context", block_id: "suggestion_label", elements: [md(`💡 *Suggested reply* · ${sourceLabel(card.suggestion.source)}`)] });
    blocks.push({ type: "section", block_id: "suggestion", text: plain(truncateBody(nonEmpty(card.suggestion.text, "(empty)"), LIMITS.sectionText), false) });
    const translation = card.suggestion.translation;
    if (translation) {
      // LLM text: plain_text like the buyer's, so it can neither ping nor link.
      blocks.push({ type: "context", block_id: "translation_label", elements: [md(`🌐 *Translation (${escapeMrkdwn(translation.lang.toUpperCase())})* · for staff, not sent`)] });
      blocks.push({ type: "section", block_id: "translation", text: plain(truncateBody(nonEmpty(translation.text, "(empty)"), LIMITS.sectionText), false) });
    }
    const draft = card.llmDraft;
    if (draft?.status === "pending" && !SETTLED.has(card.state)) {
      blocks.push({ type: "context", block_id: "llm_draft", elements: [md("✍️ Writing an LLM draft… the template is shown; *Approve* appears with the draft.")] });
    } else if (draft?.status === "fallback" && !card.suggestion.source.startsWith("llm:")) {
      blocks.push({ type: "context", block_id: "llm_draft", elements: [md(truncate(`↩️ LLM draft not used: ${escapeMrkdwn(truncate(draft.reason, 300))}. The template is shown.`, LIMITS.contextText))] });
    }
  } else {
    blocks.push({ type: "context", block_id: "suggestion_label", elements: [md("💡 No suggested reply: use *Edit reply* to write one.")] });
  }
  const notes = (card.compliance ?? []).slice(0, 5);
  if (notes.length > 0 && !card.autoReplied) {
    const lines = notes.map((v) => `${v.severity === "block" ? "⛔ *Blocked*" : "⚠️ *Warning*"} · \`${escapeMrkdwn(v.rule)}\` “${escapeMrkdwn(truncate(v.match, 80))}” — ${escapeMrkdwn(truncate(v.message, 300))}`);
    blocks.push({ type: "context", block_id: "compliance", elements: [md(truncate(lines.join("\n"), LIMITS.contextText))] });
  }
  if (card.outcome?.kind === "sent" && card.outcome.text !== card.suggestion?.text) {
    blocks.push({ type: "context", block_id: "sent_label", elements: [md("📤 *Sent reply*")] });
    blocks.push({ type: "section", block_id: "sent", text: plain(truncateBody(nonEmpty(card.outcome.text, "(empty)"), LIMITS.sectionText), false) });
  }
  if (card.claimedBy && card.outcome?.kind !== "claimed" && !SETTLED.has(card.state)) {
    blocks.push({ type: "context", block_id: "claimed", elements: [md(`🙋 Claimed by ${mentionOf(card.claimedBy)}`)] });
  }
  const outcome = outcomeLine(card);
  if (outcome) blocks.push({ type: "context", block_id: "outcome", elements: [md(outcome)] });
  const actions = actionsBlock(card);
  if (actions) blocks.push(actions);

  const excerpt = escapeMrkdwn(truncate(card.text.replace(/\s+/g, " ").trim(), LIMITS.fallbackExcerpt));
  const text = `${risk.emoji} ${risk.word} · ${escapeMrkdwn(card.intent.en)} · ${escapeMrkdwn(card.shop.name)}: “${excerpt}”`;
  return { text, blocks: blocks.slice(0, LIMITS.blocksPerMessage) };
}

/**
 * The Edit modal, opened with `views.open`. `private_metadata` carries the item id back in the
 * `view_submission`; the typed text is at `state.values.reply.text.value`.
 */
export function renderEditModal(card: CardModel, draft: string): ModalView {
  const input: types.PlainTextInput = { type: "plain_text_input", action_id: EDIT_ACTION_ID, multiline: true, min_length: 1, max_length: LIMITS.inputText };
  if (draft.trim() !== "") input.initial_value = truncate(draft, LIMITS.inputText, "");
  return {
    type: "modal",
    callback_id: EDIT_CALLBACK_ID,
    private_metadata: card.itemId,
    title: plain("Edit reply"),
    submit: plain("Send reply"),
    close: plain("Cancel"),
    blocks: [
      { type: "context", block_id: "buyer", elements: [md(truncate(`👤 ${escapeMrkdwn(card.buyer)} · 🛍️ ${escapeMrkdwn(card.shop.name)} · 🌐 ${escapeMrkdwn(card.lang)}`, LIMITS.contextText))] },
      { type: "section", block_id: "message", text: plain(truncateBody(nonEmpty(card.text, "(no text)"), LIMITS.sectionText), false) },
      { type: "input", block_id: EDIT_BLOCK_ID, label: plain("Reply to the buyer"), hint: plain("Sent to the buyer exactly as written."), element: input },
    ],
  };
}
