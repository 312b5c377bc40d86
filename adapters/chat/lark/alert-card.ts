/**
 * AlertModel / SlaNoticeModel → Lark card JSON 2.0, with the card's safety rule (card.ts): buyer
 * text and every untrusted string in `plain_text`; `markdown` carries only our own words, the
 * configured managers' `<at>` mentions (open_ids validated in config, checked again here) and a
 * link we built (the applink of the card's chat, or the board).
 */
import type { AlertModel, CardLink, SlaNoticeModel } from "../../../src/ports.ts";
import { RISK_TEMPLATE, truncate, type LarkCard } from "./card.ts";

const RISK = {
  none: "⚪ 无风险 No risk",
  low: "🟢 低风险 Low risk",
  medium: "🟡 中风险 Medium risk",
  high: "🟠 高风险 High risk",
  critical: "🔴 严重风险 Critical risk",
} as const;
const LARK_OPEN_ID = /^ou_[A-Za-z0-9]{6,64}$/;
const BODY_MAX = 2000;

const plain = (content: string) => ({ tag: "plain_text" as const, content });
const div = (content: string) => ({ tag: "div", text: plain(content) });
const md = (content: string) => ({ tag: "markdown", content });
const utc = (at: Date) => `${at.toISOString().slice(0, 16).replace("T", " ")} UTC`;

export function larkMentions(ids: string[]): string {
  return ids.filter((id) => LARK_OPEN_ID.test(id)).map((id) => `<at id=${id}></at>`).join(" ");
}

/** A markdown link; only URLs we built reach here, and `(`/`)` are encoded so they cannot end it early. */
function linkLine(link: CardLink | null): ReturnType<typeof md> | ReturnType<typeof div> {
  if (!link) return div("🗂️ 卡片即将发送到分诊群 The card is on its way to the triage chat.");
  const url = link.url.replace(/\(/g, "%28").replace(/\)/g, "%29");
  return md(link.kind === "card" ? `👉 [打开卡片 Open the card](${url})` : `👉 [在看板中打开 Open on the board](${url})`);
}

const card = (title: string, subtitle: string, template: LarkCard["header"]["template"], summary: string, elements: Record<string, unknown>[]): LarkCard => ({
  schema: "2.0",
  config: { update_multi: true, summary: { content: truncate(summary, 120) } },
  header: { title: plain(truncate(title, 100)), subtitle: plain(truncate(subtitle, 60)), template },
  body: { elements },
});

export function renderAlertCard(alert: AlertModel): LarkCard {
  const who = larkMentions(alert.managers);
  const flags = alert.riskFlags.map((f) => f.replace(/_/g, " ")).join(", ");
  const elements: Record<string, unknown>[] = [
    ...(who ? [md(`${who} ${alert.risk === "critical" ? "请立即处理 Please act now" : "请关注 Please take a look"}`)] : []),
    div(`🛍️ ${alert.shop.name} · 👤 ${alert.buyer} · 🌐 ${alert.lang} · ${alert.intent.zh} · ${alert.intent.en}`),
    ...(alert.count > 1 ? [div(`🔁 ${alert.count} 条高风险消息 high-risk messages in this conversation since ${utc(alert.firstAt)} (latest below)`)] : []),
    div(truncate(alert.text.trim() === "" ? "(no text)" : alert.text, BODY_MAX)),
    div([flags ? `🚩 ${flags}` : null, `🕒 ${utc(alert.lastAt)}`, alert.slaDueAt ? `⏱️ 回复期限 reply by ${utc(alert.slaDueAt)}` : null].filter(Boolean).join(" · ")),
    linkLine(alert.link),
  ];
  const count = alert.count > 1 ? ` (${alert.count})` : "";
  return card(`${RISK[alert.risk]} 告警 alert${count} · ${alert.shop.name}`, `${alert.intent.zh} · ${alert.intent.en}`, RISK_TEMPLATE[alert.risk], `${RISK[alert.risk]}${count} · ${alert.shop.name}: “${alert.text.replace(/\s+/g, " ").trim()}”`, elements);
}

export function renderNoticeCard(n: SlaNoticeModel): LarkCard {
  if (n.kind === "remind") {
    return card(
      `⏰ SLA 提醒 reminder · ${n.percent}%`,
      `${n.shop.name} · ${n.buyer}`,
      "yellow",
      `⏰ SLA reminder: ${n.percent}% of the reply window has passed`,
      [div(`已用去 ${n.percent}% 的回复时限，尚无人认领。${n.percent}% of the reply window has passed and nobody has claimed this message. Reply due ${utc(n.dueAt)}.`)],
    );
  }
  const who = larkMentions(n.managers);
  return card(
    `⏫ SLA 升级 escalation · ${n.shop.name}`,
    `${n.intent.zh} · ${n.intent.en}`,
    "red",
    `⏫ SLA escalation · ${n.shop.name}: “${n.text.replace(/\s+/g, " ").trim()}”`,
    [
      ...(who ? [md(who)] : []),
      div(`已用去 ${n.percent}% 的回复时限，尚无人认领。${n.percent}% of the reply window has passed and nobody has claimed this message. Reply due ${utc(n.dueAt)}.`),
      div(`🛍️ ${n.shop.name} · 👤 ${n.buyer}`),
      div(truncate(n.text.trim() === "" ? "(no text)" : n.text, BODY_MAX)),
      linkLine(n.link),
    ],
  );
}
