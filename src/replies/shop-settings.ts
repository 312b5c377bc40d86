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

/** Most characters of FAQ/policy text sent with every LLM draft request (about 4k tokens). */
export const MAX_FAQ_CHARS = 12_000;

/**
 * The shop's FAQ and policy text, the only shop facts an LLM draft may use besides the order.
 * Control characters other than tab and newline are refused: they have no place in a policy and
 * could hide text from whoever reviews the config.
 */
export const FaqTextSchema = z
  .string()
  .trim()
  .min(1, "is empty")
  .max(MAX_FAQ_CHARS, `is longer than ${MAX_FAQ_CHARS} characters`)
  .refine((t) => !/[\u0000-\u0008\u000b-\u001f\u007f]/.test(t), { message: "contains control characters" });

/** Per-shop reply settings in CONFIG_FILE (`shops[].replies`). */
export const ShopRepliesSchema = z.object({
  /**
   * Who writes the suggested reply: the template library (default), or an LLM grounded in the
   * order and `faq`, with the template as its anchor (needs OPENAI_API_KEY). Auto-replies always
   * use templates.
   */
  draft: z.enum(["template", "llm"]).default("template"),
  /** The language staff read: LLM drafts in another language come with a translation into it. */
  staffLang: z.string().regex(/^[a-z]{2}$/, "a two-letter language code (en, zh, …)").default("en"),
  /** FAQ / policy text for LLM drafts, inline… */
  faq: FaqTextSchema.optional(),
  /** …or a file path, relative to CONFIG_FILE's folder (read at start by the Node entry). */
  faqFile: z.string().min(1).optional(),
  /** The product or shop link offered for `buy_link` ({product_link}). */
  productLink: z.string().url().optional(),
  /** A voucher code the shop is happy to share ({coupon}). */
  coupon: z.string().optional(),
  autoReply: AutoReplyPolicySchema.default(AutoReplyPolicySchema.parse({})),
}).refine((r) => !(r.faq && r.faqFile), { message: "set faq or faqFile, not both", path: ["faqFile"] });
export type ShopReplies = z.infer<typeof ShopRepliesSchema>;
export const DEFAULT_SHOP_REPLIES: ShopReplies = ShopRepliesSchema.parse({});
