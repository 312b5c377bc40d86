import { and, eq, inArray, lt, sql } from "drizzle-orm";
import { outboundReplies, triageItems } from "../../db/schema/index.ts";
import type { JobName } from "../../handlers/jobs/catalog.ts";
import type { Deps } from "../deps.ts";
import type { TriageState } from "../ports.ts";

const NEXT_JOB: Partial<Record<TriageState, JobName>> = {
  received: "triage.classify",
  classified: "triage.card",
  approved: "triage.send",
  sending: "triage.send",
};

/**
 * The safety net behind the outbox: the state rows are the truth, so any item sitting in a
 * working state longer than `olderThanMs` gets its next job again (a job lost to a crash, an
 * expired lease, a database restored from backup). Every verb is idempotent, so a duplicate job
 * costs one read.
 */
export async function sweepStuckItems(deps: Deps, olderThanMs: number): Promise<number> {
  const cutoff = new Date(deps.now().getTime() - olderThanMs);
  // Without a chat surface, classified items wait on purpose: nothing to re-post.
  const states = (Object.keys(NEXT_JOB) as TriageState[]).filter((s) => s !== "classified" || deps.surfaces.size > 0);
  const stuck = await deps.db
    .select({ id: triageItems.id, state: triageItems.state })
    .from(triageItems)
    .where(and(inArray(triageItems.state, states), lt(triageItems.updatedAt, cutoff)))
    .limit(500);
  // A reply whose send failed retryably but whose job was dead-lettered stays pending: retry it too.
  const pending = await deps.db
    .select({ id: outboundReplies.triageItemId })
    .from(outboundReplies)
    .where(and(eq(outboundReplies.status, "pending"), lt(outboundReplies.updatedAt, cutoff)))
    .limit(500);
  // An LLM draft whose job was lost would keep Approve off the card: ask again.
  const drafts = await deps.db
    .select({ id: triageItems.id, draftId: sql<string>`${triageItems.llmDraft}->>'id'` })
    .from(triageItems)
    .where(and(sql`${triageItems.llmDraft}->>'status' = 'pending'`, inArray(triageItems.state, ["classified", "carded", "claimed", "escalated"]), lt(triageItems.updatedAt, cutoff)))
    .limit(500);
  const jobs = new Map<string, JobName>();
  for (const item of stuck) jobs.set(item.id, NEXT_JOB[item.state]!);
  for (const reply of pending) jobs.set(reply.id, "triage.send");
  for (const [itemId, job] of jobs) await deps.queue.enqueue(job as Exclude<JobName, "triage.draft" | "triage.notify">, { itemId });
  for (const d of drafts) await deps.queue.enqueue("triage.draft", { itemId: d.id, draftId: d.draftId });
  const count = jobs.size + drafts.length;
  if (count > 0) {
    deps.queue.nudge();
    deps.log.info("sweep.requeued", { count, drafts: drafts.length || undefined });
  }
  return count;
}
