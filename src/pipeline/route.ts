import type { Deps } from "../deps.ts";
import type { ChatSurface } from "../ports.ts";
import type { ShopContext } from "./shop-lookup.ts";
import { BOARD_WORKSPACE } from "../../adapters/chat/board/index.ts";

/** One place an item's card goes: a surface, the workspace id it is registered under, a channel. */
export type Route = { workspace: string; surface: ChatSurface; channel: string };

/**
 * ③ Where an item's cards go: the shop's Slack workspace and channel (the shop's own triage channel
 * or the workspace's) when Slack is configured, and always the local board, so every item is
 * visible somewhere whether or not a chat app is set up. One `cards` row per surface.
 */
export function routeItems(deps: Deps, shop: ShopContext): Route[] {
  const routes: Route[] = [];
  const workspace = deps.config.slack?.workspaces.find((w) => w.id === shop.config.workspace);
  const slack = workspace && deps.surfaces.get(workspace.id);
  if (workspace && slack) routes.push({ workspace: workspace.id, surface: slack, channel: shop.config.triageChannel ?? workspace.triageChannel });
  const board = deps.surfaces.get(BOARD_WORKSPACE);
  if (board) routes.push({ workspace: BOARD_WORKSPACE, surface: board, channel: BOARD_WORKSPACE });
  return routes;
}
