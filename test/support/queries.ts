import { and, eq } from "drizzle-orm";
import { cards, decisions, messages, outboundReplies, triageItems } from "../../db/schema/index.ts";
import type { Deps } from "../../src/deps.ts";

/** The triage item of a platform message id, with its card (if posted). Test-only reads. */
export async function itemByMessage(deps: Deps, externalMessageId: string) {
  const [row] = await deps.db
    .select({ item: triageItems, card: cards })
    .from(triageItems)
    .innerJoin(messages, eq(messages.id, triageItems.messageId))
    // The Slack card: every item also has a board card, which these Slack flow tests do not mean.
    .leftJoin(cards, and(eq(cards.triageItemId, triageItems.id), eq(cards.surface, "slack")))
    .where(eq(messages.externalId, externalMessageId));
  return row;
}

/** Resolves once the item's card is posted; returns the item id and the card's Slack ref. */
export async function postedCard(deps: Deps, externalMessageId: string) {
  const row = await itemByMessage(deps, externalMessageId);
  if (!row?.card || row.card.status !== "posted" || !row.card.externalRef) return null;
  return { itemId: row.item.id, state: row.item.state, ref: { channel: row.card.channel, ts: row.card.externalRef } };
}

export async function itemState(deps: Deps, itemId: string) {
  const [row] = await deps.db.select().from(triageItems).where(eq(triageItems.id, itemId));
  return row;
}

export async function decisionsFor(deps: Deps, itemId: string) {
  return deps.db.select().from(decisions).where(eq(decisions.triageItemId, itemId));
}

export async function replyFor(deps: Deps, itemId: string) {
  const rows = await deps.db.select().from(outboundReplies).where(and(eq(outboundReplies.triageItemId, itemId)));
  return rows;
}

export async function countRows(deps: Deps) {
  const [m, i, e] = await Promise.all([
    deps.db.$count(messages),
    deps.db.$count(triageItems),
    deps.db.$count(decisions),
  ]);
  return { messages: m, items: i, decisions: e };
}
