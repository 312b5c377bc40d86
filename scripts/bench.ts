/**
 * `npm run bench`: the figures the README quotes.
 *
 *  1. Spine (scripts/bench/spine.ts): the real service over HTTP on 127.0.0.1, on file-backed
 *     PGlite (as in production) and on a scratch database of the local Postgres server when it
 *     answers. Webhook acknowledgement latency and req/s under a burst, sustained messages/s from
 *     webhook to posted card with Slack answering in 50–100 ms, webhook→card latency.
 *  2. Alert under a burst (scripts/bench/alert.ts): a chargeback threat after 500 ordinary
 *     webhooks; threat → alert in the alert channel (ms), and how much of the burst was still
 *     waiting (issue 6: within 5 s, not queued behind the burst).
 *  3. Classifier (scripts/bench/classifier.ts, when present): classifications/s and latency.
 *
 * Prints one table and writes the figures to bench-results.json. Bounded in count and time
 * (about 2–3 minutes on a 2-core machine); all traffic stays on loopback.
 *
 * Options:
 *   --backends=pglite-file,postgres   which databases (also: pglite-memory)
 *   --messages=2000 --concurrency=32  burst size and webhooks in flight
 *   --burst-seconds=15 --drain-seconds=30 --channels=64
 *   --steady-rate=10 --steady-seconds=4
 *   --quick                           smaller and shorter (a smoke test)
 *   --experiment                      compare job-plumbing variants (see scripts/bench/experiments.ts)
 *   --no-classifier                   skip the classifier bench
 *   --no-alert                        skip the alert-under-burst bench
 *   --out=bench-results.json          where to write the JSON ("-" = nowhere)
 */
import { existsSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { loadLocalClassifier } from "../intents/load-local-classifier.ts";
import { backendAvailable, benchSpine, DEFAULT_SPINE_OPTIONS, SPINE_BACKENDS, type SpineBackend, type SpineOptions, type SpineResult, type SpineVariant } from "./bench/spine.ts";
import { fmt, table } from "./bench/stats.ts";
import { benchAlert, type AlertBenchResult } from "./bench/alert.ts";

const args = new Map<string, string>();
for (const a of process.argv.slice(2)) {
  const m = /^--([^=]+)(?:=(.*))?$/.exec(a);
  if (!m) throw new Error(`bench: unknown argument ${a}`);
  args.set(m[1]!, m[2] ?? "true");
}
const num = (name: string, fallback: number) => (args.has(name) ? Number(args.get(name)) : fallback);

const quick = args.has("quick");
const experiment = args.has("experiment");
const spineOptions: Partial<SpineOptions> = {
  messages: num("messages", quick ? 300 : DEFAULT_SPINE_OPTIONS.messages),
  concurrency: num("concurrency", DEFAULT_SPINE_OPTIONS.concurrency),
  channels: num("channels", DEFAULT_SPINE_OPTIONS.channels),
  burstSeconds: num("burst-seconds", quick ? 5 : DEFAULT_SPINE_OPTIONS.burstSeconds),
  drainSeconds: num("drain-seconds", quick ? 10 : DEFAULT_SPINE_OPTIONS.drainSeconds),
  steadyRate: num("steady-rate", DEFAULT_SPINE_OPTIONS.steadyRate),
  steadySeconds: num("steady-seconds", quick || experiment ? 0 : DEFAULT_SPINE_OPTIONS.steadySeconds),
};
const requested = (args.get("backends")?.split(",").map((s) => s.trim()) ?? ["pglite-file", "postgres"]) as SpineBackend[];
for (const b of requested) if (!SPINE_BACKENDS.includes(b)) throw new Error(`bench: unknown backend ${b} (${SPINE_BACKENDS.join(", ")})`);

/** The variants `--experiment` compares, each a small change to the job plumbing (experiments.ts). */
const EXPERIMENT_VARIANTS: SpineVariant[] = [
  { label: "as shipped" },
  { label: "wake every worker (old nudge)", nudge: "every" },
  { label: "1 worker per queue", workerConcurrency: 1 },
  { label: "8 workers per queue", workerConcurrency: 8 },
];

const say = (line: string) => console.error(line);

async function main() {
  const started = Date.now();
  const meta = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    loadAverageAtStart: loadavg()[0] ?? 0,
    loadAverageAtEnd: 0,
    options: { ...spineOptions, slackLatencyMs: DEFAULT_SPINE_OPTIONS.slackLatencyMs },
    seconds: 0,
  };
  say(`bench: ${meta.cpus} cores, 1-min load average ${meta.loadAverageAtStart.toFixed(1)} (anything above ~0.5 is other work sharing the cores)`);

  const backends: SpineBackend[] = [];
  for (const b of requested) {
    if (await backendAvailable(b)) backends.push(b);
    else say(`bench: ${b} skipped (the server at postgres://postgres@127.0.0.1:5432/test does not answer)`);
  }
  const classifier = await loadLocalClassifier(); // loaded once, shared by every service started here

  const spine: SpineResult[] = [];
  const spineErrors: Record<string, string> = {};
  for (const backend of backends) {
    for (const variant of experiment ? EXPERIMENT_VARIANTS : [undefined]) {
      try {
        spine.push(await benchSpine(backend, { ...spineOptions, classifier, variant, log: say }));
      } catch (err) {
        const key = `${backend}${variant ? ` [${variant.label}]` : ""}`;
        spineErrors[key] = err instanceof Error ? (err.stack ?? err.message) : String(err);
        say(`bench: spine on ${key} failed: ${spineErrors[key]}`);
      }
    }
  }

  const alerts: AlertBenchResult[] = [];
  if (!args.has("no-alert") && !experiment) {
    for (const backend of backends) {
      try {
        alerts.push(await benchAlert(backend, { burst: quick ? 200 : 500, classifier, log: say }));
      } catch (err) {
        spineErrors[`alert ${backend}`] = err instanceof Error ? (err.stack ?? err.message) : String(err);
        say(`bench: alert on ${backend} failed: ${spineErrors[`alert ${backend}`]}`);
      }
    }
  }

  let classifierFigures: Record<string, number> | { error: string } | undefined;
  const classifierModule = new URL("./bench/classifier.ts", import.meta.url);
  if (!args.has("no-classifier") && !experiment && existsSync(fileURLToPath(classifierModule))) {
    say("bench: classifier…");
    try {
      const mod = (await import(classifierModule.href)) as { benchClassifier?: () => Promise<Record<string, number>> };
      if (typeof mod.benchClassifier !== "function") throw new Error("scripts/bench/classifier.ts does not export benchClassifier()");
      classifierFigures = await mod.benchClassifier();
    } catch (err) {
      classifierFigures = { error: err instanceof Error ? err.message : String(err) };
      say(`bench: classifier bench failed: ${classifierFigures.error}`);
    }
  }

  meta.loadAverageAtEnd = loadavg()[0]!;
  meta.seconds = Math.round((Date.now() - started) / 1000);
  console.log(render(spine, spineErrors, classifierFigures, meta, alerts));

  const out = args.get("out") ?? "bench-results.json";
  if (out !== "-") {
    writeFileSync(out, `${JSON.stringify({ meta, spine, alerts, spineErrors, classifier: classifierFigures }, null, 2)}\n`);
    say(`bench: figures written to ${out}`);
  }
}

function render(spine: SpineResult[], errors: Record<string, string>, clf: Record<string, number> | { error: string } | undefined, meta: { cpus: number; loadAverageAtStart: number; loadAverageAtEnd: number; seconds: number; options: Partial<SpineOptions> & { slackLatencyMs: [number, number] } }, alerts: AlertBenchResult[] = []): string {
  const o = meta.options;
  const name = (r: SpineResult) => (r.variant === "as shipped" && !experiment ? r.backend : `${r.backend} · ${r.variant}`);
  const out: string[] = [];
  out.push("");
  out.push(`Webhook acknowledgement — burst: up to ${o.messages} unique signed webhooks, ${o.concurrency} in flight, ≤ ${o.burstSeconds} s, over HTTP on 127.0.0.1`);
  out.push(
    table(
      ["backend", "startup s", "sent", "req/s", "p50 ms", "p95 ms", "p99 ms", "max ms", "non-200", "stored", "loop stall max ms"],
      spine.map((r) => [name(r), r.startupMs / 1000, r.burst.sent, r.burst.ackPerSecond, r.burst.ack.p50, r.burst.ack.p95, r.burst.ack.p99, r.burst.ack.max, errorCell(r.burst), `${r.burst.stored}/${r.burst.accepted}`, r.burst.loopDelayMax]),
    ),
  );
  out.push("");
  out.push(`Webhook → card — Slack answers in ${o.slackLatencyMs[0]}–${o.slackLatencyMs[1]} ms; ${o.channels} shops, one triage channel each (Slack pacing 1 post/s/channel caps at ${o.channels} cards/s)`);
  out.push(
    table(
      ["backend", "carded", "seconds", "cards/s", "p50 ms", "p99 ms", "still queued", "job SQL/msg"],
      spine.map((r) => [name(r), `${r.burst.carded}/${r.burst.accepted}`, r.burst.seconds, r.burst.cardsPerSecond, r.burst.webhookToCard.p50, r.burst.webhookToCard.p99, r.burst.pendingCards, r.burst.jobSqlPerMessage]),
    ),
  );
  out.push("  cards/s = carded ÷ (first webhook sent → last card posted); p50/p99 = per message, webhook sent → Slack answered the card post (in a burst, mostly time queued).");
  const steady = spine.filter((r) => r.steady);
  if (steady.length) {
    out.push("");
    out.push(`Steady load — ${o.steadyRate} webhooks/s for ${o.steadySeconds} s (pipeline not backlogged)`);
    out.push(
      table(
        ["backend", "ack p50 ms", "ack p99 ms", "non-200", "card p50 ms", "card p99 ms", "carded"],
        steady.map((r) => [name(r), r.steady!.ack.p50, r.steady!.ack.p99, errorCell(r.steady!), r.steady!.webhookToCard.p50, r.steady!.webhookToCard.p99, `${r.steady!.carded}/${r.steady!.accepted}`]),
      ),
    );
  }
  out.push("");
  out.push("Job queues (pg-boss rows, whole run): ms queued → ms working, p50 / p99");
  const queues = [...new Set(spine.flatMap((r) => Object.keys(r.jobs)))];
  out.push(
    table(
      ["backend", ...queues],
      spine.map((r) => [name(r), ...queues.map((q) => (r.jobs[q] ? `${fmt(r.jobs[q].queuedP50)}/${fmt(r.jobs[q].queuedP99)} → ${fmt(r.jobs[q].workP50)}/${fmt(r.jobs[q].workP99)}` : "—"))]),
    ),
  );
  if (alerts.length) {
    out.push("");
    out.push("High-risk alert under a burst — a chargeback/report threat right after N ordinary webhooks (workers running, one triage channel)");
    out.push(
      table(
        ["backend", "burst", "threat ack ms", "threat → alert ms", "burst unclassified at threat", "burst classified at alert"],
        alerts.map((a) => [a.backend, a.burst, a.threatAckMs, a.alertMs, a.backlogAtThreat, a.classifiedAtAlert]),
      ),
    );
  }
  for (const [k, v] of Object.entries(errors)) out.push(`  ${k}: FAILED — ${v.split("\n")[0]}`);
  if (clf) {
    out.push("");
    out.push("Classifier (scripts/bench/classifier.ts)");
    out.push("error" in clf && typeof clf.error === "string" ? `  FAILED — ${clf.error}` : table(["figure", "value"], Object.entries(clf).map(([k, v]) => [k, v])));
  }
  out.push("");
  out.push(`${meta.cpus} cores; 1-min load average ${meta.loadAverageAtStart.toFixed(1)} at start, ${meta.loadAverageAtEnd.toFixed(1)} at end (other processes share the cores: compare runs with similar load); ${meta.seconds} s in all.`);
  return out.join("\n");
}

function errorCell(p: { errors: number; errorsByStatus: Record<string, number> }): string {
  if (p.errors === 0) return "0";
  return `${p.errors} (${Object.entries(p.errorsByStatus).map(([k, v]) => `${k}×${v}`).join(", ")})`;
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
