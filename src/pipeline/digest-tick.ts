import { addDays, localClock } from "../digest/time.ts";
import type { Deps } from "../deps.ts";
import { errorFields } from "../logger.ts";
import { postDigest, type DigestOutcome } from "./post-digest.ts";

/**
 * The digest clock, run every minute (pg-boss schedule on Node, a wrangler cron on Workers): each
 * digest whose local time has come today posts the day before, once. Running late — after a
 * restart, or a tick that failed — still posts the same day's digest until local midnight, and
 * a retry waits out the lease of the attempt before it; the row, not the tick, decides "once".
 */
export async function runDueDigests(deps: Deps): Promise<{ digestId: string; day: string; outcome: DigestOutcome }[]> {
  const now = deps.now();
  const results: { digestId: string; day: string; outcome: DigestOutcome }[] = [];
  for (const d of deps.config.digests) {
    const clock = localClock(now, d.timeZone);
    const [h, m] = d.time.split(":").map(Number) as [number, number];
    if (clock.minutes < h * 60 + m) continue;
    const day = addDays(clock.day, -1);
    try {
      results.push({ digestId: d.id, day, outcome: await postDigest(deps, d.id, day) });
    } catch (err) {
      // One digest's misconfiguration must not hold back the others.
      deps.log.error("digest.tick_error", { digestId: d.id, day, ...errorFields(err) });
    }
  }
  return results;
}

/** The local day a digest posted now would cover (the CLI's default for --now). */
export function lastFullDay(now: Date, timeZone: string): string {
  return addDays(localClock(now, timeZone).day, -1);
}
