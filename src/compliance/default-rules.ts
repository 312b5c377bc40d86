import type { CompliancePlatform, Rule } from "./types.ts";

/**
 * The default rule set, for TikTok Shop, Shopee and Lazada in ID, TH, VN, MY, PH, SG and the
 * cross-border markets. Patterns are written per language and applied in every market (a Thai
 * phrase in an Indonesian shop is just as forbidden); rules that only concern one platform or
 * market say so. Sources: the platforms' seller-chat policies forbid off-platform contact and
 * transactions, personal contact details, review manipulation, and misleading or medical claims;
 * auto-reply detectors penalise "we're away" answers. Shops edit this through CONFIG_FILE.
 */
const r = (rule: Omit<Rule, "markets" | "platforms" | "allow" | "kind" | "patterns"> & Partial<Rule>): Rule => ({
  markets: [],
  platforms: [],
  allow: [],
  kind: "pattern",
  patterns: [],
  ...rule,
});

export const PLATFORM_HOSTS: Record<CompliancePlatform, string[]> = {
  tiktok_shop: ["tiktok.com", "tiktokglobalshop.com"],
  shopee: ["shopee.co.id", "shopee.co.th", "shopee.vn", "shopee.com.my", "shopee.ph", "shopee.sg", "shopee.com", "shp.ee"],
  lazada: ["lazada.co.id", "lazada.co.th", "lazada.vn", "lazada.com.my", "lazada.com.ph", "lazada.sg", "lazada.com"],
};

export const DEFAULT_RULES: Rule[] = [
  r({
    id: "messaging_app",
    severity: "block",
    message: "Names a messaging app or handle outside the platform chat; platforms forbid moving buyers off-platform.",
    patterns: [
      "\\bwhats\\s?app\\b", "\\b(add|chat|hubungi|contact) wa\\b", "\\bwa admin\\b", "\\bwa\\.me\\b", "\\bwa\\s*[:：]?\\s*\\+?\\d{6,}", "\\btelegram\\b", "\\bt\\.me/", "\\bwe\\s?chat\\b", "微信", "加v", "\\bvx\\b",
      "\\bline\\s*(id|@)", "\\badd (me|us) on line\\b", "\\bzalo\\b", "\\bkakao(talk)?\\b", "\\bviber\\b", "\\bfacebook messenger\\b", "\\binstagram dm\\b",
      "ไลน์", "แอดไลน์", "ไอดีไลน์", "LINE\\s?ID", "ライン", "\\bsignal\\b app",
    ],
  }),
  r({
    id: "off_platform_contact",
    severity: "block",
    message: "Invites the buyer to contact, order or pay outside the platform.",
    patterns: [
      "\\b(pay|transfer)( (me|us))? directly\\b", "\\bbank transfer\\b", "\\border (from us )?outside\\b", "\\bbuy (it )?(from|on) our (own )?website\\b", "\\bcontact (me|us) (privately|outside)\\b", "\\b(dm|message) (me|us) (on|at) (instagram|facebook|ig)\\b",
      "transfer (langsung|ke rekening)", "\\bdi luar (aplikasi|tiktok|shopee|lazada)\\b", "\\bbeli (langsung )?di luar\\b", "\\bhubungi (kami|saya) di luar\\b",
      "ngoài sàn", "chuyển khoản trực tiếp", "liên hệ (riêng|ngoài)",
      "นอกแอป", "โอนตรง", "ติดต่อนอก",
      "私下交易", "线下交易", "平台外", "私聊",
      "au(ss|ß)erhalb (der )?(app|plattform)", "direkt überweisen",
      "fuera de la (app|aplicación|plataforma)", "transferencia directa",
      "アプリ外", "直接取引", "直接振込",
    ],
  }),
  r({
    id: "phone_number",
    severity: "block",
    message: "Contains a phone number; personal contact details may not be shared in platform chat.",
    patterns: ["(?<![\\w+])\\+\\d{1,3}[\\s.-]?\\d{2,4}[\\s.-]?\\d{3,4}[\\s.-]?\\d{2,5}(?!\\w)", "(?<![\\w])0\\d{2,3}[\\s.-]?\\d{3,4}[\\s.-]?\\d{3,5}(?!\\w)", "(?<![\\w])1[3-9]\\d{9}(?!\\w)"],
  }),
  r({
    id: "email",
    severity: "block",
    message: "Contains an e-mail address; personal contact details may not be shared in platform chat.",
    patterns: ["[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}"],
  }),
  r({
    id: "external_link",
    severity: "block",
    kind: "link",
    message: "Links outside the shop's platform; only the platform's own pages (or hosts the shop allowed) may be linked.",
    patterns: ["\\bhttps?://[^\\s<>\"'）)]+", "\\bwww\\.[^\\s<>\"'）)]+", "\\b[a-z0-9-]+(\\.[a-z0-9-]+)*\\.(com|net|org|co|io|shop|store|xyz|me|ly|link|site|id|vn|th|my|ph|sg)(/[^\\s]*)?\\b"],
  }),
  r({
    id: "review_bribe",
    severity: "block",
    message: "Offers a reward for a review or rating; platforms treat this as review manipulation.",
    patterns: [
      "\\b(5|five)[- ]?stars?\\b.{0,40}\\b(refund|cashback|cash back|gift|free|voucher|coupon|discount|reward)", "\\b(refund|cashback|cash back|gift|voucher|coupon|reward)\\b.{0,40}\\b(5|five)[- ]?stars?\\b",
      "\\b(good|positive) review\\b.{0,30}\\b(get|receive|refund|cashback|gift|free)", "\\b(refund|cashback|gift|voucher)\\b.{0,30}\\b(good|positive) review\\b",
      "好评返现", "好评.{0,6}(返|送|红包)", "(返现|红包|送).{0,8}好评", "五星好评.{0,10}(返|送)",
      "bintang 5.{0,30}(cashback|hadiah|voucher|gratis|refund)", "(cashback|hadiah|voucher).{0,30}(ulasan|review|bintang 5)",
      "5 sao.{0,30}(tặng|hoàn tiền|quà|voucher)", "(tặng|hoàn tiền|quà).{0,30}(đánh giá|5 sao)",
      "(รีวิว|5 ดาว).{0,30}(รับ|แถม|คืนเงิน|ส่วนลด)",
      "5 estrellas.{0,30}(reembolso|regalo|cupón|descuento)", "(reembolso|regalo|cupón).{0,30}(5 estrellas|reseña)",
      "5 sterne.{0,30}(geschenk|gutschein|erstattung|rabatt)", "(geschenk|gutschein|erstattung).{0,30}(5 sterne|bewertung)",
      "(星5|星５|高評価|レビュー).{0,15}(返金|プレゼント|クーポン|特典)",
    ],
  }),
  r({
    id: "absolute_claim",
    severity: "block",
    message: "Absolute or superlative claim (cheapest, number one, 100% effective) that advertising rules forbid.",
    patterns: [
      "\\bthe cheapest\\b", "\\bcheapest (price|in|on)\\b", "\\blowest price (guaranteed|ever|in the market|anywhere)\\b", "\\bbest in the world\\b", "\\bnumber one\\b", "\\bno\\.\\s?1\\b", "\\b100% (effective|guaranteed|safe|results)\\b", "\\bguaranteed results\\b",
      "最便宜", "全网最低", "最低价", "全网第一", "第一名", "最好的", "100%有效", "绝对有效",
      "paling murah", "termurah", "harga terendah", "dijamin 100%", "nomor satu", "100% (ampuh|berkesan)",
      "ถูกที่สุด", "ดีที่สุด", "อันดับ\\s?1", "ได้ผล 100%",
      "rẻ nhất", "tốt nhất", "số 1 thị trường", "hiệu quả 100%",
      "el más barato", "(el )?mejor del mundo", "100% eficaz", "precio más bajo",
      "der günstigste", "am billigsten", "100% wirksam", "die nummer eins",
      "最安", "日本一", "世界一", "100%効果",
    ],
  }),
  r({
    id: "medical_claim",
    severity: "block",
    message: "Medical or therapeutic claim; ordinary products may not claim to cure or treat.",
    patterns: [
      "\\bcures?\\b", "\\bheals? (your|the|acne|eczema)", "\\btreats? (acne|diabetes|cancer|eczema|hair loss|infection)", "\\bprevents? (covid|cancer|disease|diabetes)", "\\bmedically proven\\b",
      "治愈", "治疗", "根治", "药效", "降血压", "降血糖",
      "menyembuhkan", "mengobati", "sembuh total",
      "รักษา(โรค|สิว|เบาหวาน)", "หายขาด",
      "chữa (khỏi|bệnh|trị)", "trị (mụn|bệnh|tiểu đường)",
      "\\bcura (el|la|los)\\b", "\\bcurar\\b",
      "\\bheilt\\b", "\\bheilung\\b",
      "治る", "完治", "効能",
    ],
  }),
  r({
    id: "discount_limit",
    severity: "block",
    kind: "discount",
    message: "Promises a discount above the shop's configured limit.",
    patterns: [
      "(\\d{1,3})\\s?%\\s?(off|discount|diskon|potongan|giảm|rabatt|descuento|de descuento|オフ|引き|折扣)", "(discount|diskon|potongan|giảm giá|giảm|ลด|rabatt|descuento|优惠|折扣)\\s?(of |von |de )?(\\d{1,3})\\s?%",
      "(?<![\\d.])(\\d(?:\\.\\d)?)\\s?折", "(\\d{1,2})割引",
    ],
  }),
  r({
    id: "away_phrase",
    severity: "block",
    message: "\"We're away\" wording: platforms' response-rate checks penalise it; say when the team replies instead.",
    patterns: [
      "\\bwe('re| are) (currently )?(away|closed|offline|not available|unavailable)\\b", "\\bout of (the )?office\\b", "\\bon holiday\\b", "\\bnobody is (here|available)\\b",
      "(客服|我们|店铺)(现在|暂时)?不在", "下班了", "休息了", "不在线",
      "kami sedang (tidak aktif|libur|offline|tutup)", "toko (sedang )?(tutup|libur)", "admin (sedang )?(offline|libur)",
      "ร้านปิด", "แอดมินไม่อยู่",
      "shop đang (nghỉ|offline|đóng cửa)", "hiện không có ai",
      "estamos (ausentes|cerrados|fuera)", "wir sind (nicht erreichbar|im urlaub|abwesend)",
      "不在にしております", "休業中", "営業時間外",
    ],
  }),
  r({
    id: "competitor_platform",
    severity: "block",
    platforms: ["tiktok_shop"],
    message: "Mentions another marketplace; TikTok Shop forbids steering buyers to other platforms.",
    patterns: ["\\bshopee\\b", "\\blazada\\b", "\\btokopedia\\b", "\\btokped\\b", "\\bamazon\\b"],
  }),
  r({
    id: "competitor_platform",
    severity: "block",
    platforms: ["shopee"],
    message: "Mentions another marketplace; Shopee forbids steering buyers to other platforms.",
    patterns: ["\\btiktok( shop)?\\b", "\\blazada\\b", "\\btokopedia\\b", "\\btokped\\b"],
  }),
  r({
    id: "competitor_platform",
    severity: "block",
    platforms: ["lazada"],
    message: "Mentions another marketplace; Lazada forbids steering buyers to other platforms.",
    patterns: ["\\btiktok( shop)?\\b", "\\bshopee\\b", "\\btokopedia\\b", "\\btokped\\b"],
  }),
  r({
    id: "review_solicit",
    severity: "warn",
    message: "Asks for a specific rating; allowed to ask for a review, but not to dictate the stars.",
    patterns: ["\\b(give|leave) (us )?(a )?(5|five)[- ]?stars?\\b", "给个?五星", "kasih bintang 5", "cho (shop )?5 sao", "ให้ 5 ดาว"],
  }),
  r({
    id: "halal_claim",
    severity: "warn",
    markets: ["ID", "MY"],
    message: "Halal claims need the product's halal certification on the listing (BPJPH / JAKIM).",
    patterns: ["\\bhalal\\b"],
  }),
];
