import type { RiskFlag } from "../taxonomy.js";
import { rx, W } from "./match.js";

export { lexiconText } from "./match.js";

/**
 * Risk phrases in the nine languages, one list per flag. They are matched on `lexiconText(text)`: lower case,
 * NFKC, elongations squeezed, digits kept (the model's features map digits to 0, which would make
 * "5 sao" and "1 sao" the same).
 *
 * Every list is matched against every message whatever its language, so an entry must not be an
 * everyday word elsewhere: German "Brand" (fire) is English "brand", Vietnamese "cháy hàng" means
 * sold out, Thai "แพ้" also means "lose". Such words appear only inside longer phrases.
 *
 * Latin entries are whole words or phrases, Han/kana/Thai entries plain substrings (see match.ts). `weak` entries (e.g. "fake", "假") only count when the message is not
 * a question: "is this fake?" is an authenticity question, "this is fake" is an accusation.
 *
 * Why lexicons on top of the model: flags are rare in any corpus, a missed safety hazard is the
 * costliest error the product can make, and a phrase list is auditable by the CS team.
 */
export type FlagLexicon = { strong: RegExp; weak?: RegExp };


export const RISK_LEXICON: Record<Exclude<RiskFlag, "negative_emotion">, FlagLexicon> = {
  safety_hazard: {
    strong: rx("u",
      // en
      W("burn(?:ed|t|s)? (?:my|me|his|her|the baby|our)|burns? on|caught fire|on fire|set fire|exploded?|explosion|blew up|electric(?:al)? shock|shocked me|electrocut\\p{L}*|sparks?|sparking|smok(?:ed|ing)|smoke came|melted|overheat\\p{L}*|allergic|allergy|rash(?:es)?|hives|swollen|swelling|blister\\p{L}*|injur\\p{L}*|bleed\\p{L}*|blood|cut (?:my|his|her)|hospital|er visit|poison\\p{L}*|chok(?:ed|ing)|food poisoning|toxic|unsafe|dangerous|hazard"),
      // zh
      "烧伤|烫伤|烧到|着火|起火|冒烟|冒火|爆炸|炸了|漏电|触电|电到|过敏|起疹|红肿|受伤|割伤|划伤|流血|出血|医院|中毒|发烫严重|窒息|危险",
      // id / ms (a hospital only when someone went or was taken there, as in Thai below)
      W("terbakar|kebakaran|meledak|meletup|kesetrum|nyetrum|tersetrum|kejutan elektrik|renjatan|korslet|berasap|keluar asap|alergi|alahan|gatal(?:-| )gatal|ruam|bentol|luka|berdarah|(?:masuk|ke|dibawa ke|dilarikan ke|dirawat di|dimasukkan ke) (?:rumah sakit|rs|hospital)|keracunan|melepuh|lecet|cedera|bahaya|berbahaya"),
      // th (a hospital only when someone went to or was taken to one: Thai posts name hospitals in
      // ads, news and check-up promotions far more often than in complaints)
      "ไหม้|ไฟไหม้|ระเบิด|ไฟดูด|ไฟช็อต|ช็อต|อาการแพ้|แพ้(?:ยา|ครีม|สาร|มาก|หนัก|จน)|ผื่น|บาดเจ็บ|เลือดออก|เลือดไหล|(?:ไป|เข้า|ส่ง|นอน|หาม)โรงพยาบาล|ไปหาหมอ|ควันออก|มีควัน|ร้อนจนละลาย|พุพอง|อันตราย|อาหารเป็นพิษ",
      // vi ("bị giật" alone is a phone stuttering in games; a shock is "điện giật"; a hospital as in Thai)
      W("bốc cháy|cháy nổ|bị cháy|cháy (?:tay|da|nhà|máy|sạc|dây)|phát nổ|nổ|bị điện giật|điện giật|giật điện|chập điện|dị ứng|nổi mẩn|mẩn đỏ|bị thương|chảy máu|(?:vào|đi|nhập|đưa vào|phải vào|cấp cứu ở|cấp cứu tại) bệnh viện|ngộ độc|bỏng|phỏng|bốc khói|nguy hiểm"),
      // es
      W("quem\\p{L}*|incendi\\p{L}*|prendió fuego|explot\\p{L}*|descarga eléctrica|electrocut\\p{L}*|chispas?|humo|alergia|alérgic\\p{L}*|sarpullido|ronchas|herid\\p{L}*|sangr\\p{L}*|hospital|urgencias|intoxica\\p{L}*|ampollas?|peligros\\p{L}*"),
      // de
      W("verbrannt|verbrennung\\p{L}*|feuer|explodiert|stromschlag|funken|rauch|qualm\\p{L}*|geschmolzen|überhitzt|allergi\\p{L}*|ausschlag|verletz\\p{L}*|blut\\p{L}*|krankenhaus|notaufnahme|vergiftung|gefährlich"),
      // ja
      "火傷|やけど|発火|燃え|煙が|発煙|爆発|感電|ビリッ|アレルギー|かぶれ|湿疹|発疹|怪我|けが|ケガ|出血|血が|病院|中毒|危険",
    ),
  },
  legal_threat: {
    strong: rx("u",
      W("lawyers?|attorneys?|sue|suing|lawsuit|legal action|take (?:you|this) to court|court|police|small claims|consumer (?:protection|affairs|council|tribunal)|ftc|bbb|trading standards"),
      "律师|起诉|告你|报警|警察|法院|消协|消费者协会|工商局|市场监管|法律途径|12315",
      W("pengacara|lawyer|polisi|lapor polisi|tuntut|gugat|jalur hukum|somasi|ylki|bpsk|peguam|saman|polis|mahkamah|tribunal|kpdn\\p{L}*|tindakan undang-undang"),
      "ทนาย|ฟ้อง|แจ้งความ|ตำรวจ|สคบ|ดำเนินคดี|ศาล",
      W("luật sư|khởi kiện|đi kiện|kiện (?:shop|bạn|các bạn|ra tòa)|công an|pháp luật|tòa án|báo công an|cơ quan chức năng|bảo vệ người tiêu dùng"),
      W("abogad\\p{L}*|demandar\\p{L}*|una demanda|demanda judicial|denunci\\p{L}*|policía|policia|profeco|juzgado|acciones legales|tribunal\\p{L}*|oficina de consumo|fiscalía"),
      W("anwalt|anwältin|rechtsanwalt|strafanzeige|anzeige erstatten|zeige (?:euch|dich|sie) an|polizei|verklag\\p{L}*|klage|gericht|verbraucherzentrale|rechtliche schritte"),
      "弁護士|訴え|訴訟|警察|消費者センター|消費生活センター|法的措置|裁判",
    ),
  },
  platform_dispute: {
    strong: rx("u",
      W("chargeback|charge back|dispute|a-?to-?z|paypal claim|open(?:ing)? a (?:case|claim)|file a claim|report (?:you|this shop|this seller|the shop|to (?:shopee|lazada|tiktok|amazon|the platform))|(?:contact|call|tell)(?:ing)? my bank"),
      "平台介入|投诉到平台|向平台投诉|找平台|举报|拒付|申诉|客服介入",
      W("lapor(?:kan|in)?|laporin|komplain ke (?:shopee|tokopedia|tiktok|lazada)|ajukan komplain|buat aduan|aduan (?:ke|kepada|kat|dekat)|pertikaian"),
      "แจ้ง(?:shopee|lazada|tiktok|แพลตฟอร์ม)|รายงานร้าน|ร้องเรียน|ร้องเรียนไปที่",
      W("báo cáo shop|tố cáo|report shop|khiếu nại (?:lên|với) (?:shopee|lazada|tiktok|sàn)"),
      W("disputa|contracargo|reclam(?:o|ación) (?:en|a) (?:mercado libre|shopee|la plataforma|paypal)|reportar(?:los|te)?|abrir (?:un )?reclamo"),
      W("käuferschutz|rückbuchung|chargeback|paypal-fall|fall eröffnen|melde (?:euch|dich|sie)|bei (?:paypal|amazon|der plattform) beschwer\\p{L}*"),
      "通報|運営に(?:報告|連絡|通報)|チャージバック|カード会社に",
    ),
  },
  bad_review_threat: {
    strong: rx("u",
      W("(?:bad|negative|terrible|[01][- ]star|one[- ]star) (?:review|rating|feedback)s?|[01] stars?|one star|zero stars?|rate (?:you|this) (?:[01]|one|low)|leave (?:a )?(?:bad|negative)"),
      "差评|一星|1星|零星|给你差|打差|低分|一颗星",
      W("bintang [01]|bintang satu|[01] bintang|satu bintang|review (?:jelek|buruk)|ulasan buruk|rating (?:jelek|buruk|[01])|penilaian buruk"),
      "รีวิวแย่|รีวิวไม่ดี|[01] ?ดาว|ดาวเดียว|หนึ่งดาว",
      W("[01] ?sao|một sao|đánh giá (?:[01]|một|xấu|tệ|thấp)"),
      W("mala (?:reseña|calificación|opinión)|reseña negativa|una estrella|[01] estrellas?|calificación negativa|calificar mal"),
      W("schlechte bewertung|negative bewertung|[01] sterne?|einen stern|ein stern|bewerte (?:euch|dich) schlecht"),
      "星0|星ひとつ|星1|星１|低評価|悪い評価|レビューに書",
    ),
  },
  fraud_accusation: {
    strong: rx("u",
      W("scam\\p{L}*|fraud\\p{L}*|con artists?|rip-?off|ripped off|cheat(?:ed|ers?|ing)?|thie(?:f|ves)|stole|stealing"),
      "骗子|诈骗|骗人|骗钱|欺诈|坑人|黑店|骗局",
      W("penipu|penipuan|nipu|ditipu|tipu|menipu|scammer|maling"),
      "โกง|หลอกลวง|มิจฉาชีพ|ต้มตุ๋น|หลอกเงิน|ขี้โกง",
      W("lừa đảo|lừa|gian lận|ăn cướp|scam"),
      W("estaf\\p{L}*|fraude|ladr(?:ón|ones)|robo|robaron|tim(?:o|aron)"),
      W("betrug|betrüger\\p{L}*|abzocke|abgezockt|diebe"),
      "詐欺|騙|だまさ|ぼったくり",
    ),
    weak: rx("u",
      W("fake|counterfeit|knock-?off|replica|not original|not authentic"),
      "假货|假的|仿品|高仿|不是正品",
      W("palsu|abal-abal|bukan ori|barang kw"),
      "ของปลอม|ปลอม|ไม่แท้",
      W("hàng giả|hàng fake|fake|không chính hãng|hàng nhái"),
      W("falso|falsificad\\p{L}*|pirata|no es original|imitación"),
      W("fälschung|gefälscht|fake|nicht original|plagiat"),
      "偽物|偽造|パチモン|コピー品|本物じゃない",
    ),
  },
  abusive: {
    strong: rx("u",
      W("fuck\\p{L}*|f\\*+k|shit\\p{L}*|idiots?|stupid|moron\\p{L}*|bitch\\p{L}*|bastards?|assholes?|dumbass|retard\\p{L}*|go to hell|piece of shit|stfu"),
      "傻逼|傻b|煞笔|妈的|他妈|你妈|去死|脑残|智障|混蛋|王八蛋|滚蛋|狗东西",
      W("anjing|anjir|bangsat|goblok|tolol|bego|kampret|brengsek|bajingan|kontol|asu|bodoh|bangang|bongok|sial|celaka|pukimak|palat|sialan"),
      "ควาย|เหี้ย|สัส|ชิบหาย|สันดาน|อีดอก|ไอ้โง่|ไอ้บ้า|โง่",
      W("địt|đm|đmm|vcl|vl|đồ ngu|ngu|mẹ mày|đồ chó|khốn nạn|mất dạy|óc chó"),
      W("idiota|pendej\\p{L}*|mierda|estúpid\\p{L}*|imbécil|cabr[oó]n|puta|joder|gilipollas|hijo de puta|pinche|malparido"),
      W("schei(?:ß|ss)e|idiot(?:en)?|arschloch|vollidiot|wichser|verdammt|dumm|blöd|bescheuert"),
      "死ね|バカ|ばか|馬鹿|クソ|くそ|アホ|ふざけるな|ふざけんな|カス",
    ),
  },
  public_exposure: {
    strong: rx("u",
      W("(?:post|share|put|upload)(?:ing)? (?:it|this|you|about (?:you|this))? ?(?:on|to) (?:facebook|fb|tiktok|instagram|ig|twitter|x|reddit|youtube|social media|every group)|go(?:es)? viral|expose (?:you|this)|tell everyone|warn everyone|warn (?:other|all) buyers|make a video|name and shame"),
      "曝光|发微博|发到网上|发网上|发抖音|发小红书|让大家看看|挂你|挂出来|网上说",
      W("viralin|viralkan|bikin viral|sebarin|sebarkan|tularkan|posting di (?:ig|fb|tiktok|sosmed|twitter)|upload ke (?:sosmed|tiktok|fb)|post (?:kat|dekat|dalam) (?:fb|facebook|tiktok|twitter|ig)"),
      "แฉ|ประจาน|โพสต์ลง|ลงเฟส|ลงโซเชียล|ให้คนอื่นรู้",
      W("bóc phốt|đăng lên (?:facebook|fb|mạng|tiktok|group)|tung lên mạng|cho mọi người biết"),
      W("(?:publicar|subir)(?:lo|la)? en (?:redes|facebook|tiktok|instagram)|exponer(?:los|te)?|escrach\\p{L}*|viraliz\\p{L}*|que todos sepan"),
      W("öffentlich machen|an den pranger|bloßstellen|(?:poste|posten|teile) (?:das|es) (?:auf|bei) (?:facebook|instagram|tiktok|social media)|alle warnen"),
      "晒す|拡散|SNSに|snsに|ツイッターに|ネットに書|炎上",
    ),
  },
  urgent: {
    strong: rx("u",
      W("asap|urgent\\p{L}*|right now|immediately|emergency|hurry|need it (?:by|today|tomorrow)|as soon as possible"),
      "急用|着急|急急|很急|赶紧|尽快|今天必须|快点",
      W("cepetan|buruan|segera|urgent|darurat|sekarang juga|buru-buru|buru2|kecemasan|cepat sikit"),
      "ด่วน|รีบ|เร็วๆ|ทันที",
      W("gấp|khẩn|nhanh lên|ngay lập tức|cần gấp|gấp lắm"),
      W("urgente|ya mismo|cuanto antes|lo antes posible|inmediatamente|apúrense|apurense"),
      W("dringend|sofort|eilig|umgehend|schnellstmöglich"),
      "至急|急ぎ|急いで|早く|今すぐ",
    ),
  },
};

/** Signs of anger beyond a plain negative tone: they raise `negative_emotion`. */
export const ANGER = rx("u",
  W("angry|furious|pissed|annoyed|fed up|disgusted|ridiculous|unacceptable|worst|terrible|horrible|wtf"),
  "生气|气死|愤怒|无语|恶心|太过分|离谱|垃圾|最差|火大",
  W("kesal|marah|kecewa berat|nyesel|parah|geram|menyampah|teruk|bengang|sakit hati"),
  "โกรธ|โมโห|หัวร้อน|ห่วยแตก|แย่มาก|ผิดหวังมาก|เซ็ง",
  // ("kinh khủng" is left out: it is as often an intensifier of praise, "pin trâu kinh khủng")
  W("bực|tức (?:giận|quá|ghê|thật|điên|mình)|bực tức|điên|quá đáng|(?<!(?:không|chẳng|ko) )thất vọng|tệ nhất|bực mình"),
  W("enojad\\p{L}*|enfadad\\p{L}*|furios\\p{L}*|harto|harta|indignad\\p{L}*|inaceptable|pésim\\p{L}*|una vergüenza"),
  W("wütend|sauer|verärgert|unverschämt|inakzeptabel|frechheit|katastrophe|unmöglich"),
  "怒|ムカつく|腹立|最悪|ひどい|酷い|ありえない|許せない",
);

const FLAG_ENTRIES = Object.entries(RISK_LEXICON) as [Exclude<RiskFlag, "negative_emotion">, FlagLexicon][];

/** Flags found by the lexicons in a `lexiconText`. */
export function lexiconFlags(normalized: string, isQuestion: boolean): RiskFlag[] {
  const out: RiskFlag[] = [];
  for (const [flag, lex] of FLAG_ENTRIES) {
    if (lex.strong.test(normalized) || (!isQuestion && lex.weak?.test(normalized))) out.push(flag);
  }
  return out;
}
