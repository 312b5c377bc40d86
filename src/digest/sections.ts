import type { Digest, Share, Trend } from "./compute.ts";

/**
 * The digest as titled sections of plain lines, shared by every surface: each surface escapes the
 * lines for its own markup (product names and labels are not ours) and styles the titles.
 */
export type Section = { title: string; lines: string[] };

export function digestTitle(d: Digest): string {
  return `Daily digest — ${d.day}`;
}

export function digestSubtitle(d: Digest): string {
  return `${d.shops ? `Shops ${d.shops.join(", ")}` : "All shops"} · day in ${d.timeZone}`;
}

/** Change against an earlier count: "+4 (+50%)", "−2 (−20%)", "new", "=". */
export function change(now: number, before: number): string {
  if (now === before) return "=";
  if (before === 0) return "new";
  const diff = now - before;
  const pct = Math.round((diff / before) * 100);
  const sign = diff > 0 ? "+" : "−";
  return `${sign}${Math.abs(diff)} (${sign}${Math.abs(pct)}%)`;
}

const pct = (rate: number | null) => (rate === null ? "n/a" : `${Math.round(rate * 1000) / 10}%`);

export function duration(seconds: number | null): string {
  if (seconds === null) return "n/a";
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)} min`;
  return `${Math.round((seconds / 3600) * 10) / 10} h`;
}

const trendLine = (t: Trend) => `${t.label}: ${t.count} (${change(t.count, t.prevDay)} vs previous day, ${change(t.count, t.prevWeek)} vs a week before)`;
const shareLine = (total: number) => (s: Share) => `${s.label}: ${s.count}${total > 0 ? ` (${Math.round((s.count / total) * 100)}%)` : ""}`;

export function digestSections(d: Digest): Section[] {
  const total = d.total.count;
  const sections: Section[] = [
    {
      title: "Messages",
      lines: [`${total} buyer messages (${change(total, d.total.prevDay)} vs previous day, ${change(total, d.total.prevWeek)} vs a week before)`],
    },
  ];
  if (total === 0) return sections;
  sections.push(
    { title: "By intent group", lines: d.groups.map(trendLine) },
    { title: "Top intents", lines: d.topIntents.map(trendLine) },
    { title: "By language", lines: d.langs.map(shareLine(total)) },
    { title: "By shop", lines: d.shopCounts.map(shareLine(total)) },
    {
      title: `High risk (${d.highRisk.total})`,
      lines: d.highRisk.total === 0
        ? ["None."]
        : [
            ...d.highRisk.items.map((i) => `${i.risk.toUpperCase()} · ${i.intent} · ${i.shop} · now ${i.state}${i.claimedBy ? ` (claimed by ${i.claimedBy})` : ""}${i.flags.length ? ` · ${i.flags.join(", ")}` : ""}`),
            ...(d.highRisk.total > d.highRisk.items.length ? [`…and ${d.highRisk.total - d.highRisk.items.length} more`] : []),
          ],
    },
    {
      title: "First response (SLA)",
      lines: [
        `${d.sla.answered} of ${d.sla.due} answered · median ${duration(d.sla.medianSeconds)} · p90 ${duration(d.sla.p90Seconds)}`,
        `Breaches: ${d.sla.breached} (not answered by the reply-by deadline) · still open before the deadline: ${d.sla.open}`,
        // Only rows from before the SLA clocks have no deadline: say what they were judged against.
        ...(d.sla.withoutDeadline > 0
          ? [`${d.sla.withoutDeadline} without a stored deadline, judged against ${Object.entries(d.sla.windowHours).map(([p, h]) => `${p === "tiktok_shop" ? "TikTok Shop" : p} ${h} h`).join(", ")} from the message`]
          : []),
      ],
    },
    {
      title: "Automation",
      lines: [
        `Auto-replied: ${d.automation.autoReplied}`,
        `Edited before sending: ${pct(d.automation.editedRate)} (${d.automation.edited} of ${d.automation.edited + d.automation.approved} staff replies)`,
        `Reclassified by staff: ${pct(d.automation.reclassifiedRate)} (${d.automation.reclassified} of ${d.automation.classified})`,
      ],
    },
    {
      title: `Behind complaints (${d.complaints.total})`,
      lines: [
        ...(d.complaints.products.length ? [`Products: ${d.complaints.products.map((p) => `${p.label} (${p.count})`).join(", ")}`] : []),
        ...(d.complaints.phrases.length ? [`Phrases: ${d.complaints.phrases.map((p) => `"${p.label}" (${p.count})`).join(", ")}`] : []),
        ...(d.complaints.products.length || d.complaints.phrases.length ? [] : ["Nothing stood out."]),
      ],
    },
  );
  return sections;
}

/** The digest as plain text (the --dry-run output and the Slack notification fallback). */
export function digestText(d: Digest): string {
  return [digestTitle(d), digestSubtitle(d), "", ...digestSections(d).flatMap((s) => [s.title, ...s.lines.map((l) => `  ${l}`), ""])].join("\n").trimEnd();
}
