import { beforeAll, describe, expect, it } from "vitest";
import { loadLocalClassifier } from "./load-local-classifier.js";
import type { LocalClassifier } from "./local-classifier.js";
import { readCorpus } from "./read-corpus.js";
import { ClassificationSchema, DEFAULT_INTENT_IDS, DEFAULT_INTENTS, type DefaultIntentId } from "./taxonomy.js";
import { LANGS, UNSEEN } from "./testdata/unseen-examples.js";

let clf: LocalClassifier;
beforeAll(async () => {
  clf = await loadLocalClassifier();
});

describe("unseen examples: every intent in every language", () => {
  it("covers all 31 intents × 9 languages, none of them in the corpus", () => {
    expect(Object.keys(UNSEEN).sort()).toEqual([...DEFAULT_INTENT_IDS].sort());
    const corpus = readCorpus();
    const known = new Set([...corpus.intents, ...corpus.sentiment].map((r) => r.text.trim().toLowerCase()));
    const leaked = Object.values(UNSEEN).flat().filter((t) => known.has(t.trim().toLowerCase()));
    expect(leaked).toEqual([]);
  });

  // Why 0.8: on held-out corpus lines (harder: slang, typos, context) the model is right about
  // 70% of the time; these are clear, one-intent lines, on which it scored 0.90–1.00 per language
  // when written. 0.8 leaves room for a retrain to move a borderline line or two without letting
  // a broken language (or a broken feature pipeline, which drops every language) pass.
  it.each(LANGS.map((lang, i) => [lang, i] as const))("%s: intent accuracy ≥ 0.8, group accuracy ≥ 0.85", (lang, i) => {
    let intentOk = 0;
    let groupOk = 0;
    const misses: string[] = [];
    for (const id of DEFAULT_INTENT_IDS) {
      const text = UNSEEN[id][i]!;
      const out = clf.classifySync({ text });
      expect(ClassificationSchema.parse(out)).toEqual(out);
      if (out.intent === id) intentOk++;
      else misses.push(`${id} → ${out.intent}: ${text}`);
      if (out.group === DEFAULT_INTENTS[id].group) groupOk++;
    }
    const n = DEFAULT_INTENT_IDS.length;
    expect(intentOk / n, misses.join("\n")).toBeGreaterThanOrEqual(0.8);
    expect(groupOk / n).toBeGreaterThanOrEqual(0.85);
  });

  // The lines a CS lead would call unmistakable: each must get exactly its label.
  const clear: [string, DefaultIntentId][] = [
    ["ราคาเท่าไหร่ครับ แบบสีแดง", "price_inquiry"],
    ["còn size M ko shop", "stock_availability"],
    ["berapa kak?", "price_inquiry"],
    ["link pls", "buy_link"],
    ["我想取消订单", "cancel_order"],
    ["注文をキャンセルしたいです", "cancel_order"],
    ["wurde meine Bestellung schon verschickt?", "order_status"],
    ["quiero devolver el producto y que me reembolsen", "return_refund"],
    ["kak tolong batalin pesanan aku ya", "cancel_order"],
    ["saya nak pulangkan barang dan minta refund", "return_refund"],
    ["转人工客服", "human_agent"],
    ["ขอยกเลิกคำสั่งซื้อค่ะ", "cancel_order"],
  ];
  it.each(clear)("%s → %s", (text, intent) => {
    expect(clf.classifySync({ text }).intent).toBe(intent);
  });
});

describe("classification contract", () => {
  it("returns the schema with evidence, version and source", async () => {
    const out = await clf.classify({ text: "where is my parcel? ordered 2 weeks ago" });
    expect(ClassificationSchema.parse(out)).toEqual(out);
    expect(out.source).toBe("local");
    expect(out.model_version).toBe(clf.version);
    expect(out.evidence.length).toBeGreaterThan(0);
    expect(out.group).toBe("logistics");
  });

  it("shows staff words and risk-flag matches as evidence, never the tone signals (neg, mixed, ...)", () => {
    const texts = ["terrible quality, broke after one day, I want my money back", "barangnya jelek banget, nyesel beli", "ของไม่ดีเลย ผิดหวังมาก", "质量太差了，很失望", "this is a scam, I will report you"];
    const evidence = texts.flatMap((text) => clf.classifySync({ text }).evidence);
    expect(evidence.length).toBeGreaterThan(0);
    expect(evidence.filter((e) => e.startsWith("lexicon: ") && !/^lexicon: [a-z_]+$/.test(e))).toEqual([]);
    expect(evidence.filter((e) => /^lexicon: (neg|pos|mixed|anger|negation|question|last-|more-|negated-)/.test(e))).toEqual([]);
  });

  it("is deterministic and handles empty or emoji-only text", () => {
    const a = clf.classifySync({ text: "ada warna lain kak?" });
    expect(clf.classifySync({ text: "ada warna lain kak?" })).toEqual(a);
    for (const text of ["", "   ", "👍👍👍", "???"]) {
      const out = clf.classifySync({ text });
      expect(ClassificationSchema.parse(out)).toEqual(out);
    }
  });
});

describe("context", () => {
  it("a bare 'expensive' after a price quote is bargaining", () => {
    for (const [text, context] of [
      ["expensive", ["It's $45 with free shipping"]],
      ["贵", ["这款 129 元包邮"]],
      ["mahal", ["Rp 150rb kak"]],
      ["แพงจัง", ["ราคา 590 บาทค่ะ"]],
      ["đắt quá", ["giá 250k ạ"]],
      ["muy caro", ["cuesta 600 pesos"]],
      ["zu teuer", ["kostet 39 euro"]],
      ["高い", ["価格は3980円です"]],
    ] as const) {
      const out = clf.classifySync({ text, context: [...context] });
      expect(out.intent, `${text} after ${context[0]}`).toBe("bargain");
      expect(out.unsure).toBe(false);
    }
  });

  it("'still nothing' after a tracking exchange is order_status with rising risk", () => {
    const alone = clf.classifySync({ text: "still nothing" });
    const chased = clf.classifySync({ text: "still nothing", context: ["where is my order?", "Shipped on Monday, tracking JT12345"] });
    expect(chased.intent).toBe("order_status");
    expect(["medium", "high"]).toContain(chased.risk);
    const levels = ["none", "low", "medium", "high", "critical"];
    expect(levels.indexOf(chased.risk)).toBeGreaterThan(levels.indexOf(alone.risk) - 1);
    expect(chased.risk_flags).toContain("urgent");
    for (const [text, context] of [
      ["还是没有", ["已经发货了，单号SF123"]],
      ["masih belum sampai kak", ["paket sudah dikirim ya kak, resi JNE123"]],
      ["vẫn chưa nhận được", ["shop đã gửi hàng rồi, mã vận đơn GHN123"]],
    ] as const) {
      const out = clf.classifySync({ text, context: [...context] });
      expect(out.intent, text).toBe("order_status");
      expect(["medium", "high"]).toContain(out.risk);
    }
  });
});

describe("unsure path", () => {
  it("says unsure below the threshold instead of a confident label", () => {
    // Lines with no intent in them: keyboard mash, a bare "so?", a vague reference.
    for (const text of ["asdfgh qwerty", "so?", "the thing from yesterday"]) {
      const out = clf.classifySync({ text });
      expect(out.confidence, text).toBeLessThan(clf.threshold);
      expect(out.unsure, text).toBe(true);
    }
  });

  it("a stricter threshold makes more results unsure, and confident ones stay confident", async () => {
    const strict = await loadLocalClassifier({ threshold: 0.999 });
    expect(strict.classifySync({ text: "ok" }).unsure).toBe(true);
    const lax = await loadLocalClassifier({ threshold: 0.01 });
    expect(lax.classifySync({ text: "ok" }).unsure).toBe(false);
    expect(clf.classifySync({ text: "我想取消订单" }).unsure).toBe(false);
  });

  it("never answers an intent the shop hid", async () => {
    const { createTaxonomy } = await import("./taxonomy.js");
    const shop = await loadLocalClassifier({ taxonomy: createTaxonomy({ hide: ["bargain"] }) });
    const out = shop.classifySync({ text: "can you give me a discount? too expensive" });
    expect(out.intent).not.toBe("bargain");
  });
});

describe("negative-tone threshold per language", () => {
  // A calm Vietnamese line and a mild complaint: with the threshold at 0 every line is negative,
  // at 1 only lines the sentiment head ranks negative outright; other languages keep the global value.
  it("the artifact's per-language value decides for lines detected in that language only", async () => {
    const { readFile } = await import("node:fs/promises");
    const { MODEL_PATH } = await import("./load-local-classifier.js");
    const { createLocalClassifier } = await import("./local-classifier.js");
    const artifact = JSON.parse(await readFile(MODEL_PATH, "utf8")) as Record<string, unknown>;
    const calmVi = "mình nhận được hàng rồi nha shop";
    const calmEn = "do you have this in blue?";
    const eager = createLocalClassifier({ ...artifact, negativeAtByLang: { vi: 0 } });
    expect(eager.classifySync({ text: calmVi }).lang).toBe("vi");
    expect(eager.classifySync({ text: calmVi }).sentiment).toBe("negative");
    expect(eager.classifySync({ text: calmEn }).sentiment).not.toBe("negative");
    // The shipped model uses one threshold from the cost ratio for every language (no per-language
    // values: chosen on our held-out F1 curve they wandered between retrains).
    const { MISSED_NEGATIVE_COST, negativeThresholdForCost } = await import("./train/build-model.js");
    expect(artifact.negativeAtByLang).toEqual({});
    expect(artifact.negativeAt).toBeCloseTo(negativeThresholdForCost(MISSED_NEGATIVE_COST), 3);
    expect(negativeThresholdForCost(2)).toBeCloseTo(1 / 3, 9);
    expect(() => negativeThresholdForCost(0)).toThrow();
    // An artifact from before per-language values still loads (global value everywhere).
    const { negativeAtByLang: _dropped, ...old } = artifact;
    expect(createLocalClassifier(old).classifySync({ text: calmVi }).sentiment).not.toBe("negative");
  });
});
