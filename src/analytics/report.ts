import { z } from "zod";
import type { Executor } from "../../db/client.ts";
import { addDays, dayRange, isDay, isTimeZone } from "../digest/time.ts";
import { ValidationError } from "../errors.ts";
import { countMessages, GROUP_BY, type CountRow } from "./counts.ts";

/** Longest range one request may ask for: a year of daily data is what a BI refresh needs. */
const MAX_RANGE_DAYS = 366;

const Bound = z
  .string()
  .trim()
  .refine((v) => isDay(v) || (/^\d{4}-\d{2}-\d{2}T/.test(v) && !Number.isNaN(Date.parse(v)) && /(Z|[+-]\d{2}:?\d{2})$/.test(v)), {
    message: "must be a date (YYYY-MM-DD) or an ISO 8601 time with a zone (2026-03-10T08:00:00+08:00)",
  });

/** The query of GET /api/analytics. */
export const AnalyticsQuerySchema = z
  .object({
    from: Bound,
    to: Bound,
    groupBy: z.enum(GROUP_BY).default("intent"),
    format: z.enum(["json", "csv"]).default("json"),
    tz: z.string().trim().refine(isTimeZone, "must be an IANA time zone such as Asia/Shanghai").default("UTC"),
    /** Comma-separated platform shop ids. */
    shop: z
      .string()
      .trim()
      .transform((v) => v.split(",").map((s) => s.trim()).filter(Boolean))
      .pipe(z.array(z.string().max(64)).max(100))
      .optional(),
  })
  .strict();
export type AnalyticsQuery = z.infer<typeof AnalyticsQuerySchema>;

export type AnalyticsReport = {
  from: string;
  to: string;
  tz: string;
  groupBy: AnalyticsQuery["groupBy"];
  shops: string[] | null;
  total: Omit<CountRow, "key" | "label">;
  rows: CountRow[];
};

/**
 * Resolves the range: a date `from` starts at that local midnight in `tz`; a date `to` includes
 * that whole local day; full timestamps are taken as they are (`to` exclusive).
 */
export function resolveRange(q: Pick<AnalyticsQuery, "from" | "to" | "tz">): { from: Date; to: Date } {
  const from = isDay(q.from) ? dayRange(q.from, q.tz).start : new Date(q.from);
  const to = isDay(q.to) ? dayRange(addDays(q.to, 1), q.tz).start : new Date(q.to);
  if (to.getTime() <= from.getTime()) throw new ValidationError("to: must be after from");
  if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * 86_400_000 + 3_600_000) throw new ValidationError(`the range is longer than ${MAX_RANGE_DAYS} days`);
  return { from, to };
}

/** Message counts over a range, grouped by one dimension: the data behind GET /api/analytics. */
export async function analyticsReport(db: Executor, q: AnalyticsQuery): Promise<AnalyticsReport> {
  const range = resolveRange(q);
  const rows = await countMessages(db, { ...range, shops: q.shop }, q.groupBy, q.tz);
  const total = { messages: 0, highRisk: 0, negative: 0, autoReplied: 0 };
  for (const r of rows) {
    total.messages += r.messages;
    total.highRisk += r.highRisk;
    total.negative += r.negative;
    total.autoReplied += r.autoReplied;
  }
  return { from: range.from.toISOString(), to: range.to.toISOString(), tz: q.tz, groupBy: q.groupBy, shops: q.shop ?? null, total, rows };
}
