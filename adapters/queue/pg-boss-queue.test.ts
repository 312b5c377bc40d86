import { afterAll, describe, expect, it } from "vitest";
import { openDatabase, type RawSql } from "../../db/client.ts";
import { JOB_NAMES } from "../../handlers/jobs/catalog.ts";
import { createLogger } from "../../src/logger.ts";
import { BACKENDS, createScratchDatabase } from "../../test/support/databases.ts";
import { createPgBossQueue, type JobHandlers } from "./pg-boss-queue.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const drops: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const drop of drops) await drop();
});

describe.each(BACKENDS)("pg-boss queue on %s", (backend) => {
  it("stop() waits for a job whose fetch was in flight, so nothing touches the database after it closes", async () => {
    let url: string | undefined;
    if (backend === "postgres") {
      const scratch = await createScratchDatabase();
      drops.push(scratch.drop);
      url = scratch.url;
    }
    const database = await openDatabase({ url, dataDir: "memory://" });
    // The database as pg-boss sees it: job fetches are slowed so that stop() is called while one
    // is still in flight (the race pg-boss's own stop() does not wait for), and any query that
    // starts after the database is closed is recorded.
    let closed = false;
    const afterClose: string[] = [];
    const raw: RawSql = {
      async executeSql(text, values) {
        if (/skip locked/i.test(text) && !closed) await sleep(300);
        if (closed) afterClose.push(text.slice(0, 60));
        return database.raw.executeSql(text, values);
      },
    };
    const queue = await createPgBossQueue(raw, createLogger("error", () => {}));
    const handled: string[] = [];
    const noop = async () => {};
    const handlers = Object.fromEntries(JOB_NAMES.map((name) => [name, noop])) as unknown as JobHandlers;
    handlers["triage.classify"] = async ({ itemId }) => {
      await sleep(100); // the handler outlives pg-boss's stop()
      await database.raw.executeSql("select 1");
      handled.push(itemId);
    };
    handlers.dead = noop;
    await queue.work(handlers, { pollSeconds: 0.5, concurrency: 1 });
    await sleep(400); // let the first empty polls pass
    await queue.enqueue("triage.classify", { itemId: "itm_inflight" });
    queue.nudge(); // the fetch that will find the job starts now and takes 300 ms
    await sleep(20);
    await queue.stop();
    await database.close();
    closed = true;
    await sleep(600);
    expect(afterClose).toEqual([]);
    // Whether the in-flight fetch got the job or not, it either ran to the end before stop()
    // returned or stays queued for the next start: never half-run against a closed pool.
    expect(handled.length === 0 || handled[0] === "itm_inflight").toBe(true);
  }, 60_000);
});
