import { describe, expect, it } from "vitest";
import { featurizeHashes, featurizeNames } from "./featurize.js";
import { hashName, normalize, textFeatures } from "./features.js";
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

describe("features", () => {
  it("normalizes case, width, digits, links and elongations", () => {
    expect(normalize("ＰＲＥＣＩＯｏｏｏ  123456789 www.x.com/a")).toBe("precioo 0000 url");
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
    const fast = createVectorizer(packed, names.length);
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
