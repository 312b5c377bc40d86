/**
 * What the demo's buyers write: short, realistic marketplace chat in the shop's markets' languages
 * (written for the demo, not taken from any data set). Buyers with two lines write them in one
 * conversation, so the board's conversation view has a history to show.
 */
export type DemoBuyer = { nickname: string; lines: string[] };

export const DEMO_BUYERS: DemoBuyer[] = [
  { nickname: "Ayu Lestari", lines: ["Kak, yang warna sage masih ada ukuran L?", "Kalau pesan hari ini kapan sampai Surabaya ya?"] },
  { nickname: "Liam Carter", lines: ["Hi! Is the linen shirt true to size? I'm usually a medium."] },
  { nickname: "王小明", lines: ["我的订单已经十天了还没到，物流一直没有更新，怎么回事？", "再不到我就要申请退款了"] },
  { nickname: "Nguyễn Thu", lines: ["Shop ơi, áo bị rách ở đường may, em muốn đổi hàng được không?"] },
  { nickname: "Somchai P.", lines: ["สินค้ายังไม่ได้รับเลยครับ สั่งไปตั้งแต่อาทิตย์ที่แล้ว"] },
  { nickname: "Siti Nur", lines: ["Boleh saya tukar alamat penghantaran? Saya tersalah taip poskod."] },
  { nickname: "María G.", lines: ["Hola, ¿hacen envíos a Canarias? ¿Cuánto cuesta?"] },
  { nickname: "Jonas Weber", lines: ["Die Hose ist zu klein. Wie kann ich sie zurückschicken?"] },
  { nickname: "さくら", lines: ["注文をキャンセルしたいです。まだ発送されていませんか？"] },
  { nickname: "Rizky A.", lines: ["Barang palsu! Logo beda sama di foto. Saya mau lapor ke TikTok kalau tidak refund."] },
  { nickname: "Emma W.", lines: ["Do you have a discount code for a second item? Loved the first one!"] },
  { nickname: "陈静", lines: ["请问这款有没有黑色？什么时候补货？"] },
  { nickname: "Trần Minh", lines: ["Cảm ơn shop, hàng đẹp lắm, giao nhanh nữa!"] },
  { nickname: "Dewi K.", lines: ["Paket saya sudah sampai tapi isinya kurang satu item."] },
  { nickname: "Olivia B.", lines: ["I was charged twice for the same order, please refund one of the payments.", "Order was placed yesterday evening."] },
  { nickname: "Anong", lines: ["มีไซส์ XL ไหมคะ รอบอกประมาณ 42 นิ้ว"] },
];

/** The demo's messages in the order they are sent: each buyer's first line, then the follow-ups. */
export function demoScript(): { buyer: number; text: string }[] {
  const first = DEMO_BUYERS.map((b, i) => ({ buyer: i, text: b.lines[0]! }));
  const rest = DEMO_BUYERS.flatMap((b, i) => b.lines.slice(1).map((text) => ({ buyer: i, text })));
  return [...first, ...rest];
}
