import type { Digest } from "./compute.ts";

/** Renders a Vega-Lite spec to PNG bytes; null where this runtime has no renderer (Workers). */
export interface ChartRenderer {
  renderPng(spec: Record<string, unknown>): Promise<Uint8Array | null>;
}

/** The Worker's renderer: vega + resvg are Node-only here, so Worker digests go out as text. */
export const NO_CHARTS: ChartRenderer = { renderPng: async () => null };

const SERIES = ["Previous week", "Previous day", "This day"] as const;

/**
 * The digest chart: messages per intent group for the day against the previous day and the same
 * weekday a week before. Labels are English (the bundled font has Latin glyphs only).
 */
export function digestChartSpec(d: Digest): Record<string, unknown> {
  const values = d.groups.flatMap((g) => [
    { group: g.label, series: SERIES[2], messages: g.count },
    { group: g.label, series: SERIES[1], messages: g.prevDay },
    { group: g.label, series: SERIES[0], messages: g.prevWeek },
  ]);
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: { text: `Buyer messages by intent group — ${d.day}`, subtitle: `${d.total.count} messages (${d.timeZone})`, anchor: "start" },
    width: 560,
    height: { step: 14 },
    background: "white",
    padding: 16,
    data: { values },
    mark: { type: "bar", cornerRadiusEnd: 2 },
    encoding: {
      y: { field: "group", type: "nominal", title: null, sort: d.groups.map((g) => g.label) },
      yOffset: { field: "series", sort: [...SERIES] },
      x: { field: "messages", type: "quantitative", title: "messages", axis: { tickMinStep: 1 } },
      color: { field: "series", type: "nominal", title: null, sort: [...SERIES], scale: { domain: [...SERIES], range: ["#c7d2e0", "#8aa4c8", "#e4572e"] }, legend: { orient: "bottom" } },
      tooltip: [{ field: "group" }, { field: "series" }, { field: "messages" }],
    },
    config: { font: "Open Sans", view: { stroke: null } },
  };
}
