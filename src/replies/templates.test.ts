import { describe, expect, it } from "vitest";
import { DEFAULT_INTENT_IDS } from "../../intents/taxonomy.ts";
import { createComplianceGuard } from "../compliance/check.ts";
import { DEFAULT_LIBRARY, OFF_HOURS_INTENT, REPLY_LANGS } from "./defaults.ts";
import { render, renderFirst, slotsOf, TEMPLATE_VARIABLES, unknownSlots, type TemplateVars } from "./render.ts";
import { templateVars } from "./vars.ts";

const FULL: TemplateVars = {
  buyer_name: "Ana",
  product: "Linen Shirt",
  order_id: "576461413038785752",
  order_status: "on its way",
  tracking_number: "JX0123456789ID",
  carrier: "J&T Express",
  eta: "2026-11-20",
  coupon: "WELCOME10",
  product_link: "https://shop.tiktok.com/view/product/1729385018463",
  opens_at: "09:00",
};
const NONE: TemplateVars = {};
const LINKS = {
  tiktok_shop: "https://shop.tiktok.com/view/product/1729385018463",
  shopee: "https://shopee.co.id/product/123/456",
  lazada: "https://www.lazada.co.id/products/i123456.html",
};
const UNFILLED = /\{[^}]*\}/;
const REPLY_INTENTS = [...DEFAULT_INTENT_IDS.filter((i) => i !== "spam"), OFF_HOURS_INTENT];

describe("default reply library", () => {
  it.each(REPLY_LANGS)("%s has a template for every intent, with a last variant that needs no data", (lang) => {
    const templates = DEFAULT_LIBRARY[lang].templates;
    for (const intent of REPLY_INTENTS) {
      const variants = templates[intent];
      expect(variants, `${lang}/${intent}`).toBeDefined();
      expect(slotsOf(variants!.at(-1)!), `${lang}/${intent} fallback`).toEqual([]);
      for (const v of variants!) expect(unknownSlots(v), `${lang}/${intent}`).toEqual([]);
    }
  });

  it.each(REPLY_LANGS)("every %s template renders with and without data, never leaving a {variable}", (lang) => {
    for (const [intent, variants] of Object.entries(DEFAULT_LIBRARY[lang].templates)) {
      for (const vars of [FULL, NONE]) {
        const hit = renderFirst(variants, vars);
        expect(hit, `${lang}/${intent}`).not.toBeNull();
        expect(hit!.text, `${lang}/${intent}`).not.toMatch(UNFILLED);
      }
      // With full data every variant renders (so each one is reachable and fully filled).
      for (const v of variants) expect(render(v, FULL), `${lang}/${intent}: ${v}`).not.toMatch(UNFILLED);
      // Each variable alone: whatever is picked is complete.
      for (const name of TEMPLATE_VARIABLES) {
        const hit = renderFirst(variants, { [name]: FULL[name] });
        expect(hit!.text).not.toMatch(UNFILLED);
      }
    }
  });

  it("falls back to a variant without the variable when its value is missing or blank", () => {
    const variants = DEFAULT_LIBRARY.en.templates.order_status!;
    expect(renderFirst(variants, { order_id: "1", order_status: "on its way", carrier: "J&T", tracking_number: "  " })!.index).toBe(1);
    expect(renderFirst(variants, { order_id: "1" })!.index).toBe(2);
    expect(render("Tracking {tracking_number}", { tracking_number: "" })).toBeNull();
  });

  it("every default template passes the compliance guard on every platform", () => {
    const guard = createComplianceGuard();
    for (const lang of REPLY_LANGS) {
      for (const [intent, variants] of Object.entries(DEFAULT_LIBRARY[lang].templates)) {
        for (const v of variants) {
          for (const [platform, link] of Object.entries(LINKS)) {
            const text = render(v, { ...FULL, product_link: link })!;
            const blocked = guard.check(text, null, platform).violations.filter((x) => x.severity === "block");
            expect(blocked, `${lang}/${intent}/${platform}: ${text}`).toEqual([]);
          }
        }
      }
    }
  });

  it("builds variables from an order in the buyer's language and ignores masked buyer names", () => {
    const order = { orderId: "576461413038785752", status: "IN_TRANSIT", products: ["Linen Shirt"], trackingNumber: "JX1", carrier: "J&T", events: [], eta: "2026-11-20T10:00:00.000Z" };
    expect(templateVars({ lang: "id", order, buyerName: "ana***" })).toMatchObject({ order_status: "dalam perjalanan", eta: "2026-11-20", buyer_name: null, product: "Linen Shirt" });
    expect(templateVars({ lang: "xx", order, buyerName: "Ana" })).toMatchObject({ order_status: "on its way", buyer_name: "Ana" });
  });
});
