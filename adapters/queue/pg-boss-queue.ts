import PgBoss from "pg-boss";
import { rawSqlIn, type Executor, type RawSql } from "../../db/client.ts";
import { DEAD_LETTER_QUEUE, JOB_NAMES, JOBS, type JobName, type JobPayload } from "../../handlers/jobs/catalog.ts";
import type { Logger } from "../../src/logger.ts";

export type EnqueueOptions = {
  /** Enqueue inside this transaction (outbox): the job exists only if the transaction commits. */
  tx?: Executor;
  startAfterSeconds?: number;
  /** With the `stately` policy, one queued + one active job per key. */
  singletonKey?: string;
  /**
   * Higher runs first within the job's queue (pg-boss fetches by priority, then age). High-risk
   * messages use it to overtake a backlog of ordinary ones. Cloudflare Queues have no priority:
   * see cf-queue.ts.
   */
  priority?: number;
};

export type DeadJob = { name: string; data: unknown; error: unknown };

export type JobHandlers = { [N in JobName]: (payload: JobPayload<N>, meta: { retryCount: number }) => Promise<void> } & {
  dead: (job: DeadJob) => Promise<void>;
};

/** The durable queue port the pipeline uses. */
export interface JobQueue {
  enqueue<N extends JobName>(name: N, payload: JobPayload<N>, opts?: EnqueueOptions): Promise<void>;
  /** Wakes this process's workers now instead of at their next poll (call after a commit). */
  nudge(): void;
  work(handlers: JobHandlers, opts: { pollSeconds: number; concurrency?: number }): Promise<void>;
  /**
   * Runs job `name` on a cron (`tz`: the zone the cron is read in, default UTC). Every instance may
   * call this; the job is created once per tick across all of them. Replaces an earlier schedule.
   */
  schedule<N extends JobName>(name: N, cron: string, payload: JobPayload<N>, opts?: { tz?: string }): Promise<void>;
  unschedule(name: JobName): Promise<void>;
  stop(): Promise<void>;
}

/**
 * pg-boss on whichever Postgres we run (server or PGlite through the raw SQL bridge). pg-boss
 * brings retries with backoff, dead letters, expiry of jobs whose worker died, and SKIP LOCKED
 * fetching, so several instances can share one database safely.
 */
export async function createPgBossQueue(raw: RawSql, log: Logger): Promise<JobQueue> {
  // pg-boss's stop() returns while a worker's fetch may still be in flight: its jobs then start,
  // and their handlers and completions write after the caller has closed the database. Counting
  // pg-boss's own queries lets stop() wait until nothing of it is left running.
  let bossQueries = 0;
  const counted: RawSql = {
    async executeSql(text, values) {
      bossQueries++;
      try {
        return await raw.executeSql(text, values);
      } finally {
        bossQueries--;
      }
    },
  };
  const boss = new PgBoss({ db: counted, schema: "pgboss", supervise: true, migrate: true } as never);
  boss.on("error", (err: Error) => log.error("pg-boss error", { error: err.message }));
  await boss.start();
  await ensureQueue(boss, DEAD_LETTER_QUEUE, { name: DEAD_LETTER_QUEUE, retryLimit: 3, retryDelay: 5 });
  for (const name of JOB_NAMES) {
    const def = JOBS[name];
    await ensureQueue(boss, name, {
      name,
      policy: "policy" in def ? def.policy : "standard",
      retryLimit: def.retryLimit,
      retryDelay: def.retryDelay,
      retryBackoff: true,
      expireInSeconds: def.expireInSeconds,
      deadLetter: DEAD_LETTER_QUEUE,
    });
  }
  // Worker ids by queue, and the queues sent a job since the last two nudges (a job enqueued in a
  // transaction that commits after someone else's nudge is still woken for by its own nudge).
  const workers = new Map<string, string[]>();
  let sentNow = new Set<string>();
  let sentBefore = new Set<string>();
  let turn = 0;
  // Work callbacks still running, registered the moment pg-boss calls them: stop() waits for them
  // before the caller closes the database, so no job writes into a pool that is already closed.
  const running = new Set<Promise<void>>();
  const tracked =
    (callback: (jobs: PgBoss.JobWithMetadata[]) => Promise<void>) =>
    (jobs: PgBoss.JobWithMetadata[]): Promise<void> => {
      const run = callback(jobs);
      running.add(run);
      return run.finally(() => running.delete(run));
    };

  return {
    async enqueue(name, payload, opts = {}) {
      const data = JOBS[name].schema.parse(payload);
      await boss.send(name, data as object, {
        db: opts.tx ? rawSqlIn(opts.tx) : undefined,
        // As an absolute time, not seconds: pg-boss reads a number as an interval in SQL that uses
        // the parameter three times, and inside a drizzle transaction (rawSqlIn) each use becomes
        // its own parameter, typed on its own — the timestamptz one then refuses "21600".
        startAfter: opts.startAfterSeconds ? new Date(Date.now() + opts.startAfterSeconds * 1000) : undefined,
        singletonKey: opts.singletonKey,
        // pg-boss asserts an integer whenever the key is present, even undefined.
        ...(opts.priority !== undefined ? { priority: opts.priority } : {}),
      } as PgBoss.SendOptions);
      sentNow.add(name);
    },
    nudge() {
      // Wake one worker of each queue that was just sent a job, not every worker of every queue:
      // waking all 21 on each commit cost ~40 fetch queries per message (bench: scripts/bench).
      // A woken worker that finds a job keeps fetching until its queue is empty (see work()).
      turn++;
      for (const name of new Set([...sentNow, ...sentBefore])) {
        const ids = workers.get(name);
        if (ids?.length) boss.notifyWorker(ids[turn % ids.length]!);
      }
      sentBefore = sentNow;
      sentNow = new Set();
    },
    async work(handlers, { pollSeconds, concurrency = 4 }) {
      for (const name of JOB_NAMES) {
        const handler = handlers[name] as (payload: unknown, meta: { retryCount: number }) => Promise<void>;
        for (let i = 0; i < concurrency; i++) {
          let id: string | undefined;
          id = await boss.work(name, { pollingIntervalSeconds: pollSeconds, batchSize: 1, includeMetadata: true }, tracked(async (jobs) => {
            // Yield a macrotask turn first. On PGlite every query resolves through microtasks only
            // (WASM on this thread), so busy workers re-fetching at once (below) never let the event
            // loop reach I/O: webhooks waited for the whole backlog (10 s for 500 messages, alert
            // burst test). One turn per job lets a request in between two jobs.
            await new Promise((resolve) => setTimeout(resolve, 0));
            for (const job of jobs) {
              const payload = JOBS[name].schema.safeParse(job.data);
              if (!payload.success) {
                // A malformed job can never succeed: drop it loudly instead of retrying forever.
                log.error("job payload invalid, dropped", { job: name, id: job.id, issues: payload.error.issues });
                continue;
              }
              await handler(payload.data, { retryCount: job.retryCount });
            }
            // Found work: fetch again at once. pg-boss otherwise sleeps out the polling interval
            // after every batch, capping a queue at concurrency / pollSeconds jobs per second.
            if (id) boss.notifyWorker(id);
          }));
          workers.set(name, [...(workers.get(name) ?? []), id]);
        }
      }
      const deadId = await boss.work(DEAD_LETTER_QUEUE, { pollingIntervalSeconds: Math.max(pollSeconds, 1), includeMetadata: true }, tracked(async (jobs) => {
        for (const job of jobs) {
          await handlers.dead({ name: String((job.data as { name?: string }).name ?? ""), data: job.data, error: job.output });
        }
      }));
      workers.set(DEAD_LETTER_QUEUE, [deadId]);
    },
    async schedule(name, cron, payload, opts = {}) {
      // pg-boss keeps schedules in its own table and lets one instance per interval turn them
      // into jobs (a database-time lock), so N instances still make one job per cron tick.
      await boss.schedule(name, cron, JOBS[name].schema.parse(payload) as object, { tz: opts.tz ?? "UTC" });
    },
    async unschedule(name) {
      await boss.unschedule(name);
    },
    async stop() {
      const deadline = Date.now() + STOP_TIMEOUT_MS;
      await boss.stop({ graceful: true, wait: true, timeout: STOP_TIMEOUT_MS });
      // A fetch that was in flight hands its jobs to a work callback (in `running` within the same
      // macrotask), whose completion is another pg-boss query: wait until two checks 10 ms apart
      // see neither.
      let quiet = 0;
      while (quiet < 2 && Date.now() < deadline) {
        await Promise.allSettled([...running]);
        await new Promise((resolve) => setTimeout(resolve, 10));
        quiet = bossQueries === 0 && running.size === 0 ? quiet + 1 : 0;
      }
    },
  };
}

const STOP_TIMEOUT_MS = 30_000;

async function ensureQueue(boss: PgBoss, name: string, options: PgBoss.Queue): Promise<void> {
  const existing = await boss.getQueue(name);
  if (existing) await boss.updateQueue(name, options);
  else await boss.createQueue(name, options);
}
