import type { Classification } from "../../intents/taxonomy.ts";

/**
 * ④ A first suggested reply per intent. The full template library (per shop and language, with
 * order data) is issue 4; until then these defaults give staff a safe, editable starting point in
 * English and Chinese, and the card says which template was used.
 */
const TEMPLATES: Record<string, { en: string; zh: string }> = {
  product_info: { en: "Thanks for asking! Here are the details of this item: ", zh: "亲，感谢咨询！这款商品的详细信息如下：" },
  size_fit: { en: "Happy to help with sizing! Could you tell us your height and weight? We'll recommend the best size.", zh: "亲，可以告诉我们您的身高体重吗？我们帮您推荐合适的尺码。" },
  stock_availability: { en: "Thanks for your interest! Let me check the stock for you right away.", zh: "亲，马上帮您查一下库存哦。" },
  authenticity: { en: "Yes, all our products are 100% authentic and sourced from the brand's official channels.", zh: "亲，我们所有商品都是正品，来自品牌官方渠道，请放心购买。" },
  price_inquiry: { en: "The current price is shown on the product page, including any active discounts.", zh: "亲，商品页面显示的就是当前价格，已包含正在进行的优惠。" },
  bargain: { en: "Thanks for your interest! Our prices are already our best, but keep an eye on our shop vouchers.", zh: "亲，价格已经是最优惠的了，可以关注店铺优惠券哦。" },
  coupon_promo: { en: "You can collect our shop vouchers on the shop page before checkout.", zh: "亲，下单前可以在店铺首页领取优惠券哦。" },
  free_gift: { en: "Gifts depend on the current promotion; we'll include any gift that applies to your order.", zh: "亲，赠品以当前活动为准，符合条件的订单会随单赠送。" },
  buy_link: { en: "You can order it directly from our shop: tap the product card or the shop link on our profile.", zh: "亲，可以直接在店铺里下单，点击商品卡片即可购买。" },
  order_help: { en: "Happy to help with your order! Which item, size and colour would you like?", zh: "亲，很乐意帮您下单，请问需要哪款、什么尺码和颜色？" },
  payment: { en: "We accept all payment methods offered at checkout. If a payment failed, please try again or choose another method.", zh: "亲，结算页面提供的支付方式都可以使用，如支付失败请重试或换一种方式。" },
  bulk_order: { en: "Thanks for your interest in a bulk order! How many pieces do you need? We'll check the best price for you.", zh: "亲，请问需要多少件？我们帮您申请批量价格。" },
  order_status: { en: "Sorry for the wait! Let me check your order status right away.", zh: "亲，抱歉久等了，马上帮您查询订单状态。" },
  delivery_time: { en: "Orders usually ship within 1–2 days and arrive in 3–7 days, depending on your location.", zh: "亲，一般1-2天内发货，3-7天送达，具体视地区而定。" },
  shipping_options: { en: "Shipping options and costs are shown at checkout for your address.", zh: "亲，运费和配送方式会在结算页面根据您的地址显示。" },
  change_address: { en: "We can update the address if the order hasn't shipped yet. Please send us the new address.", zh: "亲，订单未发货前可以修改地址，请发送新的地址给我们。" },
  delivery_problem: { en: "We're sorry about the delivery problem. Let me check with the carrier right away.", zh: "亲，非常抱歉，马上帮您联系物流核实。" },
  cancel_order: { en: "We can cancel the order if it hasn't shipped yet. Let me check it for you.", zh: "亲，订单未发货前可以取消，马上帮您处理。" },
  return_refund: { en: "We're sorry it didn't work out. You can request a return or refund from the order page, and we'll process it quickly.", zh: "亲，可以在订单页面申请退货退款，我们会尽快处理。" },
  exchange: { en: "We can help with an exchange. Which size or colour would you like instead?", zh: "亲，可以帮您换货，请问需要换成什么尺码或颜色？" },
  wrong_item: { en: "We're so sorry you received the wrong item! Could you send us a photo? We'll fix it right away.", zh: "亲，非常抱歉发错货了！麻烦拍张照片给我们，马上为您处理。" },
  damaged_item: { en: "We're sorry the item arrived damaged! Please send us a photo of it and the package, and we'll make it right.", zh: "亲，非常抱歉商品有破损！请拍下商品和包裹的照片，我们会为您妥善处理。" },
  quality_issue: { en: "We're sorry the item isn't as expected. Could you send us a photo or video of the issue? We'll help you right away.", zh: "亲，非常抱歉给您带来不好的体验，麻烦发一下问题的照片或视频，我们马上处理。" },
  usage_help: { en: "Happy to help! Could you tell us which step you're stuck on?", zh: "亲，很乐意帮您，请问是哪一步遇到问题了？" },
  invoice: { en: "We can provide an invoice. Please send us your order number and billing details.", zh: "亲，可以开具发票，请提供订单号和开票信息。" },
  compliment: { en: "Thank you so much for your kind words! We're happy you love it.", zh: "亲，非常感谢您的好评，您喜欢就是我们最大的动力！" },
  complaint: { en: "We're sorry about your experience. Please tell us more so we can make it right.", zh: "亲，非常抱歉给您带来不好的体验，请告诉我们详细情况，我们一定妥善处理。" },
  human_agent: { en: "A member of our team will reply to you shortly.", zh: "亲，客服人员马上为您服务。" },
  greeting: { en: "Hi! Thanks for reaching out. How can we help you today?", zh: "亲，您好！请问有什么可以帮您？" },
  other: { en: "Thanks for your message! How can we help you?", zh: "亲，感谢您的留言，请问有什么可以帮您？" },
};

export type Suggestion = { text: string; source: string };

export function suggestReply(c: Pick<Classification, "intent" | "lang" | "risk" | "unsure">): Suggestion | null {
  if (c.intent === "spam") return null;
  // A critical message (safety hazard, legal threat) deserves a reply written by a person.
  if (c.risk === "critical") return null;
  const template = TEMPLATES[c.intent] ?? TEMPLATES.other!;
  const lang = c.lang === "zh" ? "zh" : "en";
  return { text: template[lang], source: `template:default:${c.intent}:${lang}` };
}
