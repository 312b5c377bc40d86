/**
 * Experiment hooks for the spine bench (`npm run bench -- --experiment`): each models a small
 * change to the job plumbing WITHOUT editing the service, so before/after can be measured in one
 * run. They patch pg-boss's Worker prototype and the service's queue object for the duration of one
 * bench run only, and are never used by the default `npm run bench`.
 */
import { createRequire } from "node:module";
import type { Service } from "../../src/service.ts";

export type SpineVariant = {
  label: string;
  /** Workers per job queue (the service uses 4). Set → workers are started by the bench. */
  workerConcurrency?: number;
  /** pg-boss polling interval (the service uses config.jobs.pollSeconds = 0.5). */
  pollSeconds?: number;
  /**
   * What `queue.nudge()` does after a commit: "shipped" (default: pg-boss-queue.ts wakes one
   * worker of each queue just sent a job), "every" (wake every worker of every queue: the
   * behaviour before 2026-11-21), "targeted" (wake all workers of queues just sent a job), "off"
   * (rely on polling), or "coalesce" (shipped, but at most once per `coalesceMs`).
   */
  nudge?: "shipped" | "every" | "targeted" | "off" | "coalesce";
  coalesceMs?: number;
  /**
   * A worker that found a job fetches again at once instead of sleeping out its polling interval
   * (pg-boss 10 sleeps `interval − duration` after every batch, so a worker with batchSize 1 and
   * fast jobs does at most 1 job per interval: 4 workers / 0.5 s = 8 jobs/s per queue). Since
   * 2026-11-21 pg-boss-queue.ts does this itself (it notifies a worker that found a job), so this
   * variant only matters when comparing against older code.
   */
  drain?: boolean;
  /** Each pg-boss statement first yields to the event loop (setImmediate), so HTTP I/O gets a turn. */
  yieldBeforeJobSql?: boolean;
};

type PgBossWorker = {
  name: string;
  interval: number;
  stopping: boolean;
  stopped: boolean;
  state: string;
  beenNotified: boolean;
  loopDelayPromise: (Promise<void> & { abort(): void }) | null;
  jobs: unknown[];
  lastFetchedOn: number | null;
  lastJobStartedOn: number | null;
  lastJobEndedOn: number | null;
  lastJobDuration: number;
  lastError: unknown;
  lastErrorOn: number | null;
  fetch(): Promise<unknown[] | null>;
  onFetch(jobs: unknown[]): Promise<void>;
  onError(err: unknown): void;
  notify(): void;
  start(): Promise<void>;
};

const require = createRequire(import.meta.url);
const WorkerClass = require("pg-boss/src/worker.js") as { prototype: PgBossWorker };
const { delay } = require("pg-boss/src/tools.js") as { delay(ms: number): Promise<void> & { abort(): void } };

/** Every pg-boss worker started while a variant is installed (for targeted nudges). */
const liveWorkers = new Set<PgBossWorker>();

/**
 * Installs the process-wide part of a variant (pg-boss's Worker loop) before the service starts.
 * Returns the function that undoes it.
 */
export function installWorkerPatch(variant: SpineVariant): () => void {
  const original = WorkerClass.prototype.start;
  const drain = !!variant.drain;
  WorkerClass.prototype.start = async function (this: PgBossWorker) {
    liveWorkers.add(this);
    if (!drain) return original.call(this);
    // pg-boss 10.4.2's Worker#start, except that a batch with jobs in it is followed by another
    // fetch at once; only an empty fetch sleeps until the next poll (or a nudge).
    this.state = "active";
    while (!this.stopping) {
      const started = Date.now();
      let found = false;
      try {
        this.beenNotified = false;
        const jobs = await this.fetch();
        this.lastFetchedOn = Date.now();
        if (jobs) {
          found = jobs.length > 0;
          this.jobs = jobs;
          this.lastJobStartedOn = this.lastFetchedOn;
          await this.onFetch(jobs);
          this.lastJobEndedOn = Date.now();
          this.jobs = [];
        }
      } catch (err) {
        this.lastErrorOn = Date.now();
        this.lastError = err;
        this.onError(err);
      }
      const duration = Date.now() - started;
      this.lastJobDuration = duration;
      if (!found && !this.stopping && !this.beenNotified && this.interval - duration > 100) {
        this.loopDelayPromise = delay(this.interval - duration);
        await this.loopDelayPromise;
        this.loopDelayPromise = null;
      }
    }
    this.stopping = false;
    this.stopped = true;
    this.state = "stopped";
  };
  return () => {
    WorkerClass.prototype.start = original;
    liveWorkers.clear();
  };
}

/** Installs the per-service part of a variant (nudge behaviour, yielding before job SQL). */
export function applyServiceVariant(service: Service, variant: SpineVariant) {
  const queue = service.deps.queue;
  if (variant.yieldBeforeJobSql) {
    const raw = service.deps.database.raw;
    const execute = raw.executeSql.bind(raw);
    raw.executeSql = async (text, values) => {
      await new Promise((r) => setImmediate(r));
      return execute(text, values);
    };
  }
  const nudge = variant.nudge ?? "shipped";
  if (nudge === "shipped") return;
  if (nudge === "every") {
    queue.nudge = () => {
      for (const w of liveWorkers) w.notify();
    };
    return;
  }
  if (nudge === "off") {
    queue.nudge = () => {};
    return;
  }
  if (nudge === "coalesce") {
    const original = queue.nudge.bind(queue);
    let timer: ReturnType<typeof setTimeout> | undefined;
    queue.nudge = () => {
      timer ??= setTimeout(() => {
        timer = undefined;
        original();
      }, variant.coalesceMs ?? 20);
    };
    return;
  }
  // targeted: remember which queues were sent jobs since the last nudge, wake only their workers.
  const sentTo = new Set<string>();
  const enqueue = queue.enqueue.bind(queue);
  queue.enqueue = async (name, payload, opts) => {
    await enqueue(name, payload, opts);
    sentTo.add(name);
  };
  queue.nudge = () => {
    for (const w of liveWorkers) if (sentTo.has(w.name)) w.notify();
    sentTo.clear();
  };
}
