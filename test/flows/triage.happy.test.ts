import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BACKENDS } from "../support/databases.ts";
import {
  buildEditSubmission,
  click,
  eventually,
  freshMessage,
  postSlack,
  postTikTokWebhook,
  startHarness,
  startVendorMocks,
  TEST_ENV,
  type Harness,
} from "../support/harness.ts";
import { decisionsFor, itemState, postedCard, replyFor } from "../support/queries.ts";
import { FIXTURE_CONVERSATION_ID } from "../msw/tiktok.ts";

const vendors = startVendorMocks();
afterAll(() => vendors.close());

const blocksText = (blocks: unknown) => JSON.stringify(blocks);

describe.each(BACKENDS)("triage spine on %s", (backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(backend);
  }, 60_000);
  afterAll(async () => h?.stop());

  /** Sends a buyer message and waits for its card. */
  async function carded(text: string | null, opts: Parameters<typeof freshMessage>[1] = {}) {
    const msg = freshMessage(text, opts);
    const res = await postTikTokWebhook(h.app, msg.body);
    expect(res.status).toBe(200);
    return { ...msg, ...(await eventually(() => postedCard(h.deps, msg.messageId), 20_000, "card")) };
  }

  it("a NEW_MESSAGE webhook yields one card with intent, risk and a suggested reply", async () => {
    const { ref, messageId } = await carded("Hi, is the pink one still in stock? I need size M");
    const posts = vendors.slack.callsTo("chat.postMessage").filter((c) => blocksText(c.body).includes(messageId) || c.body.channel === ref.channel);
    const card = vendors.slack.messages(TEST_ENV.SLACK_TRIAGE_CHANNEL).find((m) => m.ts === ref.ts)!;
    expect(posts.length).toBeGreaterThan(0);
    expect(card.metadata?.event_type).toBe("triage_card");
    const json = blocksText(card.blocks);
    expect(json).toContain("Demo Store");
    expect(json).toContain("is the pink one still in stock");
    expect(json).toMatch(/库存|Stock|尺码|Size/); // intent shown in 中文 + English
    expect(json).toContain("an***"); // masked buyer, never the raw nickname
    expect(json).toMatch(/triage:approve:itm_/);
    expect(json).toMatch(/triage:edit:itm_/);
    expect(json).toMatch(/triage:claim:itm_/);
  });

  it("a retried webhook, or the same message in another delivery, yields no second card", async () => {
    const msg = freshMessage("how much is shipping to Jakarta?");
    expect((await postTikTokWebhook(h.app, msg.body)).status).toBe(200);
    const first = await eventually(() => postedCard(h.deps, msg.messageId), 20_000, "card");
    const retry = await postTikTokWebhook(h.app, msg.body);
    expect(await retry.json()).toMatchObject({ outcome: "duplicate" });
    const again = freshMessage("how much is shipping to Jakarta?", { messageId: msg.messageId });
    expect(await (await postTikTokWebhook(h.app, again.body)).json()).toMatchObject({ outcome: "duplicate" });
    await new Promise((r) => setTimeout(r, 1500));
    const cards = vendors.slack.messages(TEST_ENV.SLACK_TRIAGE_CHANNEL).filter((m) => m.metadata?.event_payload.item_id === first.itemId);
    expect(cards).toHaveLength(1);
  });

  it("fetches the text through the customer-service API when the webhook has none", async () => {
    vendors.tiktok.addMessage(FIXTURE_CONVERSATION_ID, {
      id: "7437766939418199001",
      type: "TEXT",
      content: JSON.stringify({ content: "where is my order?? its been 2 weeks" }),
      create_time: Math.floor(Date.now() / 1000),
      sender: { im_user_id: "7436545389012345678", role: "BUYER", nickname: "ana***" },
    });
    const { ref } = await carded(null, { messageId: "7437766939418199001", conversationId: FIXTURE_CONVERSATION_ID });
    const card = vendors.slack.messages(TEST_ENV.SLACK_TRIAGE_CHANNEL).find((m) => m.ts === ref.ts)!;
    expect(blocksText(card.blocks)).toContain("where is my order");
    expect(vendors.tiktok.requests.some((r) => r.method === "GET" && r.path.endsWith(`/conversations/${FIXTURE_CONVERSATION_ID}/messages`) && r.code === 0)).toBe(true);
  });

  it("Approve sends the suggested reply once, signed, and updates the card with who did it", async () => {
    const { itemId, ref } = await carded("link please");
    const item = await itemState(h.deps, itemId);
    const sentBefore = vendors.tiktok.sent.length;
    const res = await postSlack(h.app, click("approve", itemId, ref, "U0APPROVER"));
    expect(res.status).toBe(200);
    await eventually(async () => (await itemState(h.deps, itemId))?.state === "sent", 15_000, "sent");
    const sent = vendors.tiktok.sent.slice(sentBefore);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.text).toBe(item!.suggestedReply);
    expect(sent[0]!.body).toEqual({ type: "TEXT", content: JSON.stringify({ content: item!.suggestedReply }) });
    expect(sent[0]!.accessToken).toBe(TEST_ENV.TIKTOK_SHOP_ACCESS_TOKEN);
    const updated = await eventually(() => {
      const card = vendors.slack.messages(TEST_ENV.SLACK_TRIAGE_CHANNEL).find((m) => m.ts === ref.ts);
      return card && blocksText(card.blocks).includes("<@U0APPROVER>") && !blocksText(card.blocks).includes('"type":"actions"') ? card : null;
    }, 15_000, "card update");
    expect(blocksText(updated.blocks)).not.toMatch(/triage:(approve|edit|claim):/);
    const [decision] = await decisionsFor(h.deps, itemId);
    expect(decision).toMatchObject({ action: "approve", finalText: item!.suggestedReply, suggestedText: item!.suggestedReply, fromState: "carded", toState: "approved" });
    expect(decision!.actor).toMatchObject({ surface: "slack", id: "U0APPROVER" });
    expect(decision!.modelVersion).toBeTruthy();
    expect(decision!.predictedIntent).toBeTruthy();
  });

  it("three concurrent Approve clicks send exactly one reply", async () => {
    const { itemId, ref } = await carded("how long does delivery take to Manila?");
    const sentBefore = vendors.tiktok.sent.length;
    const ephemeralsBefore = vendors.slack.ephemerals.length;
    const responses = await Promise.all([
      postSlack(h.app, click("approve", itemId, ref, "U0A")),
      postSlack(h.app, click("approve", itemId, ref, "U0B")),
      postSlack(h.app, click("approve", itemId, ref, "U0C")),
    ]);
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200]);
    await eventually(async () => (await itemState(h.deps, itemId))?.state === "sent", 15_000, "sent");
    await new Promise((r) => setTimeout(r, 1500));
    expect(vendors.tiktok.sent.slice(sentBefore).filter((s) => s.text !== null)).toHaveLength(1);
    expect(await replyFor(h.deps, itemId)).toHaveLength(1);
    expect((await decisionsFor(h.deps, itemId)).filter((d) => d.action === "approve")).toHaveLength(1);
    // The two losers are told, privately, that it was already handled.
    const told = await eventually(() => {
      const notes = vendors.slack.ephemerals.slice(ephemeralsBefore);
      return notes.length >= 2 ? notes : null;
    }, 10_000, "ephemerals");
    expect(told).toHaveLength(2);
    expect(told.every((e) => /already handled|just now/i.test(e.text ?? ""))).toBe(true);
  });

  it("Edit opens a prefilled modal and sends exactly the edited text", async () => {
    const { itemId, ref } = await carded("can I get a discount if I buy 3?");
    const item = await itemState(h.deps, itemId);
    const viewsBefore = vendors.slack.views.length;
    expect((await postSlack(h.app, click("edit", itemId, ref, "U0EDITOR"))).status).toBe(200);
    const view = vendors.slack.views[viewsBefore]!;
    expect(view.view.private_metadata).toBe(itemId);
    expect(JSON.stringify(view.view)).toContain(JSON.stringify(item!.suggestedReply).slice(1, -1));
    const edited = "Buy 3 and use code TRIO10 for 10% off 🎉 <!channel> & more";
    const sentBefore = vendors.tiktok.sent.length;
    const res = await postSlack(h.app, buildEditSubmission({ itemId, text: edited, userId: "U0EDITOR", viewId: "V0EDIT1" }));
    expect(res.status).toBe(200);
    await eventually(async () => (await itemState(h.deps, itemId))?.state === "sent", 15_000, "sent");
    expect(vendors.tiktok.sent.slice(sentBefore).map((s) => s.text)).toEqual([edited]);
    const [decision] = await decisionsFor(h.deps, itemId);
    expect(decision).toMatchObject({ action: "edit", finalText: edited, suggestedText: item!.suggestedReply });
  });

  it("Claim assigns the item to the clicker, updates the card and sends nothing", async () => {
    const { itemId, ref } = await carded("do you have this in black?");
    const sentBefore = vendors.tiktok.sent.length;
    expect((await postSlack(h.app, click("claim", itemId, ref, "U0CLAIMER"))).status).toBe(200);
    await eventually(() => {
      const card = vendors.slack.messages(TEST_ENV.SLACK_TRIAGE_CHANNEL).find((m) => m.ts === ref.ts);
      return card && blocksText(card.blocks).includes("<@U0CLAIMER>");
    }, 15_000, "claimed card");
    const item = await itemState(h.deps, itemId);
    expect(item).toMatchObject({ state: "claimed", claimedBy: { id: "U0CLAIMER" } });
    const card = vendors.slack.messages(TEST_ENV.SLACK_TRIAGE_CHANNEL).find((m) => m.ts === ref.ts)!;
    expect(blocksText(card.blocks)).not.toMatch(/triage:claim:/);
    expect(blocksText(card.blocks)).toMatch(/triage:approve:/);
    await new Promise((r) => setTimeout(r, 500));
    expect(vendors.tiktok.sent.length).toBe(sentBefore);
  });

  it("Reclassify records the corrected intent for retraining and changes the suggestion", async () => {
    const { itemId, ref } = await carded("hello??");
    expect((await postSlack(h.app, click("reclassify", itemId, ref, "U0FIXER", { selected: "order_status" }))).status).toBe(200);
    const decision = await eventually(async () => (await decisionsFor(h.deps, itemId)).find((d) => d.action === "reclassify"), 10_000, "decision");
    expect(decision.correctedIntent).toBe("order_status");
    expect((await itemState(h.deps, itemId))?.intent).toBe("order_status");
  });
});
