import { integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, updatedAt } from "./columns.ts";

/**
 * One daily digest per (surface, workspace, channel, local day): the unique index is what makes a
 * digest post once however many instances, ticks and retries reach it. Like `cards`, `posting` is
 * leased before any chat call; a lease older than the job lease is taken over, and the taker first
 * looks for the earlier post (Slack: the uploaded file's id; Lark: the same `uuid`).
 */
export const digestPosts = pgTable(
  "digest_posts",
  {
    id: text("id").primaryKey(),
    /** The configured digest (`digests[].id`). */
    digestId: text("digest_id").notNull(),
    surface: text("surface").notNull(),
    workspace: text("workspace").notNull(),
    channel: text("channel").notNull(),
    /** The local calendar day the digest covers (YYYY-MM-DD in the digest's time zone). */
    day: text("day").notNull(),
    status: text("status", { enum: ["posting", "posted", "failed"] }).notNull(),
    attempts: integer("attempts").notNull().default(0),
    postingStartedAt: timestamp("posting_started_at", { withTimezone: true }).notNull(),
    /** Slack: the file id from files.getUploadURLExternal, saved before the share is completed. */
    uploadRef: text("upload_ref"),
    /** Where the digest landed: Slack message ts or Lark message id. */
    externalRef: text("external_ref"),
    postedAt: timestamp("posted_at", { withTimezone: true }),
    lastError: text("last_error"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("digest_posts_channel_day_uq").on(t.surface, t.workspace, t.channel, t.day)],
);
