import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { alerts, conversations } from "../../db/schema/index.ts";
import { BACKENDS } from "../support/databases.ts";
import {
  ALERT_CHANNEL,
  ALERT_ENV,
  eventually,
  newMessageWebhook,
  postTikTokWebhook,
  startHarness,
  startVendorMocks,
  type Harness,
} from "../support/harness.ts";
import { postedCard } from "../support/queries.ts";

const vendors = startVendorMocks();
afterAll(() => vendors.close());

let seq = 0;
/** A buyer message in `conversation`, written `minutes` after a fixed base time. */
function message(text: string, conversation: string, minutes = 0) {
  seq += 1;
  const messageId = `7500000000${Date.now() % 1e7}${String(seq).padStart(4, "0")}`;
  const body = newMessageWebhook({
    tts_notification_id: `7400000000${Date.now() % 1e7}${String(seq).padStart(4, "0")}`,
    data: { message_id: messageId, conversation_id: conversation, create_time: 1_795_000_000 + minutes * 60 },
    text,
  });
  return { body, messageId };
}
const conversation = () => `58${Date.now() % 1e9}${String(++seq).padStart(4, "0")}`;
const alertPosts = (key: (id: string) => boolean = () => true) =>
  vendors.slack.callsTo("chat.postMessage").filter((c) => c.body.channel === ALERT_CHANNEL && c.status === 200 && key(String((c.body.metadata as { event_payload?: { key?: string } })?.event_payload?.key ?? "")));
/** The alert groups of a conversation, by its platform id. */
const groupsOf = (h: Harness, conversationExternal: string) =>
  h.deps.db.select({ alert: alerts }).from(alerts).innerJoin(conversations, eq(conversations.id, alerts.conversationId)).where(eq(conversations.externalId, conversationExternal)).then((r) => r.map((x) => x.alert));

describe.each(BACKENDS)("high-risk alerts on %s", (backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(backend, ALERT_ENV);
  }, 60_000);
  afterAll(async () => h?.stop());

  async function alertFor(messageId: string) {
    const card = await eventually(() => postedCard(h.deps, messageId), 20_000, "card");
    const row = await eventually(async () => (await h.deps.db.select().from(alerts).where(eq(alerts.latestItemId, card.itemId)))[0], 20_000, "alert row");
    return { card, row };
  }
  const alertMessage = (ts: string) => vendors.slack.messages(ALERT_CHANNEL).find((m) => m.ts === ts)!;

  it("a report threat posts one alert that mentions the managers and links to the card (not waiting for it)", async () => {
    const msg = message("I will report this shop to TikTok and open a dispute, this is a scam", conversation());
    expect((await postTikTokWebhook(h.app, msg.body)).status).toBe(200);
    const { card, row } = await alertFor(msg.messageId);
    const permalink = `https://fake.slack.test/archives/${card.ref.channel}/p${card.ref.ts.replace(".", "")}`;
    const posted = await eventually(async () => {
      const [r] = await h.deps.db.select().from(alerts).where(eq(alerts.id, row.id));
      const m = r?.externalRef ? alertMessage(r.externalRef) : null;
      return m && JSON.stringify(m.blocks).includes(permalink) ? m : null;
    }, 20_000, "alert linked to the card");
    expect(posted.metadata).toEqual({ event_type: "triage_alert", event_payload: { key: row.id } });
    expect(posted.text).toMatch(/^<@U0MANAGER1> <@U0MANAGER2> 🟠 High risk/);
    expect(JSON.stringify(posted.blocks)).toContain("report this shop to TikTok");
    // The alert was posted on its own: if it went out before the card, it carried the board link.
    const first = alertPosts((k) => k === row.id)[0]!;
    const cardPost = vendors.slack.callsTo("chat.postMessage").find((c) => (c.body.metadata as { event_payload?: { item_id?: string } })?.event_payload?.item_id === card.itemId)!;
    if (first.at < cardPost.at) expect(JSON.stringify(first.body.blocks)).toContain(`https://triage.example.test/board/conversations/${card.itemId}`);
    expect(alertPosts((k) => k === row.id)).toHaveLength(1);
  });

  it("repeated threats in one conversation update one alert (count, latest text); after the window a new alert is posted", async () => {
    const conv = conversation();
    const first = message("refund now or I file a chargeback with my bank", conv, 0);
    expect((await postTikTokWebhook(h.app, first.body)).status).toBe(200);
    const { row } = await alertFor(first.messageId);
    await eventually(async () => (await h.deps.db.select().from(alerts).where(eq(alerts.id, row.id)))[0]?.status === "posted", 20_000, "posted");
    for (const [i, text] of ["still waiting. chargeback today", "my lawyer will contact you, and I report you to TikTok"].entries()) {
      const m = message(text, conv, 5 + i * 5);
      expect((await postTikTokWebhook(h.app, m.body)).status).toBe(200);
    }
    const [latest] = await eventually(async () => {
      const rows = await h.deps.db.select().from(alerts).where(eq(alerts.id, row.id));
      return rows[0]?.count === 3 && rows[0].renderedVersion === rows[0].version ? rows : null;
    }, 20_000, "three messages in the group, rendered");
    const shown = JSON.stringify(alertMessage(latest!.externalRef!).blocks);
    expect(shown).toContain("3 high-risk messages");
    expect(shown).toContain("my lawyer will contact you");
    expect(alertPosts((k) => k === row.id)).toHaveLength(1);
    expect(vendors.slack.callsTo("chat.update").filter((c) => c.body.ts === latest!.externalRef).length).toBeGreaterThan(0);

    // 45 minutes after the last one (window: 30 min): a new group, a new alert.
    const later = message("I will report you to TikTok now and file a chargeback", conv, 55);
    expect((await postTikTokWebhook(h.app, later.body)).status).toBe(200);
    const { row: second } = await alertFor(later.messageId);
    expect(second.id).not.toBe(row.id);
    await eventually(() => alertPosts((k) => k === second.id).length === 1, 20_000, "second alert");
  });

  it("buyer text cannot ping or link from an alert", async () => {
    const evil = "<!channel> <@U0MANAGER1> refund or I report you to TikTok <https://evil.example/x|click here> &amp;";
    const msg = message(evil, conversation());
    expect((await postTikTokWebhook(h.app, msg.body)).status).toBe(200);
    const { row } = await alertFor(msg.messageId);
    const posted = await eventually(async () => {
      const [r] = await h.deps.db.select().from(alerts).where(eq(alerts.id, row.id));
      return r?.externalRef ? alertMessage(r.externalRef) : null;
    }, 20_000, "alert");
    const blocks = posted.blocks as { type: string; text?: { type: string; text: string }; elements?: { type: string; text: string }[] }[];
    const mrkdwn = blocks.flatMap((b) => [b.text, ...(b.elements ?? [])]).filter((t) => t?.type === "mrkdwn").map((t) => t!.text);
    expect(mrkdwn.join("\n")).not.toContain("<!channel>");
    expect(mrkdwn.join("\n")).not.toContain("evil.example");
    // Only the configured managers are mentioned, each once, at the start.
    expect(mrkdwn.join("\n").match(/<@U0MANAGER1>/g)).toHaveLength(1);
    const plain = blocks.find((b) => b.type === "section" && b.text?.type === "plain_text")!;
    expect(plain.text!.text).toBe(evil);
    expect(posted.text).toContain("&lt;!channel&gt;");
    expect(posted.text).not.toContain("<https://evil");
  });

  it("an alert whose post answer was lost is found again, not posted twice", async () => {
    vendors.slack.loseResponseNext("chat.postMessage", 1, { channel: ALERT_CHANNEL });
    const msg = message("this is fraud, I will sue you and call the police", conversation());
    expect((await postTikTokWebhook(h.app, msg.body)).status).toBe(200);
    const { row } = await alertFor(msg.messageId);
    const done = await eventually(async () => {
      const [r] = await h.deps.db.select().from(alerts).where(eq(alerts.id, row.id));
      return r?.status === "posted" ? r : null;
    }, 30_000, "alert recorded as posted");
    expect(alertPosts((k) => k === row.id)).toHaveLength(1);
    expect(vendors.slack.messages(ALERT_CHANNEL).filter((m) => m.metadata?.event_payload.key === row.id)).toHaveLength(1);
    expect(done.externalRef).toBe(vendors.slack.messages(ALERT_CHANNEL).find((m) => m.metadata?.event_payload.key === row.id)!.ts);
    expect(vendors.slack.callsTo("conversations.history").some((c) => c.body.channel === ALERT_CHANNEL)).toBe(true);
  });

  it.runIf(backend === "postgres")("two instances on one database post one alert per group", async () => {
    const other = await startHarness("postgres", ALERT_ENV, { databaseUrl: h.databaseUrl });
    try {
      const conv = conversation();
      const msgs = Array.from({ length: 6 }, (_, i) => message(`chargeback #${i}: I will report this shop to TikTok`, conv, i));
      const res = await Promise.all(msgs.map((m, i) => postTikTokWebhook((i % 2 ? other : h).app, m.body)));
      expect(res.every((r) => r.status === 200)).toBe(true);
      const rows = await eventually(async () => {
        const groups = await groupsOf(h, conv);
        return groups.length === 1 && groups[0]!.count === 6 && groups[0]!.status === "posted" ? groups : null;
      }, 30_000, "one group of six");
      await eventually(() => vendors.slack.messages(ALERT_CHANNEL).filter((m) => m.metadata?.event_payload.key === rows[0]!.id).length === 1, 10_000, "posted");
      expect(alertPosts((k) => k === rows[0]!.id)).toHaveLength(1);
    } finally {
      await other.stop();
    }
  }, 90_000);
});
