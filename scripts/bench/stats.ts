/** Small helpers shared by the bench scripts: percentiles and a plain-text table. */
import { percentile as nearestRank } from "../../src/digest/sla-figures.ts";

/** Nearest-rank percentile of an ascending-sorted array (NaN when empty): the digest's definition. */
export function percentile(sorted: number[], p: number): number {
  return nearestRank(sorted, p) ?? Number.NaN;
}

export type Summary = { n: number; p50: number; p95: number; p99: number; max: number };

export function summarize(values: number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  return { n: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: sorted.at(-1) ?? Number.NaN };
}

/** Rounds for display: 3 significant digits below 100, integers above. */
export function fmt(value: number | string | undefined | null): string {
  if (value === undefined || value === null) return "—";
  if (typeof value === "string") return value;
  if (!Number.isFinite(value)) return "—";
  if (Number.isInteger(value)) return value.toLocaleString("en-US");
  if (Math.abs(value) >= 100) return Math.round(value).toLocaleString("en-US");
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

/** A left-aligned first column and right-aligned others, separated by two spaces. */
export function table(header: string[], rows: (string | number | undefined | null)[][]): string {
  const cells = [header, ...rows.map((r) => r.map(fmt))];
  const widths = header.map((_, c) => Math.max(...cells.map((r) => (r[c] ?? "").length)));
  const line = (r: string[]) => r.map((v, c) => (c === 0 ? (v ?? "").padEnd(widths[c]!) : (v ?? "").padStart(widths[c]!))).join("  ");
  return [line(cells[0]!), widths.map((w) => "─".repeat(w)).join("  "), ...cells.slice(1).map(line)].join("\n");
}
