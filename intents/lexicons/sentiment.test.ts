import { describe, expect, it } from "vitest";
import { lexiconText } from "./match.js";
import { toneCounts } from "./sentiment.js";

const tone = (text: string) => toneCounts(lexiconText(text));

describe("toneCounts", () => {
  it("counts a praise word under a negator as a complaint", () => {
    expect(tone("rasanya tidak enak sama sekali")).toMatchObject({ neg: 1, pos: 0, negatedPos: 1, last: "neg" });
    expect(tone("not very good, to be honest")).toMatchObject({ neg: 1, pos: 0, negatedPos: 1 });
    expect(tone("camera không đẹp")).toMatchObject({ neg: 1, pos: 0 });
    expect(tone("sp ko tốt, pin hông ổn")).toMatchObject({ neg: 2, pos: 0, negatedPos: 2 }); // chat spellings of không
  });

  it("counts a complaint word under a negator as praise", () => {
    expect(tone("barangnya tidak mengecewakan")).toMatchObject({ neg: 0, pos: 1, negatedNeg: 1, last: "pos" });
    expect(tone("honestly not bad")).toMatchObject({ neg: 0, pos: 1, negatedNeg: 1 });
  });

  it("counts a word inside a longer entry once, as the longer entry", () => {
    // "tốt" is praise, "không tốt" a complaint: one complaint, not a mixed review.
    expect(tone("máy không tốt")).toMatchObject({ neg: 1, pos: 0, negatedPos: 0 });
    expect(tone("很不满意")).toMatchObject({ neg: 1, pos: 0 });
  });

  it("lets a negator reach past a degree word only, never past another word", () => {
    expect(tone("tidak terlalu bagus")).toMatchObject({ neg: 1, pos: 0, negatedPos: 1 });
    expect(tone("tidak pernah kecewa belanja di sini")).toMatchObject({ neg: 0, pos: 1, negatedNeg: 1 });
    expect(tone("no worries, thanks a lot")).toMatchObject({ neg: 0, pos: 1, negatedPos: 0 });
    expect(tone("k thx, received")).toMatchObject({ neg: 0, pos: 1 }); // "k" is okay, not không
  });

  it("never lets a negator reach past another tone word", () => {
    expect(tone("no complaints, great seller")).toMatchObject({ neg: 0, pos: 2, negatedNeg: 1, negatedPos: 0 });
    expect(tone("pin tốt nhưng camera không đẹp")).toMatchObject({ neg: 1, pos: 1, last: "neg" });
    expect(tone("the battery is good and the screen is bad")).toMatchObject({ neg: 1, pos: 1, negatedPos: 0, negatedNeg: 0 });
  });
});

describe("Vietnamese everyday words are not complaints", () => {
  it("reads tức là, ngay lập tức, tin tức, xin lỗi and tác giả as calm", () => {
    for (const text of ["tức là máy bản quốc tế", "mở app là chạy ngay lập tức", "đọc tin tức buổi sáng", "xin lỗi mình hỏi chút", "tác giả viết hay"]) {
      expect(tone(text).neg, text).toBe(0);
    }
    expect(tone("tức quá, giao sai màu").neg).toBeGreaterThan(0);
    expect(tone("máy bị lỗi loa").neg).toBe(1);
  });
});
