import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { UpstreamError } from "../../../src/errors.ts";
import type { CardModel } from "../../../src/ports.ts";
import { createSlackFake } from "../../../test/msw/slack.ts";
import { renderCard, renderEditModal } from "./blocks.ts";
import { createSlackSurface } from "./index.ts";

const API = "https://slack.test/api";
const TOKEN = "xoxb-surface-test";
const CH = "C0TRIAGE";
const fake = createSlackFake({ apiUrl: API, botToken: TOKEN });
const server = setupServer(...fake.handlers);
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => fake.reset());
afterAll(() => server.close());

// Pacing is covered in client.test.ts; here it would only slow the scenarios down.
const surface = createSlackSurface({ botToken: TOKEN, apiUrl: API, postIntervalMs: 0 });

function card(over: Partial<CardModel> = {}): CardModel {
  return {
    itemId: "itm_surface01",
    shop: { name: "Luna Home", platform: "tiktok_shop" },
    buyer: "m***a",
    lang: "en",
    text: "Where is my parcel? <!channel>",
    receivedAt: new Date("2025-03-01T08:30:00Z"),
    intent: { id: "order_status", zh: "订单状态", en: "Order status", groupZh: "物流", groupEn: "Logistics" },
    confidence: 0.92,
    unsure: false,
    sentiment: "neutral",
    risk: "low",
    riskFlags: [],
    evidence: ["where is my parcel"],
    suggestion: { text: "It ships today; tracking follows.", source: "template:order_status" },
    state: "carded",
    claimedBy: null,
    outcome: null,
    actions: ["approve", "edit", "claim", "dismiss"],
    intentChoices: [],
    ...over,
  };
}

describe("Slack surface", () => {
  it("postCard posts the rendered card with findable metadata and returns its ref", async () => {
    const ref = await surface.postCard(CH, card(), "itm_surface01");
    const [call] = fake.callsTo("chat.postMessage");
    expect(call!.body).toEqual({
      channel: CH,
      ...renderCard(card()),
      metadata: { event_type: "triage_card", event_payload: { item_id: "itm_surface01" } },
      unfurl_links: false,
      unfurl_media: false,
    });
    expect(ref).toEqual({ channel: CH, ts: fake.messages(CH)[0]!.ts });
  });

  it("after an unknown outcome, findPostedCard finds the card that did land, and only that one", async () => {
    const since = new Date();
    await surface.postCard(CH, card({ itemId: "itm_other" }), "itm_other");
    fake.loseResponseNext("chat.postMessage");
    const err = await surface.postCard(CH, card(), "itm_surface01").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UpstreamError);
    expect((err as UpstreamError).retry).toBe(true);

    const found = await surface.findPostedCard(CH, "itm_surface01", since);
    expect(found).toEqual({ channel: CH, ts: fake.messages(CH)[1]!.ts });
    expect(await surface.findPostedCard(CH, "itm_never_posted", since)).toBeNull();
    const [history] = fake.callsTo("conversations.history");
    expect(history!.body).toMatchObject({ channel: CH, include_all_metadata: "true", limit: "100" });
    expect(Number(history!.body.oldest)).toBeLessThan(since.getTime() / 1000);
  });

  it("findPostedCard pages through busy channels", async () => {
    const since = new Date();
    await surface.postCard(CH, card(), "itm_surface01");
    for (let i = 0; i < 120; i++) await surface.postCard(CH, card({ itemId: `itm_noise${i}` }), `itm_noise${i}`);
    expect(await surface.findPostedCard(CH, "itm_surface01", since)).toEqual({ channel: CH, ts: fake.messages(CH)[0]!.ts });
    expect(fake.callsTo("conversations.history")).toHaveLength(2);
  });

  it("updateCard rewrites the card in place: settled, with the actor and no buttons", async () => {
    const ref = await surface.postCard(CH, card(), "itm_surface01");
    const settled = card({ state: "sent", actions: [], outcome: { kind: "sent", by: { surface: "slack", id: "U024BE7LH" }, at: new Date("2025-03-01T09:00:00Z"), text: "It ships today; tracking follows." } });
    await surface.updateCard(ref, settled);
    const [call] = fake.callsTo("chat.update");
    expect(call!.body).toEqual({ channel: CH, ts: ref.ts, ...renderCard(settled), metadata: { event_type: "triage_card", event_payload: { item_id: "itm_surface01" } } });
    const stored = fake.messages(CH)[0]!;
    expect(stored.blocks!.some((b) => (b as { type: string }).type === "actions")).toBe(false);
    expect(JSON.stringify(stored.blocks)).toContain("<@U024BE7LH>");
    expect(fake.messages(CH)).toHaveLength(1);
  });

  it("updateCard on a card Slack does not know is a non-retryable error", async () => {
    const err = await surface.updateCard({ channel: CH, ts: "1.000001" }, card()).catch((e: unknown) => e);
    expect(err).toMatchObject({ vendorCode: "message_not_found", retry: false });
  });

  it("openEditor opens the prefilled modal with the trigger id", async () => {
    await surface.openEditor("123.456.abcdef", card(), "Draft text");
    expect(fake.callsTo("views.open")[0]!.body).toEqual({ trigger_id: "123.456.abcdef", view: renderEditModal(card(), "Draft text") });
  });

  it("notifyUser sends an ephemeral message to that user only", async () => {
    await surface.notifyUser(CH, "U0CLICKER", "Already claimed by <@U024BE7LH>");
    expect(fake.ephemerals).toEqual([expect.objectContaining({ channel: CH, user: "U0CLICKER", text: "Already claimed by <@U024BE7LH>" })]);
  });

  it("Slack accepts the worst-case card (hostile text, every limit pushed)", async () => {
    const worst = card({
      text: `<!channel> ${"x".repeat(9000)}`,
      shop: { name: "S<!here>".repeat(40), platform: "tiktok_shop" },
      evidence: Array.from({ length: 30 }, () => "<!everyone>".repeat(40)),
      intent: { id: "other", zh: "其".repeat(2500), en: "O".repeat(2500), groupZh: "g", groupEn: "G" },
      suggestion: { text: "y".repeat(6000), source: "llm" },
      actions: ["approve", "edit", "claim", "reclassify", "escalate", "dismiss"],
      intentChoices: Array.from({ length: 140 }, (_, i) => ({ id: `intent_${i}`, label: "L".repeat(120) })),
      claimedBy: { surface: "slack", id: "U1ABC" },
    });
    await expect(surface.postCard(CH, worst, "itm_surface01")).resolves.toMatchObject({ channel: CH });
    await expect(surface.openEditor("123.456.abcdef", worst, "z".repeat(5000))).resolves.toBeUndefined();
  });
});
