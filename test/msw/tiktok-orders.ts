/**
 * The order and fulfillment half of the TikTok fake (202309): Get Order Detail, Order Search and
 * Get Tracking, behind the same gateway checks (signature, timestamp, token, cipher) as the chat API.
 * Shapes follow the 202309 docs as mirrored by public SDKs (EcomPHP/tiktokshop-php Order.php and
 * Fulfillment.php; order fields `id`, `status`, `user_id`, `tracking_number`, `shipping_provider`,
 * `line_items[].product_name`, `delivery_due_time`; tracking `{description, update_time_millis}`).
 */
import { http, type HttpHandler } from "msw";
import type { RecordedRequest } from "./tiktok.ts";

export type FakeOrder = {
  id: string;
  status: string;
  user_id: string;
  create_time: number;
  update_time?: number;
  tracking_number?: string;
  shipping_provider?: string;
  shipping_provider_id?: string;
  delivery_due_time?: number;
  payment?: { currency: string; total_amount: string };
  line_items: { id: string; product_id: string; product_name: string; sku_name?: string; sale_price?: string }[];
  tracking?: { description: string; update_time_millis: number }[];
};

/**
 * A buyer's order three days old and in transit with J&T in Indonesia, delivery due in two days,
 * last seen at the Jakarta sorting centre an hour ago (`now` in epoch seconds).
 */
export function inTransitOrder(now: number, over: Partial<FakeOrder> = {}): FakeOrder {
  return {
    id: "576461413038785752",
    status: "IN_TRANSIT",
    user_id: "7436545389012345678",
    create_time: now - 3 * 86400,
    tracking_number: "JX0123456789ID",
    shipping_provider: "J&T Express",
    shipping_provider_id: "6617675021119438849",
    delivery_due_time: now + 2 * 86400,
    payment: { currency: "IDR", total_amount: "159000" },
    line_items: [{ id: "577087614418520004", product_id: "1729385018463", product_name: "Linen Shirt", sku_name: "Pink, M", sale_price: "159000" }],
    tracking: [{ description: "Arrived at sorting centre Jakarta", update_time_millis: (now - 3600) * 1000 }],
    ...over,
  };
}

type Deps = {
  gate: (request: Request, rec: RecordedRequest, body: Uint8Array) => Promise<Response | null>;
  record: (request: Request) => Promise<[RecordedRequest, Uint8Array]>;
  envelope: (status: number, code: number, message: string, data?: unknown) => Response;
  orders: Map<string, FakeOrder>;
};

const PARAM_ERROR = [400, 36009004, "invalid param error"] as const;
const detail = ({ tracking: _t, ...order }: FakeOrder) => order;

export function orderHandlers(root: string, d: Deps): HttpHandler[] {
  return [
    http.get(`${root}/order/202309/orders`, async ({ request }) => {
      const [rec, body] = await d.record(request);
      const rejected = await d.gate(request, rec, body);
      if (rejected) return rejected;
      const ids = (rec.query.ids ?? "").split(",").filter(Boolean);
      // TikTok accepts at most 50 ids per call.
      if (ids.length === 0 || ids.length > 50) return d.envelope(...PARAM_ERROR);
      const orders = ids.map((id) => d.orders.get(id)).filter((o): o is FakeOrder => !!o).map(detail);
      return d.envelope(200, 0, "Success", { orders });
    }),

    http.post(`${root}/order/202309/orders/search`, async ({ request }) => {
      const [rec, body] = await d.record(request);
      const rejected = await d.gate(request, rec, body);
      if (rejected) return rejected;
      const pageSize = Number(rec.query.page_size);
      if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100) return d.envelope(...PARAM_ERROR);
      let filter: { buyer_user_id?: string };
      try {
        filter = JSON.parse(rec.rawBody || "{}");
      } catch {
        return d.envelope(...PARAM_ERROR);
      }
      const matching = [...d.orders.values()]
        .filter((o) => !filter.buyer_user_id || o.user_id === filter.buyer_user_id)
        .sort((a, b) => (rec.query.sort_order === "ASC" ? a.create_time - b.create_time : b.create_time - a.create_time));
      return d.envelope(200, 0, "Success", { orders: matching.slice(0, pageSize).map(detail), next_page_token: "", total_count: matching.length });
    }),

    http.get(`${root}/fulfillment/202309/orders/:orderId/tracking`, async ({ request, params }) => {
      const [rec, body] = await d.record(request);
      const rejected = await d.gate(request, rec, body);
      if (rejected) return rejected;
      const order = d.orders.get(String(params.orderId));
      // UNVERIFIED: the code TikTok returns for an unknown order id; a param error is assumed.
      if (!order) return d.envelope(...PARAM_ERROR);
      return d.envelope(200, 0, "Success", { tracking: order.tracking ?? [] });
    }),
  ];
}
