/**
 * The demo's fake TikTok Shop: the conversations the simulator's buyers write in, and every reply
 * the service sends back, checked the way TikTok checks them (app key, timestamp window, request
 * signature over path + sorted params + raw body, access token, shop cipher). In memory: it lives
 * as long as the demo process, which is what a demo needs.
 */
import { signTikTokRequest } from "../../adapters/shops/tiktok/sign.ts";
import type { DemoConfig } from "../config.ts";
import { timingSafeEqual } from "../crypto.ts";

export type FakeShopMessage = {
  id: string;
  type: "TEXT";
  content: string;
  create_time: number;
  sender: { im_user_id: string; role: "BUYER" | "SHOP"; nickname: string };
};
export type RecordedReply = { conversationId: string; messageId: string; text: string; at: Date };
export type FakeShopAnswer = { status: number; body: { code: number; message: string; request_id: string; data?: unknown } };

let seq = 0;
const requestId = () => `demo${Date.now()}${(++seq).toString(16).padStart(8, "0")}`;

export function createFakeShop(demo: DemoConfig, now: () => Date) {
  const conversations = new Map<string, FakeShopMessage[]>();
  const replies: RecordedReply[] = [];
  let nextId = 7_500_000_000_000_000_000n;
  const answer = (status: number, code: number, message: string, data?: unknown): FakeShopAnswer => ({
    status,
    body: { code, message, request_id: requestId(), ...(data === undefined ? {} : { data }) },
  });

  /** TikTok's gateway checks on a signed call; null when the call passes. */
  async function gate(url: URL, headers: Headers, body: Uint8Array): Promise<FakeShopAnswer | null> {
    const q = Object.fromEntries(url.searchParams);
    if (q.app_key !== demo.appKey) return answer(400, 36009004, "Invalid credentials. Invalid `app_key` query parameter.");
    const ts = Number(q.timestamp ?? "-1");
    const nowSec = Math.floor(now().getTime() / 1000);
    if (!(ts >= nowSec - 300 && ts <= nowSec + 30)) return answer(400, 36009004, "Invalid timestamp.");
    const path = url.pathname.replace(/^\/demo\/tiktok/, "");
    const expected = await signTikTokRequest({ appSecret: demo.appSecret, path, query: q, body });
    if (!q.sign || !timingSafeEqual(expected, q.sign)) return answer(401, 106001, "Invalid credentials. The `sign` query parameter is invalid.");
    if (headers.get("x-tts-access-token") !== demo.accessToken) return answer(401, 36009004, "Invalid credentials. The `x-tts-access-token` header is invalid.");
    if (q.shop_cipher !== demo.cipher) return answer(400, 106013, "Missing identifier. The `shop_cipher` query parameter is required.");
    return null;
  }

  return {
    demo,
    /** Every reply the service sent, oldest first. */
    replies,
    /** A buyer writes: the message is in the conversation before the webhook announces it. */
    addBuyerMessage(conversationId: string, message: FakeShopMessage): void {
      conversations.set(conversationId, [...(conversations.get(conversationId) ?? []), message]);
    },
    async listMessages(url: URL, headers: Headers, conversationId: string): Promise<FakeShopAnswer> {
      const rejected = await gate(url, headers, new Uint8Array());
      if (rejected) return rejected;
      const size = Number(url.searchParams.get("page_size") ?? 20);
      const messages = [...(conversations.get(conversationId) ?? [])].sort((a, b) => b.create_time - a.create_time).slice(0, size);
      return answer(200, 0, "Success", { next_page_token: "", messages });
    },
    async sendMessage(url: URL, headers: Headers, conversationId: string, raw: Uint8Array): Promise<FakeShopAnswer> {
      const rejected = await gate(url, headers, raw);
      if (rejected) return rejected;
      let text: string | null = null;
      try {
        const body = JSON.parse(new TextDecoder().decode(raw)) as { type?: unknown; content?: unknown };
        const inner = body.type === "TEXT" && typeof body.content === "string" ? (JSON.parse(body.content) as { content?: unknown }) : null;
        text = typeof inner?.content === "string" ? inner.content : null;
      } catch {
        text = null;
      }
      if (!text) return answer(400, 36009004, "invalid param error");
      const messageId = String(nextId++);
      const at = now();
      replies.push({ conversationId, messageId, text, at });
      const list = conversations.get(conversationId) ?? [];
      list.push({ id: messageId, type: "TEXT", content: JSON.stringify({ content: text }), create_time: Math.floor(at.getTime() / 1000), sender: { im_user_id: "demo-shop", role: "SHOP", nickname: "Demo Shop" } });
      conversations.set(conversationId, list);
      return answer(200, 0, "Success", { message_id: messageId });
    },
  };
}

export type FakeShop = ReturnType<typeof createFakeShop>;
