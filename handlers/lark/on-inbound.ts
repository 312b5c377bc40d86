import { renderCard } from "../../adapters/chat/lark/card.ts";
import type { LarkCardAction, LarkInbound } from "../../adapters/chat/lark/inbound.ts";
import type { Deps } from "../../src/deps.ts";
import type { ActionKind } from "../../src/ports.ts";
import { currentCard } from "../../src/pipeline/current-card.ts";
import { decide } from "../../src/pipeline/decide.ts";
import { recordInboundEvent } from "../../src/pipeline/record-event.ts";

type Toast = { type: "info" | "success" | "warning" | "error"; content: string; i18n: { zh_cn: string; en_us: string } };
/** What to answer Lark: `{}`, a challenge, or a card callback's toast plus the updated card. */
export type LarkAnswer = { challenge: string } | { toast?: Toast; card?: { type: "raw"; data: object } } | Record<string, never>;

const DONE: Record<ActionKind, [string, string]> = {
  approve: ["已批准，正在发送回复", "Approved: sending the reply"],
  edit: ["已保存，正在发送编辑后的回复", "Sending your edited reply"],
  claim: ["已认领", "Claimed: it is yours"],
  reclassify: ["已重新分类", "Reclassified"],
  escalate: ["已升级", "Escalated"],
  dismiss: ["已忽略", "Dismissed"],
};

const toast = (type: Toast["type"], zh: string, en: string): Toast => ({ type, content: zh, i18n: { zh_cn: zh, en_us: en } });

/**
 * The one place Lark inbound (HTTP or long connection) turns into pipeline verbs: verify and parse
 * happened before. A card click is answered in the same response, within Lark's 3 s, with a toast
 * and the card as it now stands, so the clicker sees the result at once; the reply, and the card
 * update in every other surface, run as jobs.
 */
export async function onLarkInbound(deps: Deps, inbound: LarkInbound): Promise<LarkAnswer> {
  switch (inbound.kind) {
    case "url_verification":
      return { challenge: inbound.challenge };
    case "ignored":
      return {};
    case "event":
      // Nothing acts on plain events yet; remembering the id keeps redeliveries cheap and visible.
      await recordInboundEvent(deps, "lark", inbound.eventId, inbound.type);
      return {};
    case "card_action":
      return onCardAction(deps, inbound);
  }
}

async function onCardAction(deps: Deps, a: LarkCardAction): Promise<LarkAnswer> {
  const withCard = async (t: Toast): Promise<LarkAnswer> => {
    const card = await currentCard(deps, a.itemId);
    return card ? { toast: t, card: { type: "raw", data: renderCard(card) } } : { toast: t };
  };
  if (!(await recordInboundEvent(deps, "lark", a.eventId, "card.action.trigger"))) {
    return withCard(toast("info", "这次点击已处理", "This click was already handled."));
  }
  const allowed = deps.config.lark?.workspace.allowedUsers ?? [];
  if (allowed.length > 0 && !allowed.includes(a.operatorId)) {
    return withCard(toast("error", "你无权处理分诊卡片", "You are not allowed to act on triage cards here."));
  }
  const result = await decide(deps, {
    itemId: a.itemId,
    action: a.action,
    actor: { surface: "lark", id: a.operatorId },
    dedupeKey: a.dedupeKey,
    text: a.text,
    intent: a.selected,
  });
  if (result.ok) return withCard(toast("success", ...DONE[a.action]));
  if (result.reason === "duplicate") return withCard(toast("info", "这次点击已处理", result.message));
  // decide() words mentions for Slack (`<@U…>`); a toast is plain text.
  const message = result.message.replace(/<@([^>]+)>/g, "$1");
  return withCard(toast("warning", "未执行", message));
}
