import { and, eq, lt, sql } from "drizzle-orm";
import { cards, triageItems } from "../../db/schema/index.ts";
import type { Deps } from "../deps.ts";
import { newId } from "../ids.ts";
import { loadItemView, toCardModel, type ItemView } from "./card-model.ts";
import { routeItems, type Route } from "./route.ts";
import { findShopById } from "./shop-lookup.ts";

/**
 * ⑤ Posts the cards of a classified item, one per routed surface, and moves it to `carded` with
 * the first card posted. A `posting` row is claimed before each chat call (with a lease), so a
 * retry after a crash looks the card up by its idempotency key instead of posting a second one;
 * a card already posted is skipped, so a retry posts only what is missing.
 */
export async function postCard(deps: Deps, itemId: string): Promise<void> {
  const view = await loadItemView(deps.db, itemId);
  if (!view || view.item.state === "received") return;
  const routes = routeItems(deps, await findShopById(deps, view.item.shopId));
  if (routes.length === 0) {
    deps.log.warn("card.no_surface", { itemId, note: "no chat surface configured; item stays classified" });
    return;
  }
  for (const route of routes) await postOne(deps, view, route);
}

async function postOne(deps: Deps, view: ItemView, route: Route): Promise<void> {
  const itemId = view.item.id;
  const now = deps.now();
  const leaseExpired = new Date(now.getTime() - deps.config.jobs.leaseMs);
  const [claimed] = await deps.db
    .insert(cards)
    .values({ id: newId("crd"), triageItemId: itemId, surface: route.surface.surface, workspace: route.workspace, channel: route.channel, status: "posting", postingStartedAt: now })
    .onConflictDoUpdate({
      target: [cards.triageItemId, cards.surface],
      set: { postingStartedAt: now },
      setWhere: and(eq(cards.status, "posting"), lt(cards.postingStartedAt, leaseExpired)),
    })
    // xmax = 0 only for a freshly inserted row: otherwise this is a takeover of a stale attempt.
    .returning({ id: cards.id, createdAt: cards.createdAt, inserted: sql<boolean>`(xmax = 0)` });
  if (!claimed) return; // posted already, or another worker is posting it right now

  const model = toCardModel(view);
  const retrying = !claimed.inserted;
  let ref: Awaited<ReturnType<typeof route.surface.postCard>>;
  try {
    ref =
      (retrying ? await route.surface.findPostedCard(route.channel, itemId, new Date(claimed.createdAt.getTime() - 60_000)) : null) ??
      (await route.surface.postCard(route.channel, model, itemId));
  } catch (err) {
    // Release the lease so the retry need not wait it out; the row stays `posting`, so the retry
    // first looks for a card this attempt may have posted before its answer was lost.
    await deps.db.update(cards).set({ postingStartedAt: new Date(0) }).where(eq(cards.id, claimed.id));
    throw err;
  }
  await deps.db.transaction(async (tx) => {
    await tx
      .update(cards)
      .set({ status: "posted", channel: ref.channel, externalRef: ref.ts, renderedVersion: view.item.version })
      .where(eq(cards.id, claimed.id));
    const moved = await tx
      .update(triageItems)
      .set({ state: "carded", version: sql`${triageItems.version} + 1` })
      .where(and(eq(triageItems.id, itemId), eq(triageItems.state, "classified")))
      .returning({ id: triageItems.id });
    // The card shows the item as it was when loaded; if anything moved since, refresh it.
    if (moved.length === 0) await deps.queue.enqueue("triage.card-update", { itemId }, { tx, singletonKey: itemId });
  });
  deps.log.info("card.posted", { itemId, surface: route.surface.surface, channel: ref.channel, ts: ref.ts, recovered: retrying });
}

/** Re-renders an item's cards from its current state (after a decision, a send, a failure). */
export async function updateCards(deps: Deps, itemId: string): Promise<void> {
  const view = await loadItemView(deps.db, itemId);
  if (!view) return;
  const posted = await deps.db
    .select()
    .from(cards)
    .where(and(eq(cards.triageItemId, itemId), eq(cards.status, "posted")));
  const model = toCardModel(view);
  for (const card of posted) {
    if (card.renderedVersion >= view.item.version || !card.externalRef) continue;
    const surface = deps.surfaces.get(card.workspace);
    if (!surface) continue;
    await surface.updateCard({ channel: card.channel, ts: card.externalRef }, model);
    await deps.db
      .update(cards)
      .set({ renderedVersion: view.item.version })
      .where(and(eq(cards.id, card.id), lt(cards.renderedVersion, view.item.version)));
  }
}
