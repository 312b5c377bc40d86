import { readFileSync, existsSync } from "node:fs";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { buildBlockAction, buildEditSubmission } from "../../../test/msw/slack.ts";
import { encodeAction } from "./action-id.ts";
import { editSubmitErrors, type SlackInbound } from "./inbound.ts";
import { createSocketModeApp } from "./socket-mode.ts";

// No handlers: any network call from Bolt (auth.test, apps.connections.open) fails the test.
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterAll(() => server.close());

function fixture(name: string): Record<string, any> {
  const local = new URL(`../../../test/fixtures/${name}`, import.meta.url);
  const shared = new URL(`../../../../shared/fixtures/${name}`, import.meta.url);
  return JSON.parse(readFileSync(existsSync(local) ? local : shared, "utf8"));
}
/** Socket Mode hands Bolt the envelope's decoded payload object. */
const payloadOf = (form: string) => JSON.parse(new URLSearchParams(form).get("payload")!) as Record<string, unknown>;
const ITEM = "itm_socket01";

function setup(onInbound: (i: SlackInbound) => Promise<Record<string, unknown> | void>) {
  const order: string[] = [];
  const seen: { inbound: SlackInbound; meta: unknown }[] = [];
  const app = createSocketModeApp({
    appToken: "xapp-1-test",
    botToken: "xoxb-test",
    apiUrl: "https://slack.test/api",
    onInbound: async (inbound, meta) => {
      seen.push({ inbound, meta });
      order.push("onInbound:start");
      const r = await onInbound(inbound);
      order.push("onInbound:end");
      return r;
    },
  });
  const ack = vi.fn(async (_r?: unknown) => {
    order.push("ack");
  });
  return { app, ack, order, seen };
}

describe("Socket Mode through Bolt (no connection)", () => {
  it("a button click becomes the same SlackInbound as over HTTP, acked after onInbound resolves", async () => {
    const { app, ack, order, seen } = setup(async () => {
      await new Promise((r) => setTimeout(r, 20));
    });
    const body = payloadOf(buildBlockAction({ actionId: encodeAction("approve", ITEM), value: ITEM, userId: "U0APPROVER", channel: "C0TRIAGE", messageTs: "1700000000.000100", actionTs: "1700000001.000100" }));
    await app.processEvent({ body, ack, retryNum: undefined, retryReason: undefined });
    expect(seen[0]!.inbound).toMatchObject({ kind: "action", action: "approve", itemId: ITEM, userId: "U0APPROVER", channel: "C0TRIAGE", messageTs: "1700000000.000100" });
    expect(order).toEqual(["onInbound:start", "onInbound:end", "ack"]);
    expect(ack).toHaveBeenCalledWith(undefined);
  });

  it("an edit submission can be answered with modal errors through the ack", async () => {
    const { app, ack, seen } = setup(async () => editSubmitErrors("Write a reply first"));
    await app.processEvent({ body: payloadOf(buildEditSubmission({ itemId: ITEM, text: " ", userId: "U0EDITOR" })), ack });
    expect(seen[0]!.inbound).toEqual({ kind: "edit_submit", itemId: ITEM, userId: "U0EDITOR", userName: "user-name", teamId: "T12345678", text: " ", viewId: "V12345678" });
    expect(ack).toHaveBeenCalledWith({ response_action: "errors", errors: { reply: "Write a reply first" } });
  });

  it("an Events API envelope (official fixture) reaches onInbound with its retry attempt", async () => {
    const f = fixture("slack-socket-mode-events-api-app-mention.json");
    const { app, ack, seen } = setup(async () => undefined);
    await app.processEvent({ body: f.payload, ack, retryNum: f.retry_attempt, retryReason: f.retry_reason });
    expect(seen).toEqual([{ inbound: { kind: "event", eventId: "Ev111", type: "app_mention" }, meta: { retryNum: 2, retryReason: "timeout" } }]);
    expect(ack).toHaveBeenCalledTimes(1); // Bolt acks events itself
  });

  it("a malformed payload is acked and dropped without reaching onInbound", async () => {
    const { app, ack, seen } = setup(async () => undefined);
    const body = { type: "block_actions", user: { id: "U1" }, actions: [], container: { type: "message" } };
    await app.processEvent({ body, ack });
    expect(seen).toHaveLength(0);
    expect(ack).toHaveBeenCalledTimes(1);
  });

  it("when onInbound fails, nothing is acked (Slack shows the click as failed)", async () => {
    const { app, ack } = setup(async () => {
      throw new Error("database down");
    });
    const body = payloadOf(buildBlockAction({ actionId: encodeAction("claim", ITEM), value: ITEM, userId: "U1AB", channel: "C0TRIAGE", messageTs: "1.000001" }));
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    await expect(app.processEvent({ body, ack })).rejects.toThrow("database down");
    logged.mockRestore();
    expect(ack).not.toHaveBeenCalled();
  });
});
