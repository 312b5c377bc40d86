import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ValidationError } from "../../../src/errors.ts";
import { buildBlockAction, buildEditSubmission } from "../../../test/msw/slack.ts";
import { encodeAction } from "./action-id.ts";
import { editSubmitErrors, isSslCheck, parseSlackPayload, parseSlackRequest } from "./inbound.ts";

function fixture(name: string): Record<string, any> {
  const local = new URL(`../../../test/fixtures/${name}`, import.meta.url);
  const shared = new URL(`../../../../shared/fixtures/${name}`, import.meta.url);
  return JSON.parse(readFileSync(existsSync(local) ? local : shared, "utf8"));
}

const FORM = "application/x-www-form-urlencoded";
const JSON_CT = "application/json";
const asForm = (payload: unknown) => `payload=${encodeURIComponent(JSON.stringify(payload))}`;
const ITEM = "itm_0lq3x9k2aabcdefghij";

describe("parseSlackRequest on the official fixtures", () => {
  it("url_verification (JSON body) → challenge", () => {
    const f = fixture("slack-url-verification.json");
    expect(parseSlackRequest(JSON.stringify(f), JSON_CT)).toEqual({ kind: "url_verification", challenge: f.challenge });
  });

  it("Socket Mode events_api envelope → event, deduped by event_id (whole envelope or its payload)", () => {
    const f = fixture("slack-socket-mode-events-api-app-mention.json");
    const expected = { kind: "event", eventId: "Ev111", type: "app_mention" };
    expect(parseSlackPayload(f.payload)).toEqual(expected);
    expect(parseSlackPayload(f)).toEqual(expected);
    // The same payload arrives over HTTP as the JSON body.
    expect(parseSlackRequest(JSON.stringify(f.payload), "application/json; charset=utf-8")).toEqual(expected);
  });

  it("block_actions fixture: parses, and its foreign action_id is ignored, not an error", () => {
    const f = fixture("slack-block-actions-payload.json");
    expect(parseSlackRequest(asForm(f), FORM)).toEqual({ kind: "ignored", reason: "unknown action_id" });
  });

  it("block_actions fixture with our action id → action (message_attachment container)", () => {
    const f = fixture("slack-block-actions-payload.json");
    f.actions[0].action_id = encodeAction("approve", ITEM);
    f.actions[0].value = ITEM;
    expect(parseSlackRequest(asForm(f), FORM)).toEqual({
      kind: "action",
      action: "approve",
      itemId: ITEM,
      userId: "UA8RXUSPL",
      userName: "jtorrance",
      teamId: "T9TK3CUKW",
      triggerId: "12321423423.333649436676.d8c1bb837935619ccad0f624c448ffb3",
      channel: "CBR2V3XEX",
      messageTs: "1548261231.000200",
      actionTs: "1548426417.840180",
      dedupeKey: `1548261231.000200:triage:approve:${ITEM}:1548426417.840180`,
    });
  });

  it("view_submission fixture: a foreign callback_id is ignored", () => {
    const f = fixture("slack-view-submission-payload.json");
    expect(parseSlackRequest(asForm(f), FORM)).toEqual({ kind: "ignored", reason: "unknown view callback_id" });
  });

  it("view_submission fixture re-aimed at our modal → edit_submit", () => {
    const f = fixture("slack-view-submission-payload.json");
    f.view.callback_id = "triage_edit";
    f.view.private_metadata = ITEM;
    f.view.state.values.reply = { text: { type: "plain_text_input", value: "Hi! Your refund is on its way." } };
    expect(parseSlackRequest(asForm(f), FORM)).toEqual({
      kind: "edit_submit",
      itemId: ITEM,
      userId: "U12345678",
      userName: "user-name",
      teamId: "T12345678",
      text: "Hi! Your refund is on its way.",
      viewId: "V12345678",
    });
  });
});

describe("parseSlackRequest on builder payloads (as the flow tests send them)", () => {
  it("a Claim click", () => {
    const raw = buildBlockAction({ actionId: encodeAction("claim", ITEM), value: ITEM, userId: "U0CLAIMER", channel: "C0TRIAGE", messageTs: "1700000000.000100", actionTs: "1700000001.000200" });
    expect(parseSlackRequest(raw, FORM)).toMatchObject({ kind: "action", action: "claim", itemId: ITEM, userId: "U0CLAIMER", channel: "C0TRIAGE", messageTs: "1700000000.000100", dedupeKey: `1700000000.000100:triage:claim:${ITEM}:1700000001.000200` });
  });

  it("the same click redelivered gets the same dedupe key; a second click a new one", () => {
    const click = (actionTs: string) => parseSlackRequest(buildBlockAction({ actionId: encodeAction("approve", ITEM), value: ITEM, userId: "U1", channel: "C1X", messageTs: "1.000001", actionTs }), FORM);
    const a = click("2.000001");
    const b = click("2.000001");
    const c = click("3.000001");
    expect(a.kind === "action" && b.kind === "action" && a.dedupeKey === b.dedupeKey).toBe(true);
    expect(a.kind === "action" && c.kind === "action" && a.dedupeKey !== c.dedupeKey).toBe(true);
  });

  it("Reclassify carries the chosen intent id", () => {
    const raw = buildBlockAction({ actionId: encodeAction("reclassify", ITEM), userId: "U1", channel: "C1X", messageTs: "1.000001", selectedOption: { value: "wrong_item", text: "发错货 Wrong item" } });
    expect(parseSlackRequest(raw, FORM)).toMatchObject({ kind: "action", action: "reclassify", selected: "wrong_item" });
  });

  it("edit submission keeps the text exactly as typed", () => {
    const text = "  Hello <!channel> & thanks\nline 2  ";
    expect(parseSlackRequest(buildEditSubmission({ itemId: ITEM, text, userId: "U9" }), FORM)).toMatchObject({ kind: "edit_submit", itemId: ITEM, text, userId: "U9" });
  });

  it("ssl_check and slash commands", () => {
    expect(parseSlackRequest("ssl_check=1&token=abc", FORM)).toEqual({ kind: "ssl_check" });
    expect(isSslCheck("ssl_check=1&token=abc", FORM)).toBe(true);
    expect(isSslCheck("ssl_check=1", JSON_CT)).toBe(false);
    expect(isSslCheck(buildBlockAction({ actionId: "x", userId: "U1", channel: "C1X", messageTs: "1.1" }), FORM)).toBe(false);
    expect(parseSlackRequest("command=%2Ftriage&text=", FORM)).toEqual({ kind: "ignored", reason: "slash command" });
  });

  it("other interactive and event types are acked and ignored", () => {
    expect(parseSlackPayload({ type: "view_closed", view: {} })).toEqual({ kind: "ignored", reason: "view_closed" });
    expect(parseSlackPayload({ type: "app_rate_limited", minute_rate_limited: 1 })).toEqual({ kind: "ignored", reason: "app_rate_limited" });
    expect(parseSlackPayload({ type: "something_new" })).toEqual({ kind: "ignored", reason: "unsupported type something_new" });
  });

  it("editSubmitErrors targets the reply input", () => {
    expect(editSubmitErrors("Write something first")).toEqual({ response_action: "errors", errors: { reply: "Write something first" } });
  });
});

describe("parseSlackRequest rejects malformed bodies with ValidationError", () => {
  const cases: [string, string, string | undefined][] = [
    ["not JSON", "{nope", JSON_CT],
    ["JSON array", "[]", JSON_CT],
    ["JSON without type", '{"challenge":"x"}', JSON_CT],
    ["url_verification without challenge", '{"type":"url_verification"}', JSON_CT],
    ["event_callback without event_id", '{"type":"event_callback","event":{"type":"message"}}', JSON_CT],
    ["form without payload", "foo=bar", FORM],
    ["payload not JSON", "payload=%7Bnope", FORM],
    ["block_actions without actions", asForm({ type: "block_actions", user: { id: "U1" }, trigger_id: "1.2.3", actions: [] }), FORM],
    ["button value differs from its action_id", buildBlockAction({ actionId: encodeAction("approve", ITEM), value: "itm_other", userId: "U1", channel: "C1X", messageTs: "1.1" }), FORM],
    ["reclassify without a selection", asForm({ type: "block_actions", user: { id: "U1" }, trigger_id: "1.2.3", container: { type: "message", channel_id: "C1X", message_ts: "1.1" }, actions: [{ type: "static_select", action_id: encodeAction("reclassify", ITEM), action_ts: "2.2" }] }), FORM],
    ["edit view with a bad item id", buildEditSubmission({ itemId: "<!channel>", text: "x", userId: "U1" }), FORM],
    ["unsupported content type", "<xml/>", "text/xml"],
  ];
  it.each(cases)("%s", (_name, raw, contentType) => {
    expect(() => parseSlackRequest(raw, contentType)).toThrow(ValidationError);
  });

  it("an action outside a message (e.g. in a modal) is ignored", () => {
    const raw = asForm({ type: "block_actions", user: { id: "U1" }, trigger_id: "1.2.3", container: { type: "view", view_id: "V1" }, actions: [{ type: "button", action_id: encodeAction("approve", ITEM), value: ITEM, action_ts: "2.2" }] });
    expect(parseSlackRequest(raw, FORM)).toEqual({ kind: "ignored", reason: "action outside a message" });
  });
});
