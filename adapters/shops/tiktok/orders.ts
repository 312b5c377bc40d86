/**
 * "Where is my order": TikTok Shop order and fulfillment APIs, version 202309 ([3P]
 * EcomPHP/tiktokshop-php src/Resources/Order.php, Fulfillment.php; reference/platform-apis.md 3.5).
 * - Get Order Detail: GET /order/202309/orders?ids=a,b → data.orders[]
 * - Get Order List:   POST /order/202309/orders/search?page_size=N&sort_field=create_time&sort_order=DESC,
 *                     body {buyer_user_id} → data.orders[] (filter name UNVERIFIED against live API)
 * - Get Tracking:     GET /fulfillment/202309/orders/{order_id}/tracking → data.tracking[{description, update_time_millis}]
 * Parsing is lenient (unknown fields allowed) and kept here, to correct in one place.
 */
import { z } from "zod";
import { ValidationError } from "../../../src/errors.ts";
import type { OrderContext, ShopAuth } from "../../../src/ports.ts";
import { callTikTok, pathId, type TikTokHttp } from "./client.ts";

const apiOrderSchema = z.looseObject({
  id: z.string().min(1),
  status: z.string().default("UNKNOWN"),
  tracking_number: z.string().optional(),
  shipping_provider: z.string().optional(),
  delivery_due_time: z.coerce.number().optional(),
  line_items: z.array(z.looseObject({ product_name: z.string().optional(), sku_name: z.string().optional() })).default([]),
});
const ordersData = z.looseObject({ orders: z.array(apiOrderSchema).default([]) });
const trackingData = z.looseObject({
  tracking: z.array(z.looseObject({ description: z.string(), update_time_millis: z.coerce.number() })).default([]),
});

function toOrder(o: z.infer<typeof apiOrderSchema>): OrderContext {
  return {
    orderId: o.id,
    status: o.status,
    products: [...new Set(o.line_items.map((l) => l.product_name).filter((n): n is string => !!n))],
    trackingNumber: o.tracking_number?.trim() || null,
    carrier: o.shipping_provider?.trim() || null,
    events: [],
    eta: o.delivery_due_time ? new Date(o.delivery_due_time * 1000).toISOString() : null,
  };
}

export function tiktokOrders(http: TikTokHttp) {
  return {
    async getOrders(shop: ShopAuth, orderIds: string[]): Promise<OrderContext[]> {
      if (orderIds.length === 0) return [];
      const ids = orderIds.map((id) => pathId(id, "order"));
      const data = await callTikTok(http, { method: "GET", path: "/order/202309/orders", shop, query: { ids: ids.join(",") } }, ordersData);
      return data.orders.map(toOrder);
    },

    async recentOrders(shop: ShopAuth, buyerUserId: string, opts?: { pageSize?: number }): Promise<OrderContext[]> {
      const pageSize = opts?.pageSize ?? 5;
      if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100) throw new ValidationError(`invalid page size ${pageSize}`);
      const data = await callTikTok(
        http,
        {
          method: "POST",
          path: "/order/202309/orders/search",
          shop,
          query: { page_size: String(pageSize), sort_field: "create_time", sort_order: "DESC" },
          json: { buyer_user_id: buyerUserId },
        },
        ordersData,
      );
      return data.orders.map(toOrder);
    },

    async getTracking(shop: ShopAuth, orderId: string): Promise<OrderContext["events"]> {
      const data = await callTikTok(
        http,
        { method: "GET", path: `/fulfillment/202309/orders/${pathId(orderId, "order")}/tracking`, shop },
        trackingData,
      );
      return data.tracking
        .map((t) => ({ at: new Date(t.update_time_millis).toISOString(), description: t.description }))
        .sort((a, b) => b.at.localeCompare(a.at));
    },
  };
}
