import { z } from "zod";
import { isTimeZone } from "./time.ts";

/**
 * TikTok Shop scores shops on answering within 12 h (issue 6). Items carry their own deadline (the
 * SLA clock's `sla_due_at`); this window only judges items stored before there were deadlines.
 */
export const DEFAULT_SLA_HOURS = { tiktok_shop: 12 } as const;

/**
 * One daily digest: where it goes, when (local time in its zone) and which shops it covers.
 * At `time` on day D it reports the whole local day D−1, so every figure is of a finished day.
 */
export const DigestConfigSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, "letters, digits and _.- only"),
  /** A Slack workspace id from `slack.workspaces` (or `default`), or `lark`. */
  workspace: z.string().min(1),
  /** Slack channel id (C…) or Lark chat id (oc_…). */
  channel: z.string().min(1),
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be HH:MM (24 h)").default("09:00"),
  timeZone: z.string().refine(isTimeZone, "must be an IANA time zone such as Asia/Shanghai").default("UTC"),
  /** Platform shop ids to include; absent = every shop. */
  shops: z.array(z.string().min(1)).min(1).optional(),
  /**
   * Fallback first-response window per platform, in hours, for items without a stored deadline
   * (from before the SLA clocks). Every other item is judged against its own `sla_due_at`, which
   * the SLA settings (`sla.windowHours`, `shops[].sla`) decide.
   */
  slaHours: z.object({ tiktok_shop: z.number().positive().max(24 * 14) }).partial().optional(),
});
export type DigestConfig = z.infer<typeof DigestConfigSchema>;

/** The env shortcut: one digest per env-configured surface (DIGEST_SLACK_CHANNEL / DIGEST_LARK_CHAT). */
export function digestsFromEnv(env: { DIGEST_SLACK_CHANNEL?: string; DIGEST_LARK_CHAT?: string; DIGEST_TIME: string; DIGEST_TIMEZONE: string }): DigestConfig[] {
  const common = { time: env.DIGEST_TIME, timeZone: env.DIGEST_TIMEZONE };
  return [
    ...(env.DIGEST_SLACK_CHANNEL ? [{ id: "slack-daily", workspace: "default", channel: env.DIGEST_SLACK_CHANNEL, ...common }] : []),
    ...(env.DIGEST_LARK_CHAT ? [{ id: "lark-daily", workspace: "lark", channel: env.DIGEST_LARK_CHAT, ...common }] : []),
  ];
}

/** Problems a schema cannot see: duplicate ids, two digests in one channel, unknown workspaces. */
export function digestConfigIssues(digests: DigestConfig[], knownWorkspaces: string[]): string[] {
  const issues: string[] = [];
  const ids = new Set<string>();
  const channels = new Set<string>();
  for (const d of digests) {
    if (ids.has(d.id)) issues.push(`digests: the id "${d.id}" is used twice`);
    ids.add(d.id);
    const key = `${d.workspace}/${d.channel}`;
    // One digest per channel and day is the once-only key (digest_posts), so two would collide.
    if (channels.has(key)) issues.push(`digests: two digests post to ${key}; give each channel one digest`);
    channels.add(key);
    if (!knownWorkspaces.includes(d.workspace)) issues.push(`digests: ${d.id} names unknown workspace "${d.workspace}"`);
  }
  return issues;
}
