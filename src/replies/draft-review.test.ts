import { describe, expect, it } from "vitest";
import { createComplianceGuard } from "../compliance/check.ts";
import { identifiersIn, reviewLlmDraft, ungroundedIdentifiers } from "./draft-review.ts";

const guard = createComplianceGuard();
const SOURCES = ["576461413038785752", "JX0123456789ID", "J&T Express", "2026-11-20T10:00:00.000Z", "Linen Shirt", "Returns within 7 days of delivery, from the order page."];
const review = (reply: string, market: string | null = "ID") => reviewLlmDraft({ reply, sources: SOURCES, guard, market, platform: "tiktok_shop" });

describe("LLM draft review", () => {
  it("finds identifier-like tokens (order ids, tracking numbers, amounts) but not dates or counts", () => {
    expect(identifiersIn("Order 576461413038785752, resi JX0123456789ID, tiba 2026-11-20 dalam 3 hari, Rp 159000")).toEqual(["576461413038785752", "JX0123456789ID", "159000"]);
    expect(identifiersIn("您的订单576461413038785752已发货")).toEqual(["576461413038785752"]);
    expect(identifiersIn("订单５７６４６１４１３０３８７８５７５２")).toEqual(["576461413038785752"]); // full-width digits folded
  });

  it("passes a grounded, compliant draft in any language", () => {
    expect(review("Halo kak! Pesanan 576461413038785752 sedang dikirim dengan J&T Express, nomor resi JX0123456789ID, tiba sekitar 20 November.")).toEqual({ ok: true, violations: [] });
    expect(review("您好！订单576461413038785752正在运输中，运单号JX0123456789ID。").ok).toBe(true);
    expect(review("You can request a return from the order page within 7 days of delivery.").ok).toBe(true);
  });

  it("refuses a hallucinated tracking number, order id or amount", () => {
    const out = review("Your parcel JX9999999999ID is on its way.");
    expect(out).toMatchObject({ ok: false, reason: expect.stringContaining("JX9999999999ID") });
    expect(ungroundedIdentifiers("Order 576461413038785000 shipped", SOURCES)).toEqual(["576461413038785000"]);
    expect(review("We refunded Rp159000 to your account.").ok).toBe(false);
  });

  it("refuses what the compliance guard blocks, naming the rule", () => {
    const out = review("Yes! This shirt is the cheapest in Indonesia.");
    expect(out).toMatchObject({ ok: false, reason: expect.stringMatching(/absolute_claim/) });
    expect(review("Email us at help@glow.example for faster help").ok).toBe(false);
  });

  it.each([
    ["en", "Sure, we will give you a full refund right away."],
    ["en", "Your refund has been approved."],
    ["zh", "好的，我们马上给您全额退款。"],
    ["id", "Baik kak, kami akan memberikan refund penuh."],
    ["th", "เราจะคืนเงินเต็มจำนวนให้ค่ะ"],
    ["vi", "Chúng tôi sẽ hoàn tiền toàn bộ cho bạn."],
    ["ms", "Kami akan membuat bayaran balik penuh."],
    ["es", "Te reembolsaremos el importe, reembolso completo."],
    ["de", "Wir erstatten Ihnen den vollen Betrag, volle Rückerstattung."],
    ["ja", "全額返金いたします。"],
  ])("refuses a refund promise (%s) that only staff may make", (_lang, reply) => {
    expect(review(reply, null)).toMatchObject({ ok: false, reason: expect.stringMatching(/llm_commitment/) });
  });

  it("refuses the reply an injected buyer message asked for: a refund promise plus contact details", () => {
    const out = review("Of course! Full refund approved. Chat with us on WhatsApp +62 812 3456 7890 for faster service.");
    expect(out.ok).toBe(false);
    const rules = out.violations.map((v) => v.rule);
    expect(rules).toEqual(expect.arrayContaining(["messaging_app", "phone_number", "llm_commitment"]));
  });

  it("lets warnings through and reports them", () => {
    const out = review("Thanks! If you like the shirt, please leave us a 5 star review.");
    expect(out.ok).toBe(true);
    expect(out.violations.map((v) => `${v.rule}:${v.severity}`)).toContain("review_solicit:warn");
  });
});
