/**
 * The one place that knows TikTok's chat-message shape, shared by the webhook parser and the
 * list-messages client.
 *
 * UNVERIFIED: the public docs for the customer_service/202309 message object and the NEW_MESSAGE
 * webhook were not available. Field names follow ../shared/fixtures/tiktok-get-messages-response.json
 * and tiktok-new-message-webhook.json (best-knowledge shapes). So every schema here is lenient
 * (unknown fields pass, optional where a real payload might leave a field out); correct it here when
 * a real payload is seen.
 */
import { z } from "zod";
import type { ShopMessage } from "../../../src/ports.ts";

export const senderSchema = z.looseObject({
  im_user_id: z.string().optional(),
  role: z.string().optional(),
  nickname: z.string().optional(),
});

/** A message as list-messages returns it. */
export const apiMessageSchema = z.looseObject({
  id: z.string().min(1),
  type: z.string().optional(),
  /** For TEXT a JSON string `{"content":"…"}`; other types carry other JSON. */
  content: z.string().nullish(),
  /** Seconds since the epoch. */
  create_time: z.number().optional(),
  sender: senderSchema.optional(),
});
export type ApiMessage = z.infer<typeof apiMessageSchema>;

const KNOWN_ROLES = new Set(["BUYER", "SHOP", "SYSTEM"]);

/** TikTok's role string mapped onto ours; anything else (or absent) is OTHER. */
export function normaliseRole(role: string | undefined): ShopMessage["sender"]["role"] {
  const upper = role?.toUpperCase();
  return upper && KNOWN_ROLES.has(upper) ? (upper as "BUYER" | "SHOP" | "SYSTEM") : "OTHER";
}

const textContentSchema = z.looseObject({ content: z.string() });

/**
 * The buyer-visible text of a message, or null when there is none to read here (content absent,
 * a non-TEXT message, or a shape we do not know): the service then fetches the message.
 */
export function decodeText(type: string | undefined, content: string | null | undefined): string | null {
  if (content == null || content === "") return null;
  if (type !== undefined && type.toUpperCase() !== "TEXT") return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch {
    // Lenient: a bare string instead of the JSON wrapper is taken as the text itself.
    return content;
  }
  const text = textContentSchema.safeParse(parsed);
  return text.success ? text.data.content : null;
}

/** Builds the neutral message; `fallbackTime` (seconds) is used when `create_time` is missing. */
export function toShopMessage(
  fields: {
    id: string;
    conversationId: string;
    type?: string;
    content?: string | null;
    createTime?: number;
    sender?: z.infer<typeof senderSchema>;
  },
  fallbackTime: number,
): ShopMessage {
  const sender = fields.sender ?? {};
  return {
    id: fields.id,
    conversationId: fields.conversationId,
    type: fields.type ?? "UNKNOWN",
    text: decodeText(fields.type, fields.content),
    createdAt: new Date((fields.createTime ?? fallbackTime) * 1000),
    sender: {
      id: sender.im_user_id ?? "",
      role: normaliseRole(sender.role),
      ...(sender.nickname !== undefined ? { nickname: sender.nickname } : {}),
    },
  };
}
