import type { Executor } from "../../db/client.ts";
import type { ComplianceViolation } from "../compliance/types.ts";
import type { Deps } from "../deps.ts";
import type { OrderContext } from "../ports.ts";
import { DEFAULT_SHOP_REPLIES } from "../replies/shop-settings.ts";
import { templateVars } from "../replies/vars.ts";
import type { ShopContext } from "./shop-lookup.ts";
import { suggestReply, type Suggestion } from "./suggest.ts";

export type Draft = { suggestion: Suggestion | null; compliance: ComplianceViolation[] };

/** The market a shop's replies are checked against (null: every market's rules apply). */
export function shopMarket(shop: Pick<ShopContext, "shop" | "config">): string | null {
  return shop.shop.market ?? shop.config.market ?? null;
}

/** ④ Suggested reply for an item (template + order + shop data) and its compliance findings. */
export async function draftReply(
  deps: Deps,
  db: Executor,
  shop: ShopContext,
  input: { intent: string; lang: string; risk: string; order: OrderContext | null; buyerName: string | null },
): Promise<Draft> {
  const settings = shop.config.replies ?? DEFAULT_SHOP_REPLIES;
  const vars = templateVars({ lang: input.lang, buyerName: input.buyerName, order: input.order, productLink: settings.productLink, coupon: settings.coupon });
  const suggestion = await suggestReply(db, { intent: input.intent, lang: input.lang, risk: input.risk, shopId: shop.shop.externalId, vars });
  const compliance = suggestion ? deps.compliance.check(suggestion.text, shopMarket(shop), shop.shop.platform).violations : [];
  return { suggestion, compliance };
}
