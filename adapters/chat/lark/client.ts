/**
 * Outbound Lark / Feishu calls through the official SDK (`@larksuiteoapi/node-sdk`): it fetches and
 * caches the tenant_access_token (refreshed 3 minutes early) and knows every endpoint. We hand it a
 * fetch-based HttpInstance instead of its global axios one, so calls have a timeout, tests and
 * Workers inject `fetch`, and the response's `x-tt-logid` reaches our errors (MUST rule 21).
 *
 * Limits (platform-apis §2.8, §2.11): 5 QPS per chat for sends and 5 QPS per message for card
 * updates, paced here per process; error 230020 ("frequency limit") and HTTP 429 become a
 * retryable UpstreamError with `retryAfterMs`, so the job is rescheduled, not hammered (MUST 13).
 */
import * as lark from "@larksuiteoapi/node-sdk";
import { z } from "zod";
import { UpstreamError } from "../../../src/errors.ts";

/** Lark's frequency-limit code (message create / patch pages), and the gateway's own. */
export const RATE_LIMIT_CODES = new Set([230020, 99991400]);
/** Codes that are worth retrying besides rate limits: Lark's "internal error, retry" family. */
const RETRYABLE_CODES = new Set([230099, 1000004, 1000005]);

export type LarkClientOptions = {
  appId: string;
  appSecret: string;
  /** Base URL (https://open.feishu.cn, https://open.larksuite.com or a fake). */
  domain: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
  /** Calls per second per chat (sends) and per message (updates); Lark's limit is 5. */
  qps?: number;
  /** Back-off asked of the job queue after a 230020 / 429. */
  rateLimitBackoffMs?: number;
};

const Sent = z.looseObject({ message_id: z.string().min(1), chat_id: z.string().optional(), create_time: z.string().optional() });
const Urgent = z.looseObject({ invalid_user_id_list: z.array(z.string()).optional() });
type ApiAnswer = { code?: number; msg?: string; data?: unknown };

/** What the HttpInstance throws for a non-2xx answer, shaped like axios' error (the SDK logs it). */
class LarkHttpError extends Error {
  constructor(
    readonly response: { status: number; data: unknown; headers: Record<string, string> },
    readonly logId: string | undefined,
  ) {
    super(`HTTP ${response.status}`);
  }
}

/** A small fetch-based stand-in for the SDK's axios instance. */
function fetchHttpInstance(doFetch: typeof fetch, timeoutMs: number): lark.HttpInstance {
  const request = async (opts: { url?: string; method?: string; headers?: Record<string, unknown>; params?: Record<string, unknown>; data?: unknown; $return_headers?: boolean }) => {
    const url = new URL(opts.url ?? "");
    for (const [k, v] of Object.entries(opts.params ?? {})) {
      if (v === undefined || v === null) continue;
      for (const one of Array.isArray(v) ? v : [v]) url.searchParams.append(k, String(one));
    }
    const method = (opts.method ?? "GET").toUpperCase();
    const headers = new Headers();
    for (const [k, v] of Object.entries(opts.headers ?? {})) if (v !== undefined && v !== null) headers.set(k, String(v));
    let body: string | FormData | undefined;
    if (opts.data !== undefined && method !== "GET" && method !== "HEAD") {
      if (headers.get("content-type")?.startsWith("multipart/form-data")) {
        // Uploads (im.image.create): the SDK hands axios a plain object and a bare multipart type;
        // fetch needs a FormData and must write the boundary itself.
        body = toFormData(opts.data as Record<string, unknown>);
        headers.delete("content-type");
      } else {
        body = JSON.stringify(opts.data);
        headers.set("content-type", "application/json; charset=utf-8");
      }
    }
    const res = await doFetch(url, { method, headers, body, signal: AbortSignal.timeout(timeoutMs) });
    const textBody = await res.text();
    let data: unknown = textBody;
    try {
      data = JSON.parse(textBody);
    } catch {
      // not JSON: keep the text for the error
    }
    const logId = res.headers.get("x-tt-logid") ?? undefined;
    if (!res.ok) throw new LarkHttpError({ status: res.status, data, headers: Object.fromEntries(res.headers) }, logId);
    return opts.$return_headers ? { data, headers: Object.fromEntries(res.headers) } : data;
  };
  const r = request as lark.HttpInstance["request"];
  return {
    request: r,
    get: (url, o) => r({ ...o, url, method: "GET" }),
    delete: (url, o) => r({ ...o, url, method: "DELETE" }),
    head: (url, o) => r({ ...o, url, method: "HEAD" }),
    options: (url, o) => r({ ...o, url, method: "OPTIONS" }),
    post: (url, data, o) => r({ ...o, url, data, method: "POST" }),
    put: (url, data, o) => r({ ...o, url, data, method: "PUT" }),
    patch: (url, data, o) => r({ ...o, url, data, method: "PATCH" }),
  };
}

function toFormData(fields: Record<string, unknown>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined || value === null) continue;
    if (value instanceof Uint8Array) form.append(name, new Blob([value as Uint8Array<ArrayBuffer>]), `${name}.png`);
    else form.append(name, String(value));
  }
  return form;
}

/** A token cache per client (the SDK's default is one process-wide map). */
function memoryCache(): lark.Cache {
  const values = new Map<string, { value: unknown; expiredTime?: number }>();
  const key = (k: string | symbol | Symbol, o?: { namespace?: string }) => `${o?.namespace ?? ""}/${String(k)}`;
  return {
    async get(k, o) {
      const hit = values.get(key(k, o));
      return hit && (!hit.expiredTime || hit.expiredTime > Date.now()) ? hit.value : undefined;
    },
    async set(k, value, expiredTime, o) {
      values.set(key(k, o), { value, expiredTime });
      return true;
    },
  } as lark.Cache;
}

/**
 * At most `qps` calls per key (chat or message) in any one-second window, counted from when each
 * call FINISHED (or now, while in flight). Lark counts arrivals; a call arrives between its start
 * and its end, so a call that ended a second before another started cannot share its window.
 * (Counting starts instead let a token fetch or a slow network bunch arrivals together.)
 */
function keyedPacer(qps: number, windowMs = 1000) {
  const keys = new Map<string, { inFlight: number; ends: number[] }>();
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  return async <T>(key: string, fn: () => Promise<T>): Promise<T> => {
    let s = keys.get(key);
    if (!s) keys.set(key, (s = { inFlight: 0, ends: [] }));
    for (;;) {
      const now = Date.now();
      s.ends = s.ends.filter((t) => now - t < windowMs);
      if (s.inFlight + s.ends.length < qps) break;
      await sleep(s.ends.length > 0 ? windowMs - (now - s.ends[0]!) + 1 : 20);
    }
    s.inFlight += 1;
    try {
      return await fn();
    } finally {
      s.inFlight -= 1;
      s.ends.push(Date.now());
      if (s.inFlight === 0 && keys.size > 1000) for (const [k, v] of keys) if (v.inFlight === 0 && v.ends.every((t) => Date.now() - t >= windowMs)) keys.delete(k);
    }
  };
}

export function createLarkClient(opts: LarkClientOptions) {
  const backoff = opts.rateLimitBackoffMs ?? 1000;
  const sdk = new lark.Client({
    appId: opts.appId,
    appSecret: opts.appSecret,
    domain: opts.domain,
    appType: lark.AppType.SelfBuild,
    httpInstance: fetchHttpInstance(opts.fetch ?? ((input, init) => fetch(input, init)), opts.timeoutMs ?? 10_000),
    cache: memoryCache(),
    // The SDK would log whole axios errors (request headers included): ours carry what matters.
    logger: { error: () => {}, warn: () => {}, info: () => {}, debug: () => {}, trace: () => {} },
  });
  const perChat = keyedPacer(opts.qps ?? 5);
  const perMessage = keyedPacer(opts.qps ?? 5);

  /** Runs an SDK call and turns every failure into an UpstreamError with the right retry flag. */
  async function call(what: string, fn: () => Promise<ApiAnswer>): Promise<ApiAnswer> {
    let answer: ApiAnswer;
    try {
      answer = await fn();
    } catch (err) {
      if (err instanceof LarkHttpError) {
        const data = (typeof err.response.data === "object" && err.response.data) as ApiAnswer | false;
        return fail(what, err.response.status, data ? data : {}, err.logId);
      }
      // Network, timeout, or the token endpoint refusing: the outcome is unknown, retry.
      throw new UpstreamError("lark", `${what}: ${err instanceof Error ? err.message : String(err)}`, { retry: true, cause: safeCause(err) });
    }
    if (answer?.code !== 0) return fail(what, 200, answer ?? {}, undefined);
    return answer;
  }

  function fail(what: string, status: number, data: ApiAnswer, logId: string | undefined): never {
    const code = typeof data.code === "number" ? data.code : undefined;
    const message = `${what}: ${code ?? status} ${typeof data.msg === "string" ? data.msg.slice(0, 200) : ""}`.trim();
    if (status === 429 || (code !== undefined && RATE_LIMIT_CODES.has(code))) {
      throw new UpstreamError("lark", message, { status, vendorCode: code, requestId: logId, retry: true, retryAfterMs: backoff });
    }
    const retry = status >= 500 || (code !== undefined && RETRYABLE_CODES.has(code));
    throw new UpstreamError("lark", message, { status, vendorCode: code, requestId: logId, retry });
  }

  return {
    /**
     * Sends an interactive card to a chat. `uuid` makes the send idempotent on Lark's side (a
     * repeat with the same uuid within an hour returns the first message instead of a second).
     */
    async sendCard(chatId: string, card: object, uuid: string): Promise<{ messageId: string; chatId: string }> {
      const answer = await perChat(chatId, () =>
        call("im.message.create", () =>
          sdk.im.v1.message.create({
            params: { receive_id_type: "chat_id" },
            data: { receive_id: chatId, msg_type: "interactive", content: JSON.stringify(card), uuid },
          }) as Promise<ApiAnswer>,
        ),
      );
      const sent = Sent.safeParse(answer.data);
      if (!sent.success) throw new UpstreamError("lark", "im.message.create: unexpected response shape", { retry: false });
      return { messageId: sent.data.message_id, chatId: sent.data.chat_id ?? chatId };
    },

    /** Replaces a card's content in place (PATCH; the card must have `update_multi: true`). */
    async updateCard(messageId: string, card: object): Promise<void> {
      await perMessage(messageId, () =>
        call("im.message.patch", () => sdk.im.v1.message.patch({ path: { message_id: messageId }, data: { content: JSON.stringify(card) } }) as Promise<ApiAnswer>),
      );
    },

    /**
     * Uploads an image for messages (im/v1/images, image_type=message) and returns its image_key.
     * The SDK returns only `data` here, so success is an image_key and anything else a failure.
     */
    async uploadImage(png: Uint8Array): Promise<string> {
      let answer: unknown;
      try {
        answer = await sdk.im.v1.image.create({ data: { image_type: "message", image: png as unknown as Buffer } });
      } catch (err) {
        if (err instanceof LarkHttpError) {
          const data = (typeof err.response.data === "object" && err.response.data) as ApiAnswer | false;
          return fail("im.image.create", err.response.status, data ? data : {}, err.logId);
        }
        throw new UpstreamError("lark", `im.image.create: ${err instanceof Error ? err.message : String(err)}`, { retry: true, cause: safeCause(err) });
      }
      const key = z.object({ image_key: z.string().min(1) }).safeParse(answer);
      if (!key.success) throw new UpstreamError("lark", "im.image.create: no image_key in the answer", { retry: true });
      return key.data.image_key;
    },

    /**
     * Replies to a message with a card, in its thread (`reply_in_thread`). `uuid` dedupes like
     * `sendCard`. Paced per chat: a reply lands in the card's chat.
     */
    async replyCard(messageId: string, chatId: string, card: object, uuid: string): Promise<{ messageId: string; chatId: string }> {
      const answer = await perChat(chatId, () =>
        call("im.message.reply", () =>
          sdk.im.v1.message.reply({
            path: { message_id: messageId },
            data: { msg_type: "interactive", content: JSON.stringify(card), reply_in_thread: true, uuid },
          }) as Promise<ApiAnswer>,
        ),
      );
      const sent = Sent.safeParse(answer.data);
      if (!sent.success) throw new UpstreamError("lark", "im.message.reply: unexpected response shape", { retry: false });
      return { messageId: sent.data.message_id, chatId: sent.data.chat_id ?? chatId };
    },

    /**
     * Buzzes `openIds` in the app about one of the bot's own messages (urgent_app, platform-apis
     * §2.9). Returns the ids Lark refused (not in the chat, buzz quota reached).
     */
    async urgentApp(messageId: string, openIds: string[]): Promise<{ invalid: string[] }> {
      const answer = await call("im.message.urgent_app", () =>
        sdk.im.v1.message.urgentApp({ path: { message_id: messageId }, params: { user_id_type: "open_id" }, data: { user_id_list: openIds } }) as Promise<ApiAnswer>,
      );
      const data = Urgent.safeParse(answer.data ?? {});
      return { invalid: data.success ? (data.data.invalid_user_id_list ?? []) : [] };
    },

    /** A card only `openId` sees in the chat (ephemeral/v1/send). */
    async sendEphemeral(chatId: string, openId: string, card: object): Promise<void> {
      await perChat(chatId, () =>
        call("ephemeral.send", () =>
          sdk.request({ method: "POST", url: "/open-apis/ephemeral/v1/send", data: { chat_id: chatId, open_id: openId, msg_type: "interactive", card } }) as Promise<ApiAnswer>,
        ),
      );
    },
  };
}

export type LarkClient = ReturnType<typeof createLarkClient>;

/** Keeps only name/message: an error must not drag request headers (the token) into logs. */
function safeCause(cause: unknown): Error {
  return cause instanceof Error ? new Error(`${cause.name}: ${cause.message}`) : new Error(String(cause));
}
