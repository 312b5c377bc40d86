import type { Message, MessageBatch, MessageSendRequest, Queue } from "@cloudflare/workers-types";
import { z } from "zod";
import { JOBS, type JobName } from "../../handlers/jobs/catalog.ts";
import { isRetryable } from "../../src/errors.ts";
import { errorFields, type Logger } from "../../src/logger.ts";
import type { JobHandlers, JobQueue } from "./pg-boss-queue.ts";

/** What travels on the queue: the job's name and its (catalog-validated) payload. Ids only. */
export const JobMessageSchema = z.object({
  job: z.string(),
  payload: z.unknown(),
  /** `singletonKey`: messages with the same job and key in one batch run once. */
  key: z.string().optional(),
});
export type JobMessage = z.infer<typeof JobMessageSchema>;

/** The producer side of a Queue binding (`env.JOBS`); tests pass a fake. */
export type JobsBinding = Pick<Queue<JobMessage>, "send" | "sendBatch">;

/** Cloudflare caps `delaySeconds` (send and retry) at 12 h and `sendBatch` at 100 messages. */
export const MAX_DELAY_SECONDS = 43_200;
const MAX_BATCH = 100;

export type CfJobQueue = JobQueue & {
  /** Sends whatever is still buffered and waits for every send this queue started. */
  flush(): Promise<void>;
};

/**
 * The JobQueue port on Cloudflare Queues, for one invocation (request, batch or cron tick).
 *
 * Queues cannot join a Postgres transaction, so `enqueue` with `tx` buffers the message and
 * `nudge()` — which the pipeline calls right after each commit — sends the buffer inside
 * `waitUntil`. The entry also calls `flush()` when the invocation ends, for the few enqueues no
 * nudge follows. A message whose transaction rolled back may therefore still be sent: harmless,
 * because jobs carry ids only and every verb re-reads the state row and does nothing it need not.
 * A message lost between commit and send (the isolate died) is found again by the cron sweep.
 *
 * `priority` is ignored: Cloudflare Queues deliver in rough FIFO order and have no per-message
 * priority. What keeps alerts fast there is that the consumer runs batches concurrently (up to
 * `max_concurrency` invocations) rather than strictly in order, and that `triage.alert` is its
 * own job; under a long backlog, bind a second queue for `triage.alert`/high-risk classify in
 * wrangler.toml (one consumer each) to give them a lane of their own.
 */
export function createCfQueue(opts: { binding: JobsBinding; waitUntil: (p: Promise<unknown>) => void; log: Logger }): CfJobQueue {
  const { binding, log } = opts;
  let buffer: MessageSendRequest<JobMessage>[] = [];
  const inflight = new Set<Promise<void>>();

  const sendBuffered = async (batch: MessageSendRequest<JobMessage>[]) => {
    for (let i = 0; i < batch.length; i += MAX_BATCH) await binding.sendBatch(batch.slice(i, i + MAX_BATCH));
  };

  const queue: CfJobQueue = {
    async enqueue(name, payload, enqueueOpts = {}) {
      const body: JobMessage = { job: name, payload: JOBS[name].schema.parse(payload), key: enqueueOpts.singletonKey };
      const delaySeconds = clampDelay(enqueueOpts.startAfterSeconds);
      if (enqueueOpts.tx) {
        buffer.push({ body, contentType: "json", delaySeconds });
        return;
      }
      await binding.send(body, { contentType: "json", delaySeconds });
    },
    nudge() {
      if (buffer.length === 0) return;
      const batch = buffer;
      buffer = [];
      const sent = sendBuffered(batch).catch((err) => {
        // The rows are committed: the sweep re-enqueues whatever these messages were for.
        log.error("queue.send_failed", { count: batch.length, jobs: batch.map((m) => m.body.job), ...errorFields(err) });
      });
      inflight.add(sent);
      void sent.finally(() => inflight.delete(sent));
      opts.waitUntil(sent);
    },
    async flush() {
      queue.nudge();
      await Promise.all([...inflight]);
    },
    async work() {
      throw new Error("On Workers, jobs are consumed by the Worker's queue() handler (consumeJobs), not by polling");
    },
    async schedule() {
      throw new Error("On Workers, schedules are wrangler cron triggers ([triggers] crons in wrangler.toml), run by the scheduled() handler");
    },
    async unschedule() {
      throw new Error("On Workers, schedules are wrangler cron triggers ([triggers] crons in wrangler.toml)");
    },
    stop: () => queue.flush(),
  };
  return queue;
}

/** pg-boss's exponential backoff, in whole seconds: retryDelay · 2^(attempt − 1), capped at 12 h. */
export function backoffSeconds(retryDelay: number, attempts: number): number {
  return Math.min(MAX_DELAY_SECONDS, Math.round(retryDelay * 2 ** Math.max(0, attempts - 1)));
}

/**
 * The consumer for one batch (the Worker's `queue()` export). Each message is validated against
 * the job catalog and run through its handler. A retryable failure is retried with backoff until
 * the job's own `retryLimit`, then handed to `dead`; a permanent one is acked (the handlers
 * already failed the item). Messages from the dead-letter queue (`deadLetter`) go to `dead`: they
 * exhausted the consumer's `max_retries` without an answer from our code (crashes, timeouts).
 */
export async function consumeJobs(
  batch: Pick<MessageBatch<unknown>, "messages" | "queue">,
  handlers: JobHandlers,
  opts: { log: Logger; deadLetter: boolean },
): Promise<void> {
  const { log } = opts;
  const seen = new Set<string>();
  const runs = batch.messages.map((message) => {
    const parsed = JobMessageSchema.safeParse(message.body);
    const job = parsed.success && parsed.data.job in JOBS ? (parsed.data.job as JobName) : null;
    if (!parsed.success || !job) {
      // A malformed message can never succeed: drop it loudly instead of retrying forever.
      log.error("job message invalid, dropped", { queue: batch.queue, id: message.id, body: message.body });
      message.ack();
      return Promise.resolve();
    }
    if (opts.deadLetter) return runDead(message, job, parsed.data.payload, handlers, log);
    const payload = JOBS[job].schema.safeParse(parsed.data.payload);
    if (!payload.success) {
      log.error("job payload invalid, dropped", { job, id: message.id, issues: payload.error.issues });
      message.ack();
      return Promise.resolve();
    }
    if (parsed.data.key !== undefined) {
      // The stately policy's cheap half: one run per key per batch (queued twice, runs once).
      const key = `${job}:${parsed.data.key}`;
      if (seen.has(key)) {
        message.ack();
        return Promise.resolve();
      }
      seen.add(key);
    }
    return runJob(message, job, payload.data, handlers, log);
  });
  await Promise.all(runs);
}

async function runJob(message: Message<unknown>, job: JobName, payload: unknown, handlers: JobHandlers, log: Logger): Promise<void> {
  const def = JOBS[job];
  const handler = handlers[job] as (payload: unknown, meta: { retryCount: number }) => Promise<void>;
  try {
    await handler(payload, { retryCount: message.attempts - 1 });
    message.ack();
  } catch (err) {
    if (!isRetryable(err)) {
      log.error("job.failed", { job, id: message.id, attempts: message.attempts, ...errorFields(err) });
      message.ack();
    } else if (message.attempts > def.retryLimit) {
      await runDead(message, job, payload, handlers, log, err);
    } else {
      const delaySeconds = backoffSeconds(def.retryDelay, message.attempts);
      log.warn("job.retry", { job, id: message.id, attempts: message.attempts, delaySeconds, ...errorFields(err) });
      message.retry({ delaySeconds });
    }
  }
}

async function runDead(message: Message<unknown>, job: JobName, payload: unknown, handlers: JobHandlers, log: Logger, cause?: unknown) {
  try {
    const error = cause instanceof Error ? cause.message : (cause ?? "retries exhausted on the queue (dead-letter queue)");
    await handlers.dead({ name: job, data: payload, error });
    message.ack();
  } catch (err) {
    // Marking the item failed did not work (database down?): try again later, then the DLQ.
    log.error("job.dead_failed", { job, id: message.id, attempts: message.attempts, ...errorFields(err) });
    message.retry({ delaySeconds: backoffSeconds(JOBS[job].retryDelay, message.attempts) });
  }
}

function clampDelay(seconds: number | undefined): number | undefined {
  if (seconds === undefined || seconds <= 0) return undefined;
  return Math.min(MAX_DELAY_SECONDS, Math.ceil(seconds));
}
