import type { SlackWorkspace } from "../config.ts";
import type { Deps } from "../deps.ts";
import type { ChatSurface } from "../ports.ts";
import type { ShopContext } from "./shop-lookup.ts";

export type Route = { workspace: SlackWorkspace; surface: ChatSurface; channel: string };

/**
 * ③ Where an item's card goes: the shop's workspace, and the shop's own triage channel or the
 * workspace's. Null when no chat surface is configured (the item waits, classified, until one is).
 */
export function routeItem(deps: Deps, shop: ShopContext): Route | null {
  const workspace = deps.config.slack?.workspaces.find((w) => w.id === shop.config.workspace);
  const surface = workspace && deps.surfaces.get(workspace.id);
  if (!workspace || !surface) return null;
  return { workspace, surface, channel: shop.config.triageChannel ?? workspace.triageChannel };
}
