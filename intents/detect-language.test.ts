import { describe, expect, it } from "vitest";
import { detectLanguage } from "./detect-language.js";
import { LANGS, UNSEEN } from "./testdata/unseen-examples.js";

describe("detectLanguage", () => {
  // Short buyer lines written for the tests. Malay is held to 0.85: without a marker word
  // ("tolong batalkan order saya") a line is honestly Indonesian too, and ties go to Indonesian.
  it.each(LANGS.map((lang, i) => [lang, i] as const))("%s: unseen short lines", (lang, i) => {
    const lines = Object.values(UNSEEN).map((l) => l[i]!);
    const wrong = lines.filter((t) => detectLanguage(t) !== lang);
    const accuracy = 1 - wrong.length / lines.length;
    expect(accuracy, wrong.join(" | ")).toBeGreaterThanOrEqual(lang === "ms" ? 0.85 : 0.95);
  });

  it.each([
    ["ราคาเท่าไหร่ครับ", "th"],
    ["còn size M ko shop", "vi"],
    ["berapa kak?", "id"],
    ["ready stok ga kak", "id"],
    ["boleh pos ke sabah tak", "ms"],
    ["nak tukar saiz", "ms"],
    ["magkano po ito", "tl"],
    ["salamat po sa mabilis na delivery", "tl"],
    ["多少钱", "zh"],
    ["有没有free shipping voucher", "zh"],
    ["いくらですか", "ja"],
    ["在庫ありますか", "ja"], // kanji + kana: Japanese, not Chinese
    ["link pls", "en"],
    ["cuánto cuesta el envío", "es"],
    ["wie lange dauert der Versand", "de"],
  ])("%s → %s", (text, lang) => {
    expect(detectLanguage(text)).toBe(lang);
  });

  it("has nothing to go on for emoji and digits", () => {
    expect(detectLanguage("👍👍")).toBe("und");
    expect(detectLanguage("1111")).toBe("und");
  });
});
