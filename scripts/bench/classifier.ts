/**
 * Classifier benchmark: classifications per second on one core (this process's main thread),
 * p50/p99 latency per message, model load time and heap. `npm run bench` calls
 * `benchClassifier()`; `npx tsx scripts/bench/classifier.ts` runs it alone.
 *
 * The messages are held-out corpus lines of all nine languages (with their context), so the mix
 * of scripts, lengths and context is what the service sees, and nothing is a memorised line.
 */
import { fileURLToPath } from "node:url";
import { isHeldOut } from "../../intents/corpus-schema.js";
import { loadLocalClassifier } from "../../intents/load-local-classifier.js";
import { readCorpus } from "../../intents/read-corpus.js";
import type { ClassifyInput } from "../../intents/taxonomy.js";

export async function benchClassifier(options: { seconds?: number } = {}): Promise<Record<string, number>> {
  const seconds = options.seconds ?? 3;
  const heapBefore = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const loadCpu0 = process.cpuUsage();
  const clf = await loadLocalClassifier();
  const loadMs = performance.now() - t0;
  const loadCpu = process.cpuUsage(loadCpu0);
  const heapModelMb = (process.memoryUsage().heapUsed - heapBefore) / 1e6;

  const inputs: ClassifyInput[] = readCorpus()
    .intents.filter((r) => isHeldOut(r.text))
    .map((r) => ({ text: r.text, context: r.context }));
  if (inputs.length === 0) throw new Error("bench: no held-out corpus lines to classify");

  // Warm up the JIT before measuring.
  for (let i = 0; i < 2000; i++) clf.classifySync(inputs[i % inputs.length]!);

  // Throughput: a tight loop for `seconds`. Reported per wall-clock second and per CPU second of
  // this process: on a shared machine (CI, a laptop compiling) the wall figure drops with the
  // neighbours' load, the CPU figure is what one core of ours actually does.
  let n = 0;
  const start = performance.now();
  const cpu0 = process.cpuUsage();
  while (performance.now() - start < seconds * 1000) {
    for (let i = 0; i < 500; i++) clf.classifySync(inputs[(n + i) % inputs.length]!);
    n += 500;
  }
  const perSecond = n / ((performance.now() - start) / 1000);
  const cpu = process.cpuUsage(cpu0);
  const perCpuSecond = n / ((cpu.user + cpu.system) / 1e6);

  // Latency: one message at a time, timed individually.
  const lat: number[] = [];
  for (let i = 0; i < 20_000; i++) {
    const input = inputs[i % inputs.length]!;
    const s = performance.now();
    clf.classifySync(input);
    lat.push((performance.now() - s) * 1000);
  }
  lat.sort((a, b) => a - b);
  const result = {
    classificationsPerSecond: Math.round(perSecond),
    classificationsPerCpuSecond: Math.round(perCpuSecond),
    p50Microseconds: round(lat[Math.floor(lat.length * 0.5)]!),
    p99Microseconds: round(lat[Math.floor(lat.length * 0.99)]!),
    modelLoadMs: round(loadMs),
    modelLoadCpuMs: round((loadCpu.user + loadCpu.system) / 1000),
    modelHeapMb: round(heapModelMb),
    heapUsedMb: round(process.memoryUsage().heapUsed / 1e6),
    messages: inputs.length,
  };
  console.log(
    `classifier ${clf.version}: ${result.classificationsPerSecond.toLocaleString("en")} classifications/s on one core ` +
      `(${result.classificationsPerCpuSecond.toLocaleString("en")} per CPU second), ` +
      `p50 ${result.p50Microseconds} µs, p99 ${result.p99Microseconds} µs, model load ${result.modelLoadMs} ms (${result.modelLoadCpuMs} ms CPU), ` +
      `model heap ≈ ${result.modelHeapMb} MB (heap in use ${result.heapUsedMb} MB)`,
  );
  return result;
}

const round = (v: number): number => Math.round(v * 10) / 10;

if (process.argv[1] === fileURLToPath(import.meta.url)) await benchClassifier();
