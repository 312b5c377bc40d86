import { describe, expect, it } from "vitest";
import type { BoardCard } from "../../../src/board/queries.ts";
import { renderCard } from "./render.ts";

const base: BoardCard = {
  itemId: "itm_0lq3x9k2aabcdefghij",
  version: 2,
  conversationId: "cnv_1",
  shopId: "shp_1",
  shop: { name: "Luna Home", platform: "tiktok_shop" },
  buyer: "m***a",
  lang: "en",
  text: "where is my parcel?",
  receivedAt: new Date("2025-03-01T08:30:00Z"),
  intent: { id: "order_status", zh: "物流查询", en: "Order status", groupZh: "物流", groupEn: "Logistics" },
  confidence: 0.9,
  unsure: false,
  sentiment: "neutral",
  risk: "none",
  riskFlags: [],
  evidence: [],
  suggestion: null,
  state: "carded",
  claimedBy: null,
  outcome: null,
  actions: ["claim"],
  intentChoices: [],
};

describe("board card", () => {
  it("shows the SLA deadline while the item waits", async () => {
    const html = String(await renderCard({ ...base, slaDueAt: new Date("2025-03-01T20:30:00Z") }));
    expect(html).toContain('<span class="sla">reply by <time datetime="2025-03-01T20:30:00.000Z">2025-03-01 20:30 UTC</time></span>');
    expect(String(await renderCard(base))).not.toContain('class="sla"');
  });
});
