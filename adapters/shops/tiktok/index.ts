/**
 * TikTok Shop as a ShopPlatform: webhook verification and parsing, reading a conversation and sending
 * a text reply through the customer_service/202309 API. Web Crypto and fetch only (Node and Workers).
 */
import { z } from "zod";
import { ConfigError, ValidationError } from "../../../src/errors.ts";
import type { ShopAuth, ShopMessage, ShopPlatform } from "../../../src/ports.ts";
import { callTikTok, pathId, type TikTokHttp } from "./client.ts";
import { apiMessageSchema, toShopMessage } from "./message.ts";
import { tiktokOrders } from "./orders.ts";
import { parseTikTokWebhook, verifyTikTokWebhook } from "./webhook.ts";

export { parseTikTokWebhook, verifyTikTokWebhook } from "./webhook.ts";
export { signTikTokRequest } from "./sign.ts";

export const TIKTOK_API_URL = "https://open-api.tiktokglobalshop.com";

export type TikTokShopOptions = {
  appKey: string;
  appSecret: string;
  /** Defaults to the real host; tests point it at the msw fake. */
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Clock in ms since the epoch (signing timestamps, Retry-After dates). */
  now?: () => number;
  /** Per-request timeout; default 15 s. */
  timeoutMs?: number;
};

const messagesPath = (conversationId: string) =>
  `/customer_service/202309/conversations/${pathId(conversationId, "conversation")}/messages`;

const listMessagesData = z.looseObject({
  messages: z.array(apiMessageSchema).default([]),
  next_page_token: z.string().optional(),
});
const sendMessageData = z.looseObject({ message_id: z.string().min(1) });

/** Builds the adapter; throws ConfigError on a missing key or secret (MUST rule 4). */
export function createTikTokShop(options: TikTokShopOptions): ShopPlatform {
  const { appKey, appSecret } = options;
  if (!appKey || !appSecret) throw new ConfigError("TikTok Shop app key and app secret are required");
  const http: TikTokHttp = {
    appKey,
    appSecret,
    baseUrl: options.baseUrl ?? TIKTOK_API_URL,
    // Bound late so a fetch patched after start (msw in tests) is still the one used.
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
    now: options.now ?? Date.now,
    timeoutMs: options.timeoutMs ?? 15_000,
  };

  return {
    platform: "tiktok_shop",

    ...tiktokOrders(http),

    verifyWebhook: (raw, headers) => verifyTikTokWebhook(raw, headers.get("authorization"), appKey, appSecret),

    parseWebhook: parseTikTokWebhook,

    async listMessages(shop: ShopAuth, conversationId: string, opts?: { pageSize?: number }): Promise<ShopMessage[]> {
      const pageSize = opts?.pageSize ?? 20;
      if (!Number.isInteger(pageSize) || pageSize < 1) throw new ValidationError(`invalid page size ${pageSize}`);
      const data = await callTikTok(
        http,
        { method: "GET", path: messagesPath(conversationId), shop, query: { page_size: String(pageSize) } },
        listMessagesData,
      );
      const fallback = Math.floor(http.now() / 1000);
      const messages = data.messages.map((m) =>
        toShopMessage(
          { id: m.id, conversationId, type: m.type, content: m.content, createTime: m.create_time, sender: m.sender },
          fallback,
        ),
      );
      // The API's order is not documented (UNVERIFIED); the port promises newest first. Stable sort.
      return messages.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
    },

    async sendText(shop: ShopAuth, conversationId: string, text: string): Promise<{ messageId: string }> {
      if (text.trim() === "") throw new ValidationError("refusing to send an empty TikTok reply");
      // `content` is itself a JSON string (EcomPHP json_encodes array content; shape UNVERIFIED).
      const json = { type: "TEXT", content: JSON.stringify({ content: text }) };
      const data = await callTikTok(
        http,
        { method: "POST", path: messagesPath(conversationId), shop, json },
        sendMessageData,
      );
      return { messageId: data.message_id };
    },
  };
}
