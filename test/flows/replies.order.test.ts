import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BACKENDS } from "../support/databases.ts";
import { buildEditSubmission, click, eventually, freshMessage, postSlack, postTikTokWebhook, startHarness, startVendorMocks, TEST_ENV, type Harness } from "../support/harness.ts";
import { inTransitOrder } from "../msw/tiktok-orders.ts";
import { itemState, postedCard, replyFor } from "../support/queries.ts";

const vendors = startVendorMocks();
afterAll(() => vendors.close());
const SHOP_ID = "7494726673780148744";
const BUYER = "7436545389012345678";
const ADMIN = "test-admin-token";
const now = Math.floor(Date.now() / 1000);

vendors.tiktok.addOrder(
  inTransitOrder(now, {
    user_id: BUYER,
    tracking: [
      { description: "Parcel has been picked up by courier", update_time_millis: (now - 2 * 86400) * 1000 },
      { description: "Arrived at sorting centre Jakarta", update_time_millis: (now - 3600) * 1000 },
    ],
  }),
);

const cardOf = (ref: { ts: string }) => vendors.slack.messages(TEST_ENV.SLACK_TRIAGE_CHANNEL).find((m) => m.ts === ref.ts)!;

describe.each(BACKENDS)("replies: order context and compliance on %s", (backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(backend, { ADMIN_TOKEN: ADMIN });
  }, 90_000);
  afterAll(async () => h?.stop());

  async function carded(text: string, opts: Parameters<typeof freshMessage>[1] = {}) {
    const msg = freshMessage(text, opts);
    expect((await postTikTokWebhook(h.app, msg.body)).status).toBe(200);
    return { ...msg, ...(await eventually(() => postedCard(h.deps, msg.messageId), 20_000, "card")) };
  }

  it("an order_status message shows the order and tracking on the card and in the reply, which Approve sends", async () => {
    const { itemId, ref } = await carded("where is my order 576461413038785752?? still not arrived");
    const item = (await itemState(h.deps, itemId))!;
    expect(item.intent).toBe("order_status");
    expect(item.orderContext).toMatchObject({ orderId: "576461413038785752", status: "IN_TRANSIT", trackingNumber: "JX0123456789ID", carrier: "J&T Express" });
    expect(item.suggestedReply).toContain("JX0123456789ID");
    expect(item.suggestedReply).toContain("J&T Express");
    expect(item.suggestedReply).not.toMatch(/\{[a-z_]+\}/);
    const blocks = JSON.stringify(cardOf(ref).blocks);
    expect(blocks).toContain("576461413038785752");
    expect(blocks).toContain("JX0123456789ID");
    expect(blocks).toContain("Arrived at sorting centre Jakarta");
    // The lookups were signed calls the fake accepted.
    const calls = vendors.tiktok.requests.filter((r) => r.path.startsWith("/order/") || r.path.startsWith("/fulfillment/"));
    expect(calls.map((r) => `${r.method} ${r.path} ${r.code}`)).toEqual(
      expect.arrayContaining(["GET /order/202309/orders 0", "GET /fulfillment/202309/orders/576461413038785752/tracking 0"]),
    );
    const sentBefore = vendors.tiktok.sent.length;
    await postSlack(h.app, click("approve", itemId, ref));
    await eventually(async () => (await itemState(h.deps, itemId))?.state === "sent", 15_000, "sent");
    expect(vendors.tiktok.sent.slice(sentBefore).map((s) => s.text)).toEqual([item.suggestedReply]);
  });

  it("without an order id the buyer's latest order is found by order search; without data the reply has no empty variable", async () => {
    const { itemId } = await carded("where is my order? its been a week");
    const item = (await itemState(h.deps, itemId))!;
    expect(item.orderContext?.orderId).toBe("576461413038785752");
    expect(vendors.tiktok.requests.some((r) => r.path === "/order/202309/orders/search" && r.code === 0 && JSON.parse(r.rawBody).buyer_user_id === BUYER)).toBe(true);
    expect(item.suggestedReply).toContain("JX0123456789ID");
  });

  it("an order-related message whose buyer has no order gets a reply without any empty variable", async () => {
    const { itemId } = await carded("I want to cancel my order 999999999999999999", { buyerId: "7436545389000000077" });
    const item = (await itemState(h.deps, itemId))!;
    expect(item.orderContext).toBeNull();
    expect(item.suggestedReply).toBeTruthy();
    expect(item.suggestedReply).not.toMatch(/\{[a-z_]*\}|999999999999999999/);
  });

  it("Approve of a blocked suggestion sends nothing and tells the clicker which rule and why; the card shows it", async () => {
    for (const intent of ["greeting", "other"]) {
      const res = await h.app.request("/api/templates", {
        method: "POST",
        headers: { authorization: `Bearer ${ADMIN}`, "content-type": "application/json" },
        body: JSON.stringify({ shopId: SHOP_ID, intent, lang: "en", variant: 0, text: "Hi! Chat with us on WhatsApp for faster help." }),
      });
      expect([201, 400]).toContain(res.status);
    }
    const { itemId, ref } = await carded("hello there");
    const item = (await itemState(h.deps, itemId))!;
    expect(item.suggestedReply).toContain("WhatsApp");
    expect(JSON.stringify(cardOf(ref).blocks)).toMatch(/Blocked.*messaging_app/);
    const sentBefore = vendors.tiktok.sent.length;
    const notesBefore = vendors.slack.ephemerals.length;
    expect((await postSlack(h.app, click("approve", itemId, ref, "U0APPROVER"))).status).toBe(200);
    const note = await eventually(() => vendors.slack.ephemerals.slice(notesBefore).find((e) => e.user === "U0APPROVER"), 10_000, "ephemeral");
    expect(note.text).toMatch(/Not sent.*messaging_app.*WhatsApp/s);
    await new Promise((r) => setTimeout(r, 800));
    expect(vendors.tiktok.sent.length).toBe(sentBefore);
    expect((await itemState(h.deps, itemId))?.state).toBe("carded");
    expect(await replyFor(h.deps, itemId)).toEqual([]);
  });

  it("Edit with a blocked text is refused in the modal, nothing is sent, and a compliant edit then goes out", async () => {
    const { itemId } = await carded("do you have this in black?");
    const sentBefore = vendors.tiktok.sent.length;
    const res = await postSlack(h.app, buildEditSubmission({ itemId, text: "Yes! It's the cheapest in Indonesia, email me at ana@shop.example", userId: "U0EDITOR", viewId: "V0BLOCK1" }));
    const body = (await res.json()) as { response_action: string; errors: Record<string, string> };
    expect(body.response_action).toBe("errors");
    expect(Object.values(body.errors).join(" ")).toMatch(/absolute_claim.*cheapest/s);
    expect(Object.values(body.errors).join(" ")).toMatch(/email/);
    await new Promise((r) => setTimeout(r, 800));
    expect(vendors.tiktok.sent.length).toBe(sentBefore);
    expect((await itemState(h.deps, itemId))?.state).toBe("carded");
    const ok = await postSlack(h.app, buildEditSubmission({ itemId, text: "Yes, black is in stock in all sizes.", userId: "U0EDITOR", viewId: "V0BLOCK2" }));
    expect(ok.status).toBe(200);
    await eventually(async () => (await itemState(h.deps, itemId))?.state === "sent", 15_000, "sent");
    expect(vendors.tiktok.sent.slice(sentBefore).map((s) => s.text)).toEqual(["Yes, black is in stock in all sizes."]);
  });
});
