import type { types } from "@slack/bolt";
import type { Digest } from "../../../src/digest/compute.ts";
import { digestSections, digestSubtitle, digestTitle } from "../../../src/digest/sections.ts";
import { escapeMrkdwn, truncate } from "./blocks.ts";

/** Section text is capped at 3,000 characters by Block Kit. */
const SECTION_MAX = 3000;

/** The digest as Block Kit: a header, a context line, then one section per part of the digest. */
export function renderDigestBlocks(d: Digest): types.KnownBlock[] {
  return [
    { type: "header", text: { type: "plain_text", text: truncate(digestTitle(d), 150), emoji: true } },
    { type: "context", elements: [{ type: "mrkdwn", text: escapeMrkdwn(digestSubtitle(d)) }] },
    ...digestSections(d).map(
      (s): types.KnownBlock => ({
        type: "section",
        text: { type: "mrkdwn", text: truncate(`*${escapeMrkdwn(s.title)}*\n${s.lines.map((l) => `• ${escapeMrkdwn(l)}`).join("\n")}`, SECTION_MAX) },
      }),
    ),
  ];
}
