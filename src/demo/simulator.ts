/**
 * The demo's buyers: each message is put in the fake shop's conversation and then announced to the
 * service exactly as TikTok Shop would, as a NEW_MESSAGE webhook POSTed to /webhooks/tiktok-shop
 * with `Authorization` = hex HMAC-SHA256(app_secret, app_key + body). Nothing is short-circuited:
 * the real verify → ingest → classify → card path runs.
 */
import { hmacSha256Hex } from "../crypto.ts";
import type { FakeShop } from "./fake-shop.ts";
import { DEMO_BUYERS, demoScript } from "./messages.ts";

export type Simulator = {
  /** Sends the next scripted message (or `text` from a scripted buyer); resolves with its ids. */
  sendOne(text?: string): Promise<{ messageId: string; conversationId: string; status: number }>;
  /** Sends the script every `intervalMs` until it is done (0: never by itself). */
  start(intervalMs: number): void;
  stop(): void;
};

export function createSimulator(opts: { baseUrl: string; shop: FakeShop; fetch?: typeof fetch; now?: () => Date }): Simulator {
  const { demo } = opts.shop;
  const doFetch = opts.fetch ?? ((input, init) => fetch(input, init));
  const now = opts.now ?? (() => new Date());
  const script = demoScript();
  const run = Date.now().toString().slice(-7);
  let cursor = 0;
  let seq = 0;
  let timer: ReturnType<typeof setInterval> | undefined;

  async function sendOne(text?: string) {
    const step = text ? { buyer: seq % DEMO_BUYERS.length, text } : script[cursor++ % script.length]!;
    seq += 1;
    const buyer = DEMO_BUYERS[step.buyer]!;
    const conversationId = `76${run}${String(step.buyer).padStart(4, "0")}`;
    const messageId = `75${run}${String(seq).padStart(6, "0")}`;
    const at = Math.floor(now().getTime() / 1000);
    const sender = { im_user_id: `74${run}${String(step.buyer).padStart(4, "0")}`, role: "BUYER" as const, nickname: buyer.nickname };
    const content = JSON.stringify({ content: step.text });
    opts.shop.addBuyerMessage(conversationId, { id: messageId, type: "TEXT", content, create_time: at, sender });
    const body = JSON.stringify({
      type: 14,
      tts_notification_id: `73${run}${String(seq).padStart(6, "0")}`,
      shop_id: demo.shopId,
      timestamp: at,
      data: { conversation_id: conversationId, message_id: messageId, type: "TEXT", content, create_time: at, sender },
    });
    const authorization = await hmacSha256Hex(demo.appSecret, demo.appKey + body);
    const res = await doFetch(`${opts.baseUrl}/webhooks/tiktok-shop`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization },
      body,
    });
    await res.body?.cancel();
    return { messageId, conversationId, status: res.status };
  }

  return {
    sendOne,
    start(intervalMs) {
      if (intervalMs <= 0 || timer) return;
      let sent = 0;
      timer = setInterval(() => {
        // One pass through the script, then quiet: "Send a demo message" on the board adds more.
        if (sent++ >= script.length) return this.stop();
        sendOne().catch(() => {});
      }, intervalMs);
      timer.unref?.();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
    },
  };
}
