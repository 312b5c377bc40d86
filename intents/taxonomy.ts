import { z } from "zod";

/**
 * The default taxonomy (shared/taxonomy.md). Ids are the contract: the corpus, the model, the
 * cards and the decision log all speak them. Shops may rename, hide or add intents through
 * `createTaxonomy(overrides)`; ids never change meaning.
 */
export const GROUPS = {
  presale: { zh: "售前咨询", en: "Pre-sale" },
  price: { zh: "议价促销", en: "Price & promos" },
  purchase: { zh: "下单引导", en: "Purchase" },
  logistics: { zh: "物流", en: "Logistics" },
  aftersales: { zh: "售后", en: "After-sales" },
  feedback: { zh: "反馈其他", en: "Feedback & other" },
} as const;
export type GroupId = keyof typeof GROUPS;
export const GROUP_IDS = Object.keys(GROUPS) as GroupId[];

type IntentDef = { group: GroupId; zh: string; en: string; description: string };

export const DEFAULT_INTENTS = {
  product_info: { group: "presale", zh: "商品咨询", en: "Product info", description: "Specs, material, features, how the product works." },
  size_fit: { group: "presale", zh: "尺码", en: "Size & fit", description: "Which size to take, measurements, fit." },
  stock_availability: { group: "presale", zh: "库存/有货吗", en: "Stock", description: "Is a colour/size in stock, restock dates." },
  authenticity: { group: "presale", zh: "正品吗", en: "Authenticity", description: "Is it original, genuine, licensed." },
  price_inquiry: { group: "price", zh: "问价", en: "Price inquiry", description: "How much is it." },
  bargain: { group: "price", zh: "议价", en: "Bargaining", description: "Asks for a lower price or a discount." },
  coupon_promo: { group: "price", zh: "优惠券/活动", en: "Coupons & promos", description: "Vouchers, promotions, free-shipping codes, flash sales." },
  free_gift: { group: "price", zh: "赠品", en: "Free gift", description: "Asks for or about a free gift." },
  buy_link: { group: "purchase", zh: "要链接", en: "Buy link", description: "Wants the link or asks how to buy; 'want'." },
  order_help: { group: "purchase", zh: "下单帮助", en: "Order help", description: "Placing or changing an order (variant, quantity)." },
  payment: { group: "purchase", zh: "付款", en: "Payment", description: "Payment methods, failed payment, COD, instalments." },
  bulk_order: { group: "purchase", zh: "批发", en: "Bulk order", description: "Wholesale, reseller, large quantities." },
  order_status: { group: "logistics", zh: "订单状态", en: "Order status", description: "Where is my order, not shipped yet." },
  delivery_time: { group: "logistics", zh: "多久到", en: "Delivery time", description: "How long shipping takes." },
  shipping_options: { group: "logistics", zh: "运费/配送方式", en: "Shipping options", description: "Shipping cost, methods, ships to X?" },
  change_address: { group: "logistics", zh: "改地址", en: "Change address", description: "Change the delivery address or phone." },
  delivery_problem: { group: "logistics", zh: "配送异常", en: "Delivery problem", description: "Lost, stuck, marked delivered but not received." },
  cancel_order: { group: "aftersales", zh: "取消订单", en: "Cancel order", description: "Wants to cancel an order." },
  return_refund: { group: "aftersales", zh: "退货退款", en: "Return & refund", description: "Return, refund, refund status, policy." },
  exchange: { group: "aftersales", zh: "换货", en: "Exchange", description: "Exchange for another size or colour." },
  wrong_item: { group: "aftersales", zh: "发错货", en: "Wrong item", description: "Received a different item, size or colour." },
  damaged_item: { group: "aftersales", zh: "破损/少件", en: "Damaged item", description: "Arrived broken, crushed or with missing parts." },
  quality_issue: { group: "aftersales", zh: "质量问题", en: "Quality issue", description: "Poor quality, not as described, stopped working." },
  usage_help: { group: "aftersales", zh: "使用帮助", en: "Usage help", description: "How to use, set up, care, warranty after purchase." },
  invoice: { group: "aftersales", zh: "发票", en: "Invoice", description: "Invoice, receipt, tax documents." },
  compliment: { group: "feedback", zh: "好评/感谢", en: "Compliment", description: "Praise, thanks." },
  complaint: { group: "feedback", zh: "投诉", en: "Complaint", description: "Complaint about the service or the shop." },
  human_agent: { group: "feedback", zh: "转人工", en: "Human agent", description: "Wants to talk to a person." },
  greeting: { group: "feedback", zh: "问候/在吗", en: "Greeting", description: "Hi, hello, anyone there?" },
  spam: { group: "feedback", zh: "垃圾/广告", en: "Spam", description: "Ads, off-platform lures, irrelevant promotion." },
  other: { group: "feedback", zh: "其他", en: "Other", description: "Anything else." },
} as const satisfies Record<string, IntentDef>;

export type DefaultIntentId = keyof typeof DEFAULT_INTENTS;
export const DEFAULT_INTENT_IDS = Object.keys(DEFAULT_INTENTS) as DefaultIntentId[];

export const RISK_LEVELS = ["none", "low", "medium", "high", "critical"] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];
export const RISK_FLAGS = [
  "negative_emotion",
  "bad_review_threat",
  "platform_dispute",
  "legal_threat",
  "safety_hazard",
  "fraud_accusation",
  "abusive",
  "public_exposure",
  "urgent",
] as const;
export type RiskFlag = (typeof RISK_FLAGS)[number];
export const SENTIMENTS = ["negative", "neutral", "positive"] as const;
export type Sentiment = (typeof SENTIMENTS)[number];

/** The classification contract (shared/taxonomy.md), plus what the card needs to explain it. */
export const ClassificationSchema = z.object({
  intent: z.string().min(1),
  group: z.string().min(1),
  confidence: z.number().min(0).max(1),
  lang: z.string().min(2).max(8),
  sentiment: z.enum(SENTIMENTS),
  risk: z.enum(RISK_LEVELS),
  risk_flags: z.array(z.enum(RISK_FLAGS)),
  /** True when confidence is under the threshold: the card says "unsure", never a confident wrong label. */
  unsure: z.boolean(),
  /** The features that drove the decision, strongest first, for display. */
  evidence: z.array(z.string()),
  /** Which engine answered and its version, kept with every decision for retraining. */
  source: z.enum(["local", "llm"]),
  model_version: z.string(),
});
export type Classification = z.infer<typeof ClassificationSchema>;

export const ClassifyInputSchema = z.object({
  text: z.string(),
  context: z.array(z.string()).optional(),
});
export type ClassifyInput = z.infer<typeof ClassifyInputSchema>;

/** What every classifier (local, LLM cascade) offers the pipeline. */
export interface Classifier {
  readonly version: string;
  classify(input: ClassifyInput): Promise<Classification>;
}

/** One intent as a shop sees it: the default definition after the shop's overrides. */
export type IntentEntry = { id: string; group: GroupId; zh: string; en: string; description: string };

/**
 * A shop's overrides, read from its config (zod-validated there and here). Renaming changes labels
 * only; hiding keeps the id known (old decisions still render) but out of `visible`; added intents
 * need a group so routing and the eval can place them.
 */
export const TaxonomyOverridesSchema = z
  .object({
    rename: z.record(z.string(), z.object({ zh: z.string().min(1).optional(), en: z.string().min(1).optional() })),
    hide: z.array(z.string()),
    add: z.array(
      z.object({
        id: z.string().regex(/^[a-z][a-z0-9_]{1,47}$/),
        group: z.enum(GROUP_IDS as [GroupId, ...GroupId[]]),
        zh: z.string().min(1),
        en: z.string().min(1),
        description: z.string().default(""),
      }),
    ),
  })
  .partial();
export type TaxonomyOverrides = z.input<typeof TaxonomyOverridesSchema>;

/** The taxonomy a shop works with: lookups for cards, routing and LLM prompts. */
export interface Taxonomy {
  /** Every known intent, hidden ones included, in default order then added ones. */
  readonly all: readonly IntentEntry[];
  /** The intents a shop offers on its cards (reclassify menus, LLM label set). */
  readonly visible: readonly IntentEntry[];
  has(id: string): boolean;
  isHidden(id: string): boolean;
  get(id: string): IntentEntry | undefined;
  groupOf(id: string): GroupId | undefined;
  /** The card label, e.g. `label("bargain", "zh")` → "议价"; unknown ids fall back to the id itself. */
  label(id: string, locale?: "zh" | "en"): string;
  groupLabel(group: string, locale?: "zh" | "en"): string;
}

/** Builds a shop's taxonomy from the defaults plus its overrides; throws on ids that clash or are unknown. */
export function createTaxonomy(overrides: TaxonomyOverrides = {}): Taxonomy {
  const o = TaxonomyOverridesSchema.parse(overrides);
  const byId = new Map<string, IntentEntry>();
  for (const id of DEFAULT_INTENT_IDS) byId.set(id, { id, ...DEFAULT_INTENTS[id] });
  for (const added of o.add ?? []) {
    if (byId.has(added.id)) throw new Error(`taxonomy: added intent "${added.id}" already exists`);
    byId.set(added.id, { ...added });
  }
  for (const [id, names] of Object.entries(o.rename ?? {})) {
    const entry = byId.get(id);
    if (!entry) throw new Error(`taxonomy: cannot rename unknown intent "${id}"`);
    byId.set(id, { ...entry, zh: names.zh ?? entry.zh, en: names.en ?? entry.en });
  }
  const hidden = new Set(o.hide ?? []);
  for (const id of hidden) if (!byId.has(id)) throw new Error(`taxonomy: cannot hide unknown intent "${id}"`);
  // `other` is where unsure and unmapped messages land, so a shop cannot hide it.
  hidden.delete("other");
  const all = [...byId.values()];
  const visible = all.filter((e) => !hidden.has(e.id));
  return {
    all,
    visible,
    has: (id) => byId.has(id),
    isHidden: (id) => hidden.has(id),
    get: (id) => byId.get(id),
    groupOf: (id) => byId.get(id)?.group,
    label: (id, locale = "zh") => byId.get(id)?.[locale] ?? id,
    groupLabel: (group, locale = "zh") => (group in GROUPS ? GROUPS[group as GroupId][locale] : group),
  };
}

/** The default taxonomy, for code that has no shop config at hand (CLI, eval, tests). */
export const defaultTaxonomy: Taxonomy = createTaxonomy();
