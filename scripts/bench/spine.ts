/**
 * Spine benchmark: the real service (createService: database, migrations, pg-boss, workers,
 * classifier, Slack and TikTok adapters) served over real HTTP on 127.0.0.1, loaded by a child
 * process playing TikTok Shop, with Slack and TikTok mocked by msw in this process.
 *
 * Per backend it measures:
 *  - burst: `messages` unique signed webhooks, `concurrency` in flight → acknowledgement latency
 *    (p50/p95/p99/max), requests/s, non-200 count; then the time until every one of them has a
 *    posted card → sustained messages/s from webhook to card, and webhook→card latency (which, in
 *    a burst, is mostly time spent queued behind earlier messages);
 *  - steady: a modest offered rate for a few seconds → webhook→card latency of a pipeline that is
 *    not backlogged (what one buyer message costs end to end).
 *
 * Slack answers after 50–100 ms (uniform), like the real API. The Slack client paces posts at one
 * per second per channel, so the bench spreads messages over `channels` shops, each with its own
 * triage channel; with fewer channels than cards/s the figure is the pacing limit, not the service's.
 *
 * `npx tsx scripts/bench/spine.ts [pglite-file|pglite-memory|postgres]` runs one backend alone.
 */
import { fork } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { serve } from "@hono/node-server";
import { eq } from "drizzle-orm";
import { http } from "msw";
import { setupServer } from "msw/node";
import { messages, triageItems } from "../../db/schema/index.ts";
import { jobHandlers } from "../../handlers/jobs/run.ts";
import { buildConfig } from "../../src/config.ts";
import { parseEnv } from "../../src/env.ts";
import { createLogger } from "../../src/logger.ts";
import { createService, type Service } from "../../src/service.ts";
import type { Classifier } from "../../intents/taxonomy.ts";
import { createScratchDatabase, postgresAvailable } from "../../test/support/databases.ts";
import { createSlackFake } from "../../test/msw/slack.ts";
import { createTikTokFake } from "../../test/msw/tiktok.ts";
import { applyServiceVariant, installWorkerPatch, type SpineVariant } from "./experiments.ts";
import { epochNow, type LoadResult, type LoadSpec } from "./load.ts";

export type { SpineVariant };
import { summarize, type Summary } from "./stats.ts";

export type SpineBackend = "pglite-file" | "pglite-memory" | "postgres";

export type SpineOptions = {
  messages: number;
  concurrency: number;
  channels: number;
  slackLatencyMs: [number, number];
  /** Offered rate and duration of the steady phase (0 s = skip it). */
  steadyRate: number;
  steadySeconds: number;
  /** Give up waiting for cards after this long (the result then says how many are missing). */
  drainTimeoutMs: number;
  /** A webhook unanswered for this long counts as an error. */
  requestTimeoutMs: number;
  classifier?: Classifier;
  variant?: SpineVariant;
  log?: (line: string) => void;
};

export const DEFAULT_SPINE_OPTIONS: SpineOptions = {
  messages: 2000,
  concurrency: 32,
  channels: 64,
  slackLatencyMs: [50, 100],
  steadyRate: 20,
  steadySeconds: 4,
  drainTimeoutMs: 90_000,
  requestTimeoutMs: 10_000,
};

export type PhaseResult = {
  sent: number;
  accepted: number;
  /** Non-200 answers and socket errors, by status or code. */
  errors: number;
  errorsByStatus: Record<string, number>;
  ack: Summary;
  ackPerSecond: number;
  /** Cards posted for this phase's messages / accepted. */
  carded: number;
  missingCards: number;
  /** First webhook sent → last card posted. */
  toLastCardSeconds: number;
  cardsPerSecond: number;
  webhookToCard: Summary;
  /** Event-loop delay in the service process while the phase ran (ms). */
  loopDelayP99: number;
  loopDelayMax: number;
  /** pg-boss SQL statements (fetch, complete, maintenance) per accepted message. */
  jobSqlPerMessage: number;
};

export type SpineResult = {
  backend: SpineBackend;
  variant: string;
  startupMs: number;
  burst: PhaseResult;
  steady?: PhaseResult & { offeredRate: number };
  /** Items that did not reach `carded` in the database (0 = nothing lost). */
  itemsNotCarded: number;
  /** Per job queue, from pg-boss's own rows: ms queued (created → started) and ms working (started → completed). */
  jobs: Record<string, { n: number; queuedP50: number; queuedP99: number; workP50: number; workP99: number }>;
  warnings: number;
  sampleWarnings: string[];
};

const BENCH_ENV = {
  SLACK_BOT_TOKEN: "xoxb-bench-token",
  SLACK_SIGNING_SECRET: "8f742231b10e8888abcd99yyyzzz85a5",
  SLACK_TRIAGE_CHANNEL: "CBENCH000",
  SLACK_API_URL: "https://slack.bench.test/api",
  TIKTOK_SHOP_APP_KEY: "bench_app_key",
  TIKTOK_SHOP_APP_SECRET: "bench_app_secret",
  TIKTOK_SHOP_ACCESS_TOKEN: "TTP_bench_access_token",
  TIKTOK_SHOP_CIPHER: "ROW_bench_cipher",
  TIKTOK_SHOP_API_URL: "https://tiktok.bench.test",
  TIKTOK_SHOP_NAME: "Bench Store",
} as const;

const LOAD_SCRIPT = fileURLToPath(new URL("./load.ts", import.meta.url));

export async function backendAvailable(backend: SpineBackend): Promise<boolean> {
  return backend === "postgres" ? postgresAvailable() : true;
}

/** Runs the load generator in a child process and returns its samples. */
function runLoadChild(spec: LoadSpec, onReady: () => void): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(LOAD_SCRIPT, [], {
      execArgv: ["--import", import.meta.resolve("tsx")],
      env: { ...process.env, BENCH_LOAD_CHILD: "1" },
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    let settled = false;
    child.on("message", (m: { ready?: true; result?: LoadResult; error?: string }) => {
      if (m.ready) onReady();
      if (m.result) {
        settled = true;
        resolve(m.result);
      }
      if (m.error) {
        settled = true;
        reject(new Error(`load generator: ${m.error}`));
      }
    });
    child.on("exit", (code) => {
      if (!settled) reject(new Error(`load generator exited with ${code} before answering`));
    });
    child.send(spec);
  });
}

export async function benchSpine(backend: SpineBackend, options: Partial<SpineOptions> = {}): Promise<SpineResult> {
  const opts: SpineOptions = { ...DEFAULT_SPINE_OPTIONS, ...options };
  const say = opts.log ?? ((l: string) => console.error(l));
  const variant = opts.variant ?? { label: "as shipped" };

  // ── vendors (msw in this process) ──
  const channels = Array.from({ length: opts.channels }, (_, i) => `CBENCH${String(i + 1).padStart(3, "0")}`);
  const shopIds = Array.from({ length: opts.channels }, (_, i) => `74947266737801${String(i + 1).padStart(5, "0")}`);
  const slack = createSlackFake({ apiUrl: BENCH_ENV.SLACK_API_URL, botToken: BENCH_ENV.SLACK_BOT_TOKEN, channels: [BENCH_ENV.SLACK_TRIAGE_CHANNEL, ...channels] });
  const tiktok = createTikTokFake({
    baseUrl: BENCH_ENV.TIKTOK_SHOP_API_URL,
    appKey: BENCH_ENV.TIKTOK_SHOP_APP_KEY,
    appSecret: BENCH_ENV.TIKTOK_SHOP_APP_SECRET,
    accessToken: BENCH_ENV.TIKTOK_SHOP_ACCESS_TOKEN,
    shopCipher: BENCH_ENV.TIKTOK_SHOP_CIPHER,
  });
  const [lo, hi] = opts.slackLatencyMs;
  // Answers nothing, so msw falls through to the fake after the delay: Slack's latency, 50–100 ms.
  const slackLatency = http.post(`${BENCH_ENV.SLACK_API_URL}/:method`, async () => {
    await new Promise((r) => setTimeout(r, lo + Math.random() * (hi - lo)));
  });
  const mocks = setupServer(slackLatency, ...slack.handlers, ...tiktok.handlers);
  mocks.listen({ onUnhandledRequest: "error" });

  // When each card was posted (Slack answered ok), by item id from the card's metadata.
  const cardAt = new Map<string, number>();
  const benchFetch: typeof fetch = async (input, init) => {
    const res = await fetch(input, init);
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    if (url.endsWith("/chat.postMessage") && res.status === 200 && typeof init?.body === "string") {
      const at = epochNow();
      const ok = ((await res.clone().json()) as { ok?: boolean }).ok;
      const itemId = (JSON.parse(init.body) as { metadata?: { event_payload?: { item_id?: string } } }).metadata?.event_payload?.item_id;
      if (ok && itemId && !cardAt.has(itemId)) cardAt.set(itemId, at);
    }
    return res;
  };

  // ── service ──
  const scratch = backend === "postgres" ? await createScratchDatabase() : null;
  const dataDir = backend === "pglite-file" ? mkdtempSync(join(tmpdir(), "triage-bench-")) : null;
  const env = parseEnv({
    ...BENCH_ENV,
    DATA_DIR: backend === "pglite-memory" ? "memory://" : (dataDir ?? "memory://"),
    ...(scratch ? { DATABASE_URL: scratch.url } : {}),
  });
  const config = buildConfig(env, {
    shops: shopIds.map((shopId, i) => ({
      platform: "tiktok_shop",
      shopId,
      name: `Bench Shop ${i + 1}`,
      accessToken: BENCH_ENV.TIKTOK_SHOP_ACCESS_TOKEN,
      cipher: BENCH_ENV.TIKTOK_SHOP_CIPHER,
      workspace: "default",
      triageChannel: channels[i],
    })),
  });
  if (variant.pollSeconds !== undefined) config.jobs.pollSeconds = variant.pollSeconds;
  const warnings: string[] = [];
  // Info lines are built as in production (JSON.stringify) but not written; warnings are kept.
  const log = createLogger("info", (line) => {
    if (!line.includes('"level":"info"') && !line.includes('"level":"debug"')) warnings.push(line);
  });

  const startedAt = performance.now();
  const uninstall = installWorkerPatch(variant);
  let service: Service | undefined;
  let server: ReturnType<typeof serve> | undefined;
  try {
    const customWorkers = variant.workerConcurrency !== undefined;
    service = await createService({ config, log, fetch: benchFetch, classifier: opts.classifier, workers: !customWorkers });
    const deps = service.deps;
    if (customWorkers) await deps.queue.work(jobHandlers(deps), { pollSeconds: config.jobs.pollSeconds, concurrency: variant.workerConcurrency });
    applyServiceVariant(service, variant);
    // Count pg-boss's own SQL (it holds this object and calls executeSql on it).
    let jobSql = 0;
    const raw = deps.database.raw;
    const rawExecute = raw.executeSql.bind(raw);
    raw.executeSql = (text, values) => {
      jobSql++;
      return rawExecute(text, values);
    };

    const port = await new Promise<number>((resolve) => {
      server = serve({ fetch: service!.app.fetch, port: 0, hostname: "127.0.0.1" }, (info) => resolve(info.port));
    });
    const startupMs = performance.now() - startedAt;
    say(`  ${backend} [${variant.label}]: service up in ${(startupMs / 1000).toFixed(1)} s on 127.0.0.1:${port}`);

    const runTag = String(Date.now() % 1e7).padStart(7, "0");
    const phase = async (name: string, tag: string, count: number, extra: Partial<LoadSpec>): Promise<PhaseResult> => {
      const loop = monitorEventLoopDelay({ resolution: 10 });
      const sqlBefore = jobSql;
      const load = await runLoadChild(
        {
          port,
          count,
          concurrency: opts.concurrency,
          shopIds,
          appKey: BENCH_ENV.TIKTOK_SHOP_APP_KEY,
          appSecret: BENCH_ENV.TIKTOK_SHOP_APP_SECRET,
          runTag: `${runTag}${tag}`,
          timeoutMs: opts.requestTimeoutMs,
          ...extra,
        },
        () => loop.enable(),
      );
      const accepted = load.samples.filter((s) => s.status === 200 && s.outcome === "accepted");
      const acceptedIds = new Set(accepted.map((s) => s.messageId));
      // Which item each accepted message became.
      const rows = await deps.db.select({ itemId: triageItems.id, messageId: messages.externalId }).from(triageItems).innerJoin(messages, eq(messages.id, triageItems.messageId));
      const itemOf = new Map(rows.filter((r) => acceptedIds.has(r.messageId)).map((r) => [r.messageId, r.itemId]));
      const deadline = Date.now() + opts.drainTimeoutMs;
      const pending = () => accepted.filter((s) => !cardAt.has(itemOf.get(s.messageId) ?? "")).length;
      let lastReport = Date.now();
      while (pending() > 0 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 25));
        if (Date.now() - lastReport > 10_000) {
          lastReport = Date.now();
          say(`    ${name}: ${accepted.length - pending()}/${accepted.length} cards posted…`);
        }
      }
      loop.disable();
      const firstSent = Math.min(...load.samples.map((s) => s.sentAt));
      const cardTimes = accepted.map((s) => cardAt.get(itemOf.get(s.messageId) ?? "")).filter((t): t is number => t !== undefined);
      const lastCard = cardTimes.length ? Math.max(...cardTimes) : Number.NaN;
      const errorsByStatus: Record<string, number> = {};
      for (const s of load.samples) if (s.status !== 200) errorsByStatus[String(s.status)] = (errorsByStatus[String(s.status)] ?? 0) + 1;
      const toLastCardSeconds = (lastCard - firstSent) / 1000;
      return {
        sent: load.samples.length,
        accepted: accepted.length,
        errors: Object.values(errorsByStatus).reduce((a, b) => a + b, 0),
        errorsByStatus,
        ack: summarize(load.samples.map((s) => s.ms)),
        ackPerSecond: load.samples.length / (load.wallMs / 1000),
        carded: cardTimes.length,
        missingCards: accepted.length - cardTimes.length,
        toLastCardSeconds,
        cardsPerSecond: cardTimes.length / toLastCardSeconds,
        webhookToCard: summarize(accepted.flatMap((s) => {
          const t = cardAt.get(itemOf.get(s.messageId) ?? "");
          return t === undefined ? [] : [t - s.sentAt];
        })),
        loopDelayP99: loop.percentile(99) / 1e6,
        loopDelayMax: loop.max / 1e6,
        jobSqlPerMessage: (jobSql - sqlBefore) / Math.max(1, accepted.length),
      };
    };

    // Warm-up: JIT, prepared statements, one card per channel's first post.
    await phase("warm-up", "0", Math.min(100, opts.messages), { concurrency: 8 });
    say(`  ${backend} [${variant.label}]: burst of ${opts.messages} webhooks, ${opts.concurrency} in flight…`);
    const burst = await phase("burst", "1", opts.messages, {});
    say(
      `    ack p50 ${burst.ack.p50.toFixed(1)} ms p99 ${burst.ack.p99.toFixed(1)} ms, ${Math.round(burst.ackPerSecond)} req/s, ${burst.errors} errors; ` +
        `${burst.carded}/${burst.accepted} cards in ${burst.toLastCardSeconds.toFixed(1)} s (${burst.cardsPerSecond.toFixed(1)}/s)`,
    );
    let steady: SpineResult["steady"];
    if (opts.steadySeconds > 0 && opts.steadyRate > 0) {
      const count = Math.round(opts.steadyRate * opts.steadySeconds);
      steady = { ...(await phase("steady", "2", count, { ratePerSecond: opts.steadyRate })), offeredRate: opts.steadyRate };
      say(`    steady ${opts.steadyRate}/s: webhook→card p50 ${steady.webhookToCard.p50.toFixed(0)} ms p99 ${steady.webhookToCard.p99.toFixed(0)} ms`);
    }
    const [notCarded] = (await deps.database.raw.executeSql("select count(*)::int as n from triage_items where state <> 'carded'")).rows as { n: number }[];
    const jobRows = (
      await deps.database.raw.executeSql(
        `select name, count(*)::int as n,
           percentile_cont(0.5) within group (order by extract(epoch from started_on - created_on)) * 1000 as queued_p50,
           percentile_cont(0.99) within group (order by extract(epoch from started_on - created_on)) * 1000 as queued_p99,
           percentile_cont(0.5) within group (order by extract(epoch from completed_on - started_on)) * 1000 as work_p50,
           percentile_cont(0.99) within group (order by extract(epoch from completed_on - started_on)) * 1000 as work_p99
         from pgboss.job where state = 'completed' group by name order by name`,
      )
    ).rows as { name: string; n: number; queued_p50: number; queued_p99: number; work_p50: number; work_p99: number }[];
    const jobs: SpineResult["jobs"] = {};
    for (const j of jobRows) {
      jobs[j.name] = { n: Number(j.n), queuedP50: Number(j.queued_p50), queuedP99: Number(j.queued_p99), workP50: Number(j.work_p50), workP99: Number(j.work_p99) };
    }
    return {
      backend,
      variant: variant.label,
      startupMs,
      burst,
      steady,
      itemsNotCarded: Number(notCarded?.n ?? 0),
      jobs,
      warnings: warnings.length,
      sampleWarnings: warnings.slice(0, 5),
    };
  } finally {
    if (server) await new Promise<void>((r) => server!.close(() => r()));
    await service?.stop().catch((err: unknown) => say(`  stop failed: ${String(err)}`));
    uninstall();
    mocks.close();
    await scratch?.drop().catch((err: unknown) => say(`  dropping the scratch database failed: ${String(err)}`));
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

// Alone: `npx tsx scripts/bench/spine.ts [backend]`.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const backend = (process.argv[2] ?? "pglite-file") as SpineBackend;
  const result = await benchSpine(backend);
  console.log(JSON.stringify(result, null, 2));
}
