import type { Deps } from "../deps.ts";
import type { Actor } from "../ports.ts";
import { loadItemView, toCardModel } from "./card-model.ts";
import { CLAIMER_ONLY, TRANSITIONS } from "./transitions.ts";

/**
 * Opens the Edit form prefilled with the suggested reply. Runs inside the click's request because
 * Slack's trigger id expires after 3 s. Returns why it refused, or null once the form is open.
 * Nothing changes state here: the edited text goes through `decide` when submitted.
 */
export async function openEditor(deps: Deps, workspaceId: string, itemId: string, actor: Actor, triggerId: string): Promise<string | null> {
  const view = await loadItemView(deps.db, itemId);
  if (!view) return "This item no longer exists.";
  if (!TRANSITIONS.edit.from.includes(view.item.state)) return `Already handled: this item is ${view.item.state}.`;
  const claimer = view.item.claimedBy;
  if (claimer && claimer.id !== actor.id && CLAIMER_ONLY.has("edit")) return `Claimed by <@${claimer.id}>: only they can edit it.`;
  const surface = deps.surfaces.get(workspaceId);
  if (!surface) return "This workspace is not configured.";
  await surface.openEditor(triggerId, toCardModel(view), view.item.suggestedReply ?? "");
  return null;
}
