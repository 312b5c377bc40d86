import { eld } from "eld/small";

/**
 * Language of a short buyer message, as ISO 639-1.
 *
 * Why three layers: ELD (compared with tinyld and franc-min on short buyer lines, see README) is the
 * most accurate and fastest on Latin-script chat, but it has no Indonesian model (everything
 * Indonesian comes out `ms`) and no opinion on one-word lines. So:
 *  1. script rules decide what the script alone decides (kana → ja, Thai → th, Hangul → ko, Han → zh,
 *     Vietnamese-only letters → vi): exact, and skips ELD for most Asian text;
 *  2. ELD, restricted to the languages buyers write to our shops in, for the rest;
 *  3. a marker lexicon splits Malay from Indonesian, and catches Malay-family chat that ELD calls
 *     English because of loanwords ("ready stok ga kak").
 */

// Letters that exist in Vietnamese orthography and in no other language we serve.
const VIET = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/iu;
// Tone-marked vowels Vietnamese shares with other languages ("còn", "có"): they count only
// together with a Vietnamese chat word.
const VIET_SHARED = /[àáảãạèéẻẽẹìíỉĩịòóỏõọùúủũụỳýỷỹỵ]/iu;
const VI_WORDS = new Set("ko hok khum dc đc nha nhé ạ ơi nhiêu mấy còn có không giá vậy được mình hàng".split(" "));
const VI_STRICT = new Set("ko hok khum dc đc nha nhé ạ ơi nhiêu mấy".split(" "));
const LATIN = /\p{Script=Latin}/u;
const ASCII = /^[\x00-\x7f]*$/;
const CYRILLIC = /\p{Script=Cyrillic}/u;
const ARABIC = /\p{Script=Arabic}/u;
const DEVANAGARI = /\p{Script=Devanagari}/u;

/** The languages ELD may answer with: our Latin-script ones and Tagalog (Philippine shops). */
// Kept narrow on purpose: on two-word lines a wide subset turns "costo?" into Italian or Portuguese
// and "disponible?" into French; none of those is a market we serve.
const ELD_SUBSET = ["en", "ms", "vi", "tl", "es", "de"];
const detector = eld.newInstance();
detector.setLanguageSubset(ELD_SUBSET);

// Words that are (nearly) only Indonesian or only Malay in marketplace chat (checked against the
// corpus: each is at least 8 times more frequent on one side). Shared words
// (barang, berapa, harga, sudah, belum, terima kasih) carry no signal and are left out on purpose.
const ID_MARKERS = new Set(
  ("tidak gak nggak ngga enggak engga gk ga dong sih deh kok aja banget bgt udah udh kapan ukuran dikirim kirim ongkir gratis " +
    "uang gimana makasih gan agan min kakak nih tuh kalo emang doang gue gua lu loh dapet rusak toko rp rupiah " +
    "diskon kurir paket paketnya resi pengiriman nyampe sampe belom blm jelek bener pengen pingin ngirim mantul " +
    "cepetan mbak pesen pesenan sdh tdk yg trus brp kak bedanya pake dimensi garansi lingkar aku yang kalo dapet sampe " +
    "sih tp katanya butuh halo disini dipake besok kayak kantor isinya hp dimana dikit cocok cepet bb bahannya pesan " +
    "pelayanan nomor kira keranjang kado harganya diganti dana bilang ajukan adminnya tuker gitu dateng belanja batalin " +
    "soalnya sepatu kw nanya lewat baterai").split(/\s+/),
);
const MS_MARKERS = new Set(
  ("tak nak boleh saiz pos sikit macam camne cmne awak percuma wang hantar dihantar penghantaran rosak kedai " +
    "encik cik ringgit rm sahaja je ni tu kat dah mahu bila tempahan teruk amat semak tk bole blh nk mcm xde " +
    "takde tiada esok guna kod baucar bercakap staf helai borong syarikat invois pulangkan kuantiti caj koyak " +
    "cawan sejuk patut tiruan berbalas mesej servis pukul sy ye ambik dgn utk dlm cakap akak resit jumpa beza beg " +
    "diskaun bos tengok kasut harini basuh tq rasmi poslaju jugak tercabut seluar kualiti ketat kad jawapan inci " +
    "camni akaun raya bateri ape").split(" "),
);
// Words both Indonesian and Malay use: they say "Malay family" without saying which.
const MALAY_SHARED = new Set(
  "ini itu ya ada bisa mau berapa harga barang sudah belum nya saya terima kasih masih habis tolong bantu pilih atau dia jenis sis".split(" "),
);
const EN_HINTS = new Set(
  ("the is are an you your my i me it this that do does can please pls how what where when why which with for of to and not " +
    "or have has there any much many will would should could was were get got if than then again still only also just").split(" "),
);
// Function words that are (nearly) only Spanish or only German among the languages we serve. They
// let clear lines skip ELD (its n-gram scoring was a fifth of a classification) and keep ELD for
// the lines where they conflict with Malay-family or English words.
const ES_HINTS = new Set(
  "el la los las es ni su más que por para con una un del al mi está esta este esto qué cuánto cuanto cuándo cuando hay pero muy tiene tienen puedo envío envio pedido todavía todavia gracias hola también".split(" "),
);
const DE_HINTS = new Set(
  "ich ist nicht und der die das ein eine einen mit für oder sind bin hat soll welche eher sehr größe wann wie kann bitte noch schon habe mein meine meinen sie wir ihr es auf bei wo was gibt danke hallo bestellung lieferung".split(" "),
);

type WordCounts = { id: number; ms: number; shared: number; en: number; es: number; de: number; vi: number; viStrict: number };

function malayFamily(text: string): WordCounts {
  const c: WordCounts = { id: 0, ms: 0, shared: 0, en: 0, es: 0, de: 0, vi: 0, viStrict: 0 };
  for (const w of text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    if (!w) continue;
    if (ID_MARKERS.has(w)) c.id++;
    else if (MS_MARKERS.has(w)) c.ms++;
    else if (MALAY_SHARED.has(w)) c.shared++;
    else if (EN_HINTS.has(w)) c.en++;
    if (ES_HINTS.has(w)) c.es++;
    if (DE_HINTS.has(w)) c.de++;
    if (VI_WORDS.has(w)) c.vi++;
    if (VI_STRICT.has(w)) c.viStrict++;
  }
  return c;
}

/**
 * Detects the language of `text`. Returns `und` when there is nothing to go on (emoji, digits);
 * callers treat `und` like any other code (the contract allows 2–8 characters).
 */
export function detectLanguage(text: string): string {
  // One pass over the code units decides the script rules (five regex scans did the same).
  const s = scripts(text);
  if (s & KANA_BIT) return "ja";
  if (s & THAI_BIT) return "th";
  if (s & HANGUL_BIT) return "ko";
  const hasLatin = (s & LATIN_BIT) !== 0 || LATIN.test(text);
  // Chinese buyers mix in English product words ("有没有free shipping voucher"); a Han character
  // carries about a word, so Han wins unless Latin letters outnumber it more than four to one.
  if (s & HAN_BIT && (!hasLatin || hanWeight(text) >= 0.2)) return "zh";
  if (!hasLatin) {
    if (s & HAN_BIT) return "zh";
    if (CYRILLIC.test(text)) return "ru";
    if (ARABIC.test(text)) return "ar";
    if (DEVANAGARI.test(text)) return "hi";
    return "und";
  }
  // One split into words serves the Vietnamese chat-word rule and every marker list below.
  const m = malayFamily(text);
  // Vietnamese: its own letters, or two Vietnamese-only chat words, or one chat word with a tone mark.
  if (VIET.test(text) || m.viStrict >= 2 || (m.vi >= 1 && VIET_SHARED.test(text))) return "vi";
  const family = m.id + m.ms + m.shared;
  // Plain-ASCII lines with two English function words and no Malay-family word are English: ELD
  // agrees on those, and skipping it saves ELD's share of the time on most English lines.
  // A stray German word among English ones ("die", "was" ...) does not make a line German.
  if (m.en >= 2 && family === 0 && m.en > 2 * (m.es + m.de) && ASCII.test(text)) return "en";
  // Likewise two Spanish (or German) function words outnumbering every other list, or one with no
  // word from any other list; and Malay-family words with no English, Spanish or German word
  // (on plain ASCII: accented letters can mean a Spanish line with a loanword). Checked on the
  // whole corpus before ELD was skipped for them: ELD's answer on these lines was the same or
  // worse (on the Malay-family ones it overrode the markers with es/de/tl, mostly wrongly).
  if (m.es >= 2 && m.es > 2 * (m.de + m.en + family)) return "es";
  if (m.de >= 2 && m.de > 2 * (m.es + m.en + family)) return "de";
  if (m.es >= 1 && m.de + m.en + family === 0) return "es";
  if (m.de >= 1 && m.es + m.en + family === 0) return "de";
  if (family >= 2 && family > m.en && m.es === 0 && m.de === 0 && m.en === 0) return m.ms > m.id ? "ms" : "id";
  if (family >= 1 && m.es + m.de + m.en === 0 && ASCII.test(text)) return m.ms > m.id ? "ms" : "id";
  // ELD's cost grows with length and its answer settles within a sentence or two.
  const result = detector.detect(text.length > 160 ? text.slice(0, 160) : text);
  const eldLang = result.language;
  // Indonesian wins ties: it is by far the larger market, and the shared words lean Indonesian.
  const malay = m.ms > m.id ? "ms" : "id";
  if (eldLang === "ms") return malay;
  // Two or more Malay-family words outvoting English function words override ELD, which reads
  // "bisa connect ke iphone ga gan" as European, unless ELD is sure of a European language
  // ("esto es un fraude, ni producto ni dinero" has Malay-looking "ni" twice).
  const sureEuropean = (eldLang === "es" || eldLang === "de") && result.isReliable();
  if (family >= 2 && family > m.en && !sureEuropean) return malay;
  // ELD reads chat like "ready stok kak" as English: one marker and no English function word
  // takes it back.
  if ((eldLang === "en" || eldLang === "") && family >= 1 && m.en === 0) return malay;
  return eldLang || "en";
}

const KANA_BIT = 1;
const THAI_BIT = 2;
const HANGUL_BIT = 4;
const HAN_BIT = 8;
/** Basic Latin, Latin-1 and Latin Extended-A/B letters, Latin Extended Additional (Vietnamese). */
const LATIN_BIT = 16;

/**
 * The scripts present, as bits: the same ranges as KANA, THAI, HANGUL and HAN. LATIN_BIT covers
 * the common Latin blocks; a text without it is still checked with the full \p{Script=Latin}.
 */
function scripts(text: string): number {
  let bits = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      if ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) bits |= LATIN_BIT;
    } else if (c < 0x250) {
      if (c >= 0xc0 && c !== 0xd7 && c !== 0xf7) bits |= LATIN_BIT;
    } else if (c >= 0x0e00 && c <= 0x0e7f) bits |= THAI_BIT;
    else if ((c >= 0x3040 && c <= 0x30ff) || (c >= 0x31f0 && c <= 0x31ff) || (c >= 0xff66 && c <= 0xff9f)) bits |= KANA_BIT;
    else if ((c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff)) bits |= HAN_BIT;
    else if ((c >= 0xac00 && c <= 0xd7af) || (c >= 0x1100 && c <= 0x11ff)) bits |= HANGUL_BIT;
    else if (c >= 0x1e00 && c <= 0x1eff) bits |= LATIN_BIT;
  }
  return bits;
}


function hanWeight(text: string): number {
  let han = 0;
  let latin = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    if (c >= 0x3400 && c <= 0x9fff) han++;
    else if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) latin++;
  }
  return han === 0 ? 0 : han / (han + latin / 4);
}
