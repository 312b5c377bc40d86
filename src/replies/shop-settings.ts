import { z } from "zod";
import { BusinessHoursSchema } from "../time/business-hours.ts";

/**
 * Auto-reply policy of one shop. Everything defaults to "off": a shop opts in per intent, with a
 * minimum confidence, a rollout percentage and business hours. `mode: shadow` records what would
 * have been sent without sending it; `mode: off` is the shop's kill switch (AUTO_REPLY_KILL_SWITCH
 * is the global one).
 */
export const AutoReplyPolicySchema = z.object({
  mode: z.enum(["off", "shadow", "on"]).default("off"),
  intents: z.array(z.string()).default([]),
  /** Per intent; intents not listed use `defaultMinConfidence`. */
  minConfidence: z.record(z.string(), z.number().min(0).max(1)).default({}),
  defaultMinConfidence: z.number().min(0).max(1).default(0.85),
  /** Share of conversations (by a stable hash of the conversation id) that may be auto-answered. */
  rolloutPercent: z.number().min(0).max(100).default(100),
  businessHours: BusinessHoursSchema.optional(),
  /** Outside business hours, answer messages no rule auto-answers with the off-hours template. */
  offHoursAck: z.boolean().default(false),
});
export type AutoReplyPolicy = z.infer<typeof AutoReplyPolicySchema>;

/** Per-shop reply settings in CONFIG_FILE (`shops[].replies`). */
export const ShopRepliesSchema = z.object({
  /** The product or shop link offered for `buy_link` ({product_link}). */
  productLink: z.string().url().optional(),
  /** A voucher code the shop is happy to share ({coupon}). */
  coupon: z.string().optional(),
  autoReply: AutoReplyPolicySchema.default(AutoReplyPolicySchema.parse({})),
});
export type ShopReplies = z.infer<typeof ShopRepliesSchema>;
export const DEFAULT_SHOP_REPLIES: ShopReplies = ShopRepliesSchema.parse({});
