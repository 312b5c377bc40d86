import { eq } from "drizzle-orm";
import { defaultTaxonomy, RISK_FLAGS, type RiskFlag } from "../../intents/taxonomy.ts";
import { classifications, conversations, messages, outboundReplies, shops, triageItems } from "../../db/schema/index.ts";
import type { Executor } from "../../db/client.ts";
import type { ActionKind, CardModel, PlatformName, TriageState } from "../ports.ts";
import { readDraftState } from "../replies/draft-state.ts";

/** States in which the item still waits for a reply: the card shows its SLA deadline. */
const AWAITING: ReadonlySet<TriageState> = new Set(["classified", "carded", "claimed", "escalated"]);

const LIVE_ACTIONS: Partial<Record<TriageState, ActionKind[]>> = {
  classified: ["approve", "edit", "claim", "reclassify", "escalate", "dismiss"],
  carded: ["approve", "edit", "claim", "reclassify", "escalate", "dismiss"],
  claimed: ["approve", "edit", "reclassify", "escalate", "dismiss"],
  escalated: ["approve", "edit", "claim", "dismiss"],
};

export type ItemView = NonNullable<Awaited<ReturnType<typeof loadItemView>>>;

/** Everything a card or a decision needs about one item, in one query. */
export async function loadItemView(db: Executor, itemId: string) {
  const [row] = await db
    .select({ item: triageItems, message: messages, classification: classifications, shop: shops, conversation: conversations, reply: outboundReplies })
    .from(triageItems)
    .innerJoin(messages, eq(messages.id, triageItems.messageId))
    .innerJoin(shops, eq(shops.id, triageItems.shopId))
    .innerJoin(conversations, eq(conversations.id, triageItems.conversationId))
    .leftJoin(classifications, eq(classifications.messageId, triageItems.messageId))
    .leftJoin(outboundReplies, eq(outboundReplies.triageItemId, triageItems.id))
    .where(eq(triageItems.id, itemId));
  return row;
}

/** Card labels from the taxonomy registry; an id it does not know shows with `other`'s labels. */
export function intentLabels(id: string) {
  const entry = defaultTaxonomy.get(id) ?? defaultTaxonomy.get("other")!;
  return { id, zh: entry.zh, en: entry.en, groupZh: defaultTaxonomy.groupLabel(entry.group, "zh"), groupEn: defaultTaxonomy.groupLabel(entry.group, "en") };
}

/** Masks a buyer's name for the channel: enough to tell buyers apart, not to identify them. */
export function maskBuyer(name: string | null, id: string | null): string {
  if (name) return `${[...name.replace(/\*+$/, "")].slice(0, 2).join("")}***`;
  return id ? `buyer …${id.slice(-4)}` : "buyer";
}

/** Builds the neutral card for an item's current state. Pure apart from the clock-free inputs. */
export function toCardModel(view: ItemView): CardModel {
  const { item, message, classification: c, shop, conversation, reply } = view;
  const draft = readDraftState(item.llmDraft);
  // While the LLM writes, the card shows the template without Approve (decide refuses it too).
  const approvable = !!item.suggestedReply && draft?.status !== "pending";
  const actions = (LIVE_ACTIONS[item.state] ?? []).filter((a) => a !== "approve" || approvable);
  const translation =
    draft?.status === "ready" && draft.translation && item.suggestionSource?.startsWith("llm:") ? { lang: draft.staffLang, text: draft.translation } : null;
  const at = item.lastActionAt ?? item.updatedAt;
  let outcome: CardModel["outcome"] = null;
  if (item.state === "sent") outcome = { kind: "sent", by: item.lastActor ?? null, at, text: item.finalReply ?? "" };
  else if (item.state === "failed") outcome = { kind: "failed", by: item.lastActor ?? null, at, reason: item.failureReason ?? "unknown error" };
  else if (item.lastActor && item.lastAction) {
    const kind = ({ approve: "approved", edit: "edited", claim: "claimed", escalate: "escalated", dismiss: "dismissed", reclassify: "reclassified" } as const)[
      item.lastAction as ActionKind
    ];
    if (kind) outcome = { kind, by: item.lastActor, at };
  }
  return {
    itemId: item.id,
    shop: { name: shop.name, platform: shop.platform as PlatformName },
    buyer: maskBuyer(conversation.buyerName, conversation.buyerId),
    lang: c?.lang ?? "und",
    text: message.text ?? `[${message.type.toLowerCase()}]`,
    receivedAt: message.sentAt,
    intent: intentLabels(item.intent ?? c?.intent ?? "other"),
    confidence: c?.confidence ?? 0,
    unsure: c?.unsure ?? true,
    sentiment: (c?.sentiment as CardModel["sentiment"]) ?? "neutral",
    risk: (c?.risk as CardModel["risk"]) ?? "none",
    riskFlags: (c?.riskFlags ?? []).filter((f): f is RiskFlag => (RISK_FLAGS as readonly string[]).includes(f)),
    evidence: c?.evidence ?? [],
    suggestion: item.suggestedReply ? { text: item.suggestedReply, source: item.suggestionSource ?? "template", translation } : null,
    llmDraft: draft?.status === "pending" ? { status: "pending" } : draft?.status === "fallback" ? { status: "fallback", reason: draft.reason } : null,
    order: item.orderContext ?? null,
    compliance: item.complianceNotes ?? [],
    autoReplied: item.state === "auto_replied" || (item.lastAction === "auto_reply" && reply) ? { text: reply?.text ?? item.finalReply ?? "", status: reply?.status ?? "pending" } : null,
    state: item.state,
    slaDueAt: AWAITING.has(item.state) ? (item.slaDueAt ?? null) : null,
    claimedBy: item.claimedBy ?? null,
    outcome,
    actions,
    intentChoices: defaultTaxonomy.visible.map((e) => ({ id: e.id, label: `${e.zh} ${e.en}` })),
  };
}
