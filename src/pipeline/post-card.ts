import { and, eq, lt, sql } from "drizzle-orm";
import { alerts, cards, triageItems } from "../../db/schema/index.ts";
import { ALERT_RISKS } from "../alerts/precheck.ts";
import type { RiskLevel } from "../../intents/taxonomy.ts";
import type { Deps } from "../deps.ts";
import { newId } from "../ids.ts";
import type { CardRef } from "../ports.ts";
import { loadItemView, toCardModel, type ItemView } from "./card-model.ts";
import { routeItems, type Route } from "./route.ts";
import { findShopById } from "./shop-lookup.ts";

/**
 * ⑤ Posts the cards of a classified item, one per route (Slack, Lark or both), and moves it to
 * `carded` once at least one is up. Each card gets a `posting` row (with a lease) before the chat
 * call, so a retry after a crash looks the card up by its idempotency key instead of posting a
 * second one. If one surface fails, the others still post and the job retries only the missing
 * card (the item is already `carded` then, and staff can act from the card that did post).
 */
export async function postCard(deps: Deps, itemId: string): Promise<void> {
  const view = await loadItemView(deps.db, itemId);
  if (!view || view.item.state === "received") return;
  const routes = routeItems(deps, await findShopById(deps, view.item.shopId));
  if (routes.length === 0) {
    deps.log.warn("card.no_surface", { itemId, note: "no chat surface configured; item stays classified" });
    return;
  }
  // The item version the cards were rendered from; moving the item to `carded` is ours, not news.
  const seen = { version: view.item.version };
  let failure: unknown = null;
  for (const route of routes) {
    try {
      await postToRoute(deps, view, route, seen);
    } catch (err) {
      failure ??= err;
    }
  }
  if (failure) throw failure;
}

/** Posts one route's card unless it is posted already or in flight elsewhere. */
async function postToRoute(deps: Deps, view: ItemView, route: Route, seen: { version: number }): Promise<void> {
  const itemId = view.item.id;
  const now = deps.now();
  const leaseExpired = new Date(now.getTime() - deps.config.jobs.leaseMs);
  const [claimed] = await deps.db
    .insert(cards)
    .values({ id: newId("crd"), triageItemId: itemId, surface: route.surface.surface, workspace: route.workspace.id, channel: route.channel, status: "posting", postingStartedAt: now })
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
  let lease = now;
  // The post may wait its turn behind the channel's pacing: renew the lease when it really
  // leaves, and give up if another worker took the post over in the meantime.
  const beforeSend = async () => {
    const renewed = deps.now();
    const [still] = await deps.db
      .update(cards)
      .set({ postingStartedAt: renewed })
      .where(and(eq(cards.id, claimed.id), eq(cards.status, "posting"), eq(cards.postingStartedAt, lease)))
      .returning({ id: cards.id });
    if (!still) throw new LeaseLostError();
    lease = renewed;
  };
  let ref: CardRef;
  try {
    ref =
      (retrying ? await route.surface.findPostedCard(route.channel, itemId, new Date(claimed.createdAt.getTime() - 60_000)) : null) ??
      (await route.surface.postCard(route.channel, model, itemId, { beforeSend }));
  } catch (err) {
    if (err instanceof LeaseLostError) return;
    // Release the lease so the retry need not wait it out; the row stays `posting`, so the retry
    // first looks for a card this attempt may have posted before its answer was lost.
    await deps.db
      .update(cards)
      .set({ postingStartedAt: new Date(0) })
      .where(and(eq(cards.id, claimed.id), eq(cards.postingStartedAt, lease)));
    throw err;
  }
  // Saving the card and moving the item happen together: a card recorded as posted always has a
  // clickable item behind it.
  await deps.db.transaction(async (tx) => {
    await tx
      .update(cards)
      .set({ status: "posted", channel: ref.channel, externalRef: ref.ts, renderedVersion: view.item.version, postedAt: deps.now() })
      .where(eq(cards.id, claimed.id));
    const [moved] = await tx
      .update(triageItems)
      .set({ state: "carded", version: sql`${triageItems.version} + 1` })
      .where(and(eq(triageItems.id, itemId), eq(triageItems.state, "classified")))
      .returning({ version: triageItems.version });
    const expected = moved ? seen.version + 1 : seen.version;
    const current = moved?.version ?? (await tx.select({ version: triageItems.version }).from(triageItems).where(eq(triageItems.id, itemId)))[0]?.version;
    seen.version = current ?? seen.version;
    // The cards show the item as it was when read; if anything else moved it since, refresh them.
    if (current !== undefined && current !== expected) await deps.queue.enqueue("triage.card-update", { itemId }, { tx, singletonKey: itemId });
    // The SLA clock's next point (reminders go in this card's thread); the sweeper backs this up.
    if (moved && view.item.slaNextAt) {
      const wait = Math.max(1, Math.ceil((view.item.slaNextAt.getTime() - deps.now().getTime()) / 1000));
      await deps.queue.enqueue("triage.sla", { itemId }, { tx, startAfterSeconds: wait });
    }
    // The item's alert was posted without waiting for this card: now it can link to it.
    if (ALERT_RISKS.has((view.classification?.risk ?? "none") as RiskLevel)) {
      const linked = await tx
        .select({ id: alerts.id })
        .from(alerts)
        .where(and(eq(alerts.latestItemId, itemId), eq(alerts.surface, route.surface.surface)));
      for (const a of linked) await deps.queue.enqueue("triage.alert", { alertId: a.id }, { tx, singletonKey: a.id });
    }
  });
  deps.queue.nudge();
  deps.log.info("card.posted", { itemId, surface: route.surface.surface, channel: ref.channel, ts: ref.ts, recovered: retrying });
}

/** Another worker took over this post while it waited: that worker finishes it. */
class LeaseLostError extends Error {}

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
    const moved = await surface.updateCard({ channel: card.channel, ts: card.externalRef }, model, { postedAt: card.postedAt ?? card.createdAt });
    await deps.db
      .update(cards)
      // A surface that had to post a fresh card (Lark, past 14 days) hands back where it lives now.
      .set({ renderedVersion: view.item.version, ...(moved ? { channel: moved.channel, externalRef: moved.ts, postedAt: deps.now() } : {}) })
      .where(and(eq(cards.id, card.id), lt(cards.renderedVersion, view.item.version)));
  }
}
