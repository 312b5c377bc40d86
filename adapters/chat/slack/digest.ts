/**
 * Daily digests in Slack: the chart is uploaded with Slack's external-upload flow
 * (files.getUploadURLExternal → POST the bytes → files.completeUploadExternal with `channel_id`),
 * which shares it into the channel as one message carrying the digest's blocks. Without a chart
 * the digest is a plain chat.postMessage. Web APIs only.
 */
import type { DigestSurface } from "../../../src/ports.ts";
import { digestTitle } from "../../../src/digest/sections.ts";
import { createSlackClient, type SlackClientOptions } from "./client.ts";
import { renderDigestBlocks } from "./digest-blocks.ts";

export const DIGEST_EVENT_TYPE = "triage_digest";
/** `saveUploadRef` marker for a text-only post (found again by its metadata). */
const TEXT_POST = "text";
const FIND_MAX_PAGES = 5;

export function createSlackDigestSurface(opts: SlackClientOptions): DigestSurface {
  const client = createSlackClient(opts);

  /** A post of an earlier attempt: the message sharing file `ref`, or carrying our metadata key. */
  async function findEarlier(channel: string, ref: string, key: string, since: Date): Promise<string | null> {
    const oldest = ((since.getTime() - 60_000) / 1000).toFixed(6);
    let cursor: string | undefined;
    for (let page = 0; page < FIND_MAX_PAGES; page++) {
      const r = await client.history({ channel, oldest, limit: 100, include_all_metadata: true, cursor });
      const hit = r.messages.find((m) =>
        ref === TEXT_POST
          ? m.metadata?.event_type === DIGEST_EVENT_TYPE && m.metadata.event_payload?.digest_post_id === key
          : Array.isArray(m.files) && m.files.some((f: { id?: unknown }) => f.id === ref),
      );
      if (hit) return ref === TEXT_POST ? hit.ts : ref;
      if (!r.nextCursor) return null;
      cursor = r.nextCursor;
    }
    return null;
  }

  return {
    surface: "slack",
    async postDigest(channel, digest, chart, o) {
      if (o.resume) {
        const earlier = await findEarlier(channel, o.resume, o.key, o.since);
        if (earlier) return { ref: earlier };
      }
      const blocks = renderDigestBlocks(digest);
      if (!chart) {
        await o.saveUploadRef(TEXT_POST);
        const posted = await client.postMessage({
          channel,
          text: digestTitle(digest),
          blocks,
          metadata: { event_type: DIGEST_EVENT_TYPE, event_payload: { digest_post_id: o.key } },
        });
        return { ref: posted.ts };
      }
      const title = `Buyer messages by intent group, ${digest.day}`;
      const { uploadUrl, fileId } = await client.getUploadUrl({ filename: `digest-${digest.day}.png`, length: chart.byteLength, alt_txt: title });
      // Saved before the share: if the answer is lost, the next attempt finds the message by this id.
      await o.saveUploadRef(fileId);
      await client.uploadBytes(uploadUrl, chart, "image/png");
      await client.completeUpload({ files: [{ id: fileId, title }], channel_id: channel, blocks });
      return { ref: fileId };
    },
  };
}
