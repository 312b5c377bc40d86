import { describe, expect, it } from "vitest";
import { featurizeHashes, featurizeNames } from "./featurize.js";
import { hashName, normalize, textFeatures, tokenize } from "./features.js";
import { lexiconText } from "./lexicons/match.js";
import { readCorpus } from "./read-corpus.js";
import { FeatureTable, vectorize } from "./linear-model.js";
import { createVectorizer, packHeads } from "./packed-model.js";

const SAMPLES = [
  { text: "còn size M ko shop 😍😍" },
  { text: "ราคาเท่าไหร่ครับ" },
  { text: "这个有货吗？多少钱" },
  { text: "Preciooooo??? https://bit.ly/abc 12345678", context: ["Shop: son 450 pesos"] },
  { text: "在庫ありますか", context: ["ご注文ありがとうございます"] },
  { text: "pin tụt nhanh, không tốt, nhưng camera đẹp, nói chung hài lòng" },
];

// The regex chains the hand-written scans replaced: the scans must give exactly these strings.
const URL = /\b(?:https?:\/\/|www\.)\S+|\b[a-z0-9-]+\.(?:ly|com|co|me|id|my|shop|link)\/\S*/giu;
const referenceNormalize = (text: string): string => {
  const lower = text.normalize("NFKC").toLowerCase();
  return (lower.includes(".") || lower.includes("/") ? lower.replace(URL, " url ") : lower)
    .replace(/\d/gu, "0")
    .replace(/0{4,}/gu, "0000")
    .replace(/(\P{N})\1{2,}/gu, "$1$1")
    .replace(/\s+/gu, " ")
    .trim();
};
const referenceTokenize = (s: string): string[] => s.match(/[\p{L}\p{M}\p{N}]+|\p{Extended_Pictographic}|[?？!！$¥€₫฿]/gu) ?? [];
const referenceLexiconText = (text: string): string =>
  " " + text.normalize("NFKC").toLowerCase().replace(/(\p{L})\1{2,}/gu, "$1$1").replace(/[^\p{L}\p{M}\p{N}'’\-/*%]+/gu, " ").trim() + " ";

const TRICKY = [
  "",
  "   ",
  " a\t\tb\n ",
  "\u00a0x\u3000y\u2028z ",
  "0000000 1234567 00 12",
  "sooo goood!!! ???",
  "😂😂😂😂 ❤️❤️❤️ 👍🏽👍🏽👍🏽",
  "ดีมากกกก ๑๑๑๑",
  "好好好好吃",
  "o\u0308o\u0308o\u0308 ßßß İİİ ﬁﬁﬁ ｱｱｱ",
  "doesn't—it's 10/10 f**k 100% a-to-z",
  "lone \ud83d surrogate \ud83d\ud83d\ud83d",
  "www.shop.com/abc?x=1 and http://bit.ly/x",
  "$$$ €€ ₫ ฿฿฿ ！！ ？？",
];

describe("text scans", () => {
  it("normalize, tokenize and lexiconText equal their regex definitions on tricky strings and the whole corpus", () => {
    const corpus = readCorpus();
    const texts = [...TRICKY, ...corpus.intents.map((r) => r.text), ...corpus.sentiment.map((r) => r.text)];
    for (const t of texts) {
      const n = normalize(t);
      expect(n, t).toBe(referenceNormalize(t));
      expect(tokenize(n), t).toEqual(referenceTokenize(n));
      expect(lexiconText(t), t).toBe(referenceLexiconText(t));
    }
  });
});

describe("features", () => {
  it("normalizes case, width, digits, links and elongations", () => {
    expect(normalize("ＰＲＥＣＩＯｏｏｏ  123456789 www.x.com/a")).toBe("precioo 0000 url");
  });

  // Thai has no spaces: words come from Intl.Segmenter (full ICU in Node, and in Workers).
  it("reads Thai words: unigrams, bigrams and the negation scope", () => {
    const f = textFeatures("อาหารร้านนี้ไม่อร่อยเลย");
    expect(f).toContain("w:อาหาร");
    expect(f).toContain("b:ไม่ อร่อย");
    expect(f).toContain("n:อร่อย");
    expect(f.filter((x) => x.startsWith("n:"))).not.toContain("n:อาหาร");
  });

  it("uses character n-grams for scripts without spaces", () => {
    const f = textFeatures("有货吗");
    expect(f).toContain("c:有货");
    expect(f).toContain("c:货");
  });

  // Training works on names, serving on hashes computed while generating: they must agree.
  it("hashes computed while generating equal the hashes of the names", () => {
    for (const s of SAMPLES) {
      const names = featurizeNames(s);
      const hashes = featurizeHashes(s);
      expect(hashes.text.hashes).toEqual(names.text.names.map(hashName));
      expect(hashes.context.hashes).toEqual(names.context.names.map(hashName));
      expect(hashes.lex.hashes).toEqual(names.lex.names.map(hashName));
    }
  });

  it("the serving vectorizer gives the trainer's vector", () => {
    const names = [...new Set(SAMPLES.flatMap((s) => [...featurizeNames(s).text.names, ...featurizeNames(s).context.names, ...featurizeNames(s).lex.names]))];
    const table = new FeatureTable(names.map(hashName));
    const zero = (L: number) => ({ labels: Array.from({ length: L }, (_, i) => String(i)), weights: new Int8Array(names.length * L), scale: 1, bias: new Float32Array(L), temperature: 1 });
    const packed = packHeads(names.length, table, { intent: zero(3), sentiment: zero(2), flags: zero(1) });
    const fast = createVectorizer(packed);
    for (const s of SAMPLES) {
      const h = featurizeHashes(s);
      const a = vectorize(h.text.hashes, h.context.hashes, table, h.lex.hashes);
      const b = fast(h.text.hashes, h.context.hashes, h.lex.hashes);
      const asMap = (idx: ArrayLike<number>, val: ArrayLike<number>, n: number) => {
        const m = new Map<number, number>();
        for (let i = 0; i < n; i++) m.set(idx[i]!, (m.get(idx[i]!) ?? 0) + val[i]!);
        return [...m.entries()].sort((x, y) => x[0] - y[0]).map(([k, v]) => [k, Math.round(v * 1e9)]);
      };
      expect(asMap(b.idx, b.val, b.n)).toEqual(asMap(a.idx, a.val, a.idx.length));
    }
  });
});
