/**
 * Everything Lark sends us (HTTP after verify.ts, or the long connection) → one small union.
 * Schemas are lenient (unknown fields pass) because Lark adds fields freely; only what we read is
 * required. Event v2.0 only: `{schema:"2.0", header:{event_id, event_type, token, …}, event:{…}}`.
 */
import { z } from "zod";
import { sha256Hex } from "../../../src/crypto.ts";
import { ValidationError } from "../../../src/errors.ts";
import type { ActionKind } from "../../../src/ports.ts";
import { CallbackValue, EDIT_INPUT_NAME } from "./card.ts";

export type LarkCardAction = {
  kind: "card_action";
  eventId: string;
  action: ActionKind;
  itemId: string;
  /** The clicker's open_id (the Actor id on Lark). */
  operatorId: string;
  messageId: string;
  chatId: string;
  /** The edited reply (Edit form submit). */
  text?: string;
  /** The intent chosen in the Reclassify menu. */
  selected?: string;
  /** message id + operator + what was clicked or submitted: the same on every redelivery (MUST rule 10). */
  dedupeKey: string;
};

export type LarkInbound =
  | { kind: "url_verification"; challenge: string }
  | LarkCardAction
  /** Any other v2 event (e.g. `im.message.receive_v1`): acked and deduped by id, not acted on. */
  | { kind: "event"; eventId: string; type: string }
  | { kind: "ignored"; reason: string };

const UrlVerification = z.looseObject({ type: z.literal("url_verification"), challenge: z.string().min(1).max(500) });
const Envelope = z.looseObject({
  schema: z.literal("2.0"),
  header: z.looseObject({ event_id: z.string().min(1).max(200), event_type: z.string().min(1).max(200) }),
  event: z.record(z.string(), z.unknown()),
});
const CardActionEvent = z.looseObject({
  operator: z.looseObject({ open_id: z.string().min(1).max(200) }),
  action: z.looseObject({
    value: z.unknown(),
    tag: z.string().optional(),
    name: z.string().optional(),
    option: z.string().optional(),
    form_value: z.record(z.string(), z.unknown()).nullish(),
  }),
  context: z.looseObject({ open_message_id: z.string().min(1).max(200), open_chat_id: z.string().min(1).max(200) }),
});

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const r = schema.safeParse(value);
  if (!r.success) {
    const where = r.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).slice(0, 3).join("; ");
    throw new ValidationError(`malformed Lark ${what}: ${where}`);
  }
  return r.data;
}

/** Parses a verified, decrypted body. Throws ValidationError for anything malformed. */
export async function parseLarkBody(body: Record<string, unknown>): Promise<LarkInbound> {
  if (body.type === "url_verification") return { kind: "url_verification", challenge: parse(UrlVerification, body, "url_verification").challenge };
  if (body.schema !== "2.0") return { kind: "ignored", reason: "event schema 1.0 (subscribe with v2.0)" };
  const env = parse(Envelope, body, "event");
  const { event_id: eventId, event_type: type } = env.header;
  if (type !== "card.action.trigger") return { kind: "event", eventId, type };
  return cardAction(eventId, parse(CardActionEvent, env.event, "card.action.trigger"));
}

async function cardAction(eventId: string, e: z.infer<typeof CardActionEvent>): Promise<LarkInbound> {
  const value = CallbackValue.safeParse(e.action.value);
  // Not one of our buttons (another app's card, an old layout): acked, not acted on.
  if (!value.success) return { kind: "ignored", reason: "unknown callback value" };
  const { action, item } = value.data;
  let text: string | undefined;
  let selected: string | undefined;
  if (action === "edit") {
    const typed = e.action.form_value?.[EDIT_INPUT_NAME];
    if (typeof typed !== "string") throw new ValidationError("edit submit without the reply text");
    text = typed;
  }
  if (action === "reclassify") {
    if (!e.action.option) throw new ValidationError("reclassify without a selected option");
    selected = e.action.option;
  }
  const what = await sha256Hex(JSON.stringify([action, item, selected ?? null, text ?? null]));
  return {
    kind: "card_action",
    eventId,
    action,
    itemId: item,
    operatorId: e.operator.open_id,
    messageId: e.context.open_message_id,
    chatId: e.context.open_chat_id,
    ...(text !== undefined ? { text } : {}),
    ...(selected !== undefined ? { selected } : {}),
    dedupeKey: `lark:${e.context.open_message_id}:${e.operator.open_id}:${what.slice(0, 32)}`,
  };
}

/**
 * The SDK's EventDispatcher (long connection) hands handlers a flattened `{...header, ...event}`;
 * this puts the envelope back together so both transports share `parseLarkBody`. The socket is
 * authenticated at connect, so the header token is not needed here.
 */
export function unflattenSdkEvent(data: Record<string, unknown>): Record<string, unknown> {
  // Object.entries drops the SDK's symbol keys (its event-type tag), which no schema should see.
  const { event_id, event_type, create_time, app_id, tenant_key, ...event } = Object.fromEntries(Object.entries(data));
  return { schema: "2.0", header: { event_id, event_type, create_time, app_id, tenant_key }, event };
}
