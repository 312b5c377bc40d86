/**
 * The JobQueue port on Cloudflare Queues (adapters/queue/cf-queue.ts) against a fake Queue binding
 * and fake message batches: outbox buffering until nudge, direct sends, delays, and the consumer's
 * retry / backoff / dead-letter decisions. Runs in Node: the adapter uses no Workers globals.
 */
import type { Message, MessageSendRequest, QueueRetryOptions } from "@cloudflare/workers-types";
import { describe, expect, it, vi } from "vitest";
import { backoffSeconds, consumeJobs, createCfQueue, MAX_DELAY_SECONDS, type JobMessage, type JobsBinding } from "../../adapters/queue/cf-queue.ts";
import type { JobHandlers } from "../../adapters/queue/pg-boss-queue.ts";
import type { Executor } from "../../db/client.ts";
import { UpstreamError, ValidationError } from "../../src/errors.ts";
import { createLogger } from "../../src/logger.ts";

/** Stands in for a drizzle transaction: the Queues adapter only checks that one was given. */
const TX = {} as Executor;

function fakeBinding(opts: { failBatch?: boolean } = {}) {
  const sent: { body: JobMessage; delaySeconds?: number; contentType?: string }[] = [];
  const batches: MessageSendRequest<JobMessage>[][] = [];
  const binding: JobsBinding = {
    async send(body, o) {
      sent.push({ body, delaySeconds: o?.delaySeconds, contentType: o?.contentType });
      return { metadata: { metrics: { backlogCount: 0, backlogBytes: 0 } } };
    },
    async sendBatch(messages) {
      if (opts.failBatch) throw new Error("queue unavailable");
      batches.push([...messages]);
      return { metadata: { metrics: { backlogCount: 0, backlogBytes: 0 } } };
    },
  };
  return { binding, sent, batches };
}

function setup(opts: { failBatch?: boolean } = {}) {
  const fake = fakeBinding(opts);
  const waited: Promise<unknown>[] = [];
  const lines: string[] = [];
  const log = createLogger("debug", (l) => lines.push(l));
  const queue = createCfQueue({ binding: fake.binding, waitUntil: (p) => waited.push(p), log });
  return { ...fake, queue, waited, lines };
}

describe("createCfQueue (producer)", () => {
  it("buffers enqueues made inside a transaction and sends them in one batch, within waitUntil, on nudge", async () => {
    const { queue, sent, batches, waited } = setup();
    await queue.enqueue("triage.send", { itemId: "itm_1" }, { tx: TX });
    await queue.enqueue("triage.card-update", { itemId: "itm_1" }, { tx: TX, singletonKey: "itm_1" });
    expect(batches).toEqual([]); // nothing leaves before the commit

    queue.nudge();
    expect(waited).toHaveLength(1);
    await Promise.all(waited);
    expect(sent).toEqual([]);
    expect(batches).toEqual([
      [
        { body: { job: "triage.send", payload: { itemId: "itm_1" }, key: undefined }, contentType: "json", delaySeconds: undefined },
        { body: { job: "triage.card-update", payload: { itemId: "itm_1" }, key: "itm_1" }, contentType: "json", delaySeconds: undefined },
      ],
    ]);

    queue.nudge(); // the buffer is empty again: no second batch, no extra waitUntil
    expect(waited).toHaveLength(1);
    expect(batches).toHaveLength(1);
  });

  it("sends directly without a transaction, turning startAfterSeconds into delaySeconds (whole, capped at 12 h)", async () => {
    const { queue, sent, batches } = setup();
    await queue.enqueue("triage.classify", { itemId: "itm_2" });
    await queue.enqueue("triage.send", { itemId: "itm_2" }, { startAfterSeconds: 7.2 });
    await queue.enqueue("triage.send", { itemId: "itm_3" }, { startAfterSeconds: 999_999 });
    expect(sent).toEqual([
      { body: { job: "triage.classify", payload: { itemId: "itm_2" }, key: undefined }, delaySeconds: undefined, contentType: "json" },
      { body: { job: "triage.send", payload: { itemId: "itm_2" }, key: undefined }, delaySeconds: 8, contentType: "json" },
      { body: { job: "triage.send", payload: { itemId: "itm_3" }, key: undefined }, delaySeconds: MAX_DELAY_SECONDS, contentType: "json" },
    ]);
    expect(batches).toEqual([]);
  });

  it("keeps the delay of a buffered message", async () => {
    const { queue, batches } = setup();
    await queue.enqueue("triage.send", { itemId: "itm_4" }, { tx: TX, startAfterSeconds: 30 });
    await queue.flush();
    expect(batches[0]?.[0]?.delaySeconds).toBe(30);
  });

  it("validates payloads against the job catalog before buffering", async () => {
    const { queue, batches } = setup();
    await expect(queue.enqueue("triage.send", { itemId: "not-an-item" }, { tx: TX })).rejects.toThrow();
    await queue.flush();
    expect(batches).toEqual([]);
  });

  it("splits a large buffer into batches of at most 100 (the sendBatch limit)", async () => {
    const { queue, batches } = setup();
    for (let i = 0; i < 230; i++) await queue.enqueue("triage.classify", { itemId: `itm_${i}` }, { tx: TX });
    await queue.flush();
    expect(batches.map((b) => b.length)).toEqual([100, 100, 30]);
  });

  it("flush sends what no nudge followed and waits for sends in flight", async () => {
    const { queue, batches } = setup();
    await queue.enqueue("triage.card-update", { itemId: "itm_5" }, { tx: TX, singletonKey: "itm_5" });
    await queue.flush();
    expect(batches).toHaveLength(1);
  });

  it("logs a failed batch send instead of failing the committed request (the sweep recovers)", async () => {
    const { queue, waited, lines } = setup({ failBatch: true });
    await queue.enqueue("triage.classify", { itemId: "itm_6" }, { tx: TX });
    queue.nudge();
    await expect(Promise.all(waited)).resolves.toBeDefined();
    expect(lines.some((l) => l.includes('"msg":"queue.send_failed"') && l.includes("triage.classify"))).toBe(true);
  });

  it("refuses to poll: on Workers the queue() export consumes", async () => {
    const { queue } = setup();
    await expect(queue.work({} as JobHandlers, { pollSeconds: 1 })).rejects.toThrow(/queue\(\) handler/);
  });
});

type FakeMessage = Message<unknown> & { outcome: () => "ack" | { retry: QueueRetryOptions | undefined } | "pending" };

function message(body: unknown, attempts = 1, id = `m${Math.random()}`): FakeMessage {
  let outcome: "ack" | { retry: QueueRetryOptions | undefined } | "pending" = "pending";
  return {
    id,
    timestamp: new Date(),
    body,
    attempts,
    ack: () => void (outcome = "ack"),
    retry: (o?: QueueRetryOptions) => void (outcome = { retry: o }),
    outcome: () => outcome,
  };
}

function handlers(overrides: Partial<JobHandlers> = {}) {
  const calls: { job: string; payload: unknown; retryCount?: number }[] = [];
  const dead: { name: string; data: unknown; error: unknown }[] = [];
  const record = (job: string) => async (payload: unknown, meta: { retryCount: number }) => void calls.push({ job, payload, retryCount: meta.retryCount });
  const h: JobHandlers = {
    "triage.classify": record("triage.classify"),
    "triage.card": record("triage.card"),
    "triage.draft": record("triage.draft"),
    "triage.card-update": record("triage.card-update"),
    "triage.send": record("triage.send"),
    "triage.notify": record("triage.notify"),
    "digest.tick": record("digest.tick"),
    "triage.alert": record("triage.alert"),
    "triage.sla": record("triage.sla"),
    dead: async (job) => void dead.push(job),
    ...overrides,
  };
  return { h, calls, dead };
}

const log = createLogger("error", () => {});
const consume = (messages: FakeMessage[], h: JobHandlers, deadLetter = false) =>
  consumeJobs({ messages, queue: deadLetter ? "reply-triage-jobs-dlq" : "reply-triage-jobs" }, h, { log, deadLetter });

describe("consumeJobs (consumer)", () => {
  it("runs each message's handler with its parsed payload and retry count, and acks it", async () => {
    const { h, calls } = handlers();
    const m = message({ job: "triage.classify", payload: { itemId: "itm_1" } }, 3);
    await consume([m], h);
    expect(calls).toEqual([{ job: "triage.classify", payload: { itemId: "itm_1" }, retryCount: 2 }]);
    expect(m.outcome()).toBe("ack");
  });

  it("retries a retryable failure with pg-boss's exponential backoff", async () => {
    const { h } = handlers({ "triage.send": async () => Promise.reject(new UpstreamError("tiktok_shop", "502", { status: 502 })) });
    const first = message({ job: "triage.send", payload: { itemId: "itm_1" } }, 1);
    const third = message({ job: "triage.send", payload: { itemId: "itm_2" } }, 3);
    await consume([first, third], h);
    // triage.send: retryDelay 3 s → 3, 6, 12, …
    expect(first.outcome()).toEqual({ retry: { delaySeconds: 3 } });
    expect(third.outcome()).toEqual({ retry: { delaySeconds: 12 } });
  });

  it("hands a job to the dead handler once its catalog retryLimit is spent, then acks", async () => {
    const err = new UpstreamError("slack", "503", { status: 503 });
    const { h, dead } = handlers({ "triage.card": async () => Promise.reject(err) });
    const lastTry = message({ job: "triage.card", payload: { itemId: "itm_9" } }, 9); // retryLimit 8 → 9th attempt is the last
    const notYet = message({ job: "triage.card", payload: { itemId: "itm_8" } }, 8);
    await consume([lastTry, notYet], h);
    expect(dead).toEqual([{ name: "triage.card", data: { itemId: "itm_9" }, error: err.message }]);
    expect(lastTry.outcome()).toBe("ack");
    expect(notYet.outcome()).toEqual({ retry: { delaySeconds: backoffSeconds(2, 8) } });
  });

  it("acks a permanent failure (no retry can help)", async () => {
    const { h, dead } = handlers({ "triage.notify": async () => Promise.reject(new ValidationError("channel_not_found")) });
    const m = message({ job: "triage.notify", payload: { workspace: "default", channel: "C1", userId: "U1", text: "hi" } });
    await consume([m], h);
    expect(m.outcome()).toBe("ack");
    expect(dead).toEqual([]);
  });

  it.each([
    ["not an object", "hello"],
    ["an unknown job", { job: "triage.unknown", payload: { itemId: "itm_1" } }],
    ["a payload the catalog rejects", { job: "triage.send", payload: { itemId: 42 } }],
  ])("drops (acks) %s without running anything", async (_name, body) => {
    const { h, calls, dead } = handlers();
    const m = message(body);
    await consume([m], h);
    expect(m.outcome()).toBe("ack");
    expect(calls).toEqual([]);
    expect(dead).toEqual([]);
  });

  it("runs a singleton-keyed job once per batch", async () => {
    const { h, calls } = handlers();
    const a = message({ job: "triage.card-update", payload: { itemId: "itm_1" }, key: "itm_1" });
    const b = message({ job: "triage.card-update", payload: { itemId: "itm_1" }, key: "itm_1" });
    const other = message({ job: "triage.card-update", payload: { itemId: "itm_2" }, key: "itm_2" });
    await consume([a, b, other], h);
    expect(calls.map((c) => c.payload)).toEqual([{ itemId: "itm_1" }, { itemId: "itm_2" }]);
    expect([a.outcome(), b.outcome(), other.outcome()]).toEqual(["ack", "ack", "ack"]);
  });

  it("sends dead-letter-queue messages to the dead handler", async () => {
    const { h, calls, dead } = handlers();
    const m = message({ job: "triage.send", payload: { itemId: "itm_7" } }, 1);
    await consume([m], h, true);
    expect(calls).toEqual([]);
    expect(dead).toEqual([{ name: "triage.send", data: { itemId: "itm_7" }, error: "retries exhausted on the queue (dead-letter queue)" }]);
    expect(m.outcome()).toBe("ack");
  });

  it("retries a dead-letter message whose dead handler fails (the item must still be marked failed)", async () => {
    const { h } = handlers({ dead: vi.fn(async () => Promise.reject(new Error("db down"))) });
    const m = message({ job: "triage.send", payload: { itemId: "itm_7" } }, 2);
    await consume([m], h, true);
    expect(m.outcome()).toEqual({ retry: { delaySeconds: backoffSeconds(3, 2) } });
  });

  it("caps backoff at the 12 h Queues limit", () => {
    expect(backoffSeconds(2, 1)).toBe(2);
    expect(backoffSeconds(2, 4)).toBe(16);
    expect(backoffSeconds(3, 40)).toBe(MAX_DELAY_SECONDS);
  });
});
