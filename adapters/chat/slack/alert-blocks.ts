/**
 * AlertModel / SlaNoticeModel → Block Kit, with the card's safety rule (blocks.ts): buyer text
 * only in `plain_text`, every other untrusted string escaped; the only live mentions are the
 * configured managers' user ids (validated in config, checked again here) and the only link is
 * ours (the card's permalink from Slack, or the board's URL).
 */
import type { types } from "@slack/bolt";
import type { AlertModel, CardLink, SlaNoticeModel } from "../../../src/ports.ts";
import { escapeMrkdwn, LIMITS, slackDate, truncate, truncateBody } from "./blocks.ts";

type KnownBlock = types.KnownBlock;

const RISK = { none: "⚪ No risk", low: "🟢 Low risk", medium: "🟡 Medium risk", high: "🟠 High risk", critical: "🔴 Critical risk" } as const;
const SLACK_USER_ID = /^[UW][A-Z0-9]{2,}$/;

const plain = (text: string): types.PlainTextElement => ({ type: "plain_text", text, emoji: false });
const md = (text: string): types.MrkdwnElement => ({ type: "mrkdwn", text });

/** `<@U…>` for each valid id; anything else is dropped rather than rendered. */
export function mentions(ids: string[]): string {
  return ids.filter((id) => SLACK_USER_ID.test(id)).map((id) => `<@${id}>`).join(" ");
}

/** A link control sequence; `|`, `<` and `>` would end it early, so they are percent-encoded. */
function linkTo(link: CardLink | null): string {
  if (!link) return "🗂️ The card is on its way to the triage channel.";
  const url = link.url.replace(/\|/g, "%7C").replace(/</g, "%3C").replace(/>/g, "%3E");
  return link.kind === "card" ? `👉 <${url}|Open the card>` : `👉 <${url}|Open on the board> (the chat card is on its way)`;
}

const excerpt = (text: string) => escapeMrkdwn(truncate(text.replace(/\s+/g, " ").trim(), LIMITS.fallbackExcerpt));

export function renderAlert(alert: AlertModel): { text: string; blocks: KnownBlock[] } {
  const who = mentions(alert.managers);
  const flags = alert.riskFlags.map((f) => f.replace(/_/g, " ")).join(", ");
  const repeated = alert.count > 1 ? `\n🔁 *${alert.count} high-risk messages* in this conversation since ${slackDate(alert.firstAt)} (latest below)` : "";
  const headline = `${who ? `${who} ` : ""}${RISK[alert.risk]} · *${escapeMrkdwn(alert.shop.name)}* · 👤 ${escapeMrkdwn(alert.buyer)} · ${escapeMrkdwn(`${alert.intent.zh} · ${alert.intent.en}`)}${repeated}`;
  const facts = [
    flags ? `🚩 ${escapeMrkdwn(flags)}` : null,
    `🕒 ${slackDate(alert.lastAt)}`,
    alert.slaDueAt ? `⏱️ reply by ${slackDate(alert.slaDueAt)}` : null,
  ].filter(Boolean);
  const blocks: KnownBlock[] = [
    { type: "header", block_id: "alert_header", text: plain(truncate(`${RISK[alert.risk]} alert · ${alert.shop.name}`, LIMITS.header)) },
    { type: "section", block_id: "alert_headline", text: md(truncate(headline, LIMITS.sectionText)) },
    { type: "section", block_id: "alert_message", text: plain(truncateBody(alert.text.trim() === "" ? "(no text)" : alert.text, LIMITS.sectionText)) },
    { type: "context", block_id: "alert_facts", elements: [md(truncate(facts.join(" · "), LIMITS.contextText))] },
    { type: "section", block_id: "alert_link", text: md(linkTo(alert.link)) },
  ];
  const count = alert.count > 1 ? ` (${alert.count} messages)` : "";
  return { text: `${who ? `${who} ` : ""}${RISK[alert.risk]}${count} · ${escapeMrkdwn(alert.shop.name)}: “${excerpt(alert.text)}”`, blocks };
}

export function renderNotice(n: SlaNoticeModel): { text: string; blocks: KnownBlock[] } {
  if (n.kind === "remind") {
    const line = `⏰ *SLA reminder:* ${n.percent}% of the reply window has passed and nobody has claimed this message. Reply due ${slackDate(n.dueAt)}.`;
    return { text: `⏰ SLA reminder: ${n.percent}% of the reply window has passed`, blocks: [{ type: "section", block_id: "sla_notice", text: md(line) }] };
  }
  const who = mentions(n.managers);
  const line = `${who ? `${who} ` : ""}⏫ *SLA escalation:* ${n.percent}% of the reply window has passed and nobody has claimed this message. Reply due ${slackDate(n.dueAt)}.\n*${escapeMrkdwn(n.shop.name)}* · 👤 ${escapeMrkdwn(n.buyer)} · ${escapeMrkdwn(`${n.intent.zh} · ${n.intent.en}`)}`;
  return {
    text: `${who ? `${who} ` : ""}⏫ SLA escalation · ${escapeMrkdwn(n.shop.name)}: “${excerpt(n.text)}”`,
    blocks: [
      { type: "section", block_id: "sla_notice", text: md(truncate(line, LIMITS.sectionText)) },
      { type: "section", block_id: "sla_message", text: plain(truncateBody(n.text.trim() === "" ? "(no text)" : n.text, LIMITS.sectionText)) },
      { type: "section", block_id: "sla_link", text: md(linkTo(n.link)) },
    ],
  };
}
