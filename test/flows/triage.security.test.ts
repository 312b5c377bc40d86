import { SLACK_MAX_SKEW_SECONDS } from "../../adapters/chat/slack/verify.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BACKENDS } from "../support/databases.ts";
import { click, eventually, freshMessage, postSlack, postTikTokWebhook, startHarness, startVendorMocks, TEST_ENV, type Harness } from "../support/harness.ts";
import { countRows, itemState, postedCard } from "../support/queries.ts";
import { signTikTokWebhook } from "../msw/tiktok.ts";

// These run on the wall clock: a timestamp one second outside the window came back inside it
// once the request took a second to arrive (a loaded CI machine, plus the seconds' truncation),
// so they stay a minute outside. The exact ±300 s boundary is tested with a fixed clock in
// adapters/chat/slack/verify.test.ts.
const OUTSIDE_WINDOW = SLACK_MAX_SKEW_SECONDS + 60;

const vendors = startVendorMocks();
afterAll(() => vendors.close());

/** Every mrkdwn string in a Slack message: where a `<!channel>` would be live. */
function mrkdwnStrings(message: { text: string; blocks?: unknown[] }): string[] {
  const out = [message.text];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === "object") {
      const o = node as Record<string, unknown>;
      if (o.type === "mrkdwn" && typeof o.text === "string") out.push(o.text);
      Object.values(o).forEach(walk);
    }
  };
  walk(message.blocks);
  return out;
}

describe.each(BACKENDS)("security on %s", (backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(backend);
  }, 60_000);
  afterAll(async () => h?.stop());

  async function expectNothingChanged(before: Awaited<ReturnType<typeof countRows>>) {
    expect(await countRows(h.deps)).toEqual(before);
    expect((await h.app.request("/healthz")).status).toBe(200);
  }

  describe("TikTok webhooks", () => {
    const cases: [string, (body: string) => Promise<{ body: string; authorization: string | null }>, number][] = [
      ["unsigned", async (body) => ({ body, authorization: null }), 401],
      ["forged signature", async (body) => ({ body, authorization: "0".repeat(64) }), 401],
      ["signed with another secret", async (body) => ({ body, authorization: await signTikTokWebhook(body, TEST_ENV.TIKTOK_SHOP_APP_KEY, "wrong_secret") }), 401],
      ["body changed after signing", async (body) => ({ body: body.replace("pink", "blue"), authorization: await signTikTokWebhook(body, TEST_ENV.TIKTOK_SHOP_APP_KEY, TEST_ENV.TIKTOK_SHOP_APP_SECRET) }), 401],
      ["malformed JSON, signed", async () => {
        const body = '{"type":14,"data":';
        return { body, authorization: await signTikTokWebhook(body, TEST_ENV.TIKTOK_SHOP_APP_KEY, TEST_ENV.TIKTOK_SHOP_APP_SECRET) };
      }, 400],
      ["wrong envelope, signed", async () => {
        const body = JSON.stringify({ type: "fourteen", data: [] });
        return { body, authorization: await signTikTokWebhook(body, TEST_ENV.TIKTOK_SHOP_APP_KEY, TEST_ENV.TIKTOK_SHOP_APP_SECRET) };
      }, 400],
    ];
    it.each(cases)("%s → %i, nothing stored, service healthy", async (_name, make, status) => {
      const before = await countRows(h.deps);
      const { body, authorization } = await make(freshMessage("is the pink one in stock?").body);
      const res = await postTikTokWebhook(h.app, body, { authorization });
      expect(res.status).toBe(status);
      expect(await res.json()).toMatchObject({ error: { code: expect.any(String) } });
      await expectNothingChanged(before);
    });

    it("a signed event of another type is acknowledged and ignored", async () => {
      const before = await countRows(h.deps);
      const body = JSON.stringify({ type: 1, tts_notification_id: "9990001", shop_id: "7494726673780148744", timestamp: 1664095733, data: { order_id: "576684019603311365", order_status: "AWAITING_SHIPMENT" } });
      const res = await postTikTokWebhook(h.app, body);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ outcome: "ignored" });
      await expectNothingChanged(before);
    });
  });

  describe("Slack requests", () => {
    let card: { itemId: string; ref: { channel: string; ts: string } };
    beforeAll(async () => {
      const msg = freshMessage("<!channel> <@U0BOSS> click <https://evil.example/login|your refund> & win >>");
      expect((await postTikTokWebhook(h.app, msg.body)).status).toBe(200);
      card = await eventually(() => postedCard(h.deps, msg.messageId), 20_000, "card");
    });

    it("buyer text cannot inject mentions or links into the card", async () => {
      const message = vendors.slack.messages(TEST_ENV.SLACK_TRIAGE_CHANNEL).find((m) => m.ts === card.ref.ts)!;
      expect(JSON.stringify(message.blocks)).toContain("evil.example"); // the text is shown…
      for (const text of mrkdwnStrings(message)) {
        expect(text).not.toMatch(/<!channel>|<@U0BOSS>|<https:\/\/evil/); // …but never live
      }
    });

    const forged: [string, (raw: string) => Promise<Response>][] = [
      ["bad signature", (raw) => postSlack(h.app, raw, { secret: "not-the-secret" })],
      ["stale timestamp", (raw) => postSlack(h.app, raw, { ts: Math.floor(Date.now() / 1000) - OUTSIDE_WINDOW })],
      ["future timestamp", (raw) => postSlack(h.app, raw, { ts: Math.floor(Date.now() / 1000) + OUTSIDE_WINDOW })],
      ["no signature", async (raw) => h.app.request("/slack/events", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: raw })],
    ];
    it.each(forged)("an Approve with a %s is rejected with 401 and changes nothing", async (_name, send) => {
      const sentBefore = vendors.tiktok.sent.length;
      const before = await countRows(h.deps);
      const res = await send(click("approve", card.itemId, card.ref, "U0MALLORY"));
      expect(res.status).toBe(401);
      await new Promise((r) => setTimeout(r, 300));
      expect((await itemState(h.deps, card.itemId))?.state).toBe("carded");
      expect(vendors.tiktok.sent.length).toBe(sentBefore);
      await expectNothingChanged(before);
    });

    it("a malformed signed interactivity body gets 400 and changes nothing", async () => {
      const before = await countRows(h.deps);
      const res = await postSlack(h.app, "payload=%7Bnot-json");
      expect(res.status).toBe(400);
      await expectNothingChanged(before);
    });

    it("answers url_verification with the challenge", async () => {
      const raw = JSON.stringify({ token: "x", challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", type: "url_verification" });
      const res = await postSlack(h.app, raw, { contentType: "application/json" });
      expect(await res.json()).toEqual({ challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" });
    });

    it("once claimed, only the claimer can approve: others are told and nothing is sent", async () => {
      const msg = freshMessage("can you ship to Singapore?");
      await postTikTokWebhook(h.app, msg.body);
      const c = await eventually(() => postedCard(h.deps, msg.messageId), 20_000, "card");
      await postSlack(h.app, click("claim", c.itemId, c.ref, "U0OWNER"));
      await eventually(async () => (await itemState(h.deps, c.itemId))?.state === "claimed", 10_000, "claimed");
      const sentBefore = vendors.tiktok.sent.length;
      const notesBefore = vendors.slack.ephemerals.length;
      expect((await postSlack(h.app, click("approve", c.itemId, c.ref, "U0INTRUDER"))).status).toBe(200);
      const note = await eventually(() => vendors.slack.ephemerals.slice(notesBefore).find((e) => e.user === "U0INTRUDER"), 10_000, "ephemeral");
      expect(note.text).toContain("<@U0OWNER>");
      expect((await itemState(h.deps, c.itemId))?.state).toBe("claimed");
      expect(vendors.tiktok.sent.length).toBe(sentBefore);
    });
  });
});
