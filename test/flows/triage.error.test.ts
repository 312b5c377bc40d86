import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BACKENDS } from "../support/databases.ts";
import { click, eventually, freshMessage, postSlack, postTikTokWebhook, startHarness, startVendorMocks, TEST_ENV, type Harness } from "../support/harness.ts";
import { itemState, postedCard, replyFor } from "../support/queries.ts";

const vendors = startVendorMocks();
afterAll(() => vendors.close());

describe.each(BACKENDS)("vendor failures on %s", (backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(backend);
  }, 60_000);
  afterAll(async () => h?.stop());

  async function carded(text: string) {
    const msg = freshMessage(text);
    expect((await postTikTokWebhook(h.app, msg.body)).status).toBe(200);
    return eventually(() => postedCard(h.deps, msg.messageId), 30_000, "card");
  }
  const cardMessages = (itemId: string) =>
    vendors.slack.messages(TEST_ENV.SLACK_TRIAGE_CHANNEL).filter((m) => m.metadata?.event_payload.item_id === itemId);

  it("a TikTok 5xx on send is retried with backoff and the reply goes out once", async () => {
    const c = await carded("do you have size L?");
    vendors.tiktok.failNextSends(1, 500);
    const before = vendors.tiktok.sent.length;
    await postSlack(h.app, click("approve", c.itemId, c.ref, "U0RETRY"));
    await eventually(async () => (await itemState(h.deps, c.itemId))?.state === "sent", 30_000, "sent after retry");
    expect(vendors.tiktok.sent.slice(before)).toHaveLength(1);
    const [reply] = await replyFor(h.deps, c.itemId);
    expect(reply).toMatchObject({ status: "sent", attempts: 2 });
  });

  it("a permanent TikTok error fails the item and the card says why, with no live buttons", async () => {
    const c = await carded("is there a coupon?");
    vendors.tiktok.failNextSends(1, 400, { code: 36009004, message: "invalid param error" });
    await postSlack(h.app, click("approve", c.itemId, c.ref, "U0PERM"));
    await eventually(async () => (await itemState(h.deps, c.itemId))?.state === "failed", 20_000, "failed");
    const card = await eventually(() => {
      const m = cardMessages(c.itemId)[0];
      return m && /invalid param error/.test(JSON.stringify(m.blocks)) ? m : null;
    }, 15_000, "failure on card");
    expect(JSON.stringify(card.blocks)).not.toContain('"type":"actions"');
  });

  it("a Slack 429 on posting is honoured (Retry-After) and the card is posted once", async () => {
    vendors.slack.rateLimitNext(1, { method: "chat.postMessage", retryAfterSec: 1 });
    const c = await carded("hi, anyone there?");
    expect(cardMessages(c.itemId)).toHaveLength(1);
  });

  it("a card posted whose answer was lost is found again, not posted twice", async () => {
    vendors.slack.loseResponseNext("chat.postMessage");
    const c = await carded("what's the material of this dress?");
    await new Promise((r) => setTimeout(r, 500));
    expect(cardMessages(c.itemId)).toHaveLength(1);
    expect(c.ref.ts).toBe(cardMessages(c.itemId)[0]!.ts);
  });
});
