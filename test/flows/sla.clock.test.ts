import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { slaNotices } from "../../db/schema/index.ts";
import { checkSla, sweepDueSla } from "../../src/sla/check-sla.ts";
import { BACKENDS } from "../support/databases.ts";
import {
  ALERT_CHANNEL,
  ALERT_ENV,
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
import { itemState, postedCard, replyFor } from "../support/queries.ts";

const vendors = startVendorMocks();
afterAll(() => vendors.close());

const HOUR = 3600_000;
const blocksText = (m: { blocks?: unknown[] }) => JSON.stringify(m.blocks);

/**
 * Done-when: with a fake clock, an unclaimed item gets its reminders (50%, 80% of the 12 h TikTok
 * Shop window, in the card's thread) and its escalation (90%, alert channel, managers mentioned)
 * at the configured points, each once; a claimed item gets none. The sweeper stands in for the
 * delayed jobs (which pg-boss would run hours from now in real time).
 */
describe.each(BACKENDS)("SLA clocks on %s", (backend) => {
  let h: Harness;
  let now = new Date();
  beforeAll(async () => {
    h = await startHarness(backend, ALERT_ENV, { now: () => now });
  }, 60_000);
  afterAll(async () => h?.stop());

  async function carded(text: string) {
    const msg = freshMessage(text);
    expect((await postTikTokWebhook(h.app, msg.body)).status).toBe(200);
    return { ...msg, ...(await eventually(() => postedCard(h.deps, msg.messageId), 20_000, "card")) };
  }
  const escalationsFor = (itemId: string) => vendors.slack.messages(ALERT_CHANNEL).filter((m) => m.metadata?.event_type === "triage_sla" && String(m.metadata.event_payload.key).startsWith(itemId));
  /** Moves the fake clock to `hours` after `start`, runs the sweeper and waits for the SLA jobs it queued. */
  async function at(start: Date, hours: number, expectThread: number, ref: { channel: string; ts: string }, itemId: string, expectEscalations = 0) {
    now = new Date(start.getTime() + hours * HOUR);
    await sweepDueSla(h.deps);
    // Done when the notices are out AND the check has moved the item's next point past `now`
    // (the notice posts before that update: reading on at once would race the job).
    await eventually(
      async () => {
        if (vendors.slack.replies(ref.channel, ref.ts).length !== expectThread || escalationsFor(itemId).length !== expectEscalations) return false;
        const next = (await itemState(h.deps, itemId))?.slaNextAt;
        return !next || next.getTime() > now.getTime();
      },
      15_000,
      `${expectThread} reminders and ${expectEscalations} escalations at ${hours} h`,
    );
  }

  it("an unclaimed item gets its reminders and escalation at 50%, 80% and 90% of the window, each once", async () => {
    now = new Date();
    const start = now;
    const { itemId, ref } = await carded("hello, when will my parcel ship? ordered 3 days ago");
    const item = await itemState(h.deps, itemId);
    expect(item!.slaDueAt!.getTime()).toBe(item!.slaStartedAt!.getTime() + 12 * HOUR);
    // The card shows the deadline.
    const card = vendors.slack.messages(TEST_ENV.SLACK_TRIAGE_CHANNEL).find((m) => m.ts === ref.ts)!;
    expect(blocksText(card)).toContain(`reply by <!date^${Math.floor(item!.slaDueAt!.getTime() / 1000)}^`);

    await at(start, 5.9, 0, ref, itemId); // nothing due before 6 h
    // The reminder's post takes effect but its answer is lost: the retry finds it in the thread.
    vendors.slack.loseResponseNext("chat.postMessage", 1, { channel: TEST_ENV.SLACK_TRIAGE_CHANNEL });
    await at(start, 6.1, 1, ref, itemId);
    expect(vendors.slack.replies(ref.channel, ref.ts)[0]!.text).toContain("50% of the reply window");
    await eventually(async () => {
      await checkSla(h.deps, itemId).catch(() => {});
      const [row] = await h.deps.db.select().from(slaNotices).where(eq(slaNotices.triageItemId, itemId));
      return row?.status === "posted";
    }, 15_000, "the lost reminder recorded as posted");
    expect(vendors.slack.callsTo("conversations.replies").some((c) => c.body.ts === ref.ts)).toBe(true);
    // Again at the same time: the job re-reads the item and sends nothing twice.
    await checkSla(h.deps, itemId);
    await checkSla(h.deps, itemId);
    expect(vendors.slack.replies(ref.channel, ref.ts)).toHaveLength(1);

    await at(start, 9.7, 2, ref, itemId);
    expect(vendors.slack.replies(ref.channel, ref.ts)[1]!.text).toContain("80% of the reply window");
    expect(escalationsFor(itemId)).toHaveLength(0);

    await at(start, 10.9, 2, ref, itemId, 1);
    const [escalation] = escalationsFor(itemId);
    expect(escalation!.text).toContain("<@U0MANAGER1> <@U0MANAGER2>");
    expect(blocksText(escalation!)).toContain(`https://fake.slack.test/archives/${ref.channel}/p${ref.ts.replace(".", "")}`);
    const rows = await h.deps.db.select().from(slaNotices).where(eq(slaNotices.triageItemId, itemId));
    expect(rows.map((r) => `${r.point}:${r.status}`).sort()).toEqual(["escalate_90:posted", "remind_50:posted", "remind_80:posted"]);
    // Past the deadline nothing more is due, and a check sends nothing again.
    now = new Date(start.getTime() + 13 * HOUR);
    expect(await sweepDueSla(h.deps)).toBe(0);
    await checkSla(h.deps, itemId);
    expect(vendors.slack.replies(ref.channel, ref.ts)).toHaveLength(2);
    expect(escalationsFor(itemId)).toHaveLength(1);
  }, 90_000);

  it("a claimed item gets no reminder and no escalation; the claim is recorded, and only the sent reply is its first response", async () => {
    now = new Date();
    const start = now;
    const { itemId, ref } = await carded("do you have this in size L?");
    expect((await postSlack(h.app, click("claim", itemId, ref, "U0CLAIMER"))).status).toBe(200);
    await eventually(async () => (await itemState(h.deps, itemId))?.state === "claimed", 10_000, "claimed");
    const item = await itemState(h.deps, itemId);
    expect(item!.firstClaimedAt?.getTime()).toBe(start.getTime());
    // A claim is not a response: the buyer has heard nothing yet (TikTok Shop counts replies).
    expect(item!.firstResponseAt).toBeNull();
    expect(item!.resolvedAt).toBeNull();

    now = new Date(start.getTime() + 11 * HOUR);
    expect(await sweepDueSla(h.deps)).toBe(0);
    await checkSla(h.deps, itemId);
    expect(vendors.slack.replies(ref.channel, ref.ts)).toHaveLength(0);
    expect(escalationsFor(itemId)).toHaveLength(0);
    expect(await h.deps.db.select().from(slaNotices).where(eq(slaNotices.triageItemId, itemId))).toEqual([]);

    // Then the claimer answers. The clock goes back to real time (10 s ahead, so the reply's time is
    // not the claim's): TikTok's fake refuses requests signed hours away from its own clock.
    now = new Date(Date.now() + 10_000);
    expect((await postSlack(h.app, click("approve", itemId, ref, "U0CLAIMER"))).status).toBe(200);
    const sent = await eventually(async () => {
      const row = await itemState(h.deps, itemId);
      return row?.state === "sent" ? row : null;
    }, 15_000, "sent");
    // The reply reaching the buyer is the first response, and it settles the item.
    expect(sent.firstResponseAt?.getTime()).toBe(now.getTime());
    expect(now.getTime()).toBeGreaterThan(start.getTime());
    expect(sent.resolvedAt?.getTime()).toBe(now.getTime());
    expect(sent.firstClaimedAt?.getTime()).toBe(start.getTime());
    const [reply] = await replyFor(h.deps, itemId);
    expect(reply!.sentAt?.getTime()).toBe(sent.firstResponseAt!.getTime());
  }, 60_000);

  it("a reply in the conversation is the first response for its earlier waiting messages too: their reminders stop", async () => {
    now = new Date();
    const start = now;
    const first = await carded("hi, is the pink one in stock?");
    const conversationId = JSON.parse(first.body).data.conversation_id as string;
    const msg = freshMessage("and do you ship to Penang?", { conversationId });
    expect((await postTikTokWebhook(h.app, msg.body)).status).toBe(200);
    const second = await eventually(() => postedCard(h.deps, msg.messageId), 20_000, "second card");
    expect((await postSlack(h.app, click("approve", second.itemId, second.ref, "U0AGENT1"))).status).toBe(200);
    await eventually(async () => (await itemState(h.deps, second.itemId))?.state === "sent", 15_000, "second sent");

    const earlier = await itemState(h.deps, first.itemId);
    // Still open on its card (staff may answer it too), but the buyer has heard back.
    expect(earlier!.state).toBe("carded");
    expect(earlier!.firstResponseAt?.getTime()).toBe((await itemState(h.deps, second.itemId))!.firstResponseAt!.getTime());
    expect(earlier!.slaNextAt).toBeNull();

    now = new Date(start.getTime() + 11 * HOUR);
    expect(await sweepDueSla(h.deps)).toBe(0);
    await checkSla(h.deps, first.itemId);
    expect(vendors.slack.replies(first.ref.channel, first.ref.ts)).toHaveLength(0);
    expect(escalationsFor(first.itemId)).toHaveLength(0);
  }, 60_000);

  it("a dismissed item stops its clock and records its resolution", async () => {
    now = new Date();
    const start = now;
    const { itemId, ref } = await carded("ok thanks");
    // (The click is signed with the real time: Slack's ±300 s replay window is checked against deps.now().)
    expect((await postSlack(h.app, click("dismiss", itemId, ref, "U0AGENT1"))).status).toBe(200);
    await eventually(async () => (await itemState(h.deps, itemId))?.state === "dismissed", 10_000, "dismissed");
    const item = await itemState(h.deps, itemId);
    expect(item!.resolvedAt?.getTime()).toBe(start.getTime());
    // Dismissing settles the item but answers nobody: no first response.
    expect(item!.firstResponseAt).toBeNull();
    now = new Date(start.getTime() + 11 * HOUR);
    await checkSla(h.deps, itemId);
    expect((await itemState(h.deps, itemId))!.slaNextAt).toBeNull();
    expect(vendors.slack.replies(ref.channel, ref.ts)).toHaveLength(0);
  }, 60_000);
});
