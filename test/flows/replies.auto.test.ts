import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ShopRepliesSchema } from "../../src/replies/shop-settings.ts";
import { rolloutBucket } from "../../src/replies/auto-policy.ts";
import { BACKENDS } from "../support/databases.ts";
import { click, eventually, freshMessage, postSlack, postTikTokWebhook, startHarness, startVendorMocks, TEST_ENV, type Harness } from "../support/harness.ts";
import { decisionsFor, itemState, postedCard, replyFor } from "../support/queries.ts";

const vendors = startVendorMocks();
afterAll(() => vendors.close());
const LINK = "https://shop.tiktok.com/view/product/1729385018463";

describe.each(BACKENDS)("replies: auto-reply policy on %s", (backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(backend);
  }, 90_000);
  afterAll(async () => h?.stop());

  /** The env-configured shop's policy, changed in place (the config object is what the pipeline reads). */
  function policy(autoReply: Record<string, unknown>) {
    h.deps.config.shops[0]!.replies = ShopRepliesSchema.parse({ productLink: LINK, autoReply });
  }
  const ON = { mode: "on", intents: ["buy_link"], defaultMinConfidence: 0.3, rolloutPercent: 100 };

  async function settled(text: string, opts: Parameters<typeof freshMessage>[1] = {}) {
    const msg = freshMessage(text, opts);
    expect((await postTikTokWebhook(h.app, msg.body)).status).toBe(200);
    const card = await eventually(() => postedCard(h.deps, msg.messageId), 20_000, "card");
    return { ...msg, ...card, item: (await itemState(h.deps, card.itemId))! };
  }
  const cardOf = (ts: string) => vendors.slack.messages(TEST_ENV.SLACK_TRIAGE_CHANNEL).find((m) => m.ts === ts)!;

  it("on, buy_link, 100%: a 'link?' message is answered without a click, with the product link, and shown as auto-replied", async () => {
    policy(ON);
    const sentBefore = vendors.tiktok.sent.length;
    const { itemId, ref, item } = await settled("link please");
    expect(item.state).toBe("auto_replied");
    expect(item.intent).toBe("buy_link");
    const [reply] = await eventually(async () => {
      const rows = await replyFor(h.deps, itemId);
      return rows[0]?.status === "sent" ? rows : null;
    }, 15_000, "auto reply sent");
    expect(reply!.text).toContain(LINK);
    expect(vendors.tiktok.sent.slice(sentBefore).map((s) => s.text)).toEqual([reply!.text]);
    const [decision] = await decisionsFor(h.deps, itemId);
    expect(decision).toMatchObject({ action: "auto_reply", actor: { surface: "system", id: "auto-reply" }, finalText: reply!.text, toState: "auto_replied" });
    const card = await eventually(() => {
      const c = cardOf(ref.ts);
      return c && JSON.stringify(c.blocks).includes("Auto-replied") && JSON.stringify(c.blocks).includes("(sent)") ? c : null;
    }, 15_000, "auto-replied card");
    expect(JSON.stringify(card.blocks)).not.toMatch(/triage:(approve|edit):/);
  });

  it("at 0% rollout the message is carded for a human and the skip is recorded", async () => {
    policy({ ...ON, rolloutPercent: 0 });
    const sentBefore = vendors.tiktok.sent.length;
    const { itemId, item } = await settled("link please");
    expect(item.state).toBe("carded");
    const [decision] = await decisionsFor(h.deps, itemId);
    expect(decision).toMatchObject({ action: "auto_reply_skipped", actor: { id: "auto-reply" }, finalText: null });
    expect(decision!.note).toMatch(/rollout/);
    await new Promise((r) => setTimeout(r, 500));
    expect(vendors.tiktok.sent.length).toBe(sentBefore);
  });

  it("canary: conversations are split by their stable bucket", async () => {
    policy({ ...ON, rolloutPercent: 50 });
    const inside = Array.from({ length: 200 }, (_, i) => `57646958943${String(i).padStart(7, "0")}`).find((k) => rolloutBucket(k) < 50)!;
    const outside = Array.from({ length: 200 }, (_, i) => `57646958944${String(i).padStart(7, "0")}`).find((k) => rolloutBucket(k) >= 50)!;
    expect((await settled("link please", { conversationId: inside })).item.state).toBe("auto_replied");
    expect((await settled("link please", { conversationId: outside })).item.state).toBe("carded");
  });

  it("a risk flag sends the message to a human even for an allowed intent", async () => {
    // The intent is allowed too, so the risk check is what stops it.
    policy({ ...ON, intents: ["buy_link", "complaint"] });
    const { itemId, item } = await settled("link please or I will report you to tiktok and leave a 1 star review, scam!!");
    expect(item.state).toBe("carded");
    const [decision] = await decisionsFor(h.deps, itemId);
    expect(decision?.action).toBe("auto_reply_skipped");
    expect(decision?.note).toMatch(/risk is (low|medium|high|critical)/);
  });

  it("shadow mode sends nothing and records the would-be reply", async () => {
    policy({ ...ON, mode: "shadow" });
    const sentBefore = vendors.tiktok.sent.length;
    const { itemId, item } = await settled("link please");
    expect(item.state).toBe("carded");
    const [decision] = await decisionsFor(h.deps, itemId);
    expect(decision).toMatchObject({ action: "auto_reply_shadow", actor: { surface: "system", id: "auto-reply" } });
    expect(decision!.finalText).toContain(LINK);
    expect(await replyFor(h.deps, itemId)).toEqual([]);
    await new Promise((r) => setTimeout(r, 500));
    expect(vendors.tiktok.sent.length).toBe(sentBefore);
  });

  it("a conversation a person has claimed is never auto-answered", async () => {
    policy({ mode: "off" });
    const conversationId = `5764695895${Date.now() % 1e8}`;
    const first = await settled("do you have this in black?", { conversationId });
    expect((await postSlack(h.app, click("claim", first.itemId, first.ref, "U0CLAIMER"))).status).toBe(200);
    await eventually(async () => (await itemState(h.deps, first.itemId))?.state === "claimed", 10_000, "claimed");
    policy(ON);
    const second = await settled("link please", { conversationId });
    expect(second.item.state).toBe("carded");
    const [decision] = await decisionsFor(h.deps, second.itemId);
    expect(decision?.note).toMatch(/person has claimed/);
  });

  it("off: nothing is auto-answered and no auto decision is recorded", async () => {
    policy({ ...ON, mode: "off" });
    const { itemId, item } = await settled("link please");
    expect(item.state).toBe("carded");
    expect(await decisionsFor(h.deps, itemId)).toEqual([]);
  });
});
