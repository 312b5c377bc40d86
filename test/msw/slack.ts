/**
 * A faithful msw fake of the Slack Web API, plus builders for what Slack sends us.
 *
 * Faithful means: bearer-token auth (`not_authed` / `invalid_auth` with HTTP 200), JSON bodies
 * only on methods that accept them (`conversations.history` is form-only), Block Kit limits
 * checked the way Slack reports them (`invalid_blocks` + `[ERROR] … [json-pointer:/blocks/…]`),
 * Slack's response shapes with an `x-slack-req-id` header, 429 + `Retry-After` on demand, and
 * posted messages stored with their metadata so `chat.update` / `conversations.history` see them.
 */
import { http, HttpResponse, type HttpHandler } from "msw";
import { z } from "zod";

// ───────────────────────────── Block Kit (subset we and our tests send) ─────────────────────────────

const str = (max: number) => z.string().min(1).max(max);
const PlainText = (max: number) => z.strictObject({ type: z.literal("plain_text"), text: str(max), emoji: z.boolean().optional() });
const Mrkdwn = (max: number) => z.strictObject({ type: z.literal("mrkdwn"), text: str(max), verbatim: z.boolean().optional() });
const Text = (max: number) => z.discriminatedUnion("type", [PlainText(max), Mrkdwn(max)]);
const Confirm = z.strictObject({ title: PlainText(100), text: Text(300), confirm: PlainText(30), deny: PlainText(30), style: z.enum(["primary", "danger"]).optional() });
const Option = z.strictObject({ text: PlainText(75), value: str(75), description: PlainText(75).optional() });
const ActionId = str(255);
const Image = z.strictObject({ type: z.literal("image"), image_url: str(3000), alt_text: str(2000) });
const Button = z.strictObject({
  type: z.literal("button"), text: PlainText(75), action_id: ActionId, value: str(2000).optional(), url: str(3000).optional(),
  style: z.enum(["primary", "danger"]).optional(), confirm: Confirm.optional(), accessibility_label: str(75).optional(),
});
const StaticSelect = z.strictObject({
  type: z.literal("static_select"), action_id: ActionId, placeholder: PlainText(150).optional(), options: z.array(Option).min(1).max(100),
  initial_option: Option.optional(), confirm: Confirm.optional(), focus_on_load: z.boolean().optional(),
});
const PlainTextInput = z.strictObject({
  type: z.literal("plain_text_input"), action_id: ActionId, initial_value: z.string().max(3000).optional(), multiline: z.boolean().optional(),
  min_length: z.number().int().min(0).max(3000).optional(), max_length: z.number().int().min(1).max(3000).optional(),
  placeholder: PlainText(150).optional(), focus_on_load: z.boolean().optional(),
});
const Interactive = z.discriminatedUnion("type", [Button, StaticSelect]);
const BlockId = str(255).optional();
const Block = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("header"), block_id: BlockId, text: PlainText(150) }),
  z.strictObject({ type: z.literal("divider"), block_id: BlockId }),
  z.strictObject({ type: z.literal("image"), block_id: BlockId, image_url: str(3000), alt_text: str(2000), title: PlainText(2000).optional() }),
  z.strictObject({ type: z.literal("context"), block_id: BlockId, elements: z.array(z.union([Text(3000), Image])).min(1).max(10) }),
  z.strictObject({ type: z.literal("actions"), block_id: BlockId, elements: z.array(Interactive).min(1).max(25) }),
  z
    .strictObject({ type: z.literal("section"), block_id: BlockId, text: Text(3000).optional(), fields: z.array(Text(2000)).min(1).max(10).optional(), accessory: z.union([Interactive, Image]).optional() })
    .refine((b) => b.text || b.fields, "must provide text or fields"),
  z.strictObject({
    type: z.literal("input"), block_id: BlockId, label: PlainText(2000), hint: PlainText(2000).optional(), optional: z.boolean().optional(),
    dispatch_action: z.boolean().optional(), element: z.discriminatedUnion("type", [PlainTextInput, StaticSelect]),
  }),
]);
type BlockT = z.infer<typeof Block>;

/** Slack-side invariants the schema cannot express: unique block_ids, unique action_ids per block. */
const Blocks = (max: number) =>
  z.array(Block).max(max).superRefine((blocks: BlockT[], ctx) => {
    const seen = new Set<string>();
    blocks.forEach((b, i) => {
      if (b.block_id && seen.has(b.block_id)) ctx.addIssue({ code: "custom", path: [i, "block_id"], message: `duplicate block_id ${b.block_id}` });
      if (b.block_id) seen.add(b.block_id);
      if (b.type === "actions") {
        const ids = b.elements.map((e) => e.action_id);
        if (new Set(ids).size !== ids.length) ctx.addIssue({ code: "custom", path: [i, "elements"], message: "action_id must be unique in a block" });
      }
    });
  });
const Metadata = z.strictObject({ event_type: z.string().regex(/^[A-Za-z0-9_]{1,255}$/), event_payload: z.record(z.string(), z.unknown()) });
const ModalView = z
  .strictObject({
    type: z.literal("modal"), title: PlainText(24), blocks: Blocks(100), close: PlainText(24).optional(), submit: PlainText(24).optional(),
    private_metadata: z.string().max(3000).optional(), callback_id: z.string().max(255).optional(), clear_on_close: z.boolean().optional(),
    notify_on_close: z.boolean().optional(), external_id: z.string().max(255).optional(), submit_disabled: z.boolean().optional(),
  })
  .refine((v) => v.submit || !v.blocks.some((b) => b.type === "input"), { message: "submit is required when the view has input blocks", path: ["submit"] });

const Channel = z.string().regex(/^[CGD][A-Z0-9]{2,}$/);
const Content = { text: z.string().max(40_000).optional(), blocks: Blocks(50).optional(), metadata: Metadata.optional() };
const PostMessage = z.looseObject({ channel: z.string().optional(), thread_ts: z.string().optional(), ...Content });
const Update = z.looseObject({ channel: z.string().optional(), ts: z.string().optional(), ...Content });
const Ephemeral = z.looseObject({ channel: z.string().optional(), user: z.string().optional(), text: z.string().optional(), blocks: Blocks(50).optional() });
const ViewsOpen = z.looseObject({ trigger_id: z.string().optional(), view: z.unknown() });

// ───────────────────────────── the fake ─────────────────────────────

export type SlackCall = { method: string; body: Record<string, unknown>; contentType: string | null; status: number; at: number };
export type UploadedFile = { id: string; filename: string; length: number; alt_txt?: string; bytes: Uint8Array | null; contentType: string | null; completed: boolean; title?: string };
export type StoredMessage = {
  type: "message"; channel: string; ts: string; text: string; blocks?: unknown[]; files?: { id: string; name: string; title: string; mimetype: string; size: number }[];
  metadata?: { event_type: string; event_payload: Record<string, unknown> }; user: string; bot_id: string; app_id: string; team: string;
  /** Set on replies in a thread: the parent's ts. */
  thread_ts?: string;
};

/** Methods that read their arguments from JSON bodies; the rest silently ignore JSON. */
const JSON_METHODS = new Set(["chat.postMessage", "chat.update", "chat.postEphemeral", "views.open", "auth.test", "files.completeUploadExternal"]);
/** Where files.getUploadURLExternal sends uploads (Slack's own host is files.slack.com). */
const UPLOAD_BASE = "https://files.slack.test/upload/v1";

export function createSlackFake(opts: { apiUrl: string; botToken: string; latencyMs?: number; channels?: string[] }) {
  const ids = { teamId: "T0FAKE001", appId: "A0FAKE001", botId: "B0FAKE001", botUserId: "U0FAKEBOT" };
  const base = opts.apiUrl.replace(/\/+$/, "");
  let latencyMs = opts.latencyMs ?? 0;
  let lastMicros = 0;
  const calls: SlackCall[] = [];
  const messages = new Map<string, StoredMessage[]>();
  const ephemerals: { channel: string; user: string; text?: string; blocks?: unknown[]; message_ts: string }[] = [];
  const views: { id: string; trigger_id: string; view: z.infer<typeof ModalView> }[] = [];
  const faults: { method?: string; kind: "429" | "error" | "lose"; left: number; retryAfterSec?: number; error?: string; channel?: string }[] = [];
  const files = new Map<string, UploadedFile>();
  const listeners: ((method: string, body: Record<string, unknown>, answer: Record<string, unknown>) => void | Promise<void>)[] = [];

  const nextTs = () => {
    lastMicros = Math.max(lastMicros + 1, Date.now() * 1000);
    return `${Math.floor(lastMicros / 1e6)}.${String(lastMicros % 1e6).padStart(6, "0")}`;
  };
  const reqId = () => Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) => b.toString(16).padStart(2, "0")).join("");
  const takeFault = (method: string, body: Record<string, unknown> = {}) => {
    const f = faults.find((x) => x.left > 0 && (!x.method || x.method === method) && (!x.channel || x.channel === body.channel));
    if (f) f.left -= 1;
    return f;
  };
  const knownChannel = (c: string | undefined): c is string => !!c && Channel.safeParse(c).success && (!opts.channels || opts.channels.includes(c));
  const fail = (error: string, extra: Record<string, unknown> = {}) => ({ ok: false, error, ...extra });
  const blockErrors = (error: z.ZodError, prefix: string[] = []) => {
    const list = error.issues.map((i) => `${i.message} [json-pointer:/${[...prefix, ...i.path].join("/")}]`);
    return { errors: list, response_metadata: { messages: list.map((m) => `[ERROR] ${m}`) } };
  };
  const contentError = (body: Record<string, unknown>, schema: z.ZodType) => {
    const r = schema.safeParse(body);
    if (r.success) return null;
    const first = r.error.issues[0]!;
    if (first.path[0] === "blocks") return fail("invalid_blocks", blockErrors(r.error));
    if (first.path[0] === "metadata") return fail("invalid_metadata_format");
    if (first.path[0] === "text") return fail("msg_too_long");
    return fail("invalid_arguments");
  };
  const publicMessage = (m: StoredMessage, withMetadata: boolean) => {
    const { channel: _channel, metadata, ...rest } = m;
    return withMetadata && metadata ? { ...rest, metadata } : rest;
  };

  const methods: Record<string, (b: Record<string, unknown>) => Record<string, unknown>> = {
    "auth.test": () => ({ ok: true, url: "https://fake.slack.test/", team: "Fake", user: "triage", team_id: ids.teamId, user_id: ids.botUserId, bot_id: ids.botId, is_enterprise_install: false }),
    "chat.postMessage": (b) => {
      const invalid = contentError(b, PostMessage);
      if (invalid) return invalid;
      const a = PostMessage.parse(b);
      if (!knownChannel(a.channel)) return fail("channel_not_found");
      if (!a.text && !a.blocks?.length) return fail("no_text");
      // A reply names its parent by ts; Slack answers thread_not_found for an unknown parent.
      if (a.thread_ts && !messages.get(a.channel)?.some((x) => x.ts === a.thread_ts && !x.thread_ts)) return fail("thread_not_found");
      const m: StoredMessage = { type: "message", channel: a.channel, ts: nextTs(), text: a.text ?? "", blocks: a.blocks, metadata: a.metadata, user: ids.botUserId, bot_id: ids.botId, app_id: ids.appId, team: ids.teamId, ...(a.thread_ts ? { thread_ts: a.thread_ts } : {}) };
      messages.set(a.channel, [...(messages.get(a.channel) ?? []), m]);
      return { ok: true, channel: a.channel, ts: m.ts, message: publicMessage(m, true) };
    },
    "chat.update": (b) => {
      const invalid = contentError(b, Update);
      if (invalid) return invalid;
      const a = Update.parse(b);
      if (!knownChannel(a.channel)) return fail("channel_not_found");
      const m = messages.get(a.channel)?.find((x) => x.ts === a.ts);
      if (!m) return fail("message_not_found");
      if (a.text === undefined && a.blocks === undefined) return fail("no_text");
      if (a.text !== undefined) m.text = a.text;
      if (a.blocks !== undefined) m.blocks = a.blocks;
      if (a.metadata !== undefined) m.metadata = a.metadata;
      return { ok: true, channel: a.channel, ts: m.ts, text: m.text, message: publicMessage(m, true) };
    },
    "chat.postEphemeral": (b) => {
      const invalid = contentError(b, Ephemeral);
      if (invalid) return invalid;
      const a = Ephemeral.parse(b);
      if (!knownChannel(a.channel)) return fail("channel_not_found");
      if (!a.user || !/^[UW][A-Z0-9]{2,}$/.test(a.user)) return fail("user_not_found");
      if (!a.text && !a.blocks?.length) return fail("no_text");
      const message_ts = nextTs();
      ephemerals.push({ channel: a.channel, user: a.user, text: a.text, blocks: a.blocks, message_ts });
      return { ok: true, message_ts };
    },
    "views.open": (b) => {
      const a = ViewsOpen.parse(b);
      if (!a.trigger_id) return fail("invalid_arguments");
      if (!/^\d+\.\d+\.[0-9a-f]+$/.test(a.trigger_id)) return fail("invalid_trigger_id");
      const view = ModalView.safeParse(typeof a.view === "string" ? JSON.parse(a.view) : a.view);
      if (!view.success) return fail("invalid_arguments", { response_metadata: blockErrors(view.error, ["view"]).response_metadata });
      const id = `V${reqId().slice(0, 10).toUpperCase()}`;
      views.push({ id, trigger_id: a.trigger_id, view: view.data });
      return { ok: true, view: { id, team_id: ids.teamId, app_id: ids.appId, bot_id: ids.botId, hash: `${Math.floor(Date.now() / 1000)}.${reqId().slice(0, 8)}`, state: { values: {} }, root_view_id: id, previous_view_id: null, ...view.data } };
    },
    // files.getUploadURLExternal: form-encoded only; filename and length are required.
    "files.getUploadURLExternal": (b) => {
      const length = Number(b.length);
      if (typeof b.filename !== "string" || !b.filename || !Number.isInteger(length) || length <= 0) return fail("invalid_arguments");
      const id = `F${reqId().slice(0, 10).toUpperCase()}`;
      files.set(id, { id, filename: b.filename, length, alt_txt: typeof b.alt_txt === "string" ? b.alt_txt : undefined, bytes: null, contentType: null, completed: false });
      return { ok: true, upload_url: `${UPLOAD_BASE}/${id}`, file_id: id };
    },
    // files.completeUploadExternal: `files` is a JSON array (a string in forms); with channel_id the
    // file is shared as a message carrying `blocks` (ignored when initial_comment is given).
    "files.completeUploadExternal": (b) => {
      const list = z.array(z.looseObject({ id: z.string(), title: z.string().optional() })).min(1).safeParse(b.files);
      if (!list.success) return fail("invalid_arguments");
      const found = list.data.map((f) => files.get(f.id));
      if (found.some((f) => !f || !f.bytes)) return fail("file_not_found");
      if (b.channel_id !== undefined && !knownChannel(b.channel_id as string)) return fail("channel_not_found");
      const blocks = b.initial_comment === undefined && b.blocks !== undefined ? Blocks(50).safeParse(b.blocks) : null;
      if (blocks && !blocks.success) return fail("invalid_blocks", blockErrors(blocks.error, ["blocks"]));
      for (const [i, f] of found.entries()) Object.assign(f!, { completed: true, title: list.data[i]!.title ?? f!.filename });
      const shared = found.map((f) => ({ id: f!.id, name: f!.filename, title: f!.title!, mimetype: f!.contentType ?? "application/octet-stream", size: f!.length }));
      if (typeof b.channel_id === "string") {
        const m: StoredMessage = { type: "message", channel: b.channel_id, ts: nextTs(), text: typeof b.initial_comment === "string" ? b.initial_comment : "", blocks: blocks?.data, files: shared, user: ids.botUserId, bot_id: ids.botId, app_id: ids.appId, team: ids.teamId };
        messages.set(b.channel_id, [...(messages.get(b.channel_id) ?? []), m]);
      }
      return { ok: true, files: shared.map((f) => ({ id: f.id, title: f.title })) };
    },
    "conversations.replies": (b) => {
      if (!knownChannel(b.channel as string | undefined)) return fail("channel_not_found");
      const inChannel = messages.get(b.channel as string) ?? [];
      const parent = inChannel.find((m) => m.ts === b.ts && !m.thread_ts);
      if (!parent) return fail("thread_not_found");
      const withMetadata = b.include_all_metadata === "true" || b.include_all_metadata === "1";
      // The parent first, then its replies oldest first (`oldest` bounds the replies).
      const replies = inChannel.filter((m) => m.thread_ts === parent.ts && (typeof b.oldest !== "string" || Number(m.ts) > Number(b.oldest)));
      return { ok: true, messages: [parent, ...replies].map((m) => publicMessage(m, withMetadata)), has_more: false, response_metadata: { next_cursor: "" } };
    },
    "chat.getPermalink": (b) => {
      if (!knownChannel(b.channel as string | undefined)) return fail("channel_not_found");
      const m = messages.get(b.channel as string)?.find((x) => x.ts === b.message_ts);
      if (!m) return fail("message_not_found");
      return { ok: true, channel: b.channel, permalink: `https://fake.slack.test/archives/${b.channel}/p${m.ts.replace(".", "")}` };
    },
    "conversations.history": (b) => {
      if (!knownChannel(b.channel as string | undefined)) return fail("channel_not_found");
      const inclusive = b.inclusive === "true" || b.inclusive === "1";
      const after = (ts: string, bound: unknown) => (typeof bound !== "string" ? true : inclusive ? Number(ts) >= Number(bound) : Number(ts) > Number(bound));
      const before = (ts: string, bound: unknown) => (typeof bound !== "string" ? true : inclusive ? Number(ts) <= Number(bound) : Number(ts) < Number(bound));
      // History lists the channel's own messages; thread replies are only in conversations.replies.
      const all = [...(messages.get(b.channel as string) ?? [])].reverse().filter((m) => !m.thread_ts && after(m.ts, b.oldest) && before(m.ts, b.latest));
      const limit = Math.min(Math.max(Number(b.limit ?? 100) || 100, 1), 999);
      const offset = typeof b.cursor === "string" && b.cursor ? Number(atob(b.cursor).replace("offset:", "")) : 0;
      const page = all.slice(offset, offset + limit);
      const hasMore = offset + limit < all.length;
      const withMetadata = b.include_all_metadata === "true" || b.include_all_metadata === "1";
      return {
        ok: true, messages: page.map((m) => publicMessage(m, withMetadata)), has_more: hasMore, pin_count: 0, channel_actions_ts: null, channel_actions_count: 0,
        response_metadata: { next_cursor: hasMore ? btoa(`offset:${offset + limit}`) : "" },
      };
    },
  };

  const handler = http.post(`${base}/:method`, async ({ request, params }) => {
    const method = String(params.method);
    const contentType = request.headers.get("content-type");
    const raw = await request.text();
    const headers = { "content-type": "application/json; charset=utf-8", "x-slack-req-id": reqId() };
    const at = Date.now();
    if (latencyMs > 0) await new Promise((r) => setTimeout(r, latencyMs));

    let body: Record<string, unknown> = {};
    let answer: Record<string, unknown> | null = null;
    const mediaType = contentType?.split(";")[0]?.trim().toLowerCase();
    if (mediaType === "application/json") {
      try {
        body = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        answer = fail("invalid_json");
      }
      // Form-only methods drop JSON arguments (seen on conversations.replies: `invalid_arguments`).
      if (!answer && !JSON_METHODS.has(method)) answer = fail("invalid_arguments");
    } else if (mediaType === "application/x-www-form-urlencoded") {
      body = Object.fromEntries(new URLSearchParams(raw));
      for (const key of ["blocks", "metadata", "view", "attachments", "files"]) {
        if (typeof body[key] === "string") try { body[key] = JSON.parse(body[key] as string); } catch { answer = fail("invalid_form_data"); }
      }
    } else if (raw) {
      answer = fail(mediaType ? "invalid_post_type" : "missing_post_type");
    }

    const auth = request.headers.get("authorization");
    const token = auth?.startsWith("Bearer ") ? auth.slice(7) : typeof body.token === "string" ? body.token : undefined;
    const record = (status: number) => calls.push({ method, body, contentType, status, at });

    const fault = takeFault(method, body);
    if (fault?.kind === "429") {
      record(429);
      return HttpResponse.json(fail("ratelimited"), { status: 429, headers: { ...headers, "retry-after": String(fault.retryAfterSec ?? 1) } });
    }
    if (!answer && !token) answer = fail("not_authed");
    if (!answer && token !== opts.botToken) answer = fail("invalid_auth");
    if (!answer && fault?.kind === "error") answer = fail(fault.error ?? "internal_error");
    if (!answer) answer = methods[method]?.(body) ?? fail("unknown_method");
    for (const listener of listeners) await listener(method, body, answer);
    if (mediaType === "application/json" && !contentType?.includes("charset")) answer = { ...answer, warning: "missing_charset", response_metadata: { warnings: ["missing_charset"] } };
    const status = answer.error === "unknown_method" ? 404 : 200;
    record(status);
    // The call took effect but the caller never hears back: the "unknown outcome" case.
    if (fault?.kind === "lose") return HttpResponse.error();
    return HttpResponse.json(answer, { status, headers });
  });

  // The upload URL: raw bytes (or multipart), no token; Slack answers 200 "OK - <bytes>" and checks
  // nothing else until files.completeUploadExternal.
  const upload = http.post(`${UPLOAD_BASE}/:fileId`, async ({ request, params }) => {
    const file = files.get(String(params.fileId));
    if (!file) return new HttpResponse("not found", { status: 404 });
    const contentType = request.headers.get("content-type");
    const bytes = new Uint8Array(await request.arrayBuffer());
    if (bytes.byteLength !== file.length) return new HttpResponse("length mismatch", { status: 400 });
    Object.assign(file, { bytes, contentType: contentType?.split(";")[0] ?? null });
    return new HttpResponse(`OK - ${bytes.byteLength}`, { status: 200, headers: { "content-type": "text/plain" } });
  });

  return {
    handlers: [handler, upload] as HttpHandler[],
    files,
    ids,
    calls,
    callsTo: (method: string) => calls.filter((c) => c.method === method),
    messages: (channel: string) => messages.get(channel) ?? [],
    ephemerals,
    views,
    /** The next `n` calls (of `method`, if given) get HTTP 429 with `Retry-After: retryAfterSec`. */
    rateLimitNext(n: number, o: { retryAfterSec?: number; method?: string } = {}) {
      faults.push({ kind: "429", left: n, method: o.method, retryAfterSec: o.retryAfterSec });
    },
    /** The next `n` calls of `method` answer `{ ok: false, error }` (e.g. `internal_error`). */
    failNext(method: string, error: string, n = 1) {
      faults.push({ kind: "error", left: n, method, error });
    },
    /** The next `n` calls of `method` take effect, then the connection drops before the answer. */
    loseResponseNext(method: string, n = 1, o: { channel?: string } = {}) {
      faults.push({ kind: "lose", left: n, method, channel: o.channel });
    },
    /** Runs (and is awaited) on every call once the fake has acted on it, before the answer leaves. */
    onCall(listener: (method: string, body: Record<string, unknown>, answer: Record<string, unknown>) => void | Promise<void>) {
      listeners.push(listener);
      return () => void listeners.splice(listeners.indexOf(listener), 1);
    },
    /** Replies in a thread, oldest first. */
    replies: (channel: string, ts: string) => (messages.get(channel) ?? []).filter((m) => m.thread_ts === ts),
    setLatency(ms: number) {
      latencyMs = ms;
    },
    reset() {
      calls.length = 0;
      ephemerals.length = 0;
      views.length = 0;
      faults.length = 0;
      messages.clear();
      files.clear();
    },
  };
}

export type SlackFake = ReturnType<typeof createSlackFake>;

// ───────────────────────────── builders: what Slack sends us ─────────────────────────────

/** `X-Slack-Request-Timestamp` + `X-Slack-Signature` for `raw`, computed independently of src/crypto.ts. */
export async function signSlackRequest(raw: string, secret: string, ts: number | string): Promise<Record<string, string>> {
  const enc = new TextEncoder();
  const key = await crypto.subtle.importKey("raw", enc.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, enc.encode(`v0:${ts}:${raw}`)));
  const hex = Array.from(mac, (b) => b.toString(16).padStart(2, "0")).join("");
  return { "x-slack-request-timestamp": String(ts), "x-slack-signature": `v0=${hex}` };
}

/** Interactivity bodies are `payload=<url-encoded JSON>` (bolt-python test_block_actions.py). */
const formEncode = (payload: unknown) => `payload=${encodeURIComponent(JSON.stringify(payload))}`;

const TEAM = { id: "T9TK3CUKW", domain: "example" };

/** A `block_actions` click on a card message, shaped like slack-block-actions-payload.json. */
export function buildBlockAction(a: {
  actionId: string; value?: string; userId: string; channel: string; messageTs: string;
  userName?: string; actionTs?: string; triggerId?: string; selectedOption?: { value: string; text?: string };
}): string {
  const action = a.selectedOption
    ? { type: "static_select", action_id: a.actionId, block_id: "actions", selected_option: { text: { type: "plain_text", text: a.selectedOption.text ?? a.selectedOption.value, emoji: true }, value: a.selectedOption.value }, placeholder: { type: "plain_text", text: "Reclassify…", emoji: true }, action_ts: a.actionTs ?? "1548426417.840180" }
    : { action_id: a.actionId, block_id: "actions", text: { type: "plain_text", text: "Button", emoji: true }, value: a.value, type: "button", action_ts: a.actionTs ?? "1548426417.840180" };
  return formEncode({
    type: "block_actions",
    team: TEAM,
    user: { id: a.userId, username: a.userName ?? "jtorrance", name: a.userName ?? "jtorrance", team_id: TEAM.id },
    api_app_id: "AABA1ABCD",
    token: "9s8d9as89d8as9d8as989",
    container: { type: "message", message_ts: a.messageTs, channel_id: a.channel, is_ephemeral: false },
    trigger_id: a.triggerId ?? "12321423423.333649436676.d8c1bb837935619ccad0f624c448ffb3",
    channel: { id: a.channel, name: "triage" },
    message: { bot_id: "BAH5CA16Z", type: "message", text: "card", user: "UAJ2RU415", ts: a.messageTs },
    state: { values: {} },
    response_url: "https://hooks.slack.com/actions/AABA1ABCD/1232321423432/D09sSasdasdAS9091209",
    actions: [action],
  });
}

/** The Edit modal's `view_submission`, shaped like slack-view-submission-payload.json. */
export function buildEditSubmission(a: { itemId: string; text: string; userId: string; userName?: string; viewId?: string }): string {
  const viewId = a.viewId ?? "V12345678";
  return formEncode({
    type: "view_submission",
    team: { id: "T12345678", domain: "domain-name" },
    user: { id: a.userId, username: a.userName ?? "user-name", name: a.userName ?? "user-name", team_id: "T12345678" },
    api_app_id: "A12345678",
    token: "random value",
    trigger_id: "768915595217.771150964790.bbc12e4f1483ce782cd891edf9dca94c",
    view: {
      id: viewId, team_id: "T12345678", type: "modal",
      title: { type: "plain_text", text: "Edit reply", emoji: true },
      close: { type: "plain_text", text: "Cancel", emoji: true },
      submit: { type: "plain_text", text: "Send reply", emoji: true },
      blocks: [{ type: "input", block_id: "reply", label: { type: "plain_text", text: "Reply to the buyer", emoji: true }, optional: false, element: { type: "plain_text_input", action_id: "text", multiline: true } }],
      private_metadata: a.itemId,
      callback_id: "triage_edit",
      state: { values: { reply: { text: { type: "plain_text_input", value: a.text } } } },
      hash: "1569562184.10297bc3", clear_on_close: false, notify_on_close: false, root_view_id: viewId, previous_view_id: null,
      app_id: "A12345678", external_id: "", bot_id: "B12345678",
    },
    response_urls: [],
  });
}
