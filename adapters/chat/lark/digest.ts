/**
 * Daily digests in Lark: the chart is uploaded as a message image (im/v1/images,
 * image_type=message) and shown in the digest card. The card is sent with the digest row id as
 * `uuid`, so a retry within Lark's one-hour dedupe window returns the first message instead of
 * posting twice (a second upload only leaves an unused image behind).
 */
import type { DigestSurface } from "../../../src/ports.ts";
import { createLarkClient, type LarkClientOptions } from "./client.ts";
import { renderDigestCard } from "./digest-card.ts";

export function createLarkDigestSurface(opts: LarkClientOptions): DigestSurface {
  const client = createLarkClient(opts);
  return {
    surface: "lark",
    async postDigest(channel, digest, chart, o) {
      const imageKey = chart ? await client.uploadImage(chart) : null;
      const sent = await client.sendCard(channel, renderDigestCard(digest, imageKey), o.key.slice(0, 50));
      return { ref: sent.messageId };
    },
  };
}
