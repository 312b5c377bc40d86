/**
 * The Slack ChatSurface: cards as Block Kit messages, updated in place, found again by their
 * message metadata after an unknown outcome. Web APIs only (runs on Node and Workers).
 */
import type { CardModel, CardRef, ChatSurface, PostOptions } from "../../../src/ports.ts";
import { renderCard, renderEditModal } from "./blocks.ts";
import { createSlackClient, type MessageMetadata, type SlackClientOptions } from "./client.ts";

export { createSlackClient, DEFAULT_SLACK_API_URL, type SlackClient } from "./client.ts";
export { createSlackVerifier, type SlackVerifier, type SlackVerifyResult } from "./verify.ts";
export { parseSlackRequest, parseSlackPayload, isSslCheck, editSubmitErrors, type SlackInbound } from "./inbound.ts";
export { renderCard, renderEditModal, escapeMrkdwn } from "./blocks.ts";
export { encodeAction, decodeAction } from "./action-id.ts";

/** Metadata `event_type` on every card, so `findPostedCard` can tell our cards from chatter. */
export const CARD_EVENT_TYPE = "triage_card";

export type SlackSurfaceOptions = SlackClientOptions & {
  /** Pages of `conversations.history` to scan in `findPostedCard` before giving up. */
  findMaxPages?: number;
};

function cardMetadata(itemId: string): MessageMetadata {
  return { event_type: CARD_EVENT_TYPE, event_payload: { item_id: itemId } };
}

/** Slack ts format (`seconds.micros`), for `oldest`. */
function toSlackTs(at: Date): string {
  return (Math.floor(at.getTime()) / 1000).toFixed(6);
}

export function createSlackSurface(opts: SlackSurfaceOptions): ChatSurface {
  const client = createSlackClient(opts);
  const maxPages = opts.findMaxPages ?? 5;

  return {
    surface: "slack",

    async postCard(channel: string, card: CardModel, idempotencyKey: string, opts?: PostOptions): Promise<CardRef> {
      return client.postMessage({ channel, ...renderCard(card), metadata: cardMetadata(idempotencyKey) }, opts?.beforeSend);
    },

    async findPostedCard(channel: string, idempotencyKey: string, since: Date): Promise<CardRef | null> {
      // A little before `since`: the post may have been stamped by Slack's clock, not ours.
      const oldest = toSlackTs(new Date(since.getTime() - 60_000));
      let cursor: string | undefined;
      for (let page = 0; page < maxPages; page++) {
        const r = await client.history({ channel, oldest, limit: 100, include_all_metadata: true, cursor });
        const hit = r.messages.find(
          (m) => m.metadata?.event_type === CARD_EVENT_TYPE && m.metadata.event_payload?.item_id === idempotencyKey,
        );
        if (hit) return { channel, ts: hit.ts };
        if (!r.nextCursor) return null;
        cursor = r.nextCursor;
      }
      return null;
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
  };
}
