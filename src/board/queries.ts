/**
 * What the board reads: the queue of items as cards (filtered), the items changed since a moment
 * (the live stream's cheap poll: the item `version` in the database is the truth, so changes made
 * by any instance show up), and a conversation's history.
 */
import { and, asc, desc, eq, gt, inArray, sql, type SQL } from "drizzle-orm";
import { classifications, conversations, messages, outboundReplies, shops, triageItems } from "../../db/schema/index.ts";
import { DEFAULT_INTENT_IDS, DEFAULT_INTENTS } from "../../intents/taxonomy.ts";
import type { Deps } from "../deps.ts";
import type { CardModel, TriageState } from "../ports.ts";
import { toCardModel } from "../pipeline/card-model.ts";

export const OPEN_STATES: TriageState[] = ["classified", "carded", "claimed", "escalated", "approved", "sending"];

export type BoardFilters = { state?: string; group?: string; risk?: string; lang?: string; shop?: string };
export type BoardCard = CardModel & { version: number; conversationId: string; shopId: string };

const viewColumns = { item: triageItems, message: messages, classification: classifications, shop: shops, conversation: conversations, reply: outboundReplies };

function baseQuery(deps: Deps) {
  return deps.db
    .select(viewColumns)
    .from(triageItems)
    .innerJoin(messages, eq(messages.id, triageItems.messageId))
    .innerJoin(shops, eq(shops.id, triageItems.shopId))
    .innerJoin(conversations, eq(conversations.id, triageItems.conversationId))
    .leftJoin(classifications, eq(classifications.messageId, triageItems.messageId))
    .leftJoin(outboundReplies, eq(outboundReplies.triageItemId, triageItems.id));
}

function where(f: BoardFilters, extra: SQL[] = []): SQL | undefined {
  const conds: SQL[] = [...extra];
  if (!f.state || f.state === "open") conds.push(inArray(triageItems.state, OPEN_STATES));
  else if (f.state !== "all") conds.push(eq(triageItems.state, f.state as TriageState));
  if (f.group) {
    const ids = DEFAULT_INTENT_IDS.filter((id) => DEFAULT_INTENTS[id].group === f.group);
    conds.push(inArray(triageItems.intent, ids.length ? ids : ["-"]));
  }
  if (f.risk) conds.push(eq(classifications.risk, f.risk));
  if (f.lang) conds.push(eq(classifications.lang, f.lang));
  if (f.shop) conds.push(eq(shops.id, f.shop));
  return conds.length ? and(...conds) : undefined;
}

const toBoardCard = (row: Parameters<typeof toCardModel>[0]): BoardCard => ({
  ...toCardModel(row),
  version: row.item.version,
  conversationId: row.conversation.id,
  shopId: row.shop.id,
});

/** The newest items matching the filters, newest first. */
export async function listBoardCards(deps: Deps, filters: BoardFilters, limit = 200): Promise<BoardCard[]> {
  const rows = await baseQuery(deps).where(where(filters)).orderBy(desc(messages.sentAt), desc(triageItems.id)).limit(limit);
  return rows.map(toBoardCard);
}

/** One item as a card when it matches the filters, else null. */
export async function boardCard(deps: Deps, itemId: string, filters: BoardFilters): Promise<BoardCard | null> {
  const [row] = await baseQuery(deps).where(where(filters, [eq(triageItems.id, itemId)]));
  return row ? toBoardCard(row) : null;
}

/** Items whose row changed after `since` (by updated_at), for the live stream. */
export async function changedSince(deps: Deps, since: Date): Promise<{ id: string; version: number; updatedAt: Date }[]> {
  return deps.db
    .select({ id: triageItems.id, version: triageItems.version, updatedAt: triageItems.updatedAt })
    .from(triageItems)
    .where(gt(triageItems.updatedAt, since))
    .orderBy(asc(triageItems.updatedAt))
    .limit(500);
}

/** What the filter menus offer: the languages and shops present. */
export async function filterChoices(deps: Deps) {
  const langs = await deps.db.selectDistinct({ lang: classifications.lang }).from(classifications).orderBy(classifications.lang);
  const shopRows = await deps.db.select({ id: shops.id, name: shops.name }).from(shops).orderBy(shops.name);
  return { langs: langs.map((l) => l.lang), shops: shopRows };
}

/** A conversation's messages, oldest first, with the item's card. */
export async function conversationHistory(deps: Deps, itemId: string) {
  const card = await boardCard(deps, itemId, { state: "all" });
  if (!card) return null;
  const history = await deps.db
    .select({ id: messages.id, direction: messages.direction, text: messages.text, type: messages.type, sentAt: messages.sentAt, itemId: triageItems.id, state: triageItems.state })
    .from(messages)
    .leftJoin(triageItems, eq(triageItems.messageId, messages.id))
    .where(eq(messages.conversationId, card.conversationId))
    .orderBy(asc(messages.sentAt), sql`${messages.direction} = 'outbound'`)
    .limit(200);
  return { card, history };
}
