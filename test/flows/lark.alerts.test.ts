import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sweepDueSla } from "../../src/sla/check-sla.ts";
import { createLarkFake } from "../msw/lark.ts";
import { BACKENDS } from "../support/databases.ts";
import { eventually, freshMessage, postTikTokWebhook, startHarness, startVendorMocks, type Harness } from "../support/harness.ts";
import { CHAT, LARK_ENV, NO_SLACK, postedOn } from "./lark-support.ts";

const ALERT_CHAT = "oc_5ad11d72b830411d72b836c20000009";
const MANAGERS = ["ou_manager00001", "ou_manager00002"];
const lark = createLarkFake({ baseUrl: LARK_ENV.LARK_DOMAIN, appId: LARK_ENV.LARK_APP_ID, appSecret: LARK_ENV.LARK_APP_SECRET, chats: [CHAT, ALERT_CHAT] });
const vendors = startVendorMocks(lark.handlers);
afterAll(() => vendors.close());

const HOUR = 3600_000;
const FIRE = "the charger caught fire and burned my hand, this is dangerous";

describe.each(BACKENDS)("Lark alerts, buzz and SLA reminders on %s", (backend) => {
  let h: Harness;
  let now = new Date();
  beforeAll(async () => {
    h = await startHarness(backend, { ...NO_SLACK, ...LARK_ENV, LARK_ALERT_CHAT: ALERT_CHAT, LARK_ALERT_MANAGERS: MANAGERS.join(",") }, { now: () => now });
  }, 60_000);
  afterAll(async () => h?.stop());

  async function carded(text: string, conversationId?: string) {
    const msg = freshMessage(text, conversationId ? { conversationId } : {});
    expect((await postTikTokWebhook(h.app, msg.body)).status).toBe(200);
    return { ...msg, ...(await eventually(() => postedOn(h.deps, msg.messageId, "lark"), 20_000, "lark card")) };
  }
  const alertsIn = () => lark.messages(ALERT_CHAT).filter((m) => !m.parent_id);

  it("a critical message posts a red alert card mentioning the managers, linked to the card's chat, and buzzes them once", async () => {
    const conversationId = `59${Date.now() % 1e9}01`;
    const before = alertsIn().length;
    const { ref } = await carded(FIRE, conversationId);
    const alert = await eventually(() => {
      const a = alertsIn()[before];
      return a && JSON.stringify(a.card).includes(`openChatId=${ref.channel}`) ? a : null;
    }, 20_000, "alert card with the card link");
    expect(alert.card.header.template).toBe("red");
    const json = JSON.stringify(alert.card);
    expect(json).toContain("<at id=ou_manager00001></at> <at id=ou_manager00002></at>");
    expect(json).toContain("https://applink.feishu.cn/client/chat/open?openChatId=");
    // The buyer's text is plain_text only: never inside a markdown element.
    const markdown = (alert.card.body.elements as { tag: string; content?: string }[]).filter((e) => e.tag === "markdown").map((e) => e.content).join("\n");
    expect(markdown).not.toContain("caught fire");
    const buzz = await eventually(() => lark.urgents.filter((u) => u.message_id === alert.message_id), 10_000, "buzz");
    expect(buzz).toEqual([{ message_id: alert.message_id, user_id_list: MANAGERS, user_id_type: "open_id" }]);

    // A second critical message in the conversation: the same alert card is updated, no second buzz.
    await carded("it is still smoking, my kid got burned too", conversationId);
    await eventually(() => JSON.stringify(lark.message(alert.message_id)!.card).includes("2 条高风险消息"), 20_000, "alert updated to two messages");
    expect(alertsIn()).toHaveLength(before + 1);
    expect(lark.urgents.filter((u) => u.message_id === alert.message_id)).toHaveLength(1);
  });

  it("a high (not critical) message alerts without a buzz", async () => {
    const before = alertsIn().length;
    const urgents = lark.urgents.length;
    await carded("I will report this shop to TikTok and open a dispute");
    const alert = await eventually(() => alertsIn()[before], 20_000, "alert");
    expect(alert.card.header.template).toBe("orange");
    await eventually(() => JSON.stringify(lark.message(alert.message_id)!.card).includes("openChatId="), 20_000, "linked");
    expect(lark.urgents.length).toBe(urgents);
  });

  it("an unclaimed item gets its SLA reminder as a reply in the card's thread, once", async () => {
    now = new Date();
    const start = now;
    const { ref } = await carded("hi, can you ship to Cebu?");
    now = new Date(start.getTime() + 6.1 * HOUR);
    await sweepDueSla(h.deps);
    const replies = await eventually(() => {
      const r = lark.messages(CHAT).filter((m) => m.parent_id === ref.ts);
      return r.length ? r : null;
    }, 15_000, "thread reply");
    expect(replies).toHaveLength(1);
    expect(replies[0]!.thread).toBe(true);
    expect(JSON.stringify(replies[0]!.card)).toContain("50%");
    await sweepDueSla(h.deps);
    expect(lark.messages(CHAT).filter((m) => m.parent_id === ref.ts)).toHaveLength(1);
    now = new Date();
  });
});
