
/**
 * Rules that read a short reply against the previous message. The model sees context too (`x:`
 * features), but the corpus cannot hold every bare follow-up in nine languages, and these two
 * cases matter most on live streams and in order chats:
 *  - a bare "expensive" after a price was quoted is haggling (`bargain`), not a complaint;
 *  - a bare "still nothing" after a shipping/tracking exchange is the buyer chasing the order
 *    (`order_status`), and chasing raises the risk (`escalating`).
 * "Bare" means a few words: a long message stands on its own and the model decides.
 */
const MAX_BARE_CHARS = 40;

// The previous message quoted or asked about a price (a currency, an amount with a price word).
const PRICE_CONTEXT = new RegExp(
  [
    "(?:rp|rm|\\$|usd|€|eur|¥|฿|₫|php|sgd|myr|idr)\\s?\\d",
    "\\d\\s?(?:k|rb|ribu|jt|元|块|円|บาท|đ|vnd|dong|pesos|euro)(?![\\p{L}])",
    "price|harga|ราคา|giá|precio|preis|価格|値段|多少钱|价格|价钱|berapa|how much|cuánto|wie viel|いくら",
  ].join("|"),
  "iu",
);
const TOO_EXPENSIVE = new RegExp(
  [
    "^(?:so |too |very |quite |a bit |kinda )?(?:expensive|pricey|costly|overpriced|steep)",
    "贵|太贵|好贵|有点贵|高了",
    "^(?:mahal|kemahalan|kok mahal|mahal amat|mahal sangat|mahalnya)",
    "แพง",
    "^(?:đắt|mắc|hơi đắt|đắt quá|mắc quá|hơi mắc)",
    "^(?:muy |tan |que |qué )?(?:caro|cara|carísimo|carisimo)",
    "^(?:zu |so |ganz schön |ziemlich )?(?:teuer)",
    "高い|高すぎ|高いな",
  ].join("|"),
  "iu",
);

// The previous message was about shipping or tracking an order.
const LOGISTICS_CONTEXT = new RegExp(
  [
    "track|tracking|shipped|dispatch|deliver|courier|parcel|package|order",
    "发货|物流|快递|单号|到货|寄出|订单",
    "kirim|resi|paket|kurir|pesanan|pos|hantar|penghantaran|tempahan",
    "จัดส่ง|ส่งของ|พัสดุ|เลขพัสดุ|ขนส่ง|ออเดอร์|คำสั่งซื้อ",
    "giao hàng|vận chuyển|mã vận đơn|đơn hàng|gửi hàng|ship",
    "envío|envio|pedido|paquete|seguimiento|enviado",
    "versand|sendung|paket|bestellung|verschickt|lieferung",
    "発送|配送|追跡|注文|荷物|届",
  ].join("|"),
  "iu",
);
const STILL_NOTHING = new RegExp(
  [
    "^(?:still|again|nothing|not yet|any update|update\\??$|and\\?|hello\\?+|\\?+$)",
    "还没|还是没|仍然没|怎么还|依旧|^没有$|^没$|^还没有",
    "^(?:masih|belum|blm|mana|gimana|kok belum|sampai sekarang|masih belum|belum lagi|tak sampai lagi)",
    "ยังไม่|ยังเลย|ยังไม่ได้|ไม่มีความคืบหน้า",
    "^(?:vẫn|chưa|vẫn chưa|sao chưa|vẫn không)",
    "^(?:todavía|todavia|aún|aun|sigue sin|nada|y\\?)",
    "^(?:immer noch|noch nichts|noch immer|nichts|und\\?)",
    "まだ|未だ|届かない",
  ].join("|"),
  "iu",
);

export type ContextReading = {
  /** An intent the context makes clear, overriding the model for a bare reply. */
  intent?: "bargain" | "order_status";
  /** The buyer is chasing an open problem again: raise the risk one step. */
  escalating: boolean;
};

export function readContext(text: string, context: readonly string[] | undefined): ContextReading {
  const last = context?.at(-1);
  if (!last) return { escalating: false };
  // Raw lower case, not lexiconText: currency signs and question marks matter here.
  const t = text.normalize("NFKC").toLowerCase().trim();
  if (t.length > MAX_BARE_CHARS) return { escalating: false };
  const prev = last.normalize("NFKC").toLowerCase();
  if (PRICE_CONTEXT.test(prev) && TOO_EXPENSIVE.test(t)) return { intent: "bargain", escalating: false };
  if (LOGISTICS_CONTEXT.test(prev) && STILL_NOTHING.test(t)) return { intent: "order_status", escalating: true };
  return { escalating: false };
}
