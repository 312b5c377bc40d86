/**
 * A fake TikTok Shop Open API for msw that checks requests the way TikTok does: app_key, sign present,
 * timestamp window (5 min before to 30 s after now), sign recomputed over path + sorted params + raw
 * body (its own implementation, not the adapter's, so a signing bug cannot hide on both sides),
 * x-tts-access-token and shop_cipher. Rejections use TikTok's envelope and codes from the
 * common-errors page; the HTTP statuses of those rejections are UNVERIFIED (400/401 chosen).
 *
 * Conversations are seeded from ../shared/fixtures/tiktok-get-messages-response.json; every accepted
 * send is recorded with its body as received and appended to the conversation as a SHOP message.
 */
import { readFileSync } from "node:fs";
import { http, HttpResponse, type HttpHandler } from "msw";
import { concatBytes, hmacSha256Hex, timingSafeEqual } from "../../src/crypto.ts";
import { orderHandlers, type FakeOrder } from "./tiktok-orders.ts";

export const TIKTOK_FIXTURES = new URL("../../../shared/fixtures/", import.meta.url);

/** Reads a shared fixture as parsed JSON. */
export function tiktokFixture<T = unknown>(name: string): T {
  return JSON.parse(readFileSync(new URL(name, TIKTOK_FIXTURES), "utf8")) as T;
}

export type FakeMessage = {
  id: string;
  index?: string;
  type: string;
  content?: string;
  create_time: number;
  is_visible?: boolean;
  sender: { im_user_id: string; role: string; nickname?: string };
};

export type SentMessage = {
  conversationId: string;
  messageId: string;
  /** The body exactly as received (the bytes that were signed). */
  rawBody: string;
  body: { type?: unknown; content?: unknown };
  /** `content.content` for TEXT messages. */
  text: string | null;
  query: Record<string, string>;
  accessToken: string | null;
};

export type RecordedRequest = {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  rawBody: string;
  /** TikTok's answer: 0 when accepted. */
  code: number;
};

type Failure = { status: number; code?: number; message?: string; retryAfter?: string };

export type TikTokFakeOptions = {
  baseUrl: string;
  appKey: string;
  appSecret: string;
  accessToken: string;
  /** When set, shop_cipher must equal it; otherwise it must only be present. */
  shopCipher?: string;
  /** TikTok's clock in ms. */
  now?: () => number;
  /** Seed conversations; default: the fixture's messages under conversation 576469589434175526. */
  conversations?: Record<string, FakeMessage[]>;
};

export const FIXTURE_CONVERSATION_ID = "576469589434175526";

const ERR = {
  appKey: [400, 36009004, "Invalid credentials. Invalid `app_key` query parameter."],
  noSign: [401, 36009004, "Missing credentials. The request does not include a required signature in the query."],
  tsNegative: [400, 36009004, "Invalid timestamp. The value of the `timestamp` query parameter must not be lesser than 0."],
  tsOld: [400, 36009004, "Invalid timestamp. The value of the `timestamp` query parameter must not be earlier than 5 minutes before the current time."],
  tsFuture: [400, 36009004, "Invalid timestamp. The value of the `timestamp` query parameter must not exceed the current time by more than 30 seconds."],
  badSign: [401, 106001, "Invalid credentials. The `sign` query parameter is invalid."],
  token: [401, 36009004, "Invalid credentials. The `x-tts-access-token` header is invalid."],
  noCipher: [400, 106013, "Missing identifier. The `shop_cipher` query parameter is required to identify the target shop."],
  cipher: [401, 101000, "Invalid query or header. The `category_asset_cipher` query parameter or `x-tts-access-token` header is invalid."],
  format: [400, 36009022, "Invalid request format. The request body format must be `application/json` for structured data or `multipart/form-data` for binary files."],
  param: [400, 36009004, "invalid param error"],
  rateLimit: [429, 36009002, "Too many requests. You've made too many requests in a short period of time."],
  internal: [500, 36009003, "Internal error. Please try again. If the issue persists after multiple attempts, please contact platform support."],
} as const satisfies Record<string, readonly [number, number, string]>;

let requestSeq = 0;
/** Shaped like TikTok's: yyyyMMddHHmmss + 16 hex digits. */
function newRequestId(nowMs: number): string {
  const stamp = new Date(nowMs).toISOString().replace(/\D/g, "").slice(0, 14);
  return `${stamp}${(++requestSeq).toString(16).toUpperCase().padStart(16, "0")}`;
}

/** Independent re-implementation of TikTok's request signature, used to check incoming requests. */
async function expectedSign(appSecret: string, path: string, params: URLSearchParams, body: Uint8Array) {
  const keys = [...params.keys()].filter((k) => k !== "sign" && k !== "access_token").sort();
  const pairs = keys.map((k) => `${k}${params.get(k)}`).join("");
  return hmacSha256Hex(appSecret, concatBytes(appSecret, path, pairs, body, appSecret));
}

export function createTikTokFake(options: TikTokFakeOptions) {
  const { baseUrl, appKey, appSecret, accessToken } = options;
  const now = options.now ?? Date.now;
  const fixture = tiktokFixture<{ data: { messages: FakeMessage[] } }>("tiktok-get-messages-response.json");
  const seed = options.conversations ?? { [FIXTURE_CONVERSATION_ID]: fixture.data.messages };
  const conversations = new Map<string, FakeMessage[]>(
    Object.entries(seed).map(([id, msgs]) => [id, structuredClone(msgs)]),
  );
  const sent: SentMessage[] = [];
  const requests: RecordedRequest[] = [];
  const sendFailures: Failure[] = [];
  let nextMessageId = 7437766939418150000n;
  const orders = new Map<string, FakeOrder>();

  const envelope = (status: number, code: number, message: string, data?: unknown, headers?: HeadersInit) =>
    HttpResponse.json(
      { code, message, request_id: newRequestId(now()), ...(data !== undefined ? { data } : {}) },
      { status, headers },
    );

  /** TikTok's gateway checks; returns a rejection response or null when the request passes. */
  async function gate(request: Request, rec: RecordedRequest, body: Uint8Array): Promise<Response | null> {
    const url = new URL(request.url);
    const q = url.searchParams;
    const reject = ([status, code, message]: readonly [number, number, string]) => {
      rec.code = code;
      return envelope(status, code, message);
    };
    if (q.get("app_key") !== appKey) return reject(ERR.appKey);
    const sign = q.get("sign");
    if (!sign) return reject(ERR.noSign);
    const tsText = q.get("timestamp") ?? "";
    // A non-number counts as "lesser than 0"; a millisecond value lands in the future branch.
    const ts = /^-?\d+$/.test(tsText) ? Number(tsText) : -1;
    const nowSec = Math.floor(now() / 1000);
    if (ts < 0) return reject(ERR.tsNegative);
    if (ts < nowSec - 300) return reject(ERR.tsOld);
    if (ts > nowSec + 30) return reject(ERR.tsFuture);
    const multipart = (request.headers.get("content-type") ?? "").includes("multipart/form-data");
    const expected = await expectedSign(appSecret, url.pathname, q, multipart ? new Uint8Array() : body);
    if (!timingSafeEqual(expected, sign)) return reject(ERR.badSign);
    const token = request.headers.get("x-tts-access-token");
    if (!token || token !== accessToken) return reject(ERR.token);
    const cipher = q.get("shop_cipher");
    if (!cipher) return reject(ERR.noCipher);
    if (options.shopCipher !== undefined && cipher !== options.shopCipher) return reject(ERR.cipher);
    return null;
  }

  async function record(request: Request): Promise<[RecordedRequest, Uint8Array]> {
    const url = new URL(request.url);
    const body = new Uint8Array(await request.arrayBuffer());
    const rec: RecordedRequest = {
      method: request.method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: Object.fromEntries(request.headers),
      rawBody: new TextDecoder().decode(body),
      code: 0,
    };
    requests.push(rec);
    return [rec, body];
  }

  const path = `${baseUrl.replace(/\/+$/, "")}/customer_service/202309/conversations/:id/messages`;
  const root = baseUrl.replace(/\/+$/, "");

  const handlers: HttpHandler[] = [
    http.get(path, async ({ request, params }) => {
      const [rec, body] = await record(request);
      const rejected = await gate(request, rec, body);
      if (rejected) return rejected;
      const pageSize = Number(rec.query.page_size ?? 20);
      // UNVERIFIED: an unknown conversation is answered with an empty page, not an error.
      const msgs = [...(conversations.get(String(params.id)) ?? [])]
        .sort((a, b) => b.create_time - a.create_time)
        .slice(0, pageSize);
      return envelope(200, 0, "Success", { next_page_token: "", messages: msgs });
    }),

    http.post(path, async ({ request, params }) => {
      const [rec, body] = await record(request);
      const rejected = await gate(request, rec, body);
      if (rejected) return rejected;
      if (!(request.headers.get("content-type") ?? "").includes("application/json")) {
        rec.code = ERR.format[1];
        return envelope(...ERR.format);
      }
      let parsed: { type?: unknown; content?: unknown };
      try {
        parsed = JSON.parse(rec.rawBody);
      } catch {
        rec.code = ERR.param[1];
        return envelope(...ERR.param);
      }
      if (typeof parsed?.type !== "string" || typeof parsed.content !== "string") {
        rec.code = ERR.param[1];
        return envelope(...ERR.param);
      }
      const failure = sendFailures.shift();
      if (failure) {
        const [status, code, message] = failure.status === 429 ? ERR.rateLimit : ERR.internal;
        rec.code = failure.code ?? code;
        const headers = failure.retryAfter ? { "retry-after": failure.retryAfter } : undefined;
        return envelope(failure.status, rec.code, failure.message ?? message, undefined, headers);
      }
      const conversationId = String(params.id);
      const messageId = String(nextMessageId++);
      let text: string | null = null;
      try {
        const inner = JSON.parse(parsed.content) as { content?: unknown };
        if (typeof inner?.content === "string") text = inner.content;
      } catch {
        text = null;
      }
      sent.push({
        conversationId,
        messageId,
        rawBody: rec.rawBody,
        body: parsed,
        text,
        query: rec.query,
        accessToken: request.headers.get("x-tts-access-token"),
      });
      const list = conversations.get(conversationId) ?? [];
      list.push({
        id: messageId,
        index: messageId,
        type: parsed.type,
        content: parsed.content,
        create_time: Math.floor(now() / 1000),
        is_visible: true,
        sender: { im_user_id: "7436545389000000001", role: "SHOP", nickname: "Demo Store" },
      });
      conversations.set(conversationId, list);
      return envelope(200, 0, "Success", { message_id: messageId });
    }),
  ];

  handlers.push(...orderHandlers(root, { gate, record, envelope, orders }));

  return {
    handlers,
    /** Orders the order and fulfillment APIs answer with (add with `addOrder`). */
    addOrder(order: FakeOrder) {
      orders.set(order.id, structuredClone(order));
    },
    sent,
    /** Every request that reached the fake, accepted or not. */
    requests,
    /** The next `count` valid sends fail with `status` (429 → 36009002, otherwise 36009003 unless `code`). */
    failNextSends(count: number, status: number, extra: Omit<Failure, "status"> = {}) {
      for (let i = 0; i < count; i++) sendFailures.push({ status, ...extra });
    },
    /** Adds a message to a conversation (e.g. the buyer message a webhook announces). */
    addMessage(conversationId: string, message: FakeMessage) {
      conversations.set(conversationId, [...(conversations.get(conversationId) ?? []), message]);
    },
    messages(conversationId: string): FakeMessage[] {
      return [...(conversations.get(conversationId) ?? [])];
    },
  };
}

export type TikTokFake = ReturnType<typeof createTikTokFake>;

/** The `Authorization` header TikTok puts on a webhook: hex HMAC-SHA256(app_secret, app_key + body). */
export function signTikTokWebhook(body: string | Uint8Array, appKey: string, appSecret: string): Promise<string> {
  return hmacSha256Hex(appSecret, concatBytes(appKey, body));
}

export type NewMessageWebhook = {
  type: number;
  tts_notification_id: string;
  shop_id: string;
  timestamp: number;
  data: {
    conversation_id: string;
    message_id: string;
    type: string;
    content?: string;
    create_time: number;
    sender: { im_user_id: string; role: string; nickname?: string };
  };
};

export type NewMessageOverrides = Partial<Omit<NewMessageWebhook, "data">> & {
  data?: Partial<Omit<NewMessageWebhook["data"], "sender">> & { sender?: Partial<NewMessageWebhook["data"]["sender"]> };
  /** Sets the TEXT content (wrapped as TikTok does); null removes `content` from the payload. */
  text?: string | null;
};

/** A NEW_MESSAGE webhook payload from the fixture, with overrides (serialise it, then sign the string). */
export function buildNewMessageWebhook(overrides: NewMessageOverrides = {}): NewMessageWebhook {
  const base = tiktokFixture<NewMessageWebhook>("tiktok-new-message-webhook.json");
  const { data, text, ...top } = overrides;
  const payload: NewMessageWebhook = {
    ...base,
    ...top,
    data: { ...base.data, ...data, sender: { ...base.data.sender, ...data?.sender } },
  };
  if (text === null) delete payload.data.content;
  else if (text !== undefined) payload.data.content = JSON.stringify({ content: text });
  return payload;
}
