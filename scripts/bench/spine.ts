/**
 * Spine benchmark: the real service (createService: database, migrations, pg-boss, workers,
 * classifier, Slack and TikTok adapters) served over real HTTP on 127.0.0.1, loaded by a child
 * process playing TikTok Shop, with Slack and TikTok mocked by msw in this process.
 *
 * Per backend:
 *  - burst: up to `messages` unique signed webhooks, `concurrency` in flight, for at most
 *    `burstSeconds` → acknowledgement latency (p50/p95/p99/max), requests/s, non-200s; then the
 *    time until every accepted message has a posted card (bounded by `drainSeconds`) → sustained
 *    messages/s from webhook to card, and webhook→card latency (in a burst, mostly queueing);
 *  - steady (run first, on a quiet pipeline): `steadyRate` webhooks/s for `steadySeconds` → ack
 *    and webhook→card latency when nothing is backlogged (what one buyer message costs end to end).
 *
 * Slack answers after 50–100 ms (uniform), like the real API. The Slack client paces posts at one
 * per second per channel, so messages are spread over `channels` shops, each with its own triage
 * channel: the pacing caps cards/s at `channels`, far above what is measured here.
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
import { eq, inArray } from "drizzle-orm";
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
import { summarize, type Summary } from "./stats.ts";

export type { SpineVariant };
export type SpineBackend = "pglite-file" | "pglite-memory" | "postgres";
export const SPINE_BACKENDS: SpineBackend[] = ["pglite-file", "pglite-memory", "postgres"];

export type SpineOptions = {
  /** Webhooks in the burst (at most; see burstSeconds). */
  messages: number;
  /** Webhooks in flight during the burst. */
  concurrency: number;
  /** Shops, each with its own triage channel. */
  channels: number;
  slackLatencyMs: [number, number];
  /** Stop sending the burst after this long even if `messages` were not all sent. */
  burstSeconds: number;
  /** Stop waiting for the burst's cards after this long (counted from the end of sending). */
  drainSeconds: number;
  /** Offered rate and duration of the steady phase (0 = skip it). */
  steadyRate: number;
  steadySeconds: number;
  /** A webhook unanswered after this long counts as an error (platforms give up too). */
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
  burstSeconds: 15,
  drainSeconds: 30,
  steadyRate: 10,
  steadySeconds: 4,
  requestTimeoutMs: 10_000,
};

export type PhaseResult = {
  sent: number;
  /** Sending stopped at burstSeconds before `messages` were all sent. */
  truncated: boolean;
  accepted: number;
  /** Accepted messages found in the database afterwards (= accepted: none dropped). */
  stored: number;
  /** Non-200 answers and socket errors (TIMEOUT = no answer within requestTimeoutMs), by status. */
  errors: number;
  errorsByStatus: Record<string, number>;
  ack: Summary;
  ackPerSecond: number;
  /** Accepted messages with a posted card when the phase ended. */
  carded: number;
  /** Accepted but not yet carded when the wait ran out (still queued in the database, not lost). */
  pendingCards: number;
  /** First webhook sent → last card posted (or → end of the wait, if cards were pending). */
  seconds: number;
  /** Carded messages / seconds: sustained webhook-to-card throughput. */
  cardsPerSecond: number;
  webhookToCard: Summary;
  /** Event-loop delay in the service process during the phase (ms): how long I/O went unserved. */
  loopDelayP99: number;
  loopDelayMax: number;
  /** pg-boss's own SQL statements (fetch, complete, maintenance) per accepted message. */
  jobSqlPerMessage: number;
};

export type JobTiming = { n: number; queuedP50: number; queuedP99: number; workP50: number; workP99: number };

export type SpineResult = {
  backend: SpineBackend;
  variant: string;
  startupMs: number;
  burst: PhaseResult;
  steady?: PhaseResult & { offeredRate: number };
  /** Per job queue, from pg-boss's rows: ms queued (created → started), ms working (started → completed). */
  jobs: Record<string, JobTiming>;
  warnings: number;
  sampleWarnings: string[];
};

/** The vendor settings every bench service runs with (fakes answer at these URLs). */
export const BENCH_ENV = {
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

/** Runs the load generator in a child process (its own core, its own event loop). */
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

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function benchSpine(backend: SpineBackend, options: Partial<SpineOptions> = {}): Promise<SpineResult> {
  const opts: SpineOptions = { ...DEFAULT_SPINE_OPTIONS, ...options };
  const say = opts.log ?? ((l: string) => console.error(l));
  const variant = opts.variant ?? { label: "as shipped" };
  const tag = `${backend}${variant.label === "as shipped" ? "" : ` [${variant.label}]`}`;

  // ── vendors: msw in this process ──
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
  // Returns nothing, so msw falls through to the fake after the delay: Slack's latency.
  const slackLatency = http.post(`${BENCH_ENV.SLACK_API_URL}/:method`, async () => {
    await sleep(lo + Math.random() * (hi - lo));
  });
  const mocks = setupServer(slackLatency, ...slack.handlers, ...tiktok.handlers);
  mocks.listen({ onUnhandledRequest: "error" });

  // When each card was posted (Slack answered ok), by the item id in the card's metadata.
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

  // ── the service, configured as in production except for the vendor base URLs ──
  const scratch = backend === "postgres" ? await createScratchDatabase() : null;
  const dataDir = backend === "pglite-file" ? mkdtempSync(join(tmpdir(), "triage-bench-")) : null;
  const env = parseEnv({
    ...BENCH_ENV,
    DATA_DIR: dataDir ?? "memory://",
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
    say(`  ${tag}: service up in ${(startupMs / 1000).toFixed(1)} s on 127.0.0.1:${port}`);

    const runTag = String(Date.now() % 1e7).padStart(7, "0");
    const phase = async (name: string, phaseTag: string, count: number, extra: Partial<LoadSpec>, drainSeconds: number): Promise<PhaseResult> => {
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
          runTag: `${runTag}${phaseTag}`,
          timeoutMs: opts.requestTimeoutMs,
          ...extra,
        },
        () => loop.enable(),
      );
      const accepted = load.samples.filter((s) => s.status === 200 && s.outcome === "accepted");
      // Which item each accepted message became (every accepted one must be there: none dropped).
      const itemOf = new Map<string, string>();
      const ids = accepted.map((s) => s.messageId);
      for (let i = 0; i < ids.length; i += 500) {
        const rows = await deps.db
          .select({ itemId: triageItems.id, messageId: messages.externalId })
          .from(triageItems)
          .innerJoin(messages, eq(messages.id, triageItems.messageId))
          .where(inArray(messages.externalId, ids.slice(i, i + 500)));
        for (const r of rows) itemOf.set(r.messageId, r.itemId);
      }
      const cardOf = (messageId: string) => cardAt.get(itemOf.get(messageId) ?? "");
      const deadline = Date.now() + drainSeconds * 1000;
      let lastReport = Date.now();
      const pending = () => accepted.reduce((n, s) => (cardOf(s.messageId) === undefined ? n + 1 : n), 0);
      while (pending() > 0 && Date.now() < deadline) {
        await sleep(25);
        if (Date.now() - lastReport > 10_000) {
          lastReport = Date.now();
          say(`    ${name}: ${accepted.length - pending()}/${accepted.length} carded…`);
        }
      }
      const waitEnded = epochNow();
      loop.disable();
      const firstSent = Math.min(...load.samples.map((s) => s.sentAt));
      const toCard = accepted.flatMap((s) => {
        const t = cardOf(s.messageId);
        return t === undefined ? [] : [{ sent: s.sentAt, card: t }];
      });
      const pendingCards = accepted.length - toCard.length;
      const lastCard = toCard.length ? Math.max(...toCard.map((c) => c.card)) : firstSent;
      const seconds = ((pendingCards > 0 ? waitEnded : lastCard) - firstSent) / 1000;
      const errorsByStatus: Record<string, number> = {};
      for (const s of load.samples) if (s.status !== 200) errorsByStatus[String(s.status)] = (errorsByStatus[String(s.status)] ?? 0) + 1;
      return {
        sent: load.samples.length,
        truncated: load.truncated,
        accepted: accepted.length,
        stored: itemOf.size,
        errors: Object.values(errorsByStatus).reduce((a, b) => a + b, 0),
        errorsByStatus,
        ack: summarize(load.samples.map((s) => s.ms)),
        ackPerSecond: load.samples.length / (load.wallMs / 1000),
        carded: toCard.length,
        pendingCards,
        seconds,
        cardsPerSecond: toCard.length / seconds,
        webhookToCard: summarize(toCard.map((c) => c.card - c.sent)),
        loopDelayP99: loop.percentile(99) / 1e6,
        loopDelayMax: loop.max / 1e6,
        jobSqlPerMessage: (jobSql - sqlBefore) / Math.max(1, accepted.length),
      };
    };

    // Warm-up: JIT, first posts to each channel; not reported.
    await phase("warm-up", "0", 40, { concurrency: 4 }, 15);
    // Steady first, while the pipeline is quiet: what one message costs end to end.
    let steady: SpineResult["steady"];
    if (opts.steadySeconds > 0 && opts.steadyRate > 0) {
      const count = Math.round(opts.steadyRate * opts.steadySeconds);
      const result = await phase("steady", "2", count, { ratePerSecond: opts.steadyRate, maxSeconds: opts.steadySeconds + 2 }, 10);
      steady = { ...result, offeredRate: opts.steadyRate };
      say(
        `    steady ${opts.steadyRate}/s: ack p50 ${steady.ack.p50.toFixed(1)} ms, p99 ${steady.ack.p99.toFixed(1)} ms; ` +
          `webhook→card p50 ${steady.webhookToCard.p50.toFixed(0)} ms, p99 ${steady.webhookToCard.p99.toFixed(0)} ms`,
      );
    }
    say(`  ${tag}: burst of up to ${opts.messages} webhooks (${opts.concurrency} in flight, ≤ ${opts.burstSeconds} s)…`);
    const burst = await phase("burst", "1", opts.messages, { maxSeconds: opts.burstSeconds }, opts.drainSeconds);
    say(
      `    ack p50 ${burst.ack.p50.toFixed(1)} ms, p99 ${burst.ack.p99.toFixed(1)} ms, ${Math.round(burst.ackPerSecond)} req/s, ${burst.errors} errors; ` +
        `${burst.carded}/${burst.accepted} carded in ${burst.seconds.toFixed(1)} s (${burst.cardsPerSecond.toFixed(1)}/s)` +
        (burst.pendingCards ? `, ${burst.pendingCards} still queued` : ""),
    );
    return { backend, variant: variant.label, startupMs, burst, steady, jobs: await jobTimings(service), warnings: warnings.length, sampleWarnings: warnings.slice(0, 5) };
  } finally {
    if (server) await new Promise<void>((r) => server!.close(() => r()));
    await service?.stop().catch((err: unknown) => say(`  stop failed: ${String(err)}`));
    uninstall();
    mocks.close();
    await scratch?.drop().catch((err: unknown) => say(`  dropping the scratch database failed: ${String(err)}`));
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Queue wait and work time per job queue, from pg-boss's own rows. */
async function jobTimings(service: Service): Promise<Record<string, JobTiming>> {
  const { rows } = await service.deps.database.raw.executeSql(
    `select name, count(*)::int as n,
       percentile_cont(0.5) within group (order by extract(epoch from started_on - created_on)) * 1000 as queued_p50,
       percentile_cont(0.99) within group (order by extract(epoch from started_on - created_on)) * 1000 as queued_p99,
       percentile_cont(0.5) within group (order by extract(epoch from completed_on - started_on)) * 1000 as work_p50,
       percentile_cont(0.99) within group (order by extract(epoch from completed_on - started_on)) * 1000 as work_p99
     from pgboss.job where state = 'completed' group by name order by name`,
  );
  const out: Record<string, JobTiming> = {};
  for (const j of rows as { name: string; n: number; queued_p50: number; queued_p99: number; work_p50: number; work_p99: number }[]) {
    out[j.name] = { n: Number(j.n), queuedP50: Number(j.queued_p50), queuedP99: Number(j.queued_p99), workP50: Number(j.work_p50), workP99: Number(j.work_p99) };
  }
  return out;
}

// Alone: `npx tsx scripts/bench/spine.ts [backend]`.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const backend = (process.argv[2] ?? "pglite-file") as SpineBackend;
  console.log(JSON.stringify(await benchSpine(backend), null, 2));
}
