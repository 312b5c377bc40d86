import { and, eq, isNull, lt, or } from "drizzle-orm";
import { alerts } from "../../db/schema/index.ts";
import { RISK_FLAGS, type RiskFlag } from "../../intents/taxonomy.ts";
import { LARK_WORKSPACE_ID } from "../config.ts";
import type { Deps } from "../deps.ts";
import { UpstreamError } from "../errors.ts";
import type { AlertModel, CardLink, CardRef, PlatformName } from "../ports.ts";
import { intentLabels, loadItemView, maskBuyer } from "../pipeline/card-model.ts";
import { cardLinkFor } from "./link.ts";

type AlertRow = typeof alerts.$inferSelect;

/**
 * Posts an alert group's chat message, or refreshes it (count, latest text, link to the card), and
 * buzzes the managers once when the group is critical (Lark urgent_app). Like card posting, the
 * post is leased and, after an unknown outcome, looked up by the alert id before posting again;
 * the refresh is idempotent (it re-renders from the row), and the buzz is claimed before the call,
 * so it happens at most once per group across retries and instances.
 */
export async function syncAlert(deps: Deps, alertId: string): Promise<void> {
  const [row] = await deps.db.select().from(alerts).where(eq(alerts.id, alertId));
  if (!row) return;
  const surface = deps.surfaces.get(row.workspace);
  if (!surface) return;
  const view = await loadItemView(deps.db, row.latestItemId);
  if (!view) return;
  const managers = managersOf(deps, row.workspace);
  const link = await cardLinkFor(deps, row.latestItemId, surface);
  const c = view.classification;
  const model: AlertModel = {
    alertId: row.id,
    itemId: row.latestItemId,
    shop: { name: view.shop.name, platform: view.shop.platform as PlatformName },
    buyer: maskBuyer(view.conversation.buyerName, view.conversation.buyerId),
    lang: c?.lang ?? "und",
    text: view.message.text ?? `[${view.message.type.toLowerCase()}]`,
    intent: intentLabels(view.item.intent ?? c?.intent ?? "other"),
    risk: row.risk,
    riskFlags: (c?.riskFlags ?? []).filter((f): f is RiskFlag => (RISK_FLAGS as readonly string[]).includes(f)),
    count: row.count,
    firstAt: row.firstAt,
    lastAt: row.lastAt,
    slaDueAt: view.item.slaDueAt ?? null,
    managers,
    link,
  };

  let ref: CardRef | null = row.status === "posted" && row.externalRef ? { channel: row.channel, ts: row.externalRef } : null;
  if (!ref) {
    ref = await postAlert(deps, row, model, link);
    if (!ref) return; // another worker is posting it; it renders the latest state too
  } else if (row.renderedVersion < row.version || row.renderedLink !== (link?.url ?? null)) {
    await surface.updateAlert(ref, model);
    await deps.db
      .update(alerts)
      .set({ renderedVersion: row.version, renderedLink: link?.url ?? null })
      .where(and(eq(alerts.id, row.id), lt(alerts.renderedVersion, row.version + 1)));
    deps.log.info("alert.updated", { alertId, count: row.count, link: link?.kind ?? null });
  }
  if (row.risk === "critical" && managers.length > 0 && !row.buzzedAt) await buzzOnce(deps, row, ref, managers);
}

async function postAlert(deps: Deps, row: AlertRow, model: AlertModel, link: CardLink | null): Promise<CardRef | null> {
  const surface = deps.surfaces.get(row.workspace)!;
  const now = deps.now();
  const leaseExpired = new Date(now.getTime() - deps.config.jobs.leaseMs);
  const [claimed] = await deps.db
    .update(alerts)
    .set({ status: "posting", postingStartedAt: now })
    .where(and(eq(alerts.id, row.id), or(eq(alerts.status, "pending"), and(eq(alerts.status, "posting"), lt(alerts.postingStartedAt, leaseExpired)))))
    .returning({ id: alerts.id });
  if (!claimed) return null;
  const retrying = row.status === "posting";
  let lease = now;
  const beforeSend = async () => {
    const renewed = deps.now();
    const [still] = await deps.db
      .update(alerts)
      .set({ postingStartedAt: renewed })
      .where(and(eq(alerts.id, row.id), eq(alerts.status, "posting"), eq(alerts.postingStartedAt, lease)))
      .returning({ id: alerts.id });
    if (!still) throw new LeaseLostError();
    lease = renewed;
  };
  let ref: CardRef;
  try {
    ref =
      (retrying ? await surface.findPostedAlert(row.channel, row.id, new Date(row.createdAt.getTime() - 60_000)) : null) ??
      (await surface.postAlert(row.channel, model, row.id, { beforeSend }));
  } catch (err) {
    if (err instanceof LeaseLostError) return null;
    // Release the lease so the retry need not wait it out; it looks the alert up first.
    await deps.db.update(alerts).set({ postingStartedAt: new Date(0) }).where(and(eq(alerts.id, row.id), eq(alerts.postingStartedAt, lease)));
    throw err;
  }
  await deps.db
    .update(alerts)
    .set({ status: "posted", externalRef: ref.ts, channel: ref.channel, postedAt: deps.now(), renderedVersion: row.version, renderedLink: link?.url ?? null })
    .where(eq(alerts.id, row.id));
  deps.log.info("alert.posted", { alertId: row.id, itemId: row.latestItemId, surface: surface.surface, risk: row.risk, recovered: retrying });
  // A message may have joined while this one was posting: render again if so.
  const [now2] = await deps.db.select({ version: alerts.version }).from(alerts).where(eq(alerts.id, row.id));
  if (now2 && now2.version > row.version) await deps.queue.enqueue("triage.alert", { alertId: row.id }, { singletonKey: row.id });
  return ref;
}

/** Claims the group's one buzz, then makes it. A refusal Lark answered clearly is released for a retry; an unknown outcome is not (at most once). */
async function buzzOnce(deps: Deps, row: AlertRow, ref: CardRef, managers: string[]): Promise<void> {
  const [won] = await deps.db
    .update(alerts)
    .set({ buzzedAt: deps.now() })
    .where(and(eq(alerts.id, row.id), isNull(alerts.buzzedAt)))
    .returning({ id: alerts.id });
  if (!won) return;
  try {
    await deps.surfaces.get(row.workspace)!.buzz(ref, managers);
    deps.log.info("alert.buzzed", { alertId: row.id, managers: managers.length });
  } catch (err) {
    if (err instanceof UpstreamError && err.vendorCode !== undefined) {
      await deps.db.update(alerts).set({ buzzedAt: null }).where(eq(alerts.id, row.id));
    }
    throw err;
  }
}

/** The configured managers of an alert's workspace, in that surface's ids. */
function managersOf(deps: Deps, workspace: string): string[] {
  if (workspace === LARK_WORKSPACE_ID) return deps.config.lark?.workspace.managers ?? [];
  return deps.config.slack?.workspaces.find((w) => w.id === workspace)?.managers ?? [];
}

/** Another worker took over this post while it waited: that worker finishes it. */
class LeaseLostError extends Error {}
