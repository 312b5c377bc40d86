import { and, eq, lt, sql } from "drizzle-orm";
import { digestPosts } from "../../db/schema/index.ts";
import { digestChartSpec } from "../digest/chart-spec.ts";
import { computeDigest, type Digest } from "../digest/compute.ts";
import type { DigestConfig } from "../digest/config.ts";
import type { Deps } from "../deps.ts";
import { BaseError, ConfigError, isRetryable } from "../errors.ts";
import { newId } from "../ids.ts";
import { errorFields } from "../logger.ts";

/** Attempts before a digest that keeps failing is given up on (its row then says why). */
export const MAX_DIGEST_ATTEMPTS = 5;

export type DigestOutcome =
  | { status: "posted"; ref: string; digest: Digest }
  | { status: "skipped"; reason: string }
  | { status: "failed"; retry: boolean; error: string };

type Lease = typeof digestPosts.$inferSelect;

/**
 * Posts digest `digestId` for local day `day`, once. The (surface, workspace, channel, day) row is
 * inserted — or, when an earlier attempt died holding it, taken over after the job lease — before
 * anything is computed or sent; every other instance, tick or retry finds it and stands back. A
 * taker passes the earlier attempt's upload reference to the surface, which looks for that post
 * before posting again. Figures are computed at posting time, so a retry reports the same day.
 */
export async function postDigest(deps: Deps, digestId: string, day: string): Promise<DigestOutcome> {
  const config = deps.config.digests.find((d) => d.id === digestId);
  if (!config) throw new ConfigError(`no digest "${digestId}" is configured`);
  const surface = deps.digestSurfaces.get(config.workspace);
  if (!surface) throw new ConfigError(`digest ${digestId}: workspace "${config.workspace}" cannot post digests in this runtime`);
  const lease = await takeLease(deps, config, surface.surface, day);
  if (!lease) return { status: "skipped", reason: "already posted, given up, or being posted by another worker" };

  try {
    const now = deps.now();
    const digest = await computeDigest(deps.db, config, day, now);
    const chart = await renderChart(deps, digest);
    const { ref } = await surface.postDigest(config.channel, digest, chart, {
      key: lease.id,
      resume: lease.uploadRef,
      since: lease.createdAt,
      saveUploadRef: async (uploadRef) => {
        await deps.db.update(digestPosts).set({ uploadRef }).where(eq(digestPosts.id, lease.id));
      },
    });
    await deps.db.update(digestPosts).set({ status: "posted", externalRef: ref, postedAt: deps.now(), lastError: null }).where(eq(digestPosts.id, lease.id));
    deps.log.info("digest.posted", { digestId, day, surface: surface.surface, channel: config.channel, ref, messages: digest.total.count, chart: !!chart });
    return { status: "posted", ref, digest };
  } catch (err) {
    const error = (err instanceof BaseError ? err.message : String(err)).slice(0, 500);
    // Retryable: keep the lease and let it expire, so the next tick after JOBS_LEASE_MS tries again.
    const retry = isRetryable(err) && lease.attempts < MAX_DIGEST_ATTEMPTS;
    await deps.db
      .update(digestPosts)
      .set(retry ? { lastError: error } : { status: "failed", lastError: error })
      .where(eq(digestPosts.id, lease.id));
    deps.log.warn("digest.failed", { digestId, day, attempt: lease.attempts, retry, ...errorFields(err) });
    return { status: "failed", retry, error };
  }
}

/** A chart that fails to render must not cost the managers their digest. */
async function renderChart(deps: Deps, digest: Digest): Promise<Uint8Array | null> {
  try {
    return await deps.charts.renderPng(digestChartSpec(digest));
  } catch (err) {
    deps.log.warn("digest.chart_failed", errorFields(err));
    return null;
  }
}

async function takeLease(deps: Deps, config: DigestConfig, surface: string, day: string): Promise<Lease | null> {
  const now = deps.now();
  const key = and(
    eq(digestPosts.surface, surface),
    eq(digestPosts.workspace, config.workspace),
    eq(digestPosts.channel, config.channel),
    eq(digestPosts.day, day),
  );
  const [inserted] = await deps.db
    .insert(digestPosts)
    .values({ id: newId("dig", now.getTime()), digestId: config.id, surface, workspace: config.workspace, channel: config.channel, day, status: "posting", attempts: 1, postingStartedAt: now })
    .onConflictDoNothing()
    .returning();
  if (inserted) return inserted;
  const leaseExpired = new Date(now.getTime() - deps.config.jobs.leaseMs);
  const [taken] = await deps.db
    .update(digestPosts)
    .set({ postingStartedAt: now, attempts: sqlIncrement() })
    .where(and(key, eq(digestPosts.status, "posting"), lt(digestPosts.postingStartedAt, leaseExpired), lt(digestPosts.attempts, MAX_DIGEST_ATTEMPTS)))
    .returning();
  return taken ?? null;
}

const sqlIncrement = () => sql`${digestPosts.attempts} + 1`;
