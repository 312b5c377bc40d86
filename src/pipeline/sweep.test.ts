import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../db/client.ts";
import { migrate } from "../../db/migrate.ts";
import { conversations, messages, outboundReplies, shops, triageItems } from "../../db/schema/index.ts";
import type { JobQueue } from "../../adapters/queue/pg-boss-queue.ts";
import { buildConfig } from "../config.ts";
import type { Deps } from "../deps.ts";
import { parseEnv } from "../env.ts";
import { createLogger } from "../logger.ts";
import type { ChatSurface, TriageState } from "../ports.ts";
import { sweepStuckItems } from "./sweep.ts";

describe("sweepStuckItems", () => {
  let database: Database;
  const enqueued: { name: string; itemId: string }[] = [];
  const queue = { enqueue: async (name: string, p: { itemId: string }) => void enqueued.push({ name, itemId: p.itemId }), nudge() {} } as unknown as JobQueue;
  const deps = (surfaces: number): Deps =>
    ({
      db: database.db,
      queue,
      config: buildConfig(parseEnv({})),
      surfaces: new Map(Array.from({ length: surfaces }, (_, i) => [`w${i}`, {} as ChatSurface])),
      log: createLogger("error"),
      now: () => new Date(),
    }) as unknown as Deps;

  beforeAll(async () => {
    database = await openDatabase({ dataDir: "memory://" });
    await migrate(database, fileURLToPath(new URL("../../db/migrations", import.meta.url)));
    const old = new Date(Date.now() - 10 * 60_000);
    await database.db.insert(shops).values({ id: "shp_1", platform: "tiktok_shop", externalId: "1", name: "S" });
    await database.db.insert(conversations).values({ id: "cnv_1", shopId: "shp_1", externalId: "c1" });
    const states: [string, TriageState, Date][] = [
      ["itm_received", "received", old],
      ["itm_classified", "classified", old],
      ["itm_approved", "approved", old],
      ["itm_sending", "sending", old],
      ["itm_carded", "carded", old],
      ["itm_sent", "sent", old],
      ["itm_fresh", "received", new Date()],
    ];
    for (const [id, state, updatedAt] of states) {
      await database.db.insert(messages).values({ id: `msg_${id}`, shopId: "shp_1", conversationId: "cnv_1", externalId: id, direction: "inbound", senderRole: "BUYER", type: "TEXT", text: "hi", sentAt: old });
      await database.db.insert(triageItems).values({ id, messageId: `msg_${id}`, shopId: "shp_1", conversationId: "cnv_1", state, updatedAt });
    }
    await database.db.insert(outboundReplies).values({ id: "rep_1", triageItemId: "itm_sent", shopId: "shp_1", conversationExternalId: "c1", text: "x", status: "sent" });
  });
  afterAll(async () => database?.close());

  it("gives every item stuck in a working state its next job, and leaves settled and fresh ones alone", async () => {
    enqueued.length = 0;
    expect(await sweepStuckItems(deps(1), 60_000)).toBe(4);
    expect(enqueued.sort((a, b) => a.itemId.localeCompare(b.itemId))).toEqual([
      { name: "triage.send", itemId: "itm_approved" },
      { name: "triage.card", itemId: "itm_classified" },
      { name: "triage.classify", itemId: "itm_received" },
      { name: "triage.send", itemId: "itm_sending" },
    ]);
  });

  it("asks again for an LLM draft whose job was lost (Approve waits for it), not for settled drafts", async () => {
    const old = new Date(Date.now() - 10 * 60_000);
    const rows: [string, TriageState, Record<string, unknown>][] = [
      ["itm_draft_lost", "carded", { status: "pending", id: "drf_lost", requestedAt: old.toISOString() }],
      ["itm_draft_ready", "carded", { status: "fallback", id: "drf_done", reason: "timeout" }],
      ["itm_draft_dismissed", "dismissed", { status: "pending", id: "drf_gone", requestedAt: old.toISOString() }],
    ];
    for (const [id, state, llmDraft] of rows) {
      await database.db.insert(messages).values({ id: `msg_${id}`, shopId: "shp_1", conversationId: "cnv_1", externalId: id, direction: "inbound", senderRole: "BUYER", type: "TEXT", text: "hi", sentAt: old });
      await database.db.insert(triageItems).values({ id, messageId: `msg_${id}`, shopId: "shp_1", conversationId: "cnv_1", state, updatedAt: old, llmDraft: llmDraft as never });
    }
    enqueued.length = 0;
    const drafts: unknown[] = [];
    const q = { enqueue: async (name: string, p: { itemId: string; draftId?: string }) => void (name === "triage.draft" ? drafts.push(p) : enqueued.push({ name, itemId: p.itemId })), nudge() {} };
    await sweepStuckItems({ ...deps(1), queue: q as unknown as JobQueue }, 60_000);
    expect(drafts).toEqual([{ itemId: "itm_draft_lost", draftId: "drf_lost" }]);
  });

  it("leaves classified items alone when no chat surface is configured", async () => {
    enqueued.length = 0;
    await sweepStuckItems(deps(0), 60_000);
    expect(enqueued.map((e) => e.itemId)).not.toContain("itm_classified");
  });
});
