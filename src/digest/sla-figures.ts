/**
 * SLA figures for a set of buyer messages, computed from what the spine stores today: when the
 * message arrived (`messages.sent_at`) and the shop's first message back in that conversation
 * afterwards (outbound `messages` rows, written when a reply — staff or automatic — is sent).
 *
 * This is the one place that decides "first response" and "breach" for reports. When triage items
 * carry their own SLA columns (deadline, first-response time: the alerts/SLA work of issue 6),
 * swap the subquery below for those columns and keep the rest.
 */
import { sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { SCOPE_FROM, scopeFilter, type MessageScope } from "../analytics/counts.ts";
import { selectRows } from "../analytics/rows.ts";
import { DEFAULT_SLA_HOURS } from "./config.ts";

export type SlaFigures = {
  /** Messages that needed an answer (dismissed ones are left out: staff decided none was due). */
  due: number;
  answered: number;
  /** First-response time, seconds: median and 90th percentile of the answered ones (null: none). */
  medianSeconds: number | null;
  p90Seconds: number | null;
  /** Answered after the window, or still unanswered with the window over at `asOf`. */
  breached: number;
  /** Unanswered, window still open at `asOf`. */
  open: number;
  /** The window per platform, hours, as applied. */
  windowHours: Record<string, number>;
};

type Row = { platform: string; state: string; received_at: Date | string; first_response_at: Date | string | null };

export async function slaFigures(
  db: Executor,
  scope: MessageScope,
  opts: { asOf: Date; slaHours?: Partial<Record<string, number>> },
): Promise<SlaFigures> {
  const rows = await selectRows<Row>(
    db,
    sql`select s.platform, ti.state, m.sent_at as received_at,
          (select min(o.sent_at) from messages o
            where o.conversation_id = m.conversation_id and o.direction = 'outbound' and o.sent_at >= m.sent_at) as first_response_at
        from ${SCOPE_FROM}
        where ${scopeFilter(scope)}`,
  );
  const windowHours: Record<string, number> = { ...DEFAULT_SLA_HOURS, ...(opts.slaHours ?? {}) } as Record<string, number>;
  const times: number[] = [];
  let due = 0;
  let breached = 0;
  let open = 0;
  for (const r of rows) {
    if (r.state === "dismissed") continue;
    due += 1;
    const received = new Date(r.received_at).getTime();
    const windowMs = (windowHours[r.platform] ?? DEFAULT_SLA_HOURS.tiktok_shop) * 3600_000;
    if (r.first_response_at !== null) {
      const seconds = (new Date(r.first_response_at).getTime() - received) / 1000;
      times.push(seconds);
      if (seconds * 1000 > windowMs) breached += 1;
    } else if (opts.asOf.getTime() - received > windowMs) {
      breached += 1;
    } else {
      open += 1;
    }
  }
  times.sort((a, b) => a - b);
  return {
    due,
    answered: times.length,
    medianSeconds: percentile(times, 50),
    p90Seconds: percentile(times, 90),
    breached,
    open,
    windowHours,
  };
}

/** Nearest-rank percentile of an ascending array; null when empty. */
export function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}
