/**
 * In-process wake-ups for the board's live streams. The database stays the truth (every stream
 * also polls for item versions changed since its last look, which is what carries changes made by
 * other instances); this only lets a change made by this instance reach open boards at once.
 */
export type BoardNotice = { userId: string; text: string };

export class BoardChanges {
  readonly #target = new EventTarget();

  /** An item's card changed (posted, decided, sent, failed). */
  changed(itemId: string): void {
    this.#target.dispatchEvent(new CustomEvent("item", { detail: itemId }));
  }

  /** A message meant for one board user only. */
  notify(notice: BoardNotice): void {
    this.#target.dispatchEvent(new CustomEvent("notice", { detail: notice }));
  }

  /** Subscribes; returns the unsubscribe function. */
  subscribe(handlers: { item?: (itemId: string) => void; notice?: (n: BoardNotice) => void }): () => void {
    const onItem = (e: Event) => handlers.item?.((e as CustomEvent<string>).detail);
    const onNotice = (e: Event) => handlers.notice?.((e as CustomEvent<BoardNotice>).detail);
    this.#target.addEventListener("item", onItem);
    this.#target.addEventListener("notice", onNotice);
    return () => {
      this.#target.removeEventListener("item", onItem);
      this.#target.removeEventListener("notice", onNotice);
    };
  }
}
