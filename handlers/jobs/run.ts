import type { JobHandlers } from "../../adapters/queue/pg-boss-queue.ts";
import { z } from "zod";
import type { Deps } from "../../src/deps.ts";
import { UpstreamError } from "../../src/errors.ts";
import { errorFields } from "../../src/logger.ts";
import { classifyItem } from "../../src/pipeline/classify.ts";
import { abandonLlmDraft, draftWithLlm } from "../../src/pipeline/draft-with-llm.ts";
import { postCard, updateCards } from "../../src/pipeline/post-card.ts";
import { failItem, sendReply } from "../../src/pipeline/send.ts";
import { runDueDigests } from "../../src/pipeline/digest-tick.ts";
import { isRetryable } from "../../src/errors.ts";
import { JOBS } from "./catalog.ts";
import { syncAlert } from "../../src/alerts/post-alert.ts";
import { checkSla } from "../../src/sla/check-sla.ts";

/**
 * Job entry points: parse (done by the queue against the catalog) → one pipeline verb. A
 * permanent error fails the item at once; a retryable one is rethrown for pg-boss's backoff, and a
 * vendor's Retry-After reschedules the job instead of burning a retry.
 */
export function jobHandlers(deps: Deps): JobHandlers {
  const run =
    (name: string, verb: (itemId: string) => Promise<void>) =>
    async ({ itemId }: { itemId: string }) => {
      const started = Date.now();
      try {
        await verb(itemId);
        deps.log.debug("job.done", { job: name, itemId, ms: Date.now() - started });
      } catch (err) {
        deps.log.warn("job.error", { job: name, itemId, ms: Date.now() - started, retry: isRetryable(err), ...errorFields(err) });
        if (err instanceof UpstreamError && err.retryAfterMs !== undefined) {
          await deps.queue.enqueue(name as "triage.send", { itemId }, { startAfterSeconds: Math.ceil(err.retryAfterMs / 1000) });
          return;
        }
        if (isRetryable(err)) throw err;
        await failItem(deps, itemId, err instanceof Error ? err.message : String(err));
      }
    };
  return {
    "triage.classify": run("triage.classify", (id) => classifyItem(deps, id)),
    "triage.card": run("triage.card", (id) => postCard(deps, id)),
    "triage.draft": async ({ itemId, draftId }) => {
      const started = Date.now();
      try {
        await draftWithLlm(deps, itemId, draftId);
      } catch (err) {
        deps.log.warn("job.error", { job: "triage.draft", itemId, ms: Date.now() - started, retry: true, ...errorFields(err) });
        throw err;
      }
    },
    "triage.card-update": run("triage.card-update", (id) => updateCards(deps, id)),
    "triage.send": run("triage.send", (id) => sendReply(deps, id)),
    // A notice is not the item either: its failures never fail the item, and its last retry
    // gives up quietly (the sweeper tries again at the next sweep) instead of dead-lettering,
    // whose handler would mark the item failed.
    "triage.sla": async ({ itemId }, { retryCount }) => {
      try {
        await checkSla(deps, itemId);
      } catch (err) {
        deps.log.warn("job.error", { job: "triage.sla", itemId, retry: isRetryable(err), ...errorFields(err) });
        if (isRetryable(err) && retryCount < JOBS["triage.sla"].retryLimit) throw err;
      }
    },
    // An alert is not the item: a failure is retried and logged, never fails the item.
    "triage.alert": async ({ alertId }) => {
      try {
        await syncAlert(deps, alertId);
      } catch (err) {
        deps.log.warn("job.error", { job: "triage.alert", alertId, retry: isRetryable(err), ...errorFields(err) });
        if (err instanceof UpstreamError && err.retryAfterMs !== undefined) {
          await deps.queue.enqueue("triage.alert", { alertId }, { singletonKey: alertId, startAfterSeconds: Math.ceil(err.retryAfterMs / 1000) });
          return;
        }
        if (isRetryable(err)) throw err;
      }
    },
    "triage.notify": async ({ workspace, channel, userId, text }) => {
      await deps.surfaces.get(workspace)?.notifyUser(channel, userId, text);
    },
    "digest.tick": async () => {
      await runDueDigests(deps);
    },
    dead: async (job) => {
      deps.log.error("job.dead", { data: job.data, error: job.error });
      // A lost draft costs only the LLM's version: the template stays and the item goes on.
      const draft = z.object({ itemId: z.string(), draftId: z.string() }).safeParse(job.data);
      if (draft.success) return abandonLlmDraft(deps, draft.data.itemId, draft.data.draftId, "the LLM draft job gave up after repeated errors (see logs)");
      const parsed = z.object({ itemId: z.string() }).safeParse(job.data);
      if (parsed.success) await failItem(deps, parsed.data.itemId, "gave up after repeated errors (see logs)");
    },
  };
}
