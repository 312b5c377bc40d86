import type { Deps } from "../deps.ts";
import type { CardModel } from "../ports.ts";
import { loadItemView, toCardModel } from "./card-model.ts";

/**
 * The card of an item as it stands now, for surfaces that answer a click with the updated card in
 * the same response (Lark `card.action.trigger`). Null when the item does not exist.
 */
export async function currentCard(deps: Deps, itemId: string): Promise<CardModel | null> {
  const view = await loadItemView(deps.db, itemId);
  return view ? toCardModel(view) : null;
}
