import type { DefaultIntentId, GroupId } from "../taxonomy.js";

/**
 * How the public evaluation sets (shared/datasets, measuring only) map onto the taxonomy, as their
 * README suggests. Bitext intents with no marketplace counterpart (accounts, passwords,
 * newsletters) are left out of the scores; `review` (asks how to leave feedback) maps to a group
 * but to no single intent.
 */
export const BITEXT_INTENT: Partial<Record<string, DefaultIntentId>> = {
  track_order: "order_status",
  cancel_order: "cancel_order",
  check_cancellation_fee: "cancel_order",
  get_refund: "return_refund",
  track_refund: "return_refund",
  check_refund_policy: "return_refund",
  change_shipping_address: "change_address",
  set_up_shipping_address: "change_address",
  delivery_period: "delivery_time",
  delivery_options: "shipping_options",
  complaint: "complaint",
  contact_human_agent: "human_agent",
  contact_customer_service: "human_agent",
  check_invoice: "invoice",
  get_invoice: "invoice",
  check_payment_methods: "payment",
  payment_issue: "payment",
  place_order: "order_help",
  change_order: "order_help",
};
export const BITEXT_GROUP_ONLY: Partial<Record<string, GroupId>> = { review: "feedback" };

/** Sentiment sets: which gold labels are "negative" (the class the targets are about). */
export const SENTIMENT_SETS: Record<string, (label: string) => boolean> = {
  wisesight: (l) => l === "neg",
  indonlu_smsa: (l) => l === "negative",
  online_shopping_10_cats: (l) => l === "0",
  waimai_10k: (l) => l === "0",
  // Aspect tags "{ASPECT#Polarity};…": overall negative when every polar tag is Negative.
  uit_visfd: (l) => {
    const polar = [...l.matchAll(/#(Positive|Negative|Neutral)/g)].map((m) => m[1]);
    return polar.length > 0 && polar.every((p) => p === "Negative");
  },
};
