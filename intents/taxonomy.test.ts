import { describe, expect, it } from "vitest";
import { createTaxonomy, defaultTaxonomy, DEFAULT_INTENT_IDS } from "./taxonomy.js";

describe("taxonomy registry", () => {
  it("has every default intent with both labels and a description", () => {
    expect(defaultTaxonomy.all.map((e) => e.id)).toEqual(DEFAULT_INTENT_IDS);
    for (const e of defaultTaxonomy.all) {
      expect(e.zh.length, e.id).toBeGreaterThan(0);
      expect(e.en.length, e.id).toBeGreaterThan(0);
      expect(e.description.length, e.id).toBeGreaterThan(0);
    }
    expect(defaultTaxonomy.label("bargain")).toBe("议价");
    expect(defaultTaxonomy.label("bargain", "en")).toBe("Bargaining");
    expect(defaultTaxonomy.groupLabel("logistics")).toBe("物流");
  });

  it("renames, hides and adds intents per shop", () => {
    const shop = createTaxonomy({
      rename: { bargain: { zh: "砍价" } },
      hide: ["invoice", "bulk_order"],
      add: [{ id: "live_giveaway", group: "price", zh: "直播抽奖", en: "Live giveaway" }],
    });
    expect(shop.label("bargain")).toBe("砍价");
    expect(shop.label("bargain", "en")).toBe("Bargaining");
    expect(shop.isHidden("invoice")).toBe(true);
    expect(shop.has("invoice")).toBe(true); // old decisions still render
    expect(shop.visible.map((e) => e.id)).not.toContain("invoice");
    expect(shop.visible.map((e) => e.id)).toContain("live_giveaway");
    expect(shop.groupOf("live_giveaway")).toBe("price");
    expect(shop.label("unknown_id")).toBe("unknown_id");
    expect(defaultTaxonomy.label("bargain")).toBe("议价"); // the default is not mutated
  });

  it("rejects overrides that would break the contract", () => {
    expect(() => createTaxonomy({ rename: { nope: { en: "x" } } })).toThrow(/unknown intent/);
    expect(() => createTaxonomy({ hide: ["nope"] })).toThrow(/unknown intent/);
    expect(() => createTaxonomy({ add: [{ id: "bargain", group: "price", zh: "x", en: "x" }] })).toThrow(/already exists/);
    expect(() => createTaxonomy({ add: [{ id: "Bad Id", group: "price", zh: "x", en: "x" }] })).toThrow();
    expect(createTaxonomy({ hide: ["other"] }).isHidden("other")).toBe(false);
  });
});
