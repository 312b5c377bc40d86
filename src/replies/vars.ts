import type { OrderContext } from "../ports.ts";
import { statusLabel } from "./defaults.ts";
import type { TemplateVars } from "./render.ts";

/**
 * The template variables for one message: the buyer's order (localised status, tracking, ETA),
 * the buyer's name when the platform gave a real one (TikTok masks most as "ana***", which reads
 * badly in a greeting), and the shop's configured product link and coupon.
 */
export function templateVars(input: {
  lang: string;
  buyerName?: string | null;
  order?: OrderContext | null;
  productLink?: string | null;
  coupon?: string | null;
}): TemplateVars {
  const { order, lang } = input;
  const name = input.buyerName?.trim();
  return {
    buyer_name: name && !name.includes("*") ? name : null,
    product: order?.products[0] ?? null,
    order_id: order?.orderId ?? null,
    order_status: statusLabel(order?.status, lang),
    tracking_number: order?.trackingNumber ?? null,
    carrier: order?.carrier ?? null,
    eta: order?.eta ? order.eta.slice(0, 10) : null,
    coupon: input.coupon ?? null,
    product_link: input.productLink ?? null,
  };
}
