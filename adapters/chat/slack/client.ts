/**
 * A small fetch-based Slack Web API client (fetch is injected: msw in tests, Workers in prod).
 * Failures become UpstreamError with the right `retry` flag; nothing here retries inline: the
 * job queue reschedules with `retryAfterMs` (MUST rule 13). Tokens are never logged or put in
 * error messages.
 */
import PQueue from "p-queue";
import { z } from "zod";
import { UpstreamError } from "../../../src/errors.ts";
import type { types } from "@slack/bolt";

export const DEFAULT_SLACK_API_URL = "https://slack.com/api";

/** `ok:false` codes worth retrying; every other code means the request itself is wrong. */
const RETRYABLE = new Set(["ratelimited", "internal_error", "fatal_error", "service_unavailable", "request_timeout"]);

export type MessageMetadata = { event_type: string; event_payload: Record<string, string | number | boolean> };
export type MessageContent = { text: string; blocks: types.KnownBlock[] };

export type SlackClientOptions = {
  botToken: string;
  /** Base URL without trailing slash (`SLACK_API_URL`). */
  apiUrl?: string;
  fetch?: typeof fetch;
  /** Minimum gap between two `chat.postMessage` calls to one channel ("≈1 message/s/channel"). */
  postIntervalMs?: number;
  timeoutMs?: number;
};

const Ok = z.looseObject({ ok: z.literal(true) });
const Failure = z.looseObject({
  ok: z.literal(false),
  error: z.string().default("unknown_error"),
  response_metadata: z.looseObject({ messages: z.array(z.string()).optional() }).optional(),
});
const Posted = Ok.extend({ channel: z.string().min(1), ts: z.string().min(1) });
const Opened = Ok.extend({ view: z.looseObject({ id: z.string().min(1) }) });
const Ephemeral = Ok.extend({ message_ts: z.string().min(1) });
const Permalink = Ok.extend({ permalink: z.string().url() });
const HistoryMessage = z.looseObject({
  ts: z.string(),
  metadata: z.looseObject({ event_type: z.string(), event_payload: z.record(z.string(), z.unknown()).nullish() }).nullish(),
});
const History = Ok.extend({
  messages: z.array(HistoryMessage),
  has_more: z.boolean().optional(),
  response_metadata: z.looseObject({ next_cursor: z.string().optional() }).optional(),
});
export type HistoryMessage = z.infer<typeof HistoryMessage>;
const UploadUrl = Ok.extend({ upload_url: z.url(), file_id: z.string().min(1) });
const Completed = Ok.extend({ files: z.array(z.looseObject({ id: z.string(), shares: z.unknown().optional() })).min(1) });

export function createSlackClient(opts: SlackClientOptions) {
  const base = (opts.apiUrl ?? DEFAULT_SLACK_API_URL).replace(/\/+$/, "");
  const doFetch = opts.fetch ?? ((input, init) => fetch(input, init));
  const interval = opts.postIntervalMs ?? 1000;
  const timeoutMs = opts.timeoutMs ?? 10_000;
  // One sliding-window queue per channel. Channels are the few configured triage/alert
  // channels, so the map stays small; 429 handling covers other processes.
  const channels = new Map<string, PQueue>();
  const queueFor = (channel: string) => {
    let q = channels.get(channel);
    if (!q) {
      q = interval > 0 ? new PQueue({ concurrency: 1, intervalCap: 1, interval, strict: true }) : new PQueue({ concurrency: 1 });
      channels.set(channel, q);
    }
    return q;
  };

  async function call<T>(method: string, schema: z.ZodType<T>, args: Record<string, unknown>, encoding: "json" | "form" = "json"): Promise<T> {
    const headers: Record<string, string> = { authorization: `Bearer ${opts.botToken}` };
    let body: string;
    if (encoding === "json") {
      // Slack wants the charset spelled out, else it answers with a `missing_charset` warning.
      headers["content-type"] = "application/json; charset=utf-8";
      body = JSON.stringify(args);
    } else {
      headers["content-type"] = "application/x-www-form-urlencoded";
      const form = new URLSearchParams();
      // Arrays and objects go as JSON strings, as Slack's own SDKs send them in forms.
      for (const [k, v] of Object.entries(args)) if (v !== undefined) form.set(k, typeof v === "object" && v !== null ? JSON.stringify(v) : String(v));
      body = form.toString();
    }

    let res: Response;
    try {
      res = await doFetch(`${base}/${method}`, { method: "POST", headers, body, signal: AbortSignal.timeout(timeoutMs) });
    } catch (cause) {
      // Unknown outcome: the call may have reached Slack (callers of postMessage look it up again).
      throw new UpstreamError("slack", `${method}: network error`, { retry: true, cause: safeCause(cause) });
    }
    const requestId = res.headers.get("x-slack-req-id") ?? undefined;
    if (res.status === 429) {
      throw new UpstreamError("slack", `${method}: rate limited`, { status: 429, vendorCode: "ratelimited", requestId, retryAfterMs: retryAfterMs(res.headers.get("retry-after")) });
    }
    if (!res.ok) throw new UpstreamError("slack", `${method}: HTTP ${res.status}`, { status: res.status, requestId });

    let json: unknown;
    try {
      json = await res.json();
    } catch {
      throw new UpstreamError("slack", `${method}: response is not JSON`, { status: res.status, requestId, retry: true });
    }
    const failure = Failure.safeParse(json);
    if (failure.success) {
      const { error, response_metadata } = failure.data;
      const detail = response_metadata?.messages?.slice(0, 3).join(" ");
      throw new UpstreamError("slack", `${method}: ${error}${detail ? ` (${detail})` : ""}`, { status: res.status, vendorCode: error, requestId, retry: RETRYABLE.has(error) });
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new UpstreamError("slack", `${method}: unexpected response shape`, { status: res.status, requestId, retry: false });
    return parsed.data;
  }

  return {
    /** Posts a message, paced per channel. Returns the channel id Slack resolved and the message ts. */
    async postMessage(
      args: { channel: string; metadata?: MessageMetadata; thread_ts?: string } & MessageContent,
      beforeSend?: () => Promise<void>,
    ): Promise<{ channel: string; ts: string }> {
      const r = await queueFor(args.channel).add(async () => {
        await beforeSend?.();
        return call("chat.postMessage", Posted, { ...args, unfurl_links: false, unfurl_media: false });
      });
      return { channel: r.channel, ts: r.ts };
    },
    async update(args: { channel: string; ts: string; metadata?: MessageMetadata } & MessageContent): Promise<void> {
      await call("chat.update", Ok, args);
    },
    async openView(args: { trigger_id: string; view: types.ModalView }): Promise<{ viewId: string }> {
      const r = await call("views.open", Opened, args);
      return { viewId: r.view.id };
    },
    async postEphemeral(args: { channel: string; user: string; text: string; blocks?: types.KnownBlock[] }): Promise<{ messageTs: string }> {
      const r = await call("chat.postEphemeral", Ephemeral, args);
      return { messageTs: r.message_ts };
    },
    /**
     * Step 1 of a file upload: a one-time upload URL and the file's id. Form-encoded only (the
     * method takes no JSON); `alt_txt` is the image's screen-reader text.
     */
    async getUploadUrl(args: { filename: string; length: number; alt_txt?: string }): Promise<{ uploadUrl: string; fileId: string }> {
      const r = await call("files.getUploadURLExternal", UploadUrl, args, "form");
      return { uploadUrl: r.upload_url, fileId: r.file_id };
    },
    /** Step 2: the bytes, POSTed raw to the upload URL (Slack answers 200 on success, anything else is a failure). */
    async uploadBytes(uploadUrl: string, bytes: Uint8Array, contentType: string): Promise<void> {
      let res: Response;
      try {
        res = await doFetch(uploadUrl, { method: "POST", headers: { "content-type": contentType }, body: bytes as Uint8Array<ArrayBuffer>, signal: AbortSignal.timeout(timeoutMs * 3) });
      } catch (cause) {
        throw new UpstreamError("slack", "file upload: network error", { retry: true, cause: safeCause(cause) });
      }
      await res.arrayBuffer().catch(() => undefined);
      if (res.status !== 200) throw new UpstreamError("slack", `file upload: HTTP ${res.status}`, { status: res.status, retry: res.status >= 500 || res.status === 429 });
    },
    /** Step 3: finishes the upload and shares the file into `channel_id` with a message (blocks). */
    async completeUpload(args: { files: { id: string; title?: string }[]; channel_id: string; blocks?: types.KnownBlock[]; initial_comment?: string }): Promise<{ fileIds: string[] }> {
      const r = await queueFor(args.channel_id).add(() => call("files.completeUploadExternal", Completed, args, "form"));
      return { fileIds: r.files.map((f) => f.id) };
    },
    /** A link that opens the message (`chat.getPermalink`, a read method: form-encoded). */
    async permalink(args: { channel: string; message_ts: string }): Promise<string> {
      return (await call("chat.getPermalink", Permalink, args, "form")).permalink;
    },
    /** A thread: its parent then the replies (`conversations.replies`, form-encoded only like history). */
    async replies(args: { channel: string; ts: string; oldest?: string; limit?: number; cursor?: string; include_all_metadata?: boolean }) {
      const r = await call("conversations.replies", History, args, "form");
      const next = r.response_metadata?.next_cursor;
      return { messages: r.messages, nextCursor: r.has_more && next ? next : undefined };
    },
    /** `conversations.history` is form-encoded only: it ignores JSON bodies (HubSpot/slack-client JsonStatus). */
    async history(args: { channel: string; oldest?: string; latest?: string; limit?: number; cursor?: string; include_all_metadata?: boolean }) {
      const r = await call("conversations.history", History, args, "form");
      const next = r.response_metadata?.next_cursor;
      return { messages: r.messages, nextCursor: r.has_more && next ? next : undefined };
    },
  };
}

export type SlackClient = ReturnType<typeof createSlackClient>;

/** Retry-After is in seconds (python-slack-sdk docs/web.md); a missing or odd header waits 1 s. */
function retryAfterMs(header: string | null): number {
  const seconds = header !== null && /^\d+$/.test(header.trim()) ? Number(header.trim()) : 1;
  return Math.max(1, seconds) * 1000;
}

/** Keeps only name/message: a fetch error must not drag request headers (the token) into logs. */
function safeCause(cause: unknown): Error {
  return cause instanceof Error ? new Error(`${cause.name}: ${cause.message}`) : new Error(String(cause));
}
