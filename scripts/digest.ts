/**
 * `npm run digest -- --now [--digest ID] [--date YYYY-MM-DD] [--dry-run [--png PATH]]`
 *
 * --now        posts the configured digests at once (default day: the last full local day, as the
 *              schedule would), still once per channel and day: a digest already posted is reported,
 *              not posted again.
 * --date       the local day to report instead.
 * --digest     only this configured digest (`digests[].id`; `slack-daily` / `lark-daily` from env).
 * --dry-run    prints the digest as text and writes the chart to --png (default ./digest-DAY.png);
 *              posts nothing and writes nothing to the database. With no digest configured it
 *              previews one over every shop, in UTC days.
 *
 * Reads the same configuration as the service. A PGlite-backed service must be stopped first (an
 * embedded database has one owner at a time); with DATABASE_URL it may keep running.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { buildConfig } from "../src/config.ts";
import { digestChartSpec } from "../src/digest/chart-spec.ts";
import { DigestConfigSchema } from "../src/digest/config.ts";
import { computeDigest } from "../src/digest/compute.ts";
import { digestText } from "../src/digest/sections.ts";
import { isDay } from "../src/digest/time.ts";
import { parseEnv } from "../src/env.ts";
import { BaseError } from "../src/errors.ts";
import { createLogger } from "../src/logger.ts";
import { lastFullDay } from "../src/pipeline/digest-tick.ts";
import { postDigest } from "../src/pipeline/post-digest.ts";
import { createService } from "../src/service.ts";

const { values } = parseArgs({
  options: { now: { type: "boolean" }, date: { type: "string" }, digest: { type: "string" }, "dry-run": { type: "boolean" }, png: { type: "string" } },
});
if (!values.now && !values["dry-run"]) {
  console.error("usage: npm run digest -- --now | --dry-run [--date YYYY-MM-DD] [--digest ID] [--png PATH]");
  process.exit(2);
}
if (values.date && !isDay(values.date)) {
  console.error(`--date: not a day (YYYY-MM-DD): ${values.date}`);
  process.exit(2);
}

const PREVIEW = DigestConfigSchema.parse({ id: "preview", workspace: "preview", channel: "preview" });
const env = parseEnv(process.env);
const config = buildConfig(env, env.CONFIG_FILE ? JSON.parse(readFileSync(env.CONFIG_FILE, "utf8")) : undefined);
// A dry run with no digest configured previews one over every shop (UTC days), so the digest can
// be seen before any channel is chosen.
const configured = config.digests.length === 0 && values["dry-run"] && !values.digest ? [PREVIEW] : config.digests;
const digests = configured.filter((d) => !values.digest || d.id === values.digest);
if (digests.length === 0) {
  console.error(values.digest ? `no digest "${values.digest}" is configured` : "no digest is configured: set DIGEST_SLACK_CHANNEL / DIGEST_LARK_CHAT or CONFIG_FILE digests");
  process.exit(2);
}

// No job workers: this process only computes and posts.
const service = await createService({ config, log: createLogger(env.LOG_LEVEL), workers: false });
let failed = false;
try {
  for (const d of digests) {
    const now = service.deps.now();
    const day = values.date ?? lastFullDay(now, d.timeZone);
    if (values["dry-run"]) {
      const digest = await computeDigest(service.deps.db, d, day, now);
      console.log(`── ${d.id} → ${d.workspace}/${d.channel}\n${digestText(digest)}\n`);
      const png = await service.deps.charts.renderPng(digestChartSpec(digest));
      const path = values.png ? (digests.length > 1 ? values.png.replace(/(\.png)?$/, `-${d.id}.png`) : values.png) : `digest-${d.id}-${day}.png`;
      if (png) {
        writeFileSync(path, png);
        console.log(`chart: ${path} (${png.byteLength} bytes)\n`);
      }
      continue;
    }
    const outcome = await postDigest(service.deps, d.id, day);
    console.log(JSON.stringify({ digest: d.id, day, ...(outcome.status === "posted" ? { status: "posted", ref: outcome.ref } : outcome) }));
    if (outcome.status === "failed") failed = true;
  }
} catch (err) {
  console.error(err instanceof BaseError ? err.message : err);
  failed = true;
} finally {
  await service.stop();
}
process.exit(failed ? 1 : 0);
