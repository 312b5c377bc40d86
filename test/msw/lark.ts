/**
 * A faithful msw fake of the Lark / Feishu Open API (the parts we call), plus builders for what
 * Lark sends us. Faithful means: tenant_access_token/internal issues `t-…` tokens (expire 7200)
 * that every other call must carry as a bearer; `im/v1/messages` needs `receive_id_type`, a chat the
 * bot is in, `content` as a JSON string, answers `{code, msg, data}` with an `x-tt-logid` header,
 * dedupes by `uuid` (the first message comes back), enforces 5 QPS per chat and per message
 * (230020) and the 30 KB card cap (230025); PATCH only updates interactive cards with
 * `update_multi`, within 14 days. Cards are checked against the JSON 2.0 subset we render, with
 * unknown properties refused as JSON 2.0 does.
 */
import { createCipheriv, createHash, randomBytes } from "node:crypto";
import { http, HttpResponse, type HttpHandler } from "msw";
import { z } from "zod";

// ───────────────────────────── card JSON 2.0 (the subset we render) ─────────────────────────────

const Plain = z.strictObject({ tag: z.literal("plain_text"), content: z.string() });
const Behaviors = z.array(z.strictObject({ type: z.literal("callback"), value: z.record(z.string(), z.unknown()) })).min(1);
const Button = z.strictObject({
  tag: z.literal("button"), name: z.string().min(1), text: Plain, type: z.enum(["default", "primary", "danger", "text", "primary_text", "danger_text", "primary_filled", "danger_filled", "laser"]).optional(),
  behaviors: Behaviors.optional(), confirm: z.strictObject({ title: Plain, text: Plain }).optional(), form_action_type: z.enum(["submit", "reset"]).optional(),
});
const Input = z.strictObject({
  tag: z.literal("input"), name: z.string().min(1), input_type: z.enum(["text", "multiline_text", "password"]).optional(), rows: z.number().int().min(1).optional(),
  required: z.boolean().optional(), max_length: z.number().int().min(1).max(1000).optional(), label: Plain.optional(), placeholder: Plain.optional(), default_value: z.string().optional(),
});
const Element: z.ZodType = z.lazy(() =>
  z.discriminatedUnion("tag", [
    z.strictObject({ tag: z.literal("div"), text: Plain }),
    z.strictObject({ tag: z.literal("markdown"), content: z.string() }),
    z.strictObject({ tag: z.literal("hr") }),
    z.strictObject({
      tag: z.literal("img"), img_key: z.string().min(1), alt: Plain, title: Plain.optional(), scale_type: z.enum(["crop_center", "crop_top", "fit_horizontal"]).optional(),
      size: z.string().optional(), preview: z.boolean().optional(), transparent: z.boolean().optional(), corner_radius: z.string().optional(), margin: z.string().optional(),
    }),
    Button,
    z.strictObject({ tag: z.literal("column_set"), columns: z.array(z.strictObject({ tag: z.literal("column"), width: z.string().optional(), elements: z.array(Element) })).min(1) }),
    z.strictObject({ tag: z.literal("select_static"), name: z.string().min(1), placeholder: Plain.optional(), options: z.array(z.strictObject({ text: Plain, value: z.string().min(1) })).min(1), behaviors: Behaviors.optional() }),
    z.strictObject({ tag: z.literal("form"), name: z.string().min(1), elements: z.array(z.union([Input, Button])).min(1) }).refine((f) => f.elements.some((e) => e.tag === "button" && e.form_action_type === "submit"), "a form needs a submit button"),
  ]),
);
const Card2 = z.strictObject({
  schema: z.literal("2.0"),
  config: z.strictObject({ update_multi: z.literal(true), summary: z.strictObject({ content: z.string() }).optional() }),
  header: z.strictObject({ title: Plain, subtitle: Plain.optional(), template: z.enum(["blue", "wathet", "turquoise", "green", "yellow", "orange", "red", "carmine", "violet", "purple", "indigo", "grey", "default"]) }),
  body: z.strictObject({ elements: z.array(Element) }),
});

// ───────────────────────────── the fake ─────────────────────────────

export type LarkMessage = { message_id: string; chat_id: string; uuid?: string; parent_id?: string; thread?: boolean; msg_type: string; content: string; card: z.infer<typeof Card2>; create_time: number; update_time: number; updates: number };
export type LarkCall = { method: string; path: string; body: Record<string, unknown> | null; code: number; at: number };

const MAX_CARD_BYTES = 30 * 1024;
const EDITABLE_MS = 14 * 24 * 3600_000;

export function createLarkFake(opts: { baseUrl: string; appId: string; appSecret: string; chats: string[] }) {
  const base = opts.baseUrl.replace(/\/+$/, "");
  const tokens = new Set<string>();
  const messages = new Map<string, LarkMessage>();
  const calls: LarkCall[] = [];
  const ephemerals: { chat_id: string; open_id: string; card: unknown }[] = [];
  /** Uploaded message images by image_key. */
  const images = new Map<string, { bytes: Uint8Array; type: string; filename: string }>();
  const urgents: { message_id: string; user_id_list: string[]; user_id_type: string }[] = [];
  const hits = new Map<string, number[]>();
  const faults: { path: "create" | "patch"; code: number; left: number }[] = [];
  let seq = 0;

  const logId = () => randomBytes(12).toString("hex");
  const reply = (status: number, body: Record<string, unknown>) => HttpResponse.json(body, { status, headers: { "x-tt-logid": logId() } });
  const err = (status: number, code: number, msg: string) => reply(status, { code, msg, error: { log_id: logId() } });
  /** Lark's "5 QPS": more than five calls on one key inside a second trips 230020. */
  const overLimit = (key: string) => {
    const now = Date.now();
    const recent = (hits.get(key) ?? []).filter((t) => now - t < 1000);
    recent.push(now);
    hits.set(key, recent);
    return recent.length > 5;
  };
  const authed = (request: Request) => {
    const auth = request.headers.get("authorization");
    return !!auth?.startsWith("Bearer ") && tokens.has(auth.slice(7));
  };
  const takeFault = (path: "create" | "patch") => {
    const f = faults.find((x) => x.path === path && x.left > 0);
    if (f) f.left -= 1;
    return f;
  };
  const checkCard = (content: unknown): { card: z.infer<typeof Card2> } | { code: number; msg: string } => {
    if (typeof content !== "string") return { code: 230001, msg: "invalid content: must be a JSON string" };
    if (new TextEncoder().encode(content).length > MAX_CARD_BYTES) return { code: 230025, msg: "The message content exceeds the length limit: card ≤ 30KB" };
    let parsed: unknown;
    try {
      parsed = JSON.parse(content);
    } catch {
      return { code: 230001, msg: "invalid content JSON" };
    }
    const r = Card2.safeParse(parsed);
    if (!r.success) return { code: 230099, msg: `Failed to create card content: ${r.error.issues.slice(0, 2).map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}` };
    // An img_key must come from this app's uploads (the exact code for a foreign key is unconfirmed).
    const keys = [...content.matchAll(/"img_key":"([^"]*)"/g)].map((m) => m[1]!);
    if (keys.some((k) => !images.has(k))) return { code: 230099, msg: "Failed to create card content: invalid image key" };
    return { card: r.data };
  };
  const record = (method: string, path: string, body: Record<string, unknown> | null, code: number) => calls.push({ method, path, body, code, at: Date.now() });
  const publicMessage = (m: LarkMessage) => ({
    message_id: m.message_id, root_id: "", parent_id: "", msg_type: m.msg_type, create_time: String(m.create_time), update_time: String(m.update_time),
    deleted: false, updated: m.updates > 0, chat_id: m.chat_id, sender: { id: opts.appId, id_type: "app_id", sender_type: "app", tenant_key: "736588c9260f175d" },
    body: { content: m.content },
  });

  const handlers: HttpHandler[] = [
    http.post(`${base}/open-apis/auth/v3/tenant_access_token/internal`, async ({ request }) => {
      const body = (await request.json()) as { app_id?: string; app_secret?: string };
      record("POST", "tenant_access_token", { app_id: body.app_id }, 0);
      if (body.app_id !== opts.appId || body.app_secret !== opts.appSecret) return reply(200, { code: 10014, msg: "app secret invalid" });
      const token = `t-${randomBytes(16).toString("hex")}`;
      tokens.add(token);
      return reply(200, { code: 0, msg: "ok", tenant_access_token: token, expire: 7200 });
    }),
    http.post(`${base}/open-apis/im/v1/messages`, async ({ request }) => {
      const url = new URL(request.url);
      const body = (await request.json()) as Record<string, unknown>;
      const answer = (status: number, code: number, msg: string) => (record("POST", "im.message.create", body, code), err(status, code, msg));
      if (!authed(request)) return answer(400, 99991663, "Invalid access token for authorization. Please make a request with token attached.");
      if (url.searchParams.get("receive_id_type") !== "chat_id") return answer(400, 99992402, "field validation failed: receive_id_type");
      const chat = body.receive_id;
      if (typeof chat !== "string" || !opts.chats.includes(chat)) return answer(400, 230002, "Bot/User can NOT be out of the chat.");
      const fault = takeFault("create");
      if (fault) return answer(400, fault.code, "This operation triggers the frequency limit.");
      const uuid = typeof body.uuid === "string" ? body.uuid : undefined;
      if (uuid && uuid.length > 50) return answer(400, 99992402, "field validation failed: uuid");
      const earlier = uuid ? [...messages.values()].find((m) => m.uuid === uuid && Date.now() - m.create_time < 3600_000) : undefined;
      if (earlier) {
        record("POST", "im.message.create", body, 0);
        return reply(200, { code: 0, msg: "success", data: publicMessage(earlier) });
      }
      if (overLimit(`chat:${chat}`)) return answer(400, 230020, "This operation triggers the frequency limit.");
      if (body.msg_type !== "interactive") return answer(400, 230001, "only interactive messages in this fake");
      const checked = checkCard(body.content);
      if ("code" in checked) return answer(400, checked.code, checked.msg);
      seq += 1;
      const now = Date.now();
      const m: LarkMessage = { message_id: `om_${now.toString(16)}${String(seq).padStart(6, "0")}`, chat_id: chat, uuid, msg_type: "interactive", content: body.content as string, card: checked.card, create_time: now, update_time: now, updates: 0 };
      messages.set(m.message_id, m);
      record("POST", "im.message.create", body, 0);
      return reply(200, { code: 0, msg: "success", data: publicMessage(m) });
    }),
    http.patch(`${base}/open-apis/im/v1/messages/:messageId`, async ({ request, params }) => {
      const body = (await request.json()) as Record<string, unknown>;
      const answer = (status: number, code: number, msg: string) => (record("PATCH", "im.message.patch", body, code), err(status, code, msg));
      if (!authed(request)) return answer(400, 99991663, "Invalid access token for authorization.");
      const m = messages.get(String(params.messageId));
      if (!m) return answer(400, 230011, "The message was withdrawn or does not exist.");
      const fault = takeFault("patch");
      if (fault) return answer(400, fault.code, "This operation triggers the frequency limit.");
      if (overLimit(`msg:${m.message_id}`)) return answer(400, 230020, "This operation triggers the frequency limit.");
      // The real code for "too old to update" was not confirmed; the refusal itself is documented.
      if (Date.now() - m.create_time > EDITABLE_MS) return answer(400, 230031, "The message can no longer be updated (older than 14 days).");
      const checked = checkCard(body.content);
      if ("code" in checked) return answer(400, checked.code, checked.msg);
      m.content = body.content as string;
      m.card = checked.card;
      m.update_time = Date.now();
      m.updates += 1;
      record("PATCH", "im.message.patch", body, 0);
      return reply(200, { code: 0, msg: "success", data: {} });
    }),
    // im/v1/images: multipart with image_type (message|avatar) and image (≤ 10 MB, not empty).
    http.post(`${base}/open-apis/im/v1/images`, async ({ request }) => {
      const answer = (status: number, code: number, msg: string) => (record("POST", "im.image.create", null, code), err(status, code, msg));
      if (!authed(request)) return answer(400, 99991663, "Invalid access token for authorization.");
      if (!request.headers.get("content-type")?.startsWith("multipart/form-data")) return answer(400, 234001, "Invalid request param: not multipart/form-data.");
      const form = await request.formData();
      const type = form.get("image_type");
      const image = form.get("image");
      if (type !== "message" && type !== "avatar") return answer(400, 234001, "Invalid request param: image_type.");
      if (!(image instanceof Blob) || image.size === 0) return answer(400, 234001, "Invalid request param: image.");
      if (image.size > 10 * 1024 * 1024) return answer(400, 234006, "The image size exceeds the limit (10 MB).");
      const key = `img_v3_${randomBytes(12).toString("hex")}`;
      images.set(key, { bytes: new Uint8Array(await image.arrayBuffer()), type, filename: image instanceof File ? image.name : "" });
      record("POST", "im.image.create", { image_type: type, size: image.size }, 0);
      return reply(200, { code: 0, msg: "success", data: { image_key: key } });
    }),
    // Reply (platform-apis §2.8): same content rules and uuid dedupe as a send; lands in the parent's chat.
    http.post(`${base}/open-apis/im/v1/messages/:messageId/reply`, async ({ request, params }) => {
      const body = (await request.json()) as Record<string, unknown>;
      const answer = (status: number, code: number, msg: string) => (record("POST", "im.message.reply", body, code), err(status, code, msg));
      if (!authed(request)) return answer(400, 99991663, "Invalid access token for authorization.");
      const parent = messages.get(String(params.messageId));
      if (!parent) return answer(400, 230011, "The message was withdrawn or does not exist.");
      const uuid = typeof body.uuid === "string" ? body.uuid : undefined;
      if (uuid && uuid.length > 50) return answer(400, 99992402, "field validation failed: uuid");
      const earlier = uuid ? [...messages.values()].find((m) => m.uuid === uuid && Date.now() - m.create_time < 3600_000) : undefined;
      if (earlier) {
        record("POST", "im.message.reply", body, 0);
        return reply(200, { code: 0, msg: "success", data: publicMessage(earlier) });
      }
      if (overLimit(`chat:${parent.chat_id}`)) return answer(400, 230020, "This operation triggers the frequency limit.");
      if (body.msg_type !== "interactive") return answer(400, 230001, "only interactive messages in this fake");
      const checked = checkCard(body.content);
      if ("code" in checked) return answer(400, checked.code, checked.msg);
      seq += 1;
      const now = Date.now();
      const m: LarkMessage = { message_id: `om_${now.toString(16)}${String(seq).padStart(6, "0")}`, chat_id: parent.chat_id, uuid, parent_id: parent.message_id, thread: body.reply_in_thread === true, msg_type: "interactive", content: body.content as string, card: checked.card, create_time: now, update_time: now, updates: 0 };
      messages.set(m.message_id, m);
      record("POST", "im.message.reply", body, 0);
      return reply(200, { code: 0, msg: "success", data: { ...publicMessage(m), parent_id: parent.message_id, root_id: parent.message_id } });
    }),
    // Buzz (platform-apis §2.9): only the bot's own messages; user_id_type required; ids outside the tenant come back as invalid.
    http.patch(`${base}/open-apis/im/v1/messages/:messageId/urgent_app`, async ({ request, params }) => {
      const url = new URL(request.url);
      const body = (await request.json()) as { user_id_list?: unknown };
      const answer = (status: number, code: number, msg: string) => (record("PATCH", "im.message.urgent_app", body, code), err(status, code, msg));
      if (!authed(request)) return answer(400, 99991663, "Invalid access token for authorization.");
      const type = url.searchParams.get("user_id_type");
      if (!type || !["open_id", "user_id", "union_id"].includes(type)) return answer(400, 99992402, "field validation failed: user_id_type");
      const m = messages.get(String(params.messageId));
      if (!m) return answer(400, 230011, "The message was withdrawn or does not exist.");
      const list = body.user_id_list;
      if (!Array.isArray(list) || list.length === 0 || !list.every((x) => typeof x === "string")) return answer(400, 99992402, "field validation failed: user_id_list");
      const invalid = list.filter((id) => type === "open_id" && !/^ou_/.test(id));
      urgents.push({ message_id: m.message_id, user_id_list: list as string[], user_id_type: type });
      record("PATCH", "im.message.urgent_app", body as Record<string, unknown>, 0);
      return reply(200, { code: 0, msg: "success", data: { invalid_user_id_list: invalid } });
    }),
    http.post(`${base}/open-apis/ephemeral/v1/send`, async ({ request }) => {
      const body = (await request.json()) as { chat_id?: string; open_id?: string; card?: unknown };
      if (!authed(request)) return err(400, 99991663, "Invalid access token for authorization.");
      if (!body.chat_id || !opts.chats.includes(body.chat_id)) return err(400, 230002, "Bot/User can NOT be out of the chat.");
      ephemerals.push({ chat_id: body.chat_id, open_id: body.open_id ?? "", card: body.card });
      record("POST", "ephemeral.send", body, 0);
      return reply(200, { code: 0, msg: "ok", data: { message_id: `om_eph${Date.now().toString(16)}` } });
    }),
  ];

  return {
    handlers,
    calls,
    ephemerals,
    images,
    /** Buzzes made (urgent_app), in order. */
    urgents,
    /** Cards in a chat, oldest first. */
    messages: (chat?: string) => [...messages.values()].filter((m) => !chat || m.chat_id === chat),
    message: (id: string) => messages.get(id),
    /** The next `n` creates (or patches) answer with `code` (e.g. 230020). */
    failNext(path: "create" | "patch", code: number, n = 1) {
      faults.push({ path, code, left: n });
    },
    /** Makes a message look `ms` old (the 14-day edit window). */
    age(id: string, ms: number) {
      const m = messages.get(id);
      if (m) m.create_time -= ms;
    },
  };
}

export type LarkFake = ReturnType<typeof createLarkFake>;

// ───────────────────────────── builders: what Lark sends us ─────────────────────────────

/** AES-256-CBC the way Lark encrypts (key = SHA-256(encrypt key), random IV prefixed), with node:crypto. */
export function encryptForLark(encryptKey: string, plaintext: string): string {
  const key = createHash("sha256").update(encryptKey).digest();
  const iv = randomBytes(16);
  const cipher = createCipheriv("aes-256-cbc", key, iv);
  return Buffer.concat([iv, cipher.update(plaintext, "utf8"), cipher.final()]).toString("base64");
}

/** The three headers Lark signs a request with: SHA-256(timestamp + nonce + encrypt_key + body). */
export function signLark(raw: string, encryptKey: string, ts: number | string, nonce = randomBytes(8).toString("hex")): Record<string, string> {
  const signature = createHash("sha256").update(`${ts}${nonce}${encryptKey}`).update(Buffer.from(raw, "utf8")).digest("hex");
  return { "x-lark-request-timestamp": String(ts), "x-lark-request-nonce": nonce, "x-lark-signature": signature };
}

let eventSeq = 0;
/** A `card.action.trigger` callback (schema 2.0), shaped like the form-container doc's sample. */
export function buildCardAction(a: {
  token: string; openId: string; messageId: string; chatId: string; value: Record<string, unknown>;
  formValue?: Record<string, unknown>; option?: string; eventId?: string; name?: string; tag?: string;
}) {
  eventSeq += 1;
  return {
    schema: "2.0",
    header: {
      event_id: a.eventId ?? `f7984f25108f8137722bb63c${Date.now().toString(16)}${eventSeq}`,
      token: a.token,
      create_time: `${Date.now()}000`,
      event_type: "card.action.trigger",
      tenant_key: "2df73991750abcde",
      app_id: "cli_a5fb0ae6a4000000",
    },
    event: {
      operator: { tenant_key: "2df73991750abcde", user_id: "867abcde", open_id: a.openId, union_id: "on_cad4860e7af114fb4ff6c5d496d00000" },
      token: `c-295ee57216a5dc9de90fefd0aadb4b1d7d${eventSeq}`,
      action: {
        value: a.value,
        tag: a.tag ?? (a.formValue ? "button" : a.option ? "select_static" : "button"),
        timezone: "Asia/Shanghai",
        ...(a.formValue ? { form_value: a.formValue, name: a.name ?? "edit_submit" } : {}),
        ...(a.option ? { option: a.option } : {}),
      },
      host: "im_message",
      context: { open_message_id: a.messageId, open_chat_id: a.chatId },
    },
  };
}
