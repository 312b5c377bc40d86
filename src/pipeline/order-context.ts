import type { Deps } from "../deps.ts";
import { errorFields } from "../logger.ts";
import type { OrderContext } from "../ports.ts";
import type { ShopContext } from "./shop-lookup.ts";

/** Intents whose reply is about a placed order: these get the order and tracking looked up. */
export const ORDER_INTENTS: ReadonlySet<string> = new Set([
  "order_status",
  "delivery_time",
  "delivery_problem",
  "change_address",
  "cancel_order",
  "return_refund",
  "exchange",
  "wrong_item",
  "damaged_item",
]);

/** TikTok order ids are 18-digit numbers; buyers often paste them into the chat. */
const ORDER_ID = /(?<!\d)\d{16,20}(?!\d)/g;
const SHIPPED = new Set(["IN_TRANSIT", "DELIVERED", "COMPLETED", "PARTIALLY_SHIPPING", "AWAITING_COLLECTION"]);

/**
 * The buyer's order for an order-related message: the order id the buyer wrote, else their most
 * recent order; with its tracking once shipped. Best effort: a failed lookup is logged and the
 * reply falls back to a template without order data, it never holds the message back.
 */
export async function lookupOrderContext(
  deps: Deps,
  shop: ShopContext,
  input: { itemId: string; intent: string; text: string; buyerId: string | null },
): Promise<OrderContext | null> {
  if (!ORDER_INTENTS.has(input.intent)) return null;
  try {
    const ids = [...new Set(input.text.match(ORDER_ID) ?? [])].slice(0, 5);
    let order = ids.length > 0 ? (await shop.platform.getOrders(shop.auth, ids))[0] : undefined;
    if (!order && input.buyerId) order = (await shop.platform.recentOrders(shop.auth, input.buyerId, { pageSize: 5 }))[0];
    if (!order) return null;
    if (order.trackingNumber || SHIPPED.has(order.status)) {
      order = { ...order, events: (await shop.platform.getTracking(shop.auth, order.orderId)).slice(0, 5) };
    }
    return order;
  } catch (err) {
    deps.log.warn("order.lookup_failed", { itemId: input.itemId, ...errorFields(err) });
    return null;
  }
}
