import { and, desc, eq, gte, sql } from "drizzle-orm";
import { alerts, conversations } from "../../db/schema/index.ts";
import type { Executor } from "../../db/client.ts";
import { RISK_LEVELS, type RiskLevel } from "../../intents/taxonomy.ts";
import type { Deps } from "../deps.ts";
import { newId } from "../ids.ts";
import { alertRoutes } from "../pipeline/route.ts";
import type { ShopContext } from "../pipeline/shop-lookup.ts";

/**
 * Puts a high-risk item into its conversation's alert group on every alert route, inside the
 * classify transaction (so each item joins exactly once: that transaction commits once). A group
 * stays open while its latest message is younger than the window; a message after that opens a
 * new group (and a new chat message). Returns the alert ids whose chat message must be posted or
 * refreshed.
 *
 * The conversation row is locked first: two instances classifying two messages of one
 * conversation at once would otherwise both see no open group and post two alerts.
 */
export async function joinAlertGroups(
  deps: Deps,
  tx: Executor,
  item: { id: string; conversationId: string; risk: RiskLevel; messageAt: Date },
  shop: ShopContext,
): Promise<string[]> {
  const routes = alertRoutes(deps, shop);
  if (routes.length === 0) return [];
  await tx.select({ id: conversations.id }).from(conversations).where(eq(conversations.id, item.conversationId)).for("update");
  const openSince = new Date(item.messageAt.getTime() - deps.config.alerts.groupWindowMs);
  const ids: string[] = [];
  for (const route of routes) {
    const [open] = await tx
      .select({ id: alerts.id, risk: alerts.risk })
      .from(alerts)
      .where(and(eq(alerts.conversationId, item.conversationId), eq(alerts.surface, route.surface.surface), gte(alerts.lastAt, openSince)))
      .orderBy(desc(alerts.lastAt))
      .limit(1);
    if (open) {
      await tx
        .update(alerts)
        .set({
          count: sql`${alerts.count} + 1`,
          // Messages can be classified out of order: the alert shows the newest, not the last classified.
          latestItemId: sql`case when ${alerts.lastAt} <= ${item.messageAt.toISOString()}::timestamptz then ${item.id} else ${alerts.latestItemId} end`,
          lastAt: sql`greatest(${alerts.lastAt}, ${item.messageAt.toISOString()}::timestamptz)`,
          risk: higher(open.risk, item.risk),
          version: sql`${alerts.version} + 1`,
        })
        .where(eq(alerts.id, open.id));
      ids.push(open.id);
      continue;
    }
    const id = newId("alr");
    await tx.insert(alerts).values({
      id,
      conversationId: item.conversationId,
      surface: route.surface.surface,
      workspace: route.workspace,
      channel: route.channel,
      status: "pending",
      risk: item.risk,
      firstItemId: item.id,
      latestItemId: item.id,
      firstAt: item.messageAt,
      lastAt: item.messageAt,
    });
    ids.push(id);
  }
  return ids;
}

function higher(a: RiskLevel, b: RiskLevel): RiskLevel {
  return RISK_LEVELS.indexOf(a) >= RISK_LEVELS.indexOf(b) ? a : b;
}
