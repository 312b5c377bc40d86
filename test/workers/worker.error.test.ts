/**
 * The Worker entry with a broken environment, called directly (no workerd needed): requests get a
 * 500 that names nothing secret, the log says what is wrong, and a queue batch throws so that
 * Cloudflare retries it once the configuration is fixed.
 */
import type { ExecutionContext, MessageBatch } from "@cloudflare/workers-types";
import { afterEach, describe, expect, it, vi } from "vitest";
import worker, { type WorkerEnv } from "../../src/entry/worker.ts";
import { TEST_ENV } from "../support/harness.ts";

const ctx = { waitUntil: () => {}, passThroughOnException: () => {}, props: {} } as unknown as ExecutionContext;
const jobs = { send: vi.fn(), sendBatch: vi.fn() } as unknown as WorkerEnv["JOBS"];
type CfRequest = Parameters<NonNullable<typeof worker.fetch>>[0];
const request = (path: string) => new Request(`https://worker.test${path}`) as unknown as CfRequest;

afterEach(() => vi.restoreAllMocks());

describe.each([
  ["no database (neither HYPERDRIVE nor DATABASE_URL)", { ...TEST_ENV, JOBS: jobs }, "HYPERDRIVE"],
  ["a CONFIG_FILE path (Workers have no files)", { ...TEST_ENV, JOBS: jobs, DATABASE_URL: "postgres://u@127.0.0.1/db", CONFIG_FILE: "shops.json" }, "CONFIG_JSON"],
  ["CONFIG_JSON that is not JSON", { ...TEST_ENV, JOBS: jobs, DATABASE_URL: "postgres://u@127.0.0.1/db", CONFIG_JSON: "{shops:" }, "CONFIG_JSON"],
  ["no JOBS queue binding", { ...TEST_ENV, DATABASE_URL: "postgres://u@127.0.0.1/db" }, "JOBS"],
  ["half a Slack setup", { JOBS: jobs, DATABASE_URL: "postgres://u@127.0.0.1/db", SLACK_BOT_TOKEN: "xoxb-1" }, "SLACK_SIGNING_SECRET"],
])("with %s", (_name, env, named) => {
  it("answers 500 without details and logs what to fix", async () => {
    const errors: string[] = [];
    vi.spyOn(console, "error").mockImplementation((line: string) => void errors.push(line));
    const res = await worker.fetch(request("/healthz"), env as WorkerEnv, ctx);
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: { code: "CONFIG", message: "the service is not configured (see logs)" } });
    expect(errors.join("\n")).toContain(named);
  });

  it("throws from queue() so the batch is retried, acking and retrying nothing itself", async () => {
    const message = { id: "m1", body: { job: "triage.classify", payload: { itemId: "itm_1" } }, attempts: 1, ack: vi.fn(), retry: vi.fn() };
    const batch = { queue: "reply-triage-jobs", messages: [message] } as unknown as MessageBatch<unknown>;
    await expect(worker.queue(batch, env as WorkerEnv, ctx)).rejects.toThrow(named);
    expect(message.ack).not.toHaveBeenCalled();
    expect(message.retry).not.toHaveBeenCalled();
  });
});
