/**
 * The Slack ChatSurface: cards as Block Kit messages, updated in place, found again by their
 * message metadata after an unknown outcome. Web APIs only (runs on Node and Workers).
 */
import type { AlertModel, CardModel, CardRef, ChatSurface, NoticeTarget, PostOptions, SlaNoticeModel } from "../../../src/ports.ts";
import { renderAlert, renderNotice } from "./alert-blocks.ts";
import { renderCard, renderEditModal } from "./blocks.ts";
import { createSlackClient, type HistoryMessage, type MessageMetadata, type SlackClientOptions } from "./client.ts";

export { createSlackClient, DEFAULT_SLACK_API_URL, type SlackClient } from "./client.ts";
export { createSlackVerifier, type SlackVerifier, type SlackVerifyResult } from "./verify.ts";
export { parseSlackRequest, parseSlackPayload, isSslCheck, editSubmitErrors, type SlackInbound } from "./inbound.ts";
export { renderCard, renderEditModal, escapeMrkdwn } from "./blocks.ts";
export { encodeAction, decodeAction } from "./action-id.ts";

/** Metadata `event_type` on every card, so `findPostedCard` can tell our cards from chatter. */
export const CARD_EVENT_TYPE = "triage_card";
/** Metadata `event_type` of managers' alerts and SLA notices (found again the same way). */
export const ALERT_EVENT_TYPE = "triage_alert";
export const NOTICE_EVENT_TYPE = "triage_sla";

export type SlackSurfaceOptions = SlackClientOptions & {
  /** Pages of `conversations.history` to scan in `findPostedCard` before giving up. */
  findMaxPages?: number;
};

function cardMetadata(itemId: string): MessageMetadata {
  return { event_type: CARD_EVENT_TYPE, event_payload: { item_id: itemId } };
}
const keyed = (eventType: string, key: string): MessageMetadata => ({ event_type: eventType, event_payload: { key } });

/** Slack ts format (`seconds.micros`), for `oldest`. */
function toSlackTs(at: Date): string {
  return (Math.floor(at.getTime()) / 1000).toFixed(6);
}

export function createSlackSurface(opts: SlackSurfaceOptions): ChatSurface {
  const client = createSlackClient(opts);
  const maxPages = opts.findMaxPages ?? 5;

  /** Scans the channel (or one thread) from a little before `since` for the message `match` picks. */
  async function find(channel: string, since: Date, match: (m: HistoryMessage) => boolean, thread?: string): Promise<CardRef | null> {
    // A little before `since`: the post may have been stamped by Slack's clock, not ours.
    const oldest = toSlackTs(new Date(since.getTime() - 60_000));
    let cursor: string | undefined;
    for (let page = 0; page < maxPages; page++) {
      const r = thread
        ? await client.replies({ channel, ts: thread, oldest, limit: 100, include_all_metadata: true, cursor })
        : await client.history({ channel, oldest, limit: 100, include_all_metadata: true, cursor });
      const hit = r.messages.find(match);
      if (hit) return { channel, ts: hit.ts };
      if (!r.nextCursor) return null;
      cursor = r.nextCursor;
    }
    return null;
  }
  const hasKey = (eventType: string, key: string) => (m: HistoryMessage) => m.metadata?.event_type === eventType && m.metadata.event_payload?.key === key;

  return {
    surface: "slack",

    async postCard(channel: string, card: CardModel, idempotencyKey: string, opts?: PostOptions): Promise<CardRef> {
      return client.postMessage({ channel, ...renderCard(card), metadata: cardMetadata(idempotencyKey) }, opts?.beforeSend);
    },

    async findPostedCard(channel: string, idempotencyKey: string, since: Date): Promise<CardRef | null> {
      return find(channel, since, (m) => m.metadata?.event_type === CARD_EVENT_TYPE && m.metadata.event_payload?.item_id === idempotencyKey);
    },

    async updateCard(ref: CardRef, card: CardModel): Promise<void> {
      // Metadata is sent again so the card stays findable whatever Slack does with it on edit.
      await client.update({ channel: ref.channel, ts: ref.ts, ...renderCard(card), metadata: cardMetadata(card.itemId) });
    },

    async openEditor(triggerId: string, card: CardModel, draft: string): Promise<void> {
      await client.openView({ trigger_id: triggerId, view: renderEditModal(card, draft) });
    },

    /** `text` is mrkdwn written by us (it may mention users); escape any untrusted part with `escapeMrkdwn`. */
    async notifyUser(channel: string, userId: string, text: string): Promise<void> {
      await client.postEphemeral({ channel, user: userId, text });
    },

    async postAlert(channel: string, alert: AlertModel, idempotencyKey: string, opts?: PostOptions): Promise<CardRef> {
      return client.postMessage({ channel, ...renderAlert(alert), metadata: keyed(ALERT_EVENT_TYPE, idempotencyKey) }, opts?.beforeSend);
    },

    findPostedAlert(channel: string, idempotencyKey: string, since: Date): Promise<CardRef | null> {
      return find(channel, since, hasKey(ALERT_EVENT_TYPE, idempotencyKey));
    },

    async updateAlert(ref: CardRef, alert: AlertModel): Promise<void> {
      await client.update({ channel: ref.channel, ts: ref.ts, ...renderAlert(alert), metadata: keyed(ALERT_EVENT_TYPE, alert.alertId) });
    },

    cardLink(ref: CardRef): Promise<string | null> {
      return client.permalink({ channel: ref.channel, message_ts: ref.ts });
    },

    /** Slack has no urgent push: the alert's mentions already notify the managers' phones. */
    async buzz(): Promise<void> {},

    async postNotice(target: NoticeTarget, notice: SlaNoticeModel, idempotencyKey: string): Promise<CardRef> {
      const sent = await client.postMessage({
        channel: target.thread?.channel ?? target.channel,
        ...(target.thread ? { thread_ts: target.thread.ts } : {}),
        ...renderNotice(notice),
        metadata: keyed(NOTICE_EVENT_TYPE, idempotencyKey),
      });
      return sent;
    },

    findPostedNotice(target: NoticeTarget, idempotencyKey: string, since: Date): Promise<CardRef | null> {
      return find(target.thread?.channel ?? target.channel, since, hasKey(NOTICE_EVENT_TYPE, idempotencyKey), target.thread?.ts);
    },
  };
}
