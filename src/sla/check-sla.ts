import { and, eq, inArray, isNull, lte, ne, sql } from "drizzle-orm";
import { cards, slaNotices, triageItems } from "../../db/schema/index.ts";
import type { Deps } from "../deps.ts";
import { newId } from "../ids.ts";
import type { CardRef, ChatSurface, NoticeTarget, PlatformName, SlaNoticeModel, TriageState } from "../ports.ts";
import { cardLinkFor } from "../alerts/link.ts";
import { intentLabels, loadItemView, maskBuyer, type ItemView } from "../pipeline/card-model.ts";
import { alertRoutes } from "../pipeline/route.ts";
import { findShopById } from "../pipeline/shop-lookup.ts";
import { slaClock, type SlaClock } from "./clock.ts";

/** Items still waiting for someone to take them: the SLA clock's notices apply (escalated = handed on, unclaimed). */
export const SLA_WAITING: TriageState[] = ["classified", "carded", "escalated"];
/** States in which the clock has stopped for good. */
const SETTLED: ReadonlySet<TriageState> = new Set(["sent", "auto_replied", "dismissed", "failed"]);

/**
 * The SLA job: re-reads the item at `deps.now()`, sends every notice whose point has come (each
 * exactly once: a unique row per item, point and surface, leased, looked up after an unknown
 * outcome), then records and schedules the next point. A claimed item gets nothing (its next
 * point is kept, so an escalation that releases the claim resumes the clock); a settled one
 * stops its clock. Reminders go in the chat cards' threads; the escalation goes to the alert
 * channels with the managers mentioned (or the cards' threads where there is no alert channel).
 */
export async function checkSla(deps: Deps, itemId: string): Promise<void> {
  const view = await loadItemView(deps.db, itemId);
  const started = view?.item.slaStartedAt;
  if (!view || !started) return;
  const { item } = view;
  // Settled, or the buyer already has a reply in this conversation (see markSent): the clock stops.
  if (SETTLED.has(item.state) || item.firstResponseAt) {
    if (item.slaNextAt) await deps.db.update(triageItems).set({ slaNextAt: null }).where(eq(triageItems.id, itemId));
    return;
  }
  if (!SLA_WAITING.includes(item.state) || item.claimedBy) return;

  const shop = await findShopById(deps, item.shopId);
  const clock = slaClock(deps.config, shop.config, started, started);
  const now = deps.now();
  for (const point of clock.points) {
    if (point.at.getTime() > now.getTime()) break;
    const targets = point.kind === "remind" ? await threadTargets(deps, itemId) : await escalationTargets(deps, itemId, shop);
    for (const target of targets) await sendNotice(deps, view, clock, point, target);
  }
  const next = clock.points.find((p) => p.at.getTime() > now.getTime()) ?? null;
  await deps.db.update(triageItems).set({ slaNextAt: next?.at ?? null }).where(eq(triageItems.id, itemId));
  if (next) await deps.queue.enqueue("triage.sla", { itemId }, { startAfterSeconds: Math.max(1, Math.ceil((next.at.getTime() - now.getTime()) / 1000)) });
}

type Target = { surface: ChatSurface; workspace: string; target: NoticeTarget; managers: string[] };

/** The item's posted chat cards (the board has no threads: it shows the deadline on the card). */
async function threadTargets(deps: Deps, itemId: string): Promise<Target[]> {
  const posted = await deps.db
    .select()
    .from(cards)
    .where(and(eq(cards.triageItemId, itemId), eq(cards.status, "posted"), ne(cards.surface, "board")));
  return posted.flatMap((c) => {
    const surface = deps.surfaces.get(c.workspace);
    if (!surface || !c.externalRef) return [];
    const thread: CardRef = { channel: c.channel, ts: c.externalRef };
    return [{ surface, workspace: c.workspace, target: { channel: c.channel, thread }, managers: [] }];
  });
}

async function escalationTargets(deps: Deps, itemId: string, shop: Awaited<ReturnType<typeof findShopById>>): Promise<Target[]> {
  const routes = alertRoutes(deps, shop);
  const threads = await threadTargets(deps, itemId);
  // Each surface escalates in its alert channel, or, lacking one, in the card's thread.
  return [
    ...routes.map((r) => ({ surface: r.surface, workspace: r.workspace, target: { channel: r.channel }, managers: r.managers })),
    ...threads.filter((t) => !routes.some((r) => r.surface.surface === t.surface.surface)),
  ];
}

async function sendNotice(deps: Deps, view: ItemView, clock: SlaClock, point: SlaClock["points"][number], t: Target): Promise<void> {
  const itemId = view.item.id;
  const now = deps.now();
  const leaseExpired = new Date(now.getTime() - deps.config.jobs.leaseMs);
  const channel = t.target.thread?.channel ?? t.target.channel;
  const [claimed] = await deps.db
    .insert(slaNotices)
    .values({ id: newId("sla"), triageItemId: itemId, point: point.key, surface: t.surface.surface, workspace: t.workspace, channel, status: "posting", postingStartedAt: now })
    .onConflictDoUpdate({
      target: [slaNotices.triageItemId, slaNotices.point, slaNotices.surface],
      set: { postingStartedAt: now },
      setWhere: and(eq(slaNotices.status, "posting"), lte(slaNotices.postingStartedAt, leaseExpired)),
    })
    // xmax = 0 only for a freshly inserted row: otherwise this takes over a stale attempt.
    .returning({ id: slaNotices.id, createdAt: slaNotices.createdAt, inserted: sql<boolean>`(xmax = 0)` });
  if (!claimed) return; // sent already, or being sent right now
  const key = `${itemId}:${point.key}`;
  const c = view.classification;
  const notice: SlaNoticeModel = {
    itemId,
    kind: point.kind,
    percent: Math.round(point.fraction * 100),
    shop: { name: view.shop.name, platform: view.shop.platform as PlatformName },
    buyer: maskBuyer(view.conversation.buyerName, view.conversation.buyerId),
    intent: intentLabels(view.item.intent ?? c?.intent ?? "other"),
    text: view.message.text ?? `[${view.message.type.toLowerCase()}]`,
    dueAt: clock.dueAt,
    managers: t.managers,
    link: point.kind === "escalate" ? await cardLinkFor(deps, itemId, t.surface) : null,
  };
  let ref: CardRef;
  try {
    ref =
      (!claimed.inserted ? await t.surface.findPostedNotice(t.target, key, new Date(claimed.createdAt.getTime() - 60_000)) : null) ??
      (await t.surface.postNotice(t.target, notice, key));
  } catch (err) {
    // Release the lease so the retry need not wait it out; it looks the notice up first.
    await deps.db.update(slaNotices).set({ postingStartedAt: new Date(0) }).where(and(eq(slaNotices.id, claimed.id), eq(slaNotices.postingStartedAt, now)));
    throw err;
  }
  await deps.db.update(slaNotices).set({ status: "posted", externalRef: ref.ts, postedAt: deps.now() }).where(eq(slaNotices.id, claimed.id));
  deps.log.info("sla.notice", { itemId, point: point.key, surface: t.surface.surface, recovered: !claimed.inserted });
}

/**
 * The sweeper's half of the SLA clocks: items whose next point has come but whose delayed job was
 * lost (or lies beyond a queue's maximum delay) get their check enqueued.
 */
export async function sweepDueSla(deps: Deps): Promise<number> {
  const due = await deps.db
    .select({ id: triageItems.id })
    .from(triageItems)
    .where(and(lte(triageItems.slaNextAt, deps.now()), inArray(triageItems.state, SLA_WAITING), isNull(triageItems.claimedBy), isNull(triageItems.firstResponseAt)))
    .limit(500);
  for (const { id } of due) await deps.queue.enqueue("triage.sla", { itemId: id });
  if (due.length > 0) {
    deps.queue.nudge();
    deps.log.info("sla.sweep", { count: due.length });
  }
  return due.length;
}
