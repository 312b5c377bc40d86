import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import OpenAI from "openai";
import { createLlmCascade } from "../adapters/llm/cascade.ts";
import { createLlmDrafter } from "../adapters/llm/draft.ts";
import { createPgBossQueue } from "../adapters/queue/pg-boss-queue.ts";
import { openDatabase } from "../db/client.ts";
import { migrate } from "../db/migrate.ts";
import { jobHandlers } from "../handlers/jobs/run.ts";
import { loadLocalClassifier } from "../intents/load-local-classifier.ts";
import type { Classifier } from "../intents/taxonomy.ts";
import { buildApp } from "./app.ts";
import { createLarkSurface } from "../adapters/chat/lark/index.ts";
import { createLarkDigestSurface } from "../adapters/chat/lark/digest.ts";
import { createVegaPngRenderer } from "../adapters/chart/vega-png.ts";
import { DIGEST_TICK_CRON } from "../handlers/jobs/catalog.ts";
import { composeDeps } from "./compose.ts";
import type { AppConfig } from "./config.ts";
import type { Deps } from "./deps.ts";
import { createLogger, errorFields, type Logger } from "./logger.ts";
import { sweepStuckItems } from "./pipeline/sweep.ts";
import { sweepDueSla } from "./sla/check-sla.ts";
import { seedDefaultTemplates } from "./replies/library.ts";

const MIGRATIONS = fileURLToPath(new URL("../db/migrations", import.meta.url));

export type ServiceOptions = {
  config: AppConfig;
  log?: Logger;
  /** Injected by tests (msw intercepts the global fetch either way). */
  fetch?: typeof fetch;
  now?: () => Date;
  classifier?: Classifier;
  /** Run job workers and the sweeper in this process (default true). */
  workers?: boolean;
};

export type Service = { deps: Deps; app: ReturnType<typeof buildApp>; stop(): Promise<void> };

/**
 * The Node composition root: opens the database (server or embedded), applies migrations,
 * starts the job engine, builds every adapter once (through `composeDeps`, shared with the
 * Worker entry), and wires the HTTP app. Nothing else constructs clients.
 */
export async function createService(opts: ServiceOptions): Promise<Service> {
  const { config } = opts;
  const log = opts.log ?? createLogger();
  const now = opts.now ?? (() => new Date());
  if (!config.databaseUrl && config.dataDir !== "memory://") mkdirSync(config.dataDir, { recursive: true });
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  await migrate(database, MIGRATIONS);
  const seeded = await seedDefaultTemplates(database.db);
  if (seeded > 0) log.info("templates.seeded", { rows: seeded });
  const queue = await createPgBossQueue(database.raw, log);
  const local = opts.classifier ?? (await loadLocalClassifier());
  // The LLM is optional: configured, it is asked only about messages the local model is unsure of,
  // and writes the reply drafts of shops that chose `replies.draft: "llm"`.
  const llm = config.openai ? new OpenAI({ apiKey: config.openai.apiKey, baseURL: config.openai.baseUrl, fetch: opts.fetch, maxRetries: 1 }) : null;
  const classifier = config.openai && llm
    ? createLlmCascade({
        local,
        client: llm,
        model: config.openai.model,
        timeoutMs: 8_000,
        threshold: 0.6,
        onFallback: (reason) => log.warn("llm.fallback", { reason }),
      })
    : local;

  const drafter = config.openai && llm ? createLlmDrafter({ client: llm, model: config.openai.model, timeoutMs: config.openai.draftTimeoutMs }) : undefined;
  const deps = composeDeps({
    config,
    database,
    queue,
    classifier,
    log,
    now,
    fetch: opts.fetch,
    createLarkSurface,
    createLarkDigestSurface,
    charts: createVegaPngRenderer(),
    drafter,
  });
  const app = buildApp(deps);

  let sweeper: ReturnType<typeof setInterval> | undefined;
  // The sweep in flight, awaited by stop() so it never writes into a closed pool.
  let sweeping: Promise<void> = Promise.resolve();
  if (opts.workers !== false) {
    await queue.work(jobHandlers(deps), { pollSeconds: config.jobs.pollSeconds });
    // The digest clock exists only while digests are configured (removing them stops it).
    if (config.digests.length > 0) await queue.schedule("digest.tick", DIGEST_TICK_CRON, {});
    else await queue.unschedule("digest.tick");
    sweeper = setInterval(() => {
      sweeping = Promise.allSettled([
        sweepStuckItems(deps, config.jobs.leaseMs).catch((err) => log.error("sweep.error", errorFields(err))),
        sweepDueSla(deps).catch((err) => log.error("sla.sweep_error", errorFields(err))),
      ]).then(() => {});
    }, config.jobs.sweepMs);
    sweeper.unref?.();
  }
  return {
    deps,
    app,
    async stop() {
      if (sweeper) clearInterval(sweeper);
      await sweeping;
      await queue.stop();
      await database.close();
    },
  };
}
