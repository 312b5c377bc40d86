import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import OpenAI from "openai";
import { createLlmCascade } from "../adapters/llm/cascade.ts";
import { createPgBossQueue } from "../adapters/queue/pg-boss-queue.ts";
import { openDatabase } from "../db/client.ts";
import { migrate } from "../db/migrate.ts";
import { jobHandlers } from "../handlers/jobs/run.ts";
import { loadLocalClassifier } from "../intents/load-local-classifier.ts";
import type { Classifier } from "../intents/taxonomy.ts";
import { buildApp } from "./app.ts";
import { createLarkSurface } from "../adapters/chat/lark/index.ts";
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
  // The LLM is optional: configured, it is asked only about messages the local model is unsure of.
  const classifier = config.openai
    ? createLlmCascade({
        local,
        client: new OpenAI({ apiKey: config.openai.apiKey, baseURL: config.openai.baseUrl, fetch: opts.fetch, maxRetries: 1 }),
        model: config.openai.model,
        timeoutMs: 8_000,
        threshold: 0.6,
        onFallback: (reason) => log.warn("llm.fallback", { reason }),
      })
    : local;

  const deps = composeDeps({ config, database, queue, classifier, log, now, fetch: opts.fetch, createLarkSurface });
  const app = buildApp(deps);

  let sweeper: ReturnType<typeof setInterval> | undefined;
  if (opts.workers !== false) {
    await queue.work(jobHandlers(deps), { pollSeconds: config.jobs.pollSeconds });
    sweeper = setInterval(() => {
      sweepStuckItems(deps, config.jobs.leaseMs).catch((err) => log.error("sweep.error", errorFields(err)));
      sweepDueSla(deps).catch((err) => log.error("sla.sweep_error", errorFields(err)));
    }, config.jobs.sweepMs);
    sweeper.unref?.();
  }
  return {
    deps,
    app,
    async stop() {
      if (sweeper) clearInterval(sweeper);
      await queue.stop();
      await database.close();
    },
  };
}
