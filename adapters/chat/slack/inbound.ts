/**
 * Everything Slack sends us (HTTP events + interactivity, or a Socket Mode envelope) → one small
 * union. Call only after `verify.ts` has accepted the raw bytes. Schemas are lenient (unknown
 * fields pass) because Slack adds fields freely; only what we read is required.
 */
import { z } from "zod";
import { ValidationError } from "../../../src/errors.ts";
import type { ActionKind } from "../../../src/ports.ts";
import { decodeAction, isItemId } from "./action-id.ts";
import { EDIT_ACTION_ID, EDIT_BLOCK_ID, EDIT_CALLBACK_ID } from "./blocks.ts";

export type SlackInbound =
  | { kind: "url_verification"; challenge: string }
  | { kind: "ssl_check" }
  | {
      kind: "action";
      action: ActionKind;
      itemId: string;
      userId: string;
      userName?: string;
      teamId?: string;
      triggerId: string;
      channel: string;
      messageTs: string;
      actionTs: string;
      /** `message_ts:action_id:action_ts`, the same on every redelivery (MUST rule 10). */
      dedupeKey: string;
      /** The intent id chosen in the Reclassify menu. */
      selected?: string;
    }
  | { kind: "edit_submit"; itemId: string; userId: string; userName?: string; teamId?: string; text: string; viewId: string }
  /** Events API envelope: not acted on yet, but acked and deduped by `eventId`. */
  | { kind: "event"; eventId: string; type: string }
  | { kind: "ignored"; reason: string };

const User = z.looseObject({ id: z.string().min(1), username: z.string().optional(), name: z.string().optional(), team_id: z.string().optional() });
const Team = z.looseObject({ id: z.string().min(1) }).nullish();

const UrlVerification = z.looseObject({ challenge: z.string().min(1).max(500) });
const EventCallback = z.looseObject({ event_id: z.string().min(1), event: z.looseObject({ type: z.string().min(1) }) });
const BlockActions = z.looseObject({
  user: User,
  team: Team,
  trigger_id: z.string().min(1),
  container: z.looseObject({ type: z.string(), message_ts: z.string().optional(), channel_id: z.string().optional() }).nullish(),
  channel: z.looseObject({ id: z.string().min(1) }).nullish(),
  message: z.looseObject({ ts: z.string().min(1) }).nullish(),
  actions: z
    .array(
      z.looseObject({
        action_id: z.string().min(1),
        action_ts: z.string().min(1),
        type: z.string(),
        value: z.string().optional(),
        selected_option: z.looseObject({ value: z.string().min(1) }).nullish(),
      }),
    )
    .min(1),
});
const ViewSubmission = z.looseObject({
  user: User,
  team: Team,
  view: z.looseObject({
    id: z.string().min(1),
    callback_id: z.string(),
    private_metadata: z.string().default(""),
    state: z.looseObject({
      values: z.record(z.string(), z.record(z.string(), z.looseObject({ value: z.string().nullish() }))),
    }),
  }),
});
const Typed = z.looseObject({ type: z.string().min(1) });
const SocketEnvelope = z.looseObject({ envelope_id: z.string(), payload: z.record(z.string(), z.unknown()) });

/** Interactive/event types we receive but have no use for: acked, not acted on. */
const IGNORED_TYPES = new Set(["view_closed", "block_suggestion", "shortcut", "message_action", "interactive_message", "app_rate_limited"]);

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const r = schema.safeParse(value);
  if (!r.success) {
    const where = r.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).slice(0, 3).join("; ");
    throw new ValidationError(`malformed Slack ${what}: ${where}`);
  }
  return r.data;
}

/**
 * Parses a decoded payload object (the JSON of an HTTP body, `payload=` form field or Socket
 * Mode `payload`; a whole Socket Mode envelope is unwrapped). Throws ValidationError if malformed.
 */
export function parseSlackPayload(obj: unknown): SlackInbound {
  const envelope = SocketEnvelope.safeParse(obj);
  const body = envelope.success ? envelope.data.payload : obj;
  const { type } = parse(Typed, body, "payload");
  switch (type) {
    case "url_verification":
      return { kind: "url_verification", challenge: parse(UrlVerification, body, type).challenge };
    case "event_callback": {
      const e = parse(EventCallback, body, type);
      return { kind: "event", eventId: e.event_id, type: e.event.type };
    }
    case "block_actions":
      return blockAction(parse(BlockActions, body, type));
    case "view_submission":
      return viewSubmission(parse(ViewSubmission, body, type));
    default:
      return { kind: "ignored", reason: IGNORED_TYPES.has(type) ? type : `unsupported type ${type.slice(0, 40)}` };
  }
}

function blockAction(p: z.infer<typeof BlockActions>): SlackInbound {
  const a = p.actions[0]!;
  const decoded = decodeAction(a.action_id);
  if (!decoded) return { kind: "ignored", reason: "unknown action_id" };
  const channel = p.container?.channel_id ?? p.channel?.id;
  const messageTs = p.container?.message_ts ?? p.message?.ts;
  if (!channel || !messageTs) return { kind: "ignored", reason: "action outside a message" };
  // We render `value` = item id; a mismatch means the payload is not from a card we rendered.
  if (a.value !== undefined && a.value !== decoded.itemId) throw new ValidationError("button value does not match its action_id");
  const selected = a.selected_option?.value;
  if (decoded.kind === "reclassify" && !selected) throw new ValidationError("reclassify without a selected option");
  return {
    kind: "action",
    action: decoded.kind,
    itemId: decoded.itemId,
    userId: p.user.id,
    userName: p.user.username ?? p.user.name,
    teamId: p.team?.id ?? p.user.team_id,
    triggerId: p.trigger_id,
    channel,
    messageTs,
    actionTs: a.action_ts,
    dedupeKey: `${messageTs}:${a.action_id}:${a.action_ts}`,
    ...(selected ? { selected } : {}),
  };
}

function viewSubmission(p: z.infer<typeof ViewSubmission>): SlackInbound {
  if (p.view.callback_id !== EDIT_CALLBACK_ID) return { kind: "ignored", reason: "unknown view callback_id" };
  const itemId = p.view.private_metadata;
  if (!isItemId(itemId)) throw new ValidationError("edit view without an item id in private_metadata");
  const text = p.view.state.values[EDIT_BLOCK_ID]?.[EDIT_ACTION_ID]?.value;
  if (typeof text !== "string") throw new ValidationError("edit view without the reply text");
  return { kind: "edit_submit", itemId, userId: p.user.id, userName: p.user.username ?? p.user.name, teamId: p.team?.id ?? p.user.team_id, text, viewId: p.view.id };
}

/**
 * Parses a verified HTTP body: JSON (Events API) or form (`payload=` interactivity, `ssl_check`).
 * Throws ValidationError for anything malformed.
 */
export function parseSlackRequest(raw: string, contentType: string | undefined): SlackInbound {
  const mediaType = contentType?.split(";")[0]?.trim().toLowerCase();
  const isForm = mediaType ? mediaType === "application/x-www-form-urlencoded" : !raw.trimStart().startsWith("{");
  if (!isForm && mediaType && mediaType !== "application/json") throw new ValidationError(`unsupported content type ${mediaType.slice(0, 60)}`);
  if (!isForm) return parseSlackPayload(parseJson(raw));

  const form = new URLSearchParams(raw);
  const payload = form.get("payload");
  if (payload !== null) return parseSlackPayload(parseJson(payload));
  if (form.get("ssl_check") === "1") return { kind: "ssl_check" };
  if (form.has("command")) return { kind: "ignored", reason: "slash command" };
  throw new ValidationError("form body without payload");
}

/**
 * `ssl_check` posts carry no signature (seratch/slack-edge app.ts): the handler may answer them
 * before verification. Nothing else may skip verification.
 */
export function isSslCheck(raw: string, contentType: string | undefined): boolean {
  if (!contentType?.toLowerCase().startsWith("application/x-www-form-urlencoded")) return false;
  const form = new URLSearchParams(raw);
  return form.get("ssl_check") === "1" && !form.has("payload");
}

/** Ack body that keeps the Edit modal open with an error under the reply field. */
export function editSubmitErrors(message: string): { response_action: "errors"; errors: Record<string, string> } {
  return { response_action: "errors", errors: { [EDIT_BLOCK_ID]: message } };
}

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    throw new ValidationError("Slack body is not valid JSON");
  }
}
