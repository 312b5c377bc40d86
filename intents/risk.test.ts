import { beforeAll, describe, expect, it } from "vitest";
import { isQuestionText } from "./featurize.js";
import { lexiconFlags, lexiconText } from "./lexicons/risk.js";
import { loadLocalClassifier } from "./load-local-classifier.js";
import type { LocalClassifier } from "./local-classifier.js";
import { deriveRisk } from "./risk-level.js";
import type { RiskFlag } from "./taxonomy.js";

let clf: LocalClassifier;
beforeAll(async () => {
  clf = await loadLocalClassifier();
});

// Written for this test (not in the corpus): one or more lines per flag, across the nine languages.
const FLAGGED: [string, RiskFlag][] = [
  ["the heater sparked and burned my daughter's hand", "safety_hazard"],
  ["充电器冒烟了，差点着火", "safety_hazard"],
  ["pakai krim ini muka saya jadi gatal-gatal dan bengkak, alergi parah", "safety_hazard"],
  ["ใช้แล้วผื่นขึ้นเต็มหน้า แพ้หนักมาก", "safety_hazard"],
  ["sạc bị chập điện, suýt cháy nhà", "safety_hazard"],
  ["sạc bị rò điện, con tôi bị điện giật", "safety_hazard"],
  ["anak saya dilarikan ke rumah sakit setelah makan ini", "safety_hazard"],
  ["ăn xong đau bụng phải vào bệnh viện", "safety_hazard"],
  ["กินแล้วปวดท้องหนักมาก ต้องเข้าโรงพยาบาลเมื่อคืน", "safety_hazard"],
  ["el cargador se incendió y me quemé la mano", "safety_hazard"],
  ["das Ladegerät ist explodiert und hat Feuer gefangen", "safety_hazard"],
  ["使ったら肌がかぶれて病院に行きました", "safety_hazard"],
  ["kalau tak refund saya buat laporan polis", "legal_threat"],
  ["我要报警", "legal_threat"],
  ["voy a llamar a mi abogado", "legal_threat"],
  ["ich schalte meinen Anwalt ein", "legal_threat"],
  ["ถ้าไม่คืนเงินจะแจ้งความ", "legal_threat"],
  ["i'm filing a chargeback with my bank", "platform_dispute"],
  ["我要申请平台介入", "platform_dispute"],
  ["aku laporin ke shopee ya", "platform_dispute"],
  ["if this isn't fixed i'll leave a 1 star review", "bad_review_threat"],
  ["不退款就给差评", "bad_review_threat"],
  ["awas ya aku kasih bintang 1", "bad_review_threat"],
  ["shop làm ăn kiểu này em đánh giá 1 sao", "bad_review_threat"],
  ["you are scammers, you stole my money", "fraud_accusation"],
  ["penipu! barang gak dikirim", "fraud_accusation"],
  ["อย่าซื้อร้านนี้ โกงเงิน", "fraud_accusation"],
  ["this is fake, not what you advertised", "fraud_accusation"],
  ["you stupid idiots", "abusive"],
  ["dasar goblok", "abusive"],
  ["I'm going to post this on tiktok so everyone knows", "public_exposure"],
  ["我要曝光你们", "public_exposure"],
  ["aku viralin toko ini", "public_exposure"],
  ["need it asap, it's a gift for tomorrow", "urgent"],
  ["急用，今天能发吗", "urgent"],
  ["ด่วนมากค่ะ ต้องใช้พรุ่งนี้", "urgent"],
];

describe("risk flags", () => {
  it.each(FLAGGED)("%s → %s", (text, flag) => {
    expect(clf.classifySync({ text }).risk_flags).toContain(flag);
  });

  it("a safety hazard is always critical, in any language and any tone", () => {
    for (const [text, flag] of FLAGGED) if (flag === "safety_hazard") expect(clf.classifySync({ text }).risk, text).toBe("critical");
    // Even a polite, positive-sounding report.
    expect(clf.classifySync({ text: "thanks for the quick reply! btw the kettle gave my son an electric shock" }).risk).toBe("critical");
  });

  it("legal and platform threats are at least high", () => {
    for (const text of ["voy a llamar a mi abogado", "我要申请平台介入", "i'm filing a chargeback with my bank"]) {
      expect(["high", "critical"], text).toContain(clf.classifySync({ text }).risk);
    }
  });

  it("everyday words that look like risk words raise nothing", () => {
    for (const text of [
      "is this fake?", // an authenticity question, not an accusation
      "what brand is this?", // German "Brand" is fire
      "cháy hàng chưa shop", // Vietnamese "sold out yet?"
      "kiện hàng tới chưa", // "has the parcel arrived?" (kiện is also "to sue")
      "die Anzeige sagt 20% Rabatt", // "Anzeige" is also a police report
      "bitte melden Sie sich", // "please get back to me"
      "5 sao cho shop", // five stars
      "produk viral ini ready?", // a viral product, not a threat to go viral
      "ada babi ga?", // a halal question
      "ส่งของไปที่โรงพยาบาลได้ไหมคะ", // delivery to a hospital address, not an incident
      "chơi game nặng thì hơi bị giật", // a phone stuttering in games, not an electric shock
      "alamat kirim rumah sakit harapan kita lantai 2", // a hospital address (id)
      "gần bệnh viện nên giao nhanh", // near a hospital (vi)
    ]) {
      const out = clf.classifySync({ text });
      expect(out.risk_flags.filter((f) => f !== "negative_emotion"), text).toEqual([]);
      expect(["none", "low"], text).toContain(out.risk);
    }
  });

  it("a question is a chat-length line with a question mark, or one that ends asking", () => {
    expect(isQuestionText("ready kak? mau 2")).toBe(true);
    expect(isQuestionText("máy này có chống nước không")).toBe(true);
    expect(isQuestionText("มีสีชมพูไหมคะ 🙏")).toBe(true);
    // A long review with a rhetorical question in the middle states, it does not ask.
    const review = "mua được 2 tuần thì loa rè, mang ra bảo hành thì bảo chờ 3 tuần? pin thì tụt nhanh, camera mờ, nói chung là quá chán với máy này";
    expect(isQuestionText(review)).toBe(false);
  });

  it("weak fraud words count only outside questions", () => {
    expect(lexiconFlags(lexiconText("is it fake"), true)).not.toContain("fraud_accusation");
    expect(lexiconFlags(lexiconText("it is fake"), false)).toContain("fraud_accusation");
    expect(lexiconFlags(lexiconText("you scammers"), true)).toContain("fraud_accusation");
  });
});

describe("deriveRisk rules", () => {
  const base = { sentiment: "neutral" as const, intent: "product_info" };
  it.each<[RiskFlag[], string, string, string]>([
    [["safety_hazard"], "positive", "compliment", "critical"],
    [["legal_threat"], "neutral", "product_info", "high"],
    [["platform_dispute"], "neutral", "return_refund", "high"],
    [["public_exposure"], "negative", "complaint", "high"],
    [["bad_review_threat", "fraud_accusation"], "negative", "complaint", "high"],
    [["legal_threat", "platform_dispute", "public_exposure"], "negative", "complaint", "critical"],
    [["bad_review_threat"], "negative", "quality_issue", "medium"],
    [[], "negative", "damaged_item", "medium"],
    [["urgent"], "negative", "product_info", "medium"],
    [[], "negative", "product_info", "low"],
    [[], "neutral", "order_status", "low"],
    [[], "neutral", "price_inquiry", "none"],
  ])("%j + %s + %s → %s", (flags, sentiment, intent, level) => {
    expect(deriveRisk({ flags, sentiment: sentiment as "neutral", intent })).toBe(level);
  });

  it("a buyer chasing again raises one step, but only a hazard is critical", () => {
    expect(deriveRisk({ ...base, flags: [], intent: "order_status", escalating: true })).toBe("medium");
    expect(deriveRisk({ ...base, flags: ["legal_threat"], escalating: true })).toBe("high");
  });
});
