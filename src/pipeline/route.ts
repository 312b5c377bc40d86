import { LARK_WORKSPACE_ID, shopWorkspaces, type LarkConfig, type SlackWorkspace } from "../config.ts";
import type { Deps } from "../deps.ts";
import type { ChatSurface } from "../ports.ts";
import type { ShopContext } from "./shop-lookup.ts";
import { BOARD_WORKSPACE } from "../../adapters/chat/board/index.ts";

export type Route = { workspace: Pick<SlackWorkspace, "id"> | LarkConfig["workspace"]; surface: ChatSurface; channel: string };

/**
 * ③ Where an item's cards go: one route per workspace the shop names (Slack, Lark or both), each
 * with the shop's own channel or the workspace's, and always the local board, so every item is
 * visible somewhere whether or not a chat app is set up. At most one route per surface: cards are
 * unique per (item, surface).
 */
export function routeItems(deps: Deps, shop: ShopContext): Route[] {
  const routes: Route[] = [];
  for (const id of shopWorkspaces(shop.config)) {
    const surface = deps.surfaces.get(id);
    if (!surface || routes.some((r) => r.surface.surface === surface.surface)) continue;
    if (id === LARK_WORKSPACE_ID && deps.config.lark) {
      const workspace = deps.config.lark.workspace;
      routes.push({ workspace, surface, channel: shop.config.larkChat ?? workspace.triageChat });
      continue;
    }
    const workspace = deps.config.slack?.workspaces.find((w) => w.id === id);
    if (workspace) routes.push({ workspace, surface, channel: shop.config.triageChannel ?? workspace.triageChannel });
  }
  const board = deps.surfaces.get(BOARD_WORKSPACE);
  if (board) routes.push({ workspace: { id: BOARD_WORKSPACE }, surface: board, channel: BOARD_WORKSPACE });
  return routes;
}

/** A managers' channel of one surface, and whom to mention there. */
export type AlertRoute = { workspace: string; surface: ChatSurface; channel: string; managers: string[] };

/**
 * Where a shop's alerts and SLA escalations go: the alert channel of each workspace the shop's
 * cards go to (Slack `alertChannel` / SLACK_ALERT_CHANNEL, Lark LARK_ALERT_CHAT), at most one per
 * surface like cards. Workspaces without an alert channel get no alerts.
 */
export function alertRoutes(deps: Deps, shop: ShopContext): AlertRoute[] {
  const routes: AlertRoute[] = [];
  for (const id of shopWorkspaces(shop.config)) {
    const surface = deps.surfaces.get(id);
    if (!surface || routes.some((r) => r.surface.surface === surface.surface)) continue;
    if (id === LARK_WORKSPACE_ID) {
      const lark = deps.config.lark?.workspace;
      if (lark?.alertChat) routes.push({ workspace: id, surface, channel: lark.alertChat, managers: lark.managers });
      continue;
    }
    const workspace = deps.config.slack?.workspaces.find((w) => w.id === id);
    if (workspace?.alertChannel) routes.push({ workspace: id, surface, channel: workspace.alertChannel, managers: workspace.managers });
  }
  return routes;
}

/** The first route, for callers that need just one (alerts, digests). */
export function routeItem(deps: Deps, shop: ShopContext): Route | null {
  return routeItems(deps, shop)[0] ?? null;
}
