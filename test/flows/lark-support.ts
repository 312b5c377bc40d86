/** Shared by the Lark flow tests: the Lark env, a fake bound to it, and requests signed as Lark does. */
import { readFileSync } from "node:fs";
import { and, eq } from "drizzle-orm";
import { cards, messages, triageItems } from "../../db/schema/index.ts";
import type { ActionKind } from "../../src/ports.ts";
import type { Deps } from "../../src/deps.ts";
import type { Service } from "../../src/service.ts";
import { buildCardAction, createLarkFake, encryptForLark, signLark } from "../msw/lark.ts";

/** The official SDK vector's key and token, so the same app answers its url_verification. */
export const VECTOR = JSON.parse(readFileSync(new URL("../../../shared/fixtures/lark-encrypted-url-verification-vector.json", import.meta.url), "utf8"));
export const LARK_ENV = {
  LARK_APP_ID: "cli_a5fb0ae6a4000000",
  LARK_APP_SECRET: "lark_app_secret_for_tests",
  LARK_DOMAIN: "https://lark.test",
  LARK_ENCRYPT_KEY: VECTOR.encrypt_key as string,
  LARK_VERIFICATION_TOKEN: "iRdCP2WwXNBXRM3mGLqhrgch3cn0gbT6",
  LARK_TRIAGE_CHAT: "oc_5ad11d72b830411d72b836c20000001",
};
export const NO_SLACK = { SLACK_BOT_TOKEN: "", SLACK_SIGNING_SECRET: "", SLACK_TRIAGE_CHANNEL: "" };
export const CHAT = LARK_ENV.LARK_TRIAGE_CHAT;

export function createBoundLarkFake() {
  return createLarkFake({ baseUrl: LARK_ENV.LARK_DOMAIN, appId: LARK_ENV.LARK_APP_ID, appSecret: LARK_ENV.LARK_APP_SECRET, chats: [CHAT] });
}

/** POSTs to /lark/events as Lark does: encrypted with the Encrypt Key, then signed over the raw body. */
export async function postLark(
  app: Service["app"],
  body: object,
  o: { ts?: number; key?: string; sign?: boolean; encrypt?: boolean; mutate?: (raw: string) => string } = {},
) {
  const plain = JSON.stringify(body);
  let raw = o.encrypt === false ? plain : JSON.stringify({ encrypt: encryptForLark(LARK_ENV.LARK_ENCRYPT_KEY, plain) });
  const headers = o.sign === false ? {} : signLark(raw, o.key ?? LARK_ENV.LARK_ENCRYPT_KEY, o.ts ?? Math.floor(Date.now() / 1000));
  if (o.mutate) raw = o.mutate(raw);
  return app.request("/lark/events", { method: "POST", headers: { "content-type": "application/json; charset=utf-8", ...headers }, body: raw });
}

/** A click (or form submit, or menu choice) on the Lark card of `itemId`, as Lark would send it. */
export function larkClick(action: ActionKind, itemId: string, ref: { channel: string; ts: string }, openId: string, extra: { text?: string; option?: string; eventId?: string; token?: string } = {}) {
  return buildCardAction({
    token: extra.token ?? LARK_ENV.LARK_VERIFICATION_TOKEN,
    openId,
    messageId: ref.ts,
    chatId: ref.channel,
    value: { action, item: itemId },
    ...(extra.text !== undefined ? { formValue: { reply: extra.text } } : {}),
    ...(extra.option ? { option: extra.option } : {}),
    ...(extra.eventId ? { eventId: extra.eventId } : {}),
  });
}

/** The item of a platform message with its posted card on `surface` (test-only read). */
export async function postedOn(deps: Deps, externalMessageId: string, surface: "lark" | "slack") {
  const [row] = await deps.db
    .select({ item: triageItems, card: cards })
    .from(triageItems)
    .innerJoin(messages, eq(messages.id, triageItems.messageId))
    .innerJoin(cards, and(eq(cards.triageItemId, triageItems.id), eq(cards.surface, surface)))
    .where(eq(messages.externalId, externalMessageId));
  if (!row || row.card.status !== "posted" || !row.card.externalRef) return null;
  return { itemId: row.item.id, cardId: row.card.id, ref: { channel: row.card.channel, ts: row.card.externalRef } };
}

export type CallbackAnswer = { toast?: { type: string; content: string; i18n: { zh_cn: string; en_us: string } }; card?: { type: string; data: unknown } };
