/**
 * The Lark / Feishu ChatSurface: cards as interactive messages (card JSON 2.0) in a chat, updated
 * in place with PATCH for 14 days, then replaced by a fresh card. `CardRef.ts` holds the
 * message id (om_…), `CardRef.channel` the chat id (oc_…).
 */
import { ValidationError } from "../../../src/errors.ts";
import type { AlertModel, CardModel, CardRef, ChatSurface, NoticeTarget, SlaNoticeModel } from "../../../src/ports.ts";
import { renderAlertCard, renderNoticeCard } from "./alert-card.ts";
import { renderCard, renderReplacementCard } from "./card.ts";
import { createLarkClient, type LarkClientOptions } from "./client.ts";

export { createLarkClient, type LarkClient } from "./client.ts";
export { createLarkVerifier, decryptLark, encryptLark, larkSignature, type LarkVerifier } from "./verify.ts";
export { parseLarkBody, unflattenSdkEvent, type LarkInbound, type LarkCardAction } from "./inbound.ts";
export { renderCard, renderReplacementCard, cardBytes, CARD_MAX_BYTES, RISK_TEMPLATE } from "./card.ts";

/** JSON 2.0 cards can be updated for 14 days (platform-apis §2.6); an hour of margin for clocks. */
export const CARD_EDITABLE_MS = 14 * 24 * 3600_000 - 3600_000;

export type LarkSurfaceOptions = LarkClientOptions & { now?: () => Date };

/**
 * AppLink host for links into the client: Lark has no public link to one message, so an alert
 * links to the card's chat (applink `client/chat/open`, docs: AppLink 打开聊天页面) and names the card.
 */
export function applinkHost(domain: string): string {
  return domain.includes("larksuite") ? "https://applink.larksuite.com" : "https://applink.feishu.cn";
}

export function createLarkSurface(opts: LarkSurfaceOptions): ChatSurface {
  const client = createLarkClient(opts);
  const now = opts.now ?? (() => new Date());
  const applink = applinkHost(opts.domain);

  return {
    surface: "lark",

    async postCard(channel: string, card: CardModel, idempotencyKey: string): Promise<CardRef> {
      const sent = await client.sendCard(channel, renderCard(card), idempotencyKey);
      return { channel: sent.chatId, ts: sent.messageId };
    },

    /**
     * Lark has no message metadata to search by; instead the retry re-sends with the same `uuid`
     * (the item id), which Lark answers with the message it already created (dedupe window: one
     * hour, far longer than a job lease), so `postCard` is itself the lookup.
     */
    async findPostedCard(): Promise<CardRef | null> {
      return null;
    },

    async updateCard(ref: CardRef, card: CardModel, meta?: { postedAt: Date }): Promise<CardRef | void> {
      if (meta && now().getTime() - meta.postedAt.getTime() > CARD_EDITABLE_MS) {
        // Past the edit window a PATCH is refused: post a fresh card that says it replaces the old
        // one. The uuid includes the old message id, so a retry of this very step cannot post twice.
        const sent = await client.sendCard(ref.channel, renderReplacementCard(card), `${card.itemId}:${ref.ts}`.slice(0, 50));
        return { channel: sent.chatId, ts: sent.messageId };
      }
      await client.updateCard(ref.ts, renderCard(card));
    },

    /** Lark edits happen in the card's own form (input + submit); there is no trigger-id modal. */
    async openEditor(): Promise<void> {
      throw new ValidationError("Lark cards edit in their own form; there is no editor to open");
    },

    async notifyUser(channel: string, userId: string, text: string): Promise<void> {
      await client.sendEphemeral(channel, userId, { schema: "2.0", body: { elements: [{ tag: "div", text: { tag: "plain_text", content: text } }] } });
    },

    /** The uuid (alert id) dedupes a repeat within Lark's hour, so this is also the lookup. */
    async postAlert(channel: string, alert: AlertModel, idempotencyKey: string): Promise<CardRef> {
      const sent = await client.sendCard(channel, renderAlertCard(alert), idempotencyKey);
      return { channel: sent.chatId, ts: sent.messageId };
    },

    async findPostedAlert(): Promise<CardRef | null> {
      return null;
    },

    async updateAlert(ref: CardRef, alert: AlertModel): Promise<void> {
      await client.updateCard(ref.ts, renderAlertCard(alert));
    },

    async cardLink(ref: CardRef): Promise<string | null> {
      return `${applink}/client/chat/open?openChatId=${encodeURIComponent(ref.channel)}`;
    },

    async buzz(ref: CardRef, userIds: string[]): Promise<void> {
      if (userIds.length === 0) return;
      await client.urgentApp(ref.ts, userIds);
    },

    async postNotice(target: NoticeTarget, notice: SlaNoticeModel, idempotencyKey: string): Promise<CardRef> {
      const body = renderNoticeCard(notice);
      // Lark's uuid is at most 50 characters; the key (item id + point) fits.
      const sent = target.thread
        ? await client.replyCard(target.thread.ts, target.thread.channel, body, idempotencyKey)
        : await client.sendCard(target.channel, body, idempotencyKey);
      return { channel: sent.chatId, ts: sent.messageId };
    },

    async findPostedNotice(): Promise<CardRef | null> {
      return null;
    },
  };
}
