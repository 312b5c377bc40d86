/**
 * SLA figures for a set of buyer messages, read from the columns the pipeline keeps on each triage
 * item, so reports and the SLA clocks share one definition (docs/managers.md, "SLA"):
 *
 * - first response = `triage_items.first_response_at`: when the first reply, by staff or automatic,
 *   reached the buyer (written only by send.ts; a claim or other click is not a response, as
 *   TikTok Shop's response rate counts replies). The shop's own replies from outside this service
 *   never reach us (the webhook drops SHOP-sent messages), so there is nothing else to count.
 * - breach = first response after `sla_due_at` (the shop's window counted in its opening hours),
 *   or no response and `sla_due_at` already past at `asOf`.
 *
 * This is the one place that decides "first response" and "breach" for reports.
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
  /** Answered after the item's deadline, or still unanswered with the deadline past at `asOf`. */
  breached: number;
  /** Unanswered, deadline still ahead at `asOf`. */
  open: number;
  /**
   * Items without a stored deadline (written before the SLA clocks existed): judged against
   * `windowHours` from the buyer's message instead. Zero for anything the pipeline stores today.
   */
  withoutDeadline: number;
  /** The fallback window per platform, hours, for items without a deadline. */
  windowHours: Record<string, number>;
};

type Row = {
  platform: string;
  state: string;
  received_at: Date | string;
  first_response_at: Date | string | null;
  sla_due_at: Date | string | null;
};

export async function slaFigures(
  db: Executor,
  scope: MessageScope,
  opts: { asOf: Date; slaHours?: Partial<Record<string, number>> },
): Promise<SlaFigures> {
  const rows = await selectRows<Row>(
    db,
    sql`select s.platform, ti.state, m.sent_at as received_at, ti.first_response_at, ti.sla_due_at
        from ${SCOPE_FROM}
        where ${scopeFilter(scope)}`,
  );
  const windowHours: Record<string, number> = { ...DEFAULT_SLA_HOURS, ...(opts.slaHours ?? {}) } as Record<string, number>;
  const times: number[] = [];
  let due = 0;
  let breached = 0;
  let open = 0;
  let withoutDeadline = 0;
  for (const r of rows) {
    if (r.state === "dismissed") continue;
    due += 1;
    const received = new Date(r.received_at).getTime();
    if (r.sla_due_at === null) withoutDeadline += 1;
    const deadline =
      r.sla_due_at !== null
        ? new Date(r.sla_due_at).getTime()
        : received + (windowHours[r.platform] ?? DEFAULT_SLA_HOURS.tiktok_shop) * 3600_000;
    if (r.first_response_at !== null) {
      const answeredAt = new Date(r.first_response_at).getTime();
      // A platform clock ahead of ours can date the buyer's message after our reply: count zero.
      times.push(Math.max(0, answeredAt - received) / 1000);
      if (answeredAt > deadline) breached += 1;
    } else if (deadline < opts.asOf.getTime()) {
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
    withoutDeadline,
    windowHours,
  };
}

/** Nearest-rank percentile of an ascending array; null when empty. */
export function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}
