/**
 * The board's live feed for one open page: every `pollMs` (or at once when this instance changed
 * a card) it asks the database which items changed since its last look and hands on those whose
 * version it has not passed on yet. The database is the truth, so changes made by any instance
 * arrive; the look-back overlap absorbs clock skew between instances writing `updated_at`.
 */
import type { Deps } from "../deps.ts";
import { changedSince } from "./queries.ts";

const OVERLAP_MS = 5_000;

export type LiveHandlers = {
  items(changes: { id: string; version: number }[]): Promise<void>;
  notice(text: string): Promise<void>;
  /** Called when nothing happened for a while, so proxies keep the stream open. */
  idle(): Promise<void>;
};

export async function followBoard(deps: Deps, userId: string, signal: AbortSignal, on: LiveHandlers, pollMs = 1_000): Promise<void> {
  const seen = new Map<string, number>();
  let since = new Date(deps.now().getTime() - OVERLAP_MS);
  let wake: (() => void) | null = null;
  const notices: string[] = [];
  const unsubscribe = deps.board.subscribe({
    item: () => wake?.(),
    notice: (n) => {
      if (n.userId !== userId) return;
      notices.push(n.text);
      wake?.();
    },
  });
  signal.addEventListener("abort", () => wake?.());
  let quiet = 0;
  try {
    while (!signal.aborted) {
      const rows = await changedSince(deps, new Date(since.getTime() - OVERLAP_MS));
      const fresh = rows.filter((r) => (seen.get(r.id) ?? 0) < r.version);
      for (const r of rows) {
        seen.set(r.id, Math.max(seen.get(r.id) ?? 0, r.version));
        if (r.updatedAt > since) since = r.updatedAt;
      }
      if (fresh.length) await on.items(fresh.map((r) => ({ id: r.id, version: r.version })));
      while (notices.length) await on.notice(notices.shift()!);
      if (fresh.length === 0 && ++quiet * pollMs >= 15_000) {
        quiet = 0;
        await on.idle();
      }
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, pollMs);
        wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
      wake = null;
    }
  } finally {
    unsubscribe();
  }
}
