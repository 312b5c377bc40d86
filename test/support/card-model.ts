import type { CardModel } from "../../src/ports.ts";

export const SAMPLE_ITEM = "itm_0lq3x9k2aabcdefghij";

/**
 * The card the surface renderers' tests start from (Slack blocks, Lark card): a high-risk
 * damaged-item complaint with a suggestion and every action live. Tests override what they check.
 */
export function sampleCard(over: Partial<CardModel> = {}): CardModel {
  return {
    itemId: SAMPLE_ITEM,
    shop: { name: "Luna Home", platform: "tiktok_shop" },
    buyer: "m***a",
    lang: "en",
    text: "My order arrived broken. I want a refund now or I'll leave a 1-star review!",
    receivedAt: new Date("2025-03-01T08:30:00Z"),
    intent: { id: "damaged_item", zh: "破损/少件", en: "Damaged item", groupZh: "售后", groupEn: "After-sales" },
    confidence: 0.87,
    unsure: false,
    sentiment: "negative",
    risk: "high",
    riskFlags: ["bad_review_threat", "urgent"],
    evidence: ["arrived broken", "1-star review"],
    suggestion: { text: "Sorry about that! Could you send a photo of the damage?", source: "template:damaged_item" },
    state: "carded",
    claimedBy: null,
    outcome: null,
    actions: ["approve", "edit", "claim", "reclassify", "escalate", "dismiss"],
    intentChoices: [
      { id: "damaged_item", label: "破损/少件 Damaged item" },
      { id: "return_refund", label: "退货退款 Return & refund" },
    ],
    ...over,
  };
}
