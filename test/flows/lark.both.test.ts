import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BACKENDS } from "../support/databases.ts";
import { click, eventually, freshMessage, postSlack, postTikTokWebhook, startHarness, startVendorMocks, TEST_ENV, type Harness } from "../support/harness.ts";
import { decisionsFor, itemState } from "../support/queries.ts";
import { CHAT, createBoundLarkFake, LARK_ENV, larkClick, postedOn, postLark, type CallbackAnswer } from "./lark-support.ts";

const lark = createBoundLarkFake();
const vendors = startVendorMocks(lark.handlers);
afterAll(() => vendors.close());

describe.each(BACKENDS)("a shop on Slack AND Lark, on %s", (backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(backend, LARK_ENV);
  }, 60_000);
  afterAll(async () => h?.stop());

  /** Sends a buyer message and waits until its card is up in both surfaces. */
  async function cardedTwice(text: string) {
    const msg = freshMessage(text);
    expect((await postTikTokWebhook(h.app, msg.body)).status).toBe(200);
    const larkCard = await eventually(() => postedOn(h.deps, msg.messageId, "lark"), 20_000, "lark card");
    const slackCard = await eventually(() => postedOn(h.deps, msg.messageId, "slack"), 20_000, "slack card");
    return { itemId: larkCard.itemId, lark: larkCard.ref, slack: slackCard.ref };
  }
  const slackBlocks = (ts: string) => JSON.stringify(vendors.slack.messages(TEST_ENV.SLACK_TRIAGE_CHANNEL).find((m) => m.ts === ts)?.blocks);
  const larkCard = (id: string) => JSON.stringify(lark.message(id)?.card);

  it("gets one card in each surface", async () => {
    const { itemId, lark: l, slack: s } = await cardedTwice("Hi, is the pink one still in stock? I need size M");
    expect(lark.messages(CHAT).filter((m) => m.uuid === itemId)).toHaveLength(1);
    expect(vendors.slack.messages(TEST_ENV.SLACK_TRIAGE_CHANNEL).filter((m) => m.metadata?.event_payload.item_id === itemId)).toHaveLength(1);
    expect(larkCard(l.ts)).toContain("is the pink one still in stock");
    expect(slackBlocks(s.ts)).toContain("is the pink one still in stock");
    expect((await itemState(h.deps, itemId))?.state).toBe("carded");
  });

  it("an Approve in Lark sends once and updates the Slack card too", async () => {
    const { itemId, lark: l, slack: s } = await cardedTwice("how much is shipping to Jakarta?");
    const sentBefore = vendors.tiktok.sent.length;
    const answer = (await (await postLark(h.app, larkClick("approve", itemId, l, "ou_larkapprover"))).json()) as CallbackAnswer;
    expect(answer.toast?.type).toBe("success");
    await eventually(async () => (await itemState(h.deps, itemId))?.state === "sent", 15_000, "sent");
    const slackNow = await eventually(() => {
      const b = slackBlocks(s.ts);
      return b.includes("Reply sent") && !b.includes('"type":"actions"') ? b : null;
    }, 15_000, "slack card updated");
    expect(slackNow).toContain("ou_larkapprover"); // a Lark actor, named as text in Slack
    await eventually(() => larkCard(l.ts).includes("Reply sent"), 15_000, "lark card updated");
    // A late Approve from Slack is refused: still one reply.
    await postSlack(h.app, click("approve", itemId, s, "U0SLACKLATE"));
    await new Promise((r) => setTimeout(r, 1000));
    expect(vendors.tiktok.sent.length - sentBefore).toBe(1);
    expect((await decisionsFor(h.deps, itemId)).filter((d) => d.action === "approve")).toHaveLength(1);
  });

  it("a Claim in Slack shows on the Lark card, and Lark users other than the claimer are refused", async () => {
    const { itemId, lark: l, slack: s } = await cardedTwice("do you have this in black?");
    expect((await postSlack(h.app, click("claim", itemId, s, "U0SLACKCLAIM"))).status).toBe(200);
    await eventually(() => larkCard(l.ts).includes("Claimed by jtorrance"), 15_000, "lark card shows the Slack claimer");
    await eventually(() => slackBlocks(s.ts).includes("<@U0SLACKCLAIM>"), 15_000, "slack card shows the claimer");
    const refused = (await (await postLark(h.app, larkClick("approve", itemId, l, "ou_larkuser0001"))).json()) as CallbackAnswer;
    expect(refused.toast?.type).toBe("warning");
    expect((await itemState(h.deps, itemId))?.state).toBe("claimed");
  });
});
