import { and, eq } from "drizzle-orm";
import { cards } from "../../db/schema/index.ts";
import type { Deps } from "../deps.ts";
import type { CardLink, ChatSurface } from "../ports.ts";

/**
 * Where an alert or notice about `itemId` links to: the item's chat card on the same surface once
 * it is posted (Slack permalink, Lark applink), else the board's page for the item when PUBLIC_URL
 * is set, else nothing yet. Alerts never wait for the card: they post with the board link (or
 * none) and are updated when the card is up (post-card enqueues the refresh).
 */
export async function cardLinkFor(deps: Deps, itemId: string, surface: ChatSurface): Promise<CardLink | null> {
  const [card] = await deps.db
    .select({ channel: cards.channel, ref: cards.externalRef })
    .from(cards)
    .where(and(eq(cards.triageItemId, itemId), eq(cards.surface, surface.surface), eq(cards.status, "posted")));
  if (card?.ref) {
    const url = await surface.cardLink({ channel: card.channel, ts: card.ref });
    if (url) return { url, kind: "card" };
  }
  const base = deps.config.alerts.publicUrl;
  return base ? { url: `${base}/board/conversations/${encodeURIComponent(itemId)}`, kind: "board" } : null;
}
