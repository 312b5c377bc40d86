import { loadLocalClassifier } from "../intents/load-local-classifier.js";
const clf = await loadLocalClassifier();
const cases: [string, string][] = [
 ["the heater sparked and burned my daughter's hand", "safety_hazard"],
 ["充电器冒烟了，差点着火", "safety_hazard"],
 ["pakai krim ini muka saya jadi gatal-gatal dan bengkak, alergi parah", "safety_hazard"],
 ["ใช้แล้วผื่นขึ้นเต็มหน้า แพ้หนักมาก", "safety_hazard"],
 ["sạc bị chập điện, suýt cháy nhà", "safety_hazard"],
 ["el cargador se incendió y me quemé la mano", "safety_hazard"],
 ["das Ladegerät ist explodiert und hat Feuer gefangen", "safety_hazard"],
 ["使ったら肌がかぶれて病院に行きました", "safety_hazard"],
 ["kalau tak refund saya buat laporan polis", "legal_threat"],
 ["我要报警，你们是骗子", "legal_threat"],
 ["voy a llamar a mi abogado", "legal_threat"],
 ["ich schalte meinen Anwalt ein", "legal_threat"],
 ["ถ้าไม่คืนเงินจะแจ้งความ", "legal_threat"],
 ["i'm filing a chargeback with my bank", "platform_dispute"],
 ["我要申请平台介入", "platform_dispute"],
 ["aku laporin ke shopee ya", "platform_dispute"],
 ["if this isn't fixed i'll leave a 1 star review", "bad_review_threat"],
 ["不退款就给差评", "bad_review_threat"],
 ["awas ya aku kasih bintang 1", "bad_review_threat"],
 ["shop lừa đảo, đánh giá 1 sao", "bad_review_threat"],
 ["スター1つのレビューに書きます", "bad_review_threat"],
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
let miss = 0;
for (const [t, f] of cases) { const o = clf.classifySync({ text: t }); const ok = o.risk_flags.includes(f as any); if (!ok) miss++; console.log(ok ? "ok  " : "MISS", f, o.risk, JSON.stringify(o.risk_flags), t); }
console.log("false positives:");
for (const t of ["is this fake?", "what brand is this?", "cháy hàng chưa shop", "ada babi ga?", "is it safe for kids?", "this is fire 🔥", "report card cover?", "hantar guna pos laju", "kiện hàng tới chưa", "die Anzeige sagt 20% Rabatt", "bitte melden Sie sich", "ví dụ: giá 1 sao?", "5 sao cho shop", "produk viral ini ready?"]) { const o = clf.classifySync({ text: t }); console.log(JSON.stringify(o.risk_flags), o.risk, t); }
