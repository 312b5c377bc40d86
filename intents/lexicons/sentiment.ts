import { rx, W } from "./match.js";

/**
 * Tone words in the nine languages, matched on `lexiconText` (see risk.ts for the matching rules).
 * They become `lex:neg` / `lex:pos` / `lex:negation` features, so the sentiment model learns how much a hit
 * is worth from the corpus and then applies it to words the corpus never contained. Reviews of
 * food, phones and hotels use words chat lines rarely do ("bland", "lag", "noisy room"), which is
 * why the lists reach beyond shop chat.
 */

export const NEGATIVE = rx("gu",
  W("bad|poor|worst|terrible|awful|horrible|disappoint\\p{L}*|useless|broken|broke|defective|faulty|cheap quality|waste|refund|return(?:ed)?|slow|late|never (?:arrived|came)|not (?:working|received|as described)|doesn'?t work|stopped working|wrong|missing|damaged|ripped|torn|stinks?|smells?|lag\\p{L}*|overheat\\p{L}*|annoy\\p{L}*|angry|upset|regret|complain\\p{L}*|rude|bland|cold|soggy|stale|dirty|noisy|overpriced|ridiculous|never again|hate"),
  "差|不好|难吃|失望|垃圾|坑|破|烂|慢|太慢|退款|退货|不行|不值|后悔|难用|坏了|质量差|没收到|发错|少了|漏|凉了|冷了|咸|太咸|太淡|难闻|异味|油腻|恶心|生气|再也不|不会再|一般般|不新鲜|不满意|投诉|糟糕|卡顿|发热|耗电|掉色|起球|缩水|态度差|不推荐|不怎么样|退了|太贵|贵了|不如|敷衍|很差|有点差|不太好",
  W("jelek|buruk|kecewa|mengecewakan|rusak|lambat|lama banget|parah|ancur|hancur|nyesel|menyesal|zonk|gak sesuai|tidak sesuai|ga sesuai|tidak puas|gak puas|kurang|mahal|bau|basi|dingin|hambar|asin|kotor|cacat|palsu|nipu|penipu|refund|retur|komplain|lemot|boros|panas|bocor|sobek|pecah|hilang|telat|gagal|tidak bisa|gak bisa|ga bisa|nggak bisa|tidak berfungsi|mati|jangan beli|kapok|sampah|teruk|rosak|lambat sangat|tak sampai|tak puas hati|mengecewakan|menyampah"),
  // Thai has no spaces, so entries are substrings: short words that sit inside everyday words are
  // written as phrases ("เสีย" is in "เสียง" sound, "แตก" in "แตกต่าง" different, "ช้า" in "ช้าง").
  "แย่|ห่วย|ผิดหวัง|ของเสีย|เสียหาย|เสียแล้ว|เสียเงิน|เสียเวลา|พัง|ช้ามาก|ส่งช้า|ช้าจัง|ไม่ดี|ไม่โอเค|ไม่ตรงปก|ไม่ได้รับ|คืนเงิน|คืนของ|ไม่คุ้ม|เสียดาย|แพงเกิน|แพงมาก|กาก|โกง|เหม็น|ไม่อร่อย|จืด|เค็มไป|ชำรุด|แตกหัก|แตกมา|แตกแล้ว|หักแล้ว|ขาดแล้ว|ขาดง่าย|ไม่ครบ|ผิดสี|ผิดไซส์|ส่งผิด|เซ็ง|เบื่อ|โมโห|ไม่ประทับใจ|ไม่แนะนำ|ไม่ซื้ออีก|เฟล|ไม่พอใจ|ห่วยแตก|แย่มาก|ไม่ไหว|ผิดหวังมาก" +
    // Social-media complaints (services, telcos, banks, food delivery): waits, no answer, outages, scams, disgust.
    "|หงุดหงิด|ไม่ได้เรื่อง|ขยะ|ไม่ชอบ|ไม่ตอบ|ไม่รับสาย|รอนาน|นานมาก|เน็ตหลุด|สัญญาณหาย|ระบบล่ม|แอปล่ม|เว็บล่ม|ท้องเสีย|โดนโกง|หลอกลวง|เสียความรู้สึก|เสียอารมณ์|แย่ลง|เข็ด|ทุเรศ|รำคาญ|ปวดหัว|เหนื่อยใจ|ไม่สด|เย็นชืด|บูด|ขึ้นราคา|ไม่คืนเงิน|ไม่รับผิดชอบ",
  W("tệ|kém|dở|chán|thất vọng|hỏng|hư|(?<!xin )lỗi|chậm|lâu quá|quá lâu|lâu lắm|giao lâu|không (?:tốt|hài lòng|giống|đúng|như|nhận được|hoạt động)|hoàn tiền|trả hàng|(?<!tác )giả(?! sử| định)|lừa|đắt|phí tiền|bực|tức (?:giận|quá|ghê|thật|điên|mình)|bực tức|nóng máy|hao pin|lag|giật|đơ|sập nguồn|tụt pin|pin yếu|vỡ|móp|rách|thiếu|sai|có mùi|mùi hôi|bốc mùi|không nên mua|đừng mua|không ổn|quá tệ|xấu"),
  W("malo|mala|mal|pésim\\p{L}*|horrible|terrible|decepcion\\p{L}*|roto|rota|dañad\\p{L}*|defectuos\\p{L}*|lento|tarde|nunca llegó|no llegó|no funciona|reembolso|devolución|devolver|estafa|falso|caro|queja|peor|basura|fatal|no sirve|no lo recomiendo|nunca más|mal estado|incompleto|equivocad\\p{L}*|enojad\\p{L}*|molest\\p{L}*"),
  W("schlecht\\p{L}*|mies|furchtbar|schrecklich|enttäusch\\p{L}*|kaputt|defekt|beschädigt|langsam|spät|nie angekommen|nicht angekommen|funktioniert nicht|erstattung|rückerstattung|zurückschicken|retoure|betrug|fake|teuer|beschwerde|schlimm\\p{L}*|müll|katastrophe|nie wieder|nicht empfehlenswert|falsch\\p{L}*|ärgerlich|sauer|wütend|mangelhaft|billig verarbeitet"),
  "悪い|最悪|ひどい|酷い|残念|がっかり|壊れ|故障|不良|遅い|遅れ|届かない|届いていない|返金|返品|偽物|高い|不満|クレーム|使えない|動かない|傷|汚れ|破損|間違|足りない|不足|二度と|おすすめしない|微妙|イマイチ|いまいち|ダメ|だめ|怒|ムカつく",
);

export const POSITIVE = rx("gu",
  W("good|great|excellent|amazing|awesome|love|loved|perfect|nice|beautiful|happy|satisfied|recommend\\p{L}*|fast (?:delivery|shipping)|thanks?|thank you|thx|ty|best|worth it|fantastic|wonderful|cute|comfy|comfortable|legit|10/10|5 stars?"),
  "好评|很好|不错|满意|喜欢|推荐|好吃|好用|很快|谢谢|感谢|赞|棒|完美|超值|划算|物美价廉|惊喜|漂亮|舒服|正品|五星|给力|好看|回购|快递快|新鲜|实惠",
  W("bagus|mantap|mantul|puas|suka|keren|cantik|rekomen\\p{L}*|recommended|cepat|terima kasih|makasih|thanks|sesuai|original|ori|top|oke banget|worth it|enak|murah|lucu|awet|memuaskan|sangat baik|terbaik|sedap|berbaloi|padu|cun|laju"),
  "ดีมาก|ดีจัง|ดีค่ะ|ดีครับ|ดีเลย|คุณภาพดี|ของดี|ชอบมาก|ประทับใจ|เยี่ยม|สวยมาก|ถูกใจ|คุ้มค่า|คุ้มมาก|แนะนำเลย|อร่อย|ขอบคุณ|ส่งเร็ว|ตรงปก|ปัง|เริ่ด|ปลื้ม|พอใจมาก|น่ารัก|โอเคมาก|ส่งไว" +
    "|ชอบ|ดีงาม|สุดยอด|เจ๋ง|แจ่ม|ฟิน|รักเลย|สะดวก|รวดเร็ว|ชื่นชม|ดีใจ|สนุก|ไม่ผิดหวัง|ไม่เคยผิดหวัง",
  W("tốt|đẹp|ổn|hài lòng|thích|tuyệt|tuyệt vời|xuất sắc|nhanh|cảm ơn|giao nhanh|đáng tiền|chất lượng|ngon|xịn|mượt|ưng|ưng ý|rất ok|recommend|chính hãng|5 sao|năm sao|yêu"),
  W("bueno|buena|excelente|genial|perfecto|perfecta|me encanta|encantad\\p{L}*|recomiendo|recomendado|rápido|gracias|hermos\\p{L}*|bonit\\p{L}*|feliz|satisfech\\p{L}*|de calidad|vale la pena|5 estrellas|lo mejor"),
  W("gut|super|toll|perfekt|klasse|prima|schnell|danke|empfehlen\\p{L}*|zufrieden|begeistert|wunderbar|schön|hervorragend|top|5 sterne|liebe"),
  "良い|良かった|最高|素晴らしい|満足|気に入|ありがとう|感謝|早い|速い|かわいい|可愛い|きれい|綺麗|おすすめ|オススメ|美味しい|おいしい|便利|大満足|リピ",
);

// Latin-script negators, chat spellings included ("ko"/"hông" for không, "gk"/"tdk" for
// tidak/gak): a negator the lists miss leaves "ko tốt" (not good) counted as praise. Not a bare
// "k": in English chat it is "okay" ("k thx, received").
const LATIN_NEGATORS =
  "not|no|never|isn'?t|wasn'?t|don'?t|didn'?t|doesn'?t|tidak|tdk|gak|gk|nggak|enggak|ngga|ga|tak|bukan|không|ko|hok|hông|kg|khg|chẳng|chả|chưa|nunca|nada|kein\\p{L}*|nicht";
// Words that may stand between a negator and the tone word it turns ("not very good", "tidak
// terlalu bagus", "tidak pernah kecewa", "không được tốt", "nicht sehr gut"). Any other word ends
// the negator's reach: "no worries, thanks" is thanks.
const DEGREE_WORDS =
  "very|so|too|that|really|quite|particularly|even|be|been|terlalu|begitu|sangat|cukup|pernah|terus|lagi|được|quá|lắm|hề|có|thấy|phải|hẳn|thật|hơi|muy|tan|tanto|sehr|besonders|ganz|wirklich|zu";

/** Negators that flip the next tone word ("not bad", "不差", "ไม่ดี" is already listed whole). */
export const NEGATION = rx("gu", W(LATIN_NEGATORS), "不|没|別|じゃない|ない|ไม่");

export type Tone = {
  /** Tone words counted by their polarity in place: a negated one counts for the other side. */
  neg: number;
  pos: number;
  negation: number;
  /** Praise words under a negator ("tidak enak", "ไม่อร่อย"), counted in `neg`. */
  negatedPos: number;
  /** Complaint words under a negator ("not bad", "tidak mengecewakan", "không tệ"), counted in `pos`. */
  negatedNeg: number;
  /** Which polarity the last tone word had: a mixed review's verdict usually comes last ("…but overall happy"). */
  last: "neg" | "pos" | undefined;
};

// A negator right before a tone word, or before one degree word and the tone word. Latin entries
// start at the space before the word, so the text before a match ends with the previous word; Han
// and Thai entries follow their negator directly.
const NEGATED_LATIN = new RegExp(`(?:^| )(?:${LATIN_NEGATORS})(?: (?:${DEGREE_WORDS}))?$`, "u");
const NEGATED_DIRECT = /(?:不|没|沒|ไม่(?:ค่อย|ได้|เคย)?)$/u;
const LOOKBEHIND = 24;

type Hit = { start: number; end: number; pos: boolean };

/**
 * Counts of tone words in a `lexiconText`, and the polarity of the last one. A word inside a longer
 * entry of either list counts once, as the longer entry ("tốt" inside "không tốt", "满意" inside
 * "不满意"): counted twice it made a complaint look like a mixed review. A tone word right after a
 * negator counts for the other side.
 */
export function toneCounts(normalized: string): Tone {
  const hits: Hit[] = [];
  collect(NEGATIVE, normalized, false, hits);
  collect(POSITIVE, normalized, true, hits);
  hits.sort((a, b) => a.start - b.start || b.end - a.end);
  NEGATION.lastIndex = 0;
  let negation = 0;
  while (NEGATION.exec(normalized) !== null) negation++;
  let neg = 0, pos = 0, negatedPos = 0, negatedNeg = 0;
  let last: Tone["last"];
  let keptEnd = -1;
  for (const hit of hits) {
    if (hit.start < keptEnd) continue; // inside (or overlapping) the entry already counted
    const negated = negation > 0 && negatedAt(normalized, hit.start, keptEnd);
    keptEnd = hit.end;
    const positive = negated ? !hit.pos : hit.pos;
    if (negated) hit.pos ? negatedPos++ : negatedNeg++;
    if (positive) pos++;
    else neg++;
    last = positive ? "pos" : "neg";
  }
  return { neg, pos, negation, negatedPos, negatedNeg, last };
}

/** A negator scopes over the hit at `start`, and no earlier tone word sits between them ("no complaints, great"). */
function negatedAt(s: string, start: number, previousEnd: number): boolean {
  const from = Math.max(0, start - LOOKBEHIND);
  const m = (s.charCodeAt(start) === 32 ? NEGATED_LATIN : NEGATED_DIRECT).exec(s.slice(from, start));
  return m !== null && from + m.index >= previousEnd;
}

function collect(re: RegExp, s: string, pos: boolean, into: Hit[]): void {
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s)) !== null) into.push({ start: m.index, end: re.lastIndex, pos });
}
