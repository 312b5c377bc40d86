/**
 * The Cloudflare Workers entry: the same Hono app, pipeline and job handlers as the Node service,
 * composed per invocation from the Worker's bindings.
 *
 * - fetch: webhooks and Slack callbacks (verify → persist → enqueue, then 200).
 * - queue: the job consumer for JOBS (and, for queues named `*-dlq`, the dead-letter consumer).
 * - scheduled: the cron sweep that re-enqueues work a lost message left behind, and the daily
 *   digest clock (the same every-minute cron; the digest_posts row makes each digest post once).
 *
 * Differences from Node: Postgres only (Hyperdrive, or DATABASE_URL), no PGlite; jobs on Cloudflare
 * Queues instead of pg-boss; no Socket Mode; migrations are applied by `npm run migrate`, never here.
 */
import type { Response as CfResponse, ExecutionContext, ExportedHandler, Hyperdrive, Queue } from "@cloudflare/workers-types";
import { consumeJobs, createCfQueue, type JobMessage } from "../../adapters/queue/cf-queue.ts";
import { openPostgres } from "../../db/postgres.ts";
import { jobHandlers } from "../../handlers/jobs/run.ts";
import { createLocalClassifier, type LocalClassifier } from "../../intents/local-classifier.ts";
import model from "../../intents/model/model.json" with { type: "json" };
import type { Classifier } from "../../intents/taxonomy.ts";
import { buildApp } from "../app.ts";
import { composeDeps } from "../compose.ts";
import { buildConfig } from "../config.ts";
import type { Deps } from "../deps.ts";
import { parseEnv } from "../env.ts";
import { ConfigError } from "../errors.ts";
import { createLogger, errorFields } from "../logger.ts";
import { sweepStuckItems } from "../pipeline/sweep.ts";
import { runDueDigests } from "../pipeline/digest-tick.ts";
import { sweepDueSla } from "../sla/check-sla.ts";

/** The Worker's bindings (wrangler.toml) plus its vars and secrets, which `parseEnv` validates. */
export type WorkerEnv = {
  /** Hyperdrive in front of the Postgres server; wins over DATABASE_URL when bound. */
  HYPERDRIVE?: Hyperdrive;
  JOBS: Queue<JobMessage>;
  /** The Node CONFIG_FILE's content (several shops and workspaces), as a secret: Workers have no files. */
  CONFIG_JSON?: string;
  [name: string]: unknown;
};

/** A dead-letter queue is recognised by its name, so each wrangler environment can name its own. */
const DEAD_LETTER_SUFFIX = "-dlq";

// biome-ignore lint/style/noDefaultExport: the Workers runtime loads a module's default export as its handlers; this is the project's one default export.
export default {
  async fetch(request, env, ctx) {
    let run: Invocation;
    try {
      run = openInvocation(env, ctx);
    } catch (err) {
      // Bad or missing configuration: say so in the logs, never which value to the caller.
      console.error(JSON.stringify({ level: "error", msg: "worker.bad_environment", ...errorFields(err) }));
      return asCf(Response.json({ error: { code: "CONFIG", message: "the service is not configured (see logs)" } }, { status: 500 }));
    }
    try {
      return asCf(await buildApp(run.deps).fetch(request as unknown as Request));
    } finally {
      ctx.waitUntil(run.done());
    }
  },

  async queue(batch, env, ctx) {
    // A configuration error throws here, so the whole batch is retried once it is fixed.
    const run = openInvocation(env, ctx);
    try {
      await consumeJobs(batch, jobHandlers(run.deps), { log: run.deps.log, deadLetter: batch.queue.endsWith(DEAD_LETTER_SUFFIX) });
    } finally {
      await run.done();
    }
  },

  async scheduled(_controller, env, ctx) {
    const run = openInvocation(env, ctx);
    try {
      // Independent duties: a failing sweep must not hold back the SLA notices or the digests.
      const [sweep, sla, digests] = await Promise.allSettled([
        sweepStuckItems(run.deps, run.deps.config.jobs.leaseMs),
        sweepDueSla(run.deps),
        // Charts are Node-only (vega + resvg's native binary): Worker digests go out as text.
        runDueDigests(run.deps),
      ]);
      if (digests.status === "rejected") run.deps.log.error("digest.tick_error", errorFields(digests.reason));
      if (sla.status === "rejected") run.deps.log.error("sla.sweep_error", errorFields(sla.reason));
      if (sweep.status === "rejected") {
        run.deps.log.error("sweep.error", errorFields(sweep.reason));
        throw sweep.reason;
      }
    } finally {
      await run.done();
    }
  },
} satisfies ExportedHandler<WorkerEnv, unknown>;

type Invocation = { deps: Deps; done(): Promise<void> };

/**
 * The Worker's composition root, once per invocation: Cloudflare wants a database client per
 * request (Hyperdrive does the pooling; a socket cannot outlive its request), and the queue's
 * `waitUntil` belongs to this invocation. Config parsing is cheap; the classifier is per isolate.
 */
function openInvocation(env: WorkerEnv, ctx: ExecutionContext): Invocation {
  const strings: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) if (typeof value === "string") strings[name] = value;
  const parsed = parseEnv(strings);
  if (parsed.CONFIG_FILE && !env.CONFIG_JSON) {
    throw new ConfigError("Invalid configuration:\n  - CONFIG_FILE: Workers have no files; put the file's content in the CONFIG_JSON secret");
  }
  const config = buildConfig(parsed, env.CONFIG_JSON ? parseConfigJson(env.CONFIG_JSON) : undefined);
  const url = env.HYPERDRIVE?.connectionString ?? config.databaseUrl;
  if (!url) throw new ConfigError("Invalid configuration:\n  - HYPERDRIVE: bind Hyperdrive (or set DATABASE_URL) on Workers");
  if (!env.JOBS) throw new ConfigError("Invalid configuration:\n  - JOBS: bind the jobs queue ([[queues.producers]] in wrangler.toml)");

  const log = createLogger(parsed.LOG_LEVEL);
  const database = openPostgres(url, { max: 5, fetchTypes: false });
  const queue = createCfQueue({ binding: env.JOBS, waitUntil: (p) => ctx.waitUntil(p), log });
  const deps = composeDeps({ config, database, queue, classifier: localClassifier, log, now: () => new Date() });
  return {
    deps,
    async done() {
      try {
        await queue.flush();
      } finally {
        await database.close().catch((err: unknown) => log.warn("db.close_failed", errorFields(err)));
      }
    },
  };
}

/** The DOM lib and workers-types declare Request/Response apart; at run time they are the same objects. */
const asCf = (response: Response) => response as unknown as CfResponse;

function parseConfigJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    throw new ConfigError("Invalid configuration:\n  - CONFIG_JSON: is not valid JSON");
  }
}

let loaded: LocalClassifier | undefined;
/**
 * The bundled model, decoded on first use and kept for the isolate's life: only the classify job
 * needs it, so webhook requests never pay for decoding 2 MB of weights.
 */
const localClassifier: Classifier = {
  get version() {
    return (loaded ??= createLocalClassifier(model)).version;
  },
  classify: (input) => (loaded ??= createLocalClassifier(model)).classify(input),
};
