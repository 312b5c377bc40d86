/**
 * TikTok Shop webhooks: signature check on the raw bytes, then parsing of the envelope
 * `{type, tts_notification_id, shop_id, timestamp, data}`.
 *
 * Signature: header `Authorization` = hex(HMAC-SHA256(app_secret, app_key + raw body)), from
 * EcomPHP/tiktokshop-php src/Webhook.php; vector in ../shared/fixtures/tiktok-webhook-signature-vector.json.
 * The signed bytes carry no separate timestamp header, so replays are stopped by deduping on
 * `tts_notification_id` / message id, not by a time window here.
 */
import { z } from "zod";
import { ValidationError } from "../../../src/errors.ts";
import { concatBytes, hmacSha256Hex, timingSafeEqual } from "../../../src/crypto.ts";
import type { WebhookEvent } from "../../../src/ports.ts";
import { normaliseRole, senderSchema, toShopMessage } from "./message.ts";

/** Numeric event types (3P enums; 13/14 not confirmed in Partner Center, see platform-apis.md §3.4). */
export const TIKTOK_EVENT_TYPES: Readonly<Record<number, string>> = {
  1: "ORDER_STATUS_CHANGE",
  2: "REVERSE_STATUS_UPDATE",
  3: "RECIPIENT_ADDRESS_UPDATE",
  4: "PACKAGE_UPDATE",
  5: "PRODUCT_STATUS_CHANGE",
  6: "SELLER_DEAUTHORIZATION",
  7: "UPCOMING_AUTHORIZATION_EXPIRATION",
  11: "CANCELLATION_STATUS_CHANGE",
  12: "RETURN_STATUS_CHANGE",
  13: "NEW_CONVERSATION",
  14: "NEW_MESSAGE",
  15: "PRODUCT_INFORMATION_CHANGE",
  16: "PRODUCT_CREATION",
};
export const NEW_MESSAGE = 14;

/** Checks `Authorization` against the exact bytes received, in constant time; never throws. */
export async function verifyTikTokWebhook(
  raw: Uint8Array,
  authorization: string | null,
  appKey: string,
  appSecret: string,
): Promise<boolean> {
  const received = authorization?.trim() ?? "";
  if (received === "" || appKey === "" || appSecret === "") return false;
  const expected = await hmacSha256Hex(appSecret, concatBytes(appKey, raw));
  return timingSafeEqual(expected, received);
}

// UNVERIFIED beyond the envelope: tts_notification_id is absent from EcomPHP's order example, so it is
// optional; NEW_MESSAGE `data` follows the fixture. Lenient: unknown fields pass everywhere.
const envelopeSchema = z.looseObject({
  type: z.number().int(),
  tts_notification_id: z.string().min(1).optional(),
  shop_id: z.string().min(1),
  timestamp: z.number(),
  data: z.record(z.string(), z.unknown()),
});

const newMessageDataSchema = z.looseObject({
  conversation_id: z.string().min(1),
  message_id: z.string().min(1),
  type: z.string().optional(),
  content: z.string().nullish(),
  create_time: z.number().optional(),
  sender: senderSchema.optional(),
});

function invalid(what: string, error: z.ZodError): ValidationError {
  const details = error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
  return new ValidationError(`TikTok webhook: malformed ${what}: ${details}`);
}

/**
 * Parses a verified body. NEW_MESSAGE from a BUYER → "message" (text null when the payload has no
 * content: fetch it with listMessages). Other event types and messages whose sender role is given
 * and is not BUYER (our own replies echo back as SHOP) → "ignored".
 *
 * When the payload names no sender role at all, the message is returned with role OTHER and text
 * null: the caller must fetch it (listMessages carries the sender) and act only on a BUYER message.
 * Throws ValidationError for malformed JSON, envelope or NEW_MESSAGE data.
 */
export function parseTikTokWebhook(raw: string): WebhookEvent {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new ValidationError("TikTok webhook: body is not valid JSON");
  }
  const envelope = envelopeSchema.safeParse(json);
  if (!envelope.success) throw invalid("envelope", envelope.error);
  const { type, shop_id: shopId, tts_notification_id: notificationId, timestamp, data } = envelope.data;
  const eventId = notificationId ?? null;

  if (type !== NEW_MESSAGE) {
    const name = TIKTOK_EVENT_TYPES[type] ?? "unknown";
    return { kind: "ignored", eventId, shopId, reason: `event type ${type} (${name}) is not handled` };
  }

  const parsed = newMessageDataSchema.safeParse(data);
  if (!parsed.success) throw invalid("NEW_MESSAGE data", parsed.error);
  const m = parsed.data;
  const roleGiven = m.sender?.role !== undefined && m.sender.role !== "";
  if (roleGiven && normaliseRole(m.sender?.role) !== "BUYER") {
    return { kind: "ignored", eventId, shopId, reason: `message from ${m.sender?.role}, not a buyer` };
  }
  const message = toShopMessage(
    {
      id: m.message_id,
      conversationId: m.conversation_id,
      type: m.type,
      // Without a role the sender is unknown: withhold the text so the caller fetches and re-checks.
      content: roleGiven ? m.content : null,
      createTime: m.create_time,
      sender: m.sender,
    },
    timestamp,
  );
  // Without tts_notification_id the message id is the next stable key across retries.
  return { kind: "message", eventId: eventId ?? `message:${m.message_id}`, shopId, message };
}
