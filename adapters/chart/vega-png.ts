/**
 * Server-side charts: Vega-Lite → Vega → SVG (vega's headless renderer, no canvas, no network),
 * then SVG → PNG with resvg (prebuilt native binary shipped in the npm package). Text is drawn
 * with the Open Sans TTF from `open-sans-fonts`, so labels render on a machine with no system
 * fonts (resvg reads TTF/OTF, not the WOFF2 files most font packages ship). Node only.
 */
import { createRequire } from "node:module";
import { Resvg } from "@resvg/resvg-js";
import * as vega from "vega";
import { compile, type TopLevelSpec } from "vega-lite";
import type { ChartRenderer } from "../../src/digest/chart-spec.ts";

const require = createRequire(import.meta.url);
const FONT_FILE = require.resolve("open-sans-fonts/open-sans/Regular/OpenSans-Regular.ttf");
const FONT_BOLD_FILE = require.resolve("open-sans-fonts/open-sans/Bold/OpenSans-Bold.ttf");

export async function specToSvg(spec: Record<string, unknown>): Promise<string> {
  const compiled = compile(spec as unknown as TopLevelSpec).spec;
  // `loader` that refuses everything: a spec never makes the server fetch or read files.
  const loader = vega.loader({ mode: "http" });
  loader.load = async () => {
    throw new Error("charts take inline data only");
  };
  const view = new vega.View(vega.parse(compiled), { renderer: "none", loader });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

export function createVegaPngRenderer(opts: { scale?: number } = {}): ChartRenderer {
  return {
    async renderPng(spec) {
      const svg = await specToSvg(spec);
      const resvg = new Resvg(svg, {
        font: { fontFiles: [FONT_FILE, FONT_BOLD_FILE], loadSystemFonts: false, defaultFontFamily: "Open Sans" },
        // 2×: sharp on phones, where managers read the digest.
        fitTo: { mode: "zoom", value: opts.scale ?? 2 },
      });
      return new Uint8Array(resvg.render().asPng());
    },
  };
}
