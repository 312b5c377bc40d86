import { describe, expect, it } from "vitest";
import { createLogger } from "../../../src/logger.ts";
import { buildCardAction } from "../../../test/msw/lark.ts";
import type { LarkInbound } from "./inbound.ts";
import { createLarkDispatcher } from "./ws-client.ts";

/**
 * The long connection hands each event to the SDK's EventDispatcher exactly as `WSClient` does
 * (`invoke(data, { needCheck: false })`); what the handler returns is what goes back in the ack.
 */
describe("long-connection dispatcher", () => {
  const lines: string[] = [];
  const log = createLogger("debug", (l) => lines.push(l));

  it("feeds a card.action.trigger to the same handler as HTTP and returns its answer", async () => {
    const seen: LarkInbound[] = [];
    const dispatcher = createLarkDispatcher({ log, onInbound: async (i) => (seen.push(i), { toast: { type: "success", content: "ok" } }) });
    const body = buildCardAction({ token: "tok", openId: "ou_wsuser000001", messageId: "om_ws0001", chatId: "oc_ws0001", value: { action: "edit", item: "itm_ws_item_1" }, formValue: { reply: "edited over the socket" }, eventId: "evt-ws-1" });
    const answer = await dispatcher.invoke(body, { needCheck: false });
    expect(answer).toEqual({ toast: { type: "success", content: "ok" } });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ kind: "card_action", eventId: "evt-ws-1", action: "edit", itemId: "itm_ws_item_1", operatorId: "ou_wsuser000001", messageId: "om_ws0001", chatId: "oc_ws0001", text: "edited over the socket" });
  });

  it("acks a malformed callback without calling the handler", async () => {
    let called = false;
    const dispatcher = createLarkDispatcher({ log, onInbound: async () => ((called = true), {}) });
    const body = buildCardAction({ token: "tok", openId: "ou_wsuser000001", messageId: "om_ws0002", chatId: "oc_ws0002", value: { action: "edit", item: "itm_ws_item_2" } });
    expect(await dispatcher.invoke(body, { needCheck: false })).toEqual({});
    expect(called).toBe(false);
    expect(lines.some((l) => l.includes("lark.ws.malformed"))).toBe(true);
  });

  it("passes message events through as plain events", async () => {
    const seen: LarkInbound[] = [];
    const dispatcher = createLarkDispatcher({ log, onInbound: async (i) => (seen.push(i), {}) });
    await dispatcher.invoke({ schema: "2.0", header: { event_id: "evt-msg-1", event_type: "im.message.receive_v1", token: "t" }, event: { message: { message_id: "om_1" } } }, { needCheck: false });
    expect(seen).toEqual([{ kind: "event", eventId: "evt-msg-1", type: "im.message.receive_v1" }]);
  });
});
