import { z } from "zod";

const ItemJob = z.object({ itemId: z.string().startsWith("itm_") });

/**
 * Every durable job: its payload schema and retry policy. Jobs carry only ids; the state rows are
 * the truth, so a job that runs twice (or late) re-reads the row and does nothing it need not.
 */
export const JOBS = {
  "triage.classify": { schema: ItemJob, retryLimit: 5, retryDelay: 2, expireInSeconds: 120 },
  "triage.card": { schema: ItemJob, retryLimit: 8, retryDelay: 2, expireInSeconds: 120 },
  /**
   * The LLM draft of one request (`draftId`): few retries, since staff wait for it and the LLM
   * call itself is bounded and never throws; a dead job leaves the template, it never fails the item.
   */
  "triage.draft": { schema: ItemJob.extend({ draftId: z.string().startsWith("drf_") }), retryLimit: 2, retryDelay: 2, expireInSeconds: 60 },
  /** `stately`: at most one queued and one running per item, so card updates never race. */
  "triage.card-update": { schema: ItemJob, retryLimit: 8, retryDelay: 2, expireInSeconds: 120, policy: "stately" },
  "triage.send": { schema: ItemJob, retryLimit: 6, retryDelay: 3, expireInSeconds: 120 },
  /**
   * Posts or refreshes one high-risk alert group (its own queue: it never waits behind card posts
   * or the triage channel's pacing). `stately` per alert: one run at a time, one queued refresh.
   */
  "triage.alert": { schema: z.object({ alertId: z.string().startsWith("alr_") }), retryLimit: 8, retryDelay: 1, expireInSeconds: 60, policy: "stately" },
  /** Sends the SLA notices that are due for an item and schedules its next point. */
  "triage.sla": { schema: ItemJob, retryLimit: 6, retryDelay: 5, expireInSeconds: 120 },
  "triage.notify": {
    schema: z.object({ workspace: z.string(), channel: z.string(), userId: z.string(), text: z.string() }),
    retryLimit: 3,
    retryDelay: 2,
    expireInSeconds: 60,
  },
  /** The digest clock (issue 6): scheduled every minute; posts whatever digest is due, once. */
  "digest.tick": { schema: z.object({}).loose(), retryLimit: 0, retryDelay: 1, expireInSeconds: 300 },
} as const;

/** The cron of the digest clock: every minute, so a digest goes out within a minute of its local time. */
export const DIGEST_TICK_CRON = "* * * * *";

export type JobName = keyof typeof JOBS;
export type JobPayload<N extends JobName> = z.infer<(typeof JOBS)[N]["schema"]>;
export const JOB_NAMES = Object.keys(JOBS) as JobName[];
/**
 * Job priorities the pipeline sends (pg-boss: higher first, default 0; Cloudflare Queues ignore
 * them). Kept here, not in the pg-boss adapter, so the pipeline does not pull pg-boss into the
 * Worker bundle.
 */
export const PRIORITY = { highRisk: 10 } as const;

/** Where jobs land after their last retry; its worker marks the item failed and says so on the card. */
export const DEAD_LETTER_QUEUE = "triage.dead";
