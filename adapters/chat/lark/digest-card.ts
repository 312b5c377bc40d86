import type { Digest } from "../../../src/digest/compute.ts";
import { digestSections, digestSubtitle, digestTitle } from "../../../src/digest/sections.ts";
import { escapeMarkdown } from "./card.ts";

/**
 * The digest as a Lark card (JSON 2.0): header, the chart image when there is one, then one
 * markdown block per section. Every line is escaped (product names are not ours).
 */
export function renderDigestCard(d: Digest, imageKey: string | null): object {
  return {
    schema: "2.0",
    config: { update_multi: true, summary: { content: digestTitle(d) } },
    header: { title: { tag: "plain_text", content: digestTitle(d) }, subtitle: { tag: "plain_text", content: digestSubtitle(d) }, template: "indigo" },
    body: {
      elements: [
        ...(imageKey
          ? [{ tag: "img", img_key: imageKey, alt: { tag: "plain_text", content: `Buyer messages by intent group, ${d.day}` }, scale_type: "fit_horizontal", preview: true }]
          : []),
        ...digestSections(d).map((s) => ({ tag: "markdown", content: `**${escapeMarkdown(s.title)}**\n${s.lines.map((l) => `- ${escapeMarkdown(l)}`).join("\n")}` })),
      ],
    },
  };
}
