import { describe, expect, it } from "vitest";
import { ValidationError } from "../../../src/errors.ts";
import { buildNewMessageWebhook, tiktokFixture } from "../../../test/msw/tiktok.ts";
import { parseTikTokWebhook } from "./webhook.ts";

const json = (x: unknown) => JSON.stringify(x);

describe("TikTok webhook parsing", () => {
  it("turns the NEW_MESSAGE fixture into a buyer message", () => {
    const raw = JSON.stringify(tiktokFixture("tiktok-new-message-webhook.json"));
    expect(parseTikTokWebhook(raw)).toEqual({
      kind: "message",
      eventId: "7327112393057371910",
      shopId: "7494726673780148744",
      message: {
        id: "7437766939418148626",
        conversationId: "576469589434175526",
        type: "TEXT",
        text: "Hi, is the pink one still in stock? I need size M",
        createdAt: new Date(1732179998 * 1000),
        sender: { id: "7436545389012345678", role: "BUYER", nickname: "ana***" },
      },
    });
  });

  it("leaves text null when the payload has no content (the service fetches it)", () => {
    const event = parseTikTokWebhook(json(buildNewMessageWebhook({ text: null })));
    expect(event.kind).toBe("message");
    if (event.kind === "message") expect(event.message.text).toBeNull();
  });

  it("keeps quotes, newlines and non-Latin text from the JSON-encoded content", () => {
    const text = 'Is "pink" M in stock?\n粉色还有吗 <!channel>';
    const event = parseTikTokWebhook(json(buildNewMessageWebhook({ text })));
    expect(event.kind === "message" && event.message.text).toBe(text);
  });

  it("ignores messages from the shop (our own replies echo back) and from the system", () => {
    for (const role of ["SHOP", "SYSTEM", "CUSTOMER_SERVICE"]) {
      const event = parseTikTokWebhook(json(buildNewMessageWebhook({ data: { sender: { role } } })));
      expect(event).toMatchObject({ kind: "ignored", eventId: "7327112393057371910", shopId: "7494726673780148744" });
      expect(event.kind === "ignored" && event.reason).toContain(role);
    }
  });

  it("marks a message without a sender role as OTHER with no text, so it is fetched and re-checked", () => {
    const payload = buildNewMessageWebhook();
    const { sender: _dropped, ...data } = payload.data;
    const event = parseTikTokWebhook(json({ ...payload, data }));
    expect(event).toMatchObject({ kind: "message", message: { text: null, sender: { role: "OTHER" } } });
  });

  it("ignores other event types, e.g. the order-status body of the signature vector", () => {
    const { raw_body } = tiktokFixture<{ raw_body: string }>("tiktok-webhook-signature-vector.json");
    expect(parseTikTokWebhook(raw_body)).toEqual({
      kind: "ignored",
      eventId: null,
      shopId: "7494726673780148744",
      reason: "event type 1 (ORDER_STATUS_CHANGE) is not handled",
    });
    const conversation = parseTikTokWebhook(json(buildNewMessageWebhook({ type: 13 })));
    expect(conversation).toMatchObject({ kind: "ignored", reason: expect.stringContaining("NEW_CONVERSATION") });
  });

  it("allows unknown fields and falls back to the message id without tts_notification_id", () => {
    const { tts_notification_id: _id, ...payload } = buildNewMessageWebhook();
    const event = parseTikTokWebhook(json({ ...payload, region: "GB", data: { ...payload.data, extra: { a: 1 } } }));
    expect(event).toMatchObject({ kind: "message", eventId: "message:7437766939418148626" });
  });

  it("throws ValidationError for malformed JSON, envelope or message data", () => {
    const cases: [string, RegExp][] = [
      ["{not json", /not valid JSON/],
      ["[]", /malformed envelope/],
      [json({ ...buildNewMessageWebhook(), type: "14" }), /malformed envelope: type/],
      [json({ ...buildNewMessageWebhook(), shop_id: undefined }), /malformed envelope: shop_id/],
      [json({ ...buildNewMessageWebhook(), data: "x" }), /malformed envelope: data/],
      [json(buildNewMessageWebhook({ data: { conversation_id: "" } })), /malformed NEW_MESSAGE data: conversation_id/],
      [json(buildNewMessageWebhook({ data: { message_id: 42 as unknown as string } })), /message_id/],
    ];
    for (const [raw, message] of cases) {
      expect(() => parseTikTokWebhook(raw)).toThrow(ValidationError);
      expect(() => parseTikTokWebhook(raw)).toThrow(message);
    }
  });
});
