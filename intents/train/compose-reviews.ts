/**
 * Composes longer tone-labelled texts (reviews with several aspects, social posts, shop
 * announcements) in th, id, vi and zh from phrase lists written for this project, and writes them to
 * `intents/corpus/extra/sentiment/<lang>-composed.jsonl`. Never reads the public sets.
 *
 * Why: the hand-written tone corpus is ~400 short lines per language, while real reviews are long,
 * mention several aspects and end with a verdict. Composing aspect clauses teaches the sentiment
 * head (a) the polarity of many aspect words in long text, (b) that a mixed review is not a
 * complaint unless its verdict is, and (c) that ads, announcements and plain questions are neutral
 * even when they contain "ไม่", "không" or "tidak".
 *
 * Labels: every aspect negative → negative; every aspect positive → positive; mixed → the verdict's
 * polarity if there is one, else neutral; announcements, questions and plain facts → neutral.
 *
 * Run: `npx tsx intents/train/compose-reviews.ts` (deterministic; rewrites the four files).
 */
import { renameSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { mulberry32 } from "./fit-linear.js";

type Phrases = {
  /** Neutral openers: what was bought, when, how. */
  open: string[];
  /** Aspect clauses, positive. */
  pos: string[];
  /** Aspect clauses, negative. */
  neg: string[];
  /** "but" words joining a mixed review. */
  but: string[];
  /** Closing verdicts. */
  verdictPos: string[];
  verdictNeg: string[];
  /** Neutral posts with no opinion (ads, announcements, questions, facts). */
  neutral: string[];
  /** Clause separator. */
  sep: string;
};

const PHRASES: Record<"th" | "id" | "vi" | "zh", Phrases> = {
  th: {
    sep: " ",
    open: ["สั่งมาเมื่ออาทิตย์ที่แล้ว", "ซื้อมาใช้ได้ประมาณหนึ่งเดือน", "สั่งผ่านแอปตอนเที่ยง", "ซื้อให้แฟนเป็นของขวัญ", "ลองสั่งร้านนี้ครั้งแรก", "มาทานกับครอบครัวเมื่อวาน", "ใช้มาสองอาทิตย์แล้วค่ะ", "ได้ของวันนี้", "ซื้อตอนมีโปรลดราคา", "ไปใช้บริการสาขาใกล้บ้าน"],
    pos: ["แบตอึดมาก ใช้ได้ทั้งวัน", "กล้องชัด ถ่ายกลางคืนก็สวย", "จอสวย สีสด", "เครื่องลื่น ไม่ค้างเลย", "รสชาติอร่อย เข้มข้น", "ให้เยอะ อิ่มมาก", "ไรเดอร์มาไว อาหารยังร้อนอยู่", "แพ็คมาดี ไม่บุบเลย", "พนักงานบริการดี ยิ้มแย้ม", "เนื้อผ้านิ่ม ใส่สบาย", "ไซส์ตรงตามตาราง", "สีสวยตรงปก", "ส่งไวมาก สองวันถึง", "ราคาคุ้มค่า", "แม่ค้าตอบแชทไว", "เสียงดีเบสแน่น", "กลิ่นหอมอ่อนๆ", "ร้านสะอาด บรรยากาศดี", "ห้องพักสะอาด เตียงนอนสบาย", "ทาแล้วผิวนุ่มชุ่มชื้น"],
    neg: ["แบตหมดไวมาก", "กล้องเบลอ ถ่ายกลางคืนไม่ชัด", "จอมีจุดดำ", "เครื่องค้างบ่อย ร้อนมาก", "รสชาติจืด ไม่อร่อย", "ให้น้อยมาก ไม่อิ่ม", "รอไรเดอร์นานเกือบชั่วโมง อาหารเย็นหมด", "กล่องบุบ ของข้างในแตก", "พนักงานพูดจาไม่ดี", "ผ้าบาง ใส่แล้วคัน", "ไซส์เล็กกว่าตาราง ใส่ไม่ได้", "สีไม่ตรงปก", "ส่งช้ามาก เกือบสองอาทิตย์", "แพงเกินไปสำหรับคุณภาพแบบนี้", "ทักแชทไปไม่มีใครตอบ", "เสียงแตก ลำโพงซ่า", "กลิ่นฉุนมาก", "ร้านสกปรก มีแมลงวัน", "ห้องพักมีกลิ่นอับ แอร์ไม่เย็น", "ทาแล้วแสบหน้า สิวขึ้น"],
    but: ["แต่", "แต่ว่า", "ส่วน", "ติดอย่างเดียวคือ"],
    verdictPos: ["โดยรวมพอใจค่ะ", "รวมๆ แล้วคุ้มค่ะ จะกลับมาซื้ออีก", "ให้ห้าดาวเลย", "แนะนำเลยค่ะ", "ประทับใจมากครับ", "ถือว่าโอเคสำหรับราคานี้"],
    verdictNeg: ["ไม่ซื้ออีกแล้ว", "ผิดหวังมากค่ะ", "ไม่แนะนำเลย", "เสียดายเงินจริงๆ", "รอบหน้าไม่สั่งแล้ว", "ไม่คุ้มเลยค่ะ"],
    neutral: [
      "โปรโมชั่นประจำเดือน ซื้อ 2 ชิ้นลด 10% สั่งได้ทางไลน์หรือทักแชทเพจ",
      "แจ้งเวลาทำการใหม่ ร้านเปิด 10 โมงถึง 2 ทุ่ม ทุกวันไม่เว้นวันหยุด",
      "ประกาศ ทางร้านงดจัดส่งวันอาทิตย์ ออเดอร์วันอาทิตย์จะส่งวันจันทร์ค่ะ",
      "สินค้าพร้อมส่ง มีทั้งหมด 5 สี ไซส์ S M L XL ราคา 290 บาท",
      "เปิดพรีออเดอร์รอบใหม่ ของเข้าประมาณสองอาทิตย์ จ่ายมัดจำครึ่งหนึ่ง",
      "ใครเคยใช้โทรศัพท์รุ่นนี้บ้างคะ แบตเป็นยังไง อยากได้ความเห็นก่อนซื้อ",
      "มีใครรู้จักร้านซ่อมมือถือแถวบางนาไหมครับ",
      "ร้านนี้ไม่มีที่จอดรถนะคะ แนะนำให้มาด้วยรถไฟฟ้า ลงสถานีแล้วเดินสองนาที",
      "ไม่ต้องจองล่วงหน้า วอล์กอินได้เลย ร้านรับบัตรเครดิตทุกธนาคาร",
      "ข่าววันนี้ รัฐบาลประกาศมาตรการลดค่าไฟฟ้าสามเดือน เริ่มเดือนหน้า",
      "กรมอุตุนิยมวิทยาพยากรณ์ว่าพรุ่งนี้กรุงเทพฯ มีฝนตกร้อยละ 60 ของพื้นที่",
      "แบรนด์เปิดตัวสินค้าคอลเลกชันใหม่ วางจำหน่ายทุกสาขาตั้งแต่วันศุกร์นี้",
      "กิจกรรมลุ้นรับบัตรคอนเสิร์ต กดไลก์เพจและแชร์โพสต์แบบสาธารณะ",
      "ส่งฟรีไม่มีขั้นต่ำ เฉพาะวันนี้ถึงเที่ยงคืน",
      "ยังไม่ได้ลองใช้เลยค่ะ ไว้ใช้แล้วจะมาเล่าให้ฟังอีกที",
      "วันนี้ไปกินข้าวที่ห้างกับเพื่อน แล้วไปดูหนังต่อ",
      "สั่งชาไทยหวานน้อยกับข้าวมันไก่ รวม 95 บาท",
      "ร้านอยู่ชั้น 2 ตรงข้ามธนาคาร เปิดทุกวัน",
      "รับตัวแทนขายครีม ไม่ต้องมีประสบการณ์ มีคนสอนให้",
      "ราคานี้รวมค่าส่งแล้วหรือยังคะ",
      "มีสีอื่นนอกจากสีดำไหมครับ",
      "ถ้าไม่ได้ใช้แอป สั่งทางโทรศัพท์ได้ไหม",
      "ไลฟ์ขายของคืนนี้ทุ่มครึ่ง มีของแจกคนดูด้วย",
      "เราย้ายร้านไปอยู่ซอย 5 แล้วนะคะ ที่เดิมไม่ได้เปิดแล้ว",
    ],
  },
  id: {
    sep: ", ",
    open: ["beli minggu lalu", "sudah pakai sebulan", "pesan lewat aplikasi tadi siang", "beli buat hadiah", "pertama kali pesan di sini", "makan di sini sama keluarga kemarin", "baru dua minggu pakai", "barang sampai hari ini", "beli pas promo", "datang ke cabang dekat rumah"],
    pos: ["baterainya awet seharian", "kameranya jernih, foto malam juga bagus", "layarnya tajam dan terang", "hp nya lancar tidak lemot", "rasanya enak, bumbunya pas", "porsinya banyak, kenyang", "drivernya cepat, makanan masih hangat", "packingnya rapi dan aman", "pelayannya ramah", "bahannya lembut dan adem", "ukurannya pas sesuai size chart", "warnanya sesuai foto", "pengiriman cepat, dua hari sampai", "harganya terjangkau", "penjualnya fast respon", "suaranya jernih, bass nya mantap", "wanginya lembut", "tempatnya bersih dan nyaman", "kamarnya bersih, kasurnya empuk", "kulit jadi lembab dan halus"],
    neg: ["baterainya cepat habis", "kameranya buram kalau malam", "layarnya ada titik hitam", "hp nya sering hang dan panas", "rasanya hambar, tidak enak", "porsinya sedikit sekali", "nunggu driver hampir sejam, makanannya dingin", "kardusnya penyok, isinya pecah", "pelayannya jutek", "bahannya tipis dan gatal", "ukurannya kekecilan", "warnanya beda dengan foto", "pengirimannya lama sekali, hampir dua minggu", "kemahalan untuk kualitas segini", "chat tidak dibalas penjual", "suaranya pecah", "baunya menyengat", "tempatnya kotor, banyak lalat", "kamarnya bau apek, ac tidak dingin", "muka jadi perih dan jerawatan"],
    but: ["tapi", "namun", "sayangnya", "cuma"],
    verdictPos: ["overall puas", "secara keseluruhan oke, bakal beli lagi", "kasih bintang lima", "recommended", "sangat memuaskan", "worth it lah untuk harga segini"],
    verdictNeg: ["tidak akan beli lagi", "kecewa berat", "tidak recommended", "nyesel beli", "kapok pesan di sini", "rugi banget"],
    neutral: [
      "promo bulan ini, beli dua gratis ongkir ke seluruh indonesia, pesan lewat whatsapp",
      "toko buka jam 10 pagi sampai jam 8 malam, hari minggu tetap buka",
      "pengumuman, pengiriman libur tanggal merah, pesanan dikirim hari berikutnya",
      "ready stok, tersedia lima warna, ukuran s sampai xl, harga 89 ribu",
      "open pre order batch baru, estimasi dua minggu, dp lima puluh persen",
      "ada yang pernah pakai hp ini, baterainya gimana, mau tanya sebelum beli",
      "ada yang tahu tempat servis laptop di daerah depok",
      "tidak ada tempat parkir mobil, disarankan naik transportasi umum",
      "tidak perlu reservasi, bisa langsung datang, terima semua kartu debit",
      "pemerintah mengumumkan subsidi listrik selama tiga bulan mulai bulan depan",
      "bmkg memperkirakan hujan ringan di jakarta besok sore",
      "brand ini meluncurkan koleksi baru, tersedia di semua gerai mulai jumat",
      "giveaway tiket konser, follow akun kami dan bagikan postingan ini",
      "gratis ongkir tanpa minimal belanja khusus hari ini",
      "belum dicoba, nanti kalau sudah pakai saya update lagi",
      "hari ini makan siang di mal sama teman kantor lalu nonton film",
      "pesan es teh manis dan nasi ayam, totalnya 35 ribu",
      "tokonya di lantai dua, seberang bank, buka setiap hari",
      "dicari reseller produk skincare, tidak perlu pengalaman, dibimbing sampai bisa",
      "harga ini sudah termasuk ongkir belum ya",
      "ada warna lain selain hitam tidak",
      "kalau tidak pakai aplikasi bisa pesan lewat telepon",
      "live jualan malam ini jam tujuh, ada bagi bagi hadiah",
      "kami pindah ke jalan melati nomor 5, toko lama sudah tidak buka",
    ],
  },
  vi: {
    sep: ", ",
    open: ["mua được một tuần", "dùng được hơn một tháng rồi", "đặt qua app buổi trưa", "mua làm quà cho bạn", "lần đầu đặt ở quán này", "đi ăn cùng gia đình hôm qua", "mới dùng được hai tuần", "hôm nay nhận hàng", "mua lúc có khuyến mãi", "ra cửa hàng gần nhà mua"],
    pos: ["pin trâu dùng cả ngày", "camera chụp nét, chụp đêm cũng đẹp", "màn hình đẹp, màu sắc tươi", "máy chạy mượt không giật lag", "đồ ăn ngon, vừa miệng", "phần ăn nhiều, ăn no", "shipper giao nhanh, đồ ăn còn nóng", "đóng gói cẩn thận", "nhân viên nhiệt tình, dễ thương", "vải mềm, mặc mát", "size chuẩn theo bảng", "màu giống hình", "giao hàng nhanh, hai ngày là nhận", "giá hợp lý", "shop trả lời tin nhắn nhanh", "loa to, âm thanh rõ", "mùi thơm nhẹ", "quán sạch sẽ, không gian thoáng", "phòng sạch, giường êm", "bôi lên da mềm mịn"],
    neg: ["pin tụt nhanh", "camera chụp đêm bị mờ", "màn hình có điểm chết", "máy hay bị đơ và nóng", "đồ ăn nhạt, không ngon", "phần ăn ít quá", "chờ shipper gần một tiếng, đồ ăn nguội hết", "hộp bị móp, hàng bên trong bị vỡ", "nhân viên thái độ lồi lõm", "vải mỏng, mặc bị ngứa", "size nhỏ hơn bảng, mặc không vừa", "màu khác hình", "giao hàng quá lâu, gần hai tuần", "giá quá đắt so với chất lượng", "nhắn tin shop không trả lời", "loa rè, âm thanh bị vỡ", "mùi hắc khó chịu", "quán bẩn, nhiều ruồi", "phòng có mùi ẩm mốc, máy lạnh không mát", "bôi vào bị rát, nổi mụn"],
    but: ["nhưng", "tuy nhiên", "có điều", "chỉ tiếc là"],
    verdictPos: ["nói chung hài lòng", "tổng thể ổn, sẽ ủng hộ tiếp", "cho 5 sao", "đáng tiền, nên mua", "rất ưng ý", "trong tầm giá thì ok"],
    verdictNeg: ["sẽ không mua lại", "quá thất vọng", "không nên mua", "phí tiền", "lần sau không đặt nữa", "không đáng tiền"],
    neutral: [
      "khuyến mãi tháng này, mua hai sản phẩm được miễn phí vận chuyển toàn quốc",
      "cửa hàng mở cửa từ 9 giờ sáng đến 9 giờ tối, chủ nhật vẫn bán",
      "thông báo, ngày lễ shop nghỉ giao hàng, đơn sẽ được gửi vào ngày hôm sau",
      "hàng có sẵn, năm màu, size s đến xl, giá 250 nghìn",
      "mở đặt trước đợt mới, hàng về khoảng hai tuần, cọc năm mươi phần trăm",
      "có ai dùng điện thoại này chưa, pin thế nào, muốn hỏi trước khi mua",
      "ai biết chỗ sửa laptop uy tín ở quận 3 không",
      "quán không có chỗ đậu ô tô, nên đi xe máy hoặc taxi",
      "không cần đặt bàn trước, đến trực tiếp là được, nhận thanh toán bằng thẻ",
      "chính phủ công bố chương trình hỗ trợ giá điện trong ba tháng tới",
      "dự báo ngày mai hà nội có mưa rào vào buổi chiều",
      "hãng vừa ra mắt mẫu điện thoại mới, mở bán từ thứ sáu tuần này",
      "minigame tặng vé xem phim, like trang và chia sẻ bài viết này",
      "miễn phí vận chuyển không cần đơn tối thiểu, chỉ trong hôm nay",
      "chưa dùng thử, dùng rồi sẽ đánh giá sau",
      "hôm nay đi ăn trưa ở trung tâm thương mại với đồng nghiệp rồi đi xem phim",
      "gọi một ly trà đá và một phần cơm gà, tổng cộng 45 nghìn",
      "cửa hàng ở tầng hai, đối diện ngân hàng, mở cửa mỗi ngày",
      "tuyển cộng tác viên bán mỹ phẩm, không cần kinh nghiệm, được hướng dẫn",
      "giá này đã bao gồm phí ship chưa shop",
      "có màu khác ngoài màu đen không",
      "không dùng app thì đặt qua điện thoại được không",
      "tối nay 8 giờ livestream bán hàng, có quà tặng người xem",
      "shop đã chuyển sang địa chỉ mới số 5 đường lê lợi, chỗ cũ không bán nữa",
    ],
  },
  zh: {
    sep: "，",
    open: ["上周买的", "用了一个多月了", "中午在app上点的", "买来送朋友的", "第一次在这家店下单", "昨天和家人一起来吃的", "刚用了两个星期", "今天收到货", "趁活动买的", "在家附近的门店买的"],
    pos: ["电池很耐用，用一天没问题", "拍照清晰，夜景也好看", "屏幕显示效果好", "运行流畅不卡顿", "味道很好，很入味", "分量很足，吃得很饱", "骑手送得很快，饭还是热的", "包装很严实", "服务员态度很好", "面料柔软，穿着舒服", "尺码标准", "颜色和图片一样", "物流很快，两天就到了", "价格实惠", "客服回复很及时", "音质不错，低音很足", "味道淡淡的很好闻", "环境干净，很安静", "房间干净，床很舒服", "用了皮肤很滋润"],
    neg: ["电池掉电太快", "拍照模糊，夜景一塌糊涂", "屏幕有坏点", "经常卡死，还发烫", "味道寡淡，不好吃", "分量太少了", "等骑手等了快一个小时，饭都凉了", "盒子压坏了，里面的东西碎了", "服务员态度恶劣", "面料很薄，穿着扎人", "尺码偏小，穿不上", "颜色和图片差很多", "物流太慢，快两个星期才到", "这个质量卖这个价太贵了", "问客服一直不回", "音质很差，有杂音", "味道刺鼻", "环境脏乱，有苍蝇", "房间有霉味，空调不制冷", "用了脸上刺痛，还长痘"],
    but: ["但是", "不过", "可惜", "就是"],
    verdictPos: ["总体满意", "整体不错，会回购", "五星好评", "值得购买", "非常满意", "这个价位算不错了"],
    verdictNeg: ["不会再买了", "太失望了", "不推荐", "后悔买了", "下次不会再点了", "不值这个价"],
    neutral: [
      "本月活动，买两件包邮，可以私信下单",
      "门店营业时间早上十点到晚上八点，周末照常营业",
      "通知：节假日期间暂停发货，订单顺延到假期后发出",
      "现货，有五种颜色，尺码s到xl，售价八十九元",
      "新一批预售开启，预计两周到货，需付一半定金",
      "有人用过这款手机吗，续航怎么样，想买之前问问",
      "有谁知道附近哪里可以修电脑",
      "店门口没有停车位，建议坐地铁过来",
      "不用提前预约，直接到店就可以，支持刷卡",
      "政府宣布未来三个月电费补贴政策，下个月开始实施",
      "天气预报说明天下午有阵雨",
      "品牌发布了新系列，本周五起全国门店上市",
      "转发抽奖送电影票，关注并转发这条微博即可参与",
      "今天全场免运费，不限金额",
      "还没用，用了再来追评",
      "今天中午和同事在商场吃饭，吃完去看了电影",
      "点了一杯奶茶和一份鸡肉饭，一共三十五块",
      "店在二楼，银行对面，每天都开",
      "招代理，不需要经验，有人带",
      "这个价格包邮吗",
      "除了黑色还有别的颜色吗",
      "不用app的话可以打电话订吗",
      "今晚八点直播，有抽奖",
      "我们搬到了新地址，老店已经不开了",
    ],
  },
};

type Row = { text: string; lang: string; sentiment: "negative" | "neutral" | "positive" };

export function composeReviews(lang: keyof typeof PHRASES, n: number, seed: number): Row[] {
  const p = PHRASES[lang];
  const rand = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const pickN = (xs: readonly string[], k: number): string[] => {
    const copy = [...xs];
    const out: string[] = [];
    while (out.length < k && copy.length > 0) out.push(copy.splice(Math.floor(rand() * copy.length), 1)[0]!);
    return out;
  };
  const rows: Row[] = [];
  const seen = new Set<string>();
  const add = (parts: string[], sentiment: Row["sentiment"]) => {
    const text = parts.filter(Boolean).join(p.sep);
    if (seen.has(text)) return;
    seen.add(text);
    rows.push({ text, lang, sentiment });
  };
  // Every neutral post as written, plus two-post combinations (long neutral text).
  for (const t of p.neutral) add([t], "neutral");
  let guard = 0;
  while (rows.length < n && guard++ < n * 20) {
    const r = rand();
    const open = rand() < 0.7 ? pick(p.open) : "";
    const k = 1 + Math.floor(rand() * 3);
    if (r < 0.25) {
      const verdict = rand() < 0.6 ? pick(p.verdictNeg) : "";
      add([open, ...pickN(p.neg, k), verdict], "negative");
    } else if (r < 0.5) {
      const verdict = rand() < 0.6 ? pick(p.verdictPos) : "";
      add([open, ...pickN(p.pos, k), verdict], "positive");
    } else if (r < 0.85) {
      // Mixed: praise then a drawback (or the reverse), and a verdict or none.
      const good = pickN(p.pos, 1 + Math.floor(rand() * 2));
      const bad = pickN(p.neg, 1);
      const first = rand() < 0.6;
      const body = first ? [...good, `${pick(p.but)}${lang === "zh" || lang === "th" ? "" : " "}${bad[0]}`] : [...bad, `${pick(p.but)}${lang === "zh" || lang === "th" ? "" : " "}${good[0]}`];
      const v = rand();
      if (v < 0.4) add([open, ...body, pick(p.verdictPos)], "positive");
      else if (v < 0.55) add([open, ...body, pick(p.verdictNeg)], "negative");
      else add([open, ...body], "neutral");
    } else {
      add([pick(p.neutral), pick(p.neutral)], "neutral");
    }
  }
  return rows;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const seeds = { th: 11, id: 12, vi: 13, zh: 14 } as const;
  for (const lang of Object.keys(PHRASES) as (keyof typeof PHRASES)[]) {
    const rows = composeReviews(lang, 360, seeds[lang]);
    const path = fileURLToPath(new URL(`../corpus/extra/sentiment/${lang}-composed.jsonl`, import.meta.url));
    writeFileSync(`${path}.tmp`, rows.map((r) => JSON.stringify(r)).join("\n") + "\n");
    renameSync(`${path}.tmp`, path);
    const by = rows.reduce<Record<string, number>>((m, r) => ((m[r.sentiment] = (m[r.sentiment] ?? 0) + 1), m), {});
    console.log(`${lang}: ${rows.length} lines ${JSON.stringify(by)} → ${path}`);
  }
}
