import { ne, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { triageItems } from "../../db/schema/index.ts";
import { BACKENDS } from "../support/databases.ts";
import { ALERT_CHANNEL, ALERT_ENV, eventually, freshMessage, postTikTokWebhook, startHarness, startVendorMocks, type Harness } from "../support/harness.ts";

const vendors = startVendorMocks();
afterAll(() => vendors.close());

const BURST = 500;
const ORDINARY = ["Hi, is the pink one still in stock? I need size M", "how much is shipping to Jakarta?", "do you have this in black?", "can I get a discount if I buy 3?"];
const THREAT = "This is a scam. I will file a chargeback with my bank and report this shop to TikTok if my refund is not here today";

/**
 * Done-when: a chargeback/report threat's alert is not queued behind a burst of ordinary
 * messages. The burst is acknowledged first (500 classify jobs waiting), then the workers start
 * and the threat arrives; when the threat is acknowledged and at the moment its alert reaches the
 * alert channel we count how many burst messages were classified. Ordering, not wall-clock: the
 * alert must land while most of the burst still waits. (Latency: `npm run bench`.)
 */
describe.each(BACKENDS)("a high-risk alert under a burst on %s", (backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(backend, ALERT_ENV, { workers: false });
  }, 60_000);
  afterAll(async () => h?.stop());

  it(`overtakes ${BURST} ordinary messages`, async () => {
    for (let i = 0; i < BURST; i += 25) {
      const batch = Array.from({ length: Math.min(25, BURST - i) }, (_, j) => postTikTokWebhook(h.app, freshMessage(ORDINARY[(i + j) % ORDINARY.length]!).body));
      expect((await Promise.all(batch)).every((r) => r.status === 200)).toBe(true);
    }
    const processed = async () =>
      Number((await h.deps.db.select({ n: sql<number>`count(*)` }).from(triageItems).where(ne(triageItems.state, "received")))[0]!.n);

    let atAlert: number | null = null;
    const stopListening = vendors.slack.onCall(async (method, body, answer) => {
      if (method === "chat.postMessage" && body.channel === ALERT_CHANNEL && answer.ok === true && atAlert === null) atAlert = await processed();
    });
    let atAck: number;
    try {
      // The threat arrives while the workers start, not after: registering ~80 pg-boss workers
      // takes a while on PGlite, and the classify workers registered first already drain the
      // burst meanwhile (38 to 455 of 500 gone before the threat was even sent), which left
      // nothing to overtake.
      const started = h.startWorkers();
      const threat = freshMessage(THREAT);
      expect((await postTikTokWebhook(h.app, threat.body)).status).toBe(200);
      atAck = await processed();
      await started;
      await eventually(() => atAlert !== null, 30_000, "the alert");
    } finally {
      stopListening();
    }
    console.log(`alert under burst ${backend}: ${atAck} of ${BURST} classified when the threat was acknowledged, ${atAlert! - 1} when its alert landed`);
    // A backlog was there to overtake (on embedded PGlite the workers share the one connection with
    // the webhook, so part of the burst is classified before the threat is even stored)…
    expect(BURST - atAck).toBeGreaterThan(BURST / 5);
    // …and the alert did not wait for it: most of what was still queued at the threat is still queued.
    expect(atAlert! - 1 - atAck).toBeLessThan((BURST - atAck) / 2);
    const alert = vendors.slack.messages(ALERT_CHANNEL).at(-1)!;
    expect(alert.metadata?.event_type).toBe("triage_alert");
    expect(alert.text).toContain("<@U0MANAGER1> <@U0MANAGER2>");
    expect(JSON.stringify(alert.blocks)).toContain("chargeback");
  }, 180_000);
});
