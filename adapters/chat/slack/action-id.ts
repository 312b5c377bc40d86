/**
 * Action-id codec for card buttons: `triage:<kind>:<itemId>`.
 *
 * The action id (not the button `value`) says what was clicked, so a tampered or stale payload
 * can at worst name an item id that the decision step then looks up and authorises server-side
 * (MUST rule 18). Anything we did not encode decodes to `undefined` and is ignored, never 4xx'd.
 */
import type { ActionKind } from "../../../src/ports.ts";

export const ACTION_KINDS = ["approve", "edit", "claim", "reclassify", "escalate", "dismiss"] as const satisfies readonly ActionKind[];

const PREFIX = "triage";
/** Slack caps `action_id` at 255 characters. */
const MAX_ACTION_ID = 255;
/** Our ids are `itm_…` (src/ids.ts); accept any opaque id of that alphabet, bounded. */
const ITEM_ID = /^[A-Za-z0-9_-]{1,200}$/;

export function isItemId(value: string): boolean {
  return ITEM_ID.test(value);
}

export function encodeAction(kind: ActionKind, itemId: string): string {
  if (!isItemId(itemId)) throw new RangeError(`not an item id: ${JSON.stringify(itemId.slice(0, 40))}`);
  const id = `${PREFIX}:${kind}:${itemId}`;
  if (id.length > MAX_ACTION_ID) throw new RangeError("action_id longer than 255 characters");
  return id;
}

export function decodeAction(actionId: string): { kind: ActionKind; itemId: string } | undefined {
  if (actionId.length > MAX_ACTION_ID) return undefined;
  const [prefix, kind, itemId, ...rest] = actionId.split(":");
  if (prefix !== PREFIX || rest.length > 0 || kind === undefined || itemId === undefined) return undefined;
  if (!(ACTION_KINDS as readonly string[]).includes(kind) || !isItemId(itemId)) return undefined;
  return { kind: kind as ActionKind, itemId };
}
