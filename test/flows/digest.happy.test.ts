/**
 * The daily digest on a seeded day (test/support/seed-day.ts), on PGlite and on the Postgres
 * server: figures checked against SQL written here and against the seed itself, the chart as a
 * real PNG, the Slack external upload and the Lark image card as those APIs take them, and one
 * post per channel and day whatever the number of ticks, retries and instances.
 */
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { digestPosts } from "../../db/schema/index.ts";
import { createLogger } from "../../src/logger.ts";
import { runDueDigests } from "../../src/pipeline/digest-tick.ts";
import { postDigest } from "../../src/pipeline/post-digest.ts";
import { createService, type Service } from "../../src/service.ts";
import { computeDigest } from "../../src/digest/compute.ts";
import { digestSections } from "../../src/digest/sections.ts";
import { BACKENDS } from "../support/databases.ts";
import { startHarness, startVendorMocks, TEST_ENV, type Harness } from "../support/harness.ts";
import { SEED_AS_OF, SEED_DAY, SEED_FROM, SEED_TO, SEED_TZ, seedDay, seedDeadlineCases } from "../support/seed-day.ts";
import { CHAT, createBoundLarkFake, LARK_ENV } from "./lark-support.ts";

const lark = createBoundLarkFake();
const vendors = startVendorMocks(lark.handlers);
afterAll(() => vendors.close());

const DIGEST_ENV = {
  ...LARK_ENV,
  DIGEST_SLACK_CHANNEL: TEST_ENV.SLACK_TRIAGE_CHANNEL,
  DIGEST_LARK_CHAT: CHAT,
  DIGEST_TIME: "09:00",
  DIGEST_TIMEZONE: SEED_TZ,
};

/** Width and height from a PNG's IHDR chunk, after checking the signature. */
function pngSize(bytes: Uint8Array): { width: number; height: number } {
  expect([...bytes.slice(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(new TextDecoder().decode(bytes.slice(12, 16))).toBe("IHDR");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

// The fakes outlive each backend's run: count only calls made since `since`.
const slackDigestsOf = (day: string, since: number) =>
  vendors.slack.callsTo("files.completeUploadExternal").filter((c) => c.at >= since && c.status === 200 && JSON.stringify(c.body).includes(`Daily digest — ${day}`));
const larkDigestsOf = (day: string, since: number) =>
  lark.calls.filter((c) => c.at >= since && c.path === "im.message.create" && c.code === 0 && JSON.stringify(c.body).includes(`Daily digest — ${day}`));

describe.each(BACKENDS)("daily digest on %s", (backend) => {
  let h: Harness;
  let seeded: Awaited<ReturnType<typeof seedDay>>;
  const day = SEED_DAY;
  beforeAll(async () => {
    h = await startHarness(backend, DIGEST_ENV);
    seeded = await seedDay(h.deps.db);
  }, 60_000);
  afterAll(async () => h?.stop());

  const one = async <T>(q: ReturnType<typeof sql>) => {
    const r: unknown = await h.deps.db.execute(q);
    return ((Array.isArray(r) ? r : (r as { rows: unknown[] }).rows) as T[]);
  };

  it("counts the seeded day exactly, as SQL over the stored rows says", async () => {
    const config = h.deps.config.digests.find((d) => d.id === "slack-daily")!;
    const d = await computeDigest(h.deps.db, config, day, SEED_AS_OF);
    const inDay = sql`m.direction = 'inbound' and m.sent_at >= ${SEED_FROM}::timestamptz and m.sent_at < ${SEED_TO}::timestamptz`;

    const [total] = await one<{ n: number }>(sql`select count(*)::int as n from messages m where ${inDay}`);
    expect(d.total.count).toBe(Number(total!.n));
    expect(d.total.count).toBe(9); // nine seeded inside the day, two just outside it
    expect(d.total.prevDay).toBe(2);
    expect(d.total.prevWeek).toBe(1);

    const langs = await one<{ lang: string; n: number }>(
      sql`select coalesce(c.lang, 'unknown') as lang, count(*)::int as n from messages m left join classifications c on c.message_id = m.id where ${inDay} group by 1`,
    );
    expect(Object.fromEntries(d.langs.map((l) => [l.key, l.count]))).toEqual(Object.fromEntries(langs.map((l) => [l.lang, Number(l.n)])));

    const shops = await one<{ name: string; n: number }>(sql`select s.name, count(*)::int as n from messages m join shops s on s.id = m.shop_id where ${inDay} group by 1`);
    expect(Object.fromEntries(d.shopCounts.map((s) => [s.label, s.count]))).toEqual(Object.fromEntries(shops.map((s) => [s.name, Number(s.n)])));

    // Groups follow the item's current intent: the reclassified message counts as pre-sale.
    expect(Object.fromEntries(d.groups.map((g) => [g.key, g.count]))).toEqual({ aftersales: 2, logistics: 2, feedback: 2, price: 1, presale: 1, unclassified: 1 });
    expect(d.groups.find((g) => g.key === "aftersales")).toMatchObject({ prevDay: 1, prevWeek: 0 });
    expect(d.groups.find((g) => g.key === "logistics")).toMatchObject({ prevDay: 1, prevWeek: 1 });
    expect(d.topIntents).toHaveLength(5);

    const [risky] = await one<{ n: number }>(sql`select count(*)::int as n from messages m join classifications c on c.message_id = m.id where ${inDay} and c.risk in ('high', 'critical')`);
    expect(d.highRisk.total).toBe(Number(risky!.n));
    expect(d.highRisk.items.map((i) => [i.risk, i.state, i.claimedBy])).toEqual([["critical", "sent", null], ["high", "claimed", "Ana"]]);

    // SLA: answered after 30 s, 10 min, 20 min and 13 h; unanswered past the deadline (the claimed
    // one: a claim is no response): two; deadline still ahead: two. Dismissed: not due.
    expect(d.sla).toMatchObject({ due: 8, answered: 4, medianSeconds: 600, p90Seconds: 13 * 3600, breached: 3, open: 2, withoutDeadline: 0 });
    // The same from the item columns in SQL (percentile_disc is the nearest-rank percentile).
    const [sla] = await one<{ due: number; answered: number; median: number; p90: number; breached: number; open: number }>(
      sql`select count(*)::int as due, count(ti.first_response_at)::int as answered,
                 percentile_disc(0.5) within group (order by extract(epoch from ti.first_response_at - m.sent_at)::float8) as median,
                 percentile_disc(0.9) within group (order by extract(epoch from ti.first_response_at - m.sent_at)::float8) as p90,
                 (count(*) filter (where coalesce(ti.first_response_at, ${SEED_AS_OF.toISOString()}::timestamptz) > ti.sla_due_at))::int as breached,
                 (count(*) filter (where ti.first_response_at is null and ti.sla_due_at >= ${SEED_AS_OF.toISOString()}::timestamptz))::int as open
          from messages m join triage_items ti on ti.message_id = m.id where ${inDay} and ti.state <> 'dismissed'`,
    );
    expect(d.sla).toMatchObject({
      due: Number(sla!.due), answered: Number(sla!.answered), medianSeconds: Number(sla!.median), p90Seconds: Number(sla!.p90), breached: Number(sla!.breached), open: Number(sla!.open),
    });

    const [decided] = await one<{ approve: number; edit: number; reclassified: number }>(
      sql`select (count(*) filter (where d.action = 'approve'))::int as approve, (count(*) filter (where d.action = 'edit'))::int as edit,
                 count(distinct d.triage_item_id) filter (where d.action = 'reclassify')::int as reclassified
          from decisions d join triage_items ti on ti.id = d.triage_item_id join messages m on m.id = ti.message_id where ${inDay}`,
    );
    expect(d.automation).toMatchObject({ classified: 8, autoReplied: 1, approved: Number(decided!.approve), edited: Number(decided!.edit), reclassified: Number(decided!.reclassified) });
    expect(d.automation.editedRate).toBeCloseTo(1 / 3);
    expect(d.automation.reclassifiedRate).toBeCloseTo(1 / 8);

    expect(d.complaints.total).toBe(3);
    expect(d.complaints.products).toEqual([{ key: "Glow Serum 30ml", label: "Glow Serum 30ml", count: 2 }, { key: "Glow Toner", label: "Glow Toner", count: 1 }]);
    expect(d.complaints.phrases.map((p) => [p.label, p.count])).toEqual([["refund", 2], ["broken", 1], ["want my money back", 1], ["worst service", 1]]);
  });

  it("judges breaches by each item's own deadline, a row without one by the window, and counts only replies as responses", async () => {
    const other = "2026-03-20";
    // Deadlines as the SLA clock would store them for shops with opening hours or a short window.
    await seedDeadlineCases(h.deps.db, seeded.shopA, other, [
      // Replied after 13 h, but the closed hours pushed the deadline to 14 h: no breach.
      { at: "08:00:00", state: "sent", dueAfterHours: 14, repliedAfter: 13 * 3600 },
      // Replied after 2 h against a 1 h window: a breach (a raw 12 h window would miss it).
      { at: "09:00:00", state: "sent", dueAfterHours: 1, repliedAfter: 2 * 3600 },
      // Unanswered, 15 h old at the digest, but due only after the shop reopens: still open.
      { at: "18:00:00", state: "carded", dueAfterHours: 16 },
      // Claimed within 5 min, never answered, deadline past: a breach (a claim is no response).
      { at: "10:00:00", state: "claimed", dueAfterHours: 12, claimedAfter: 300 },
      // From before the SLA clocks (no deadline): judged against the 12 h window from the message.
      { at: "07:00:00", state: "carded", dueAfterHours: null },
      { at: "11:00:00", state: "sent", dueAfterHours: null, repliedAfter: 1800 },
    ]);
    const config = h.deps.config.digests.find((d) => d.id === "slack-daily")!;
    const d = await computeDigest(h.deps.db, config, other, new Date("2026-03-21T01:00:00.000Z"));
    expect(d.sla).toEqual({
      due: 6, answered: 3, medianSeconds: 2 * 3600, p90Seconds: 13 * 3600, breached: 3, open: 1, withoutDeadline: 2, windowHours: { tiktok_shop: 12 },
    });
    const text = digestSections(d).find((s) => s.title === "First response (SLA)")!.lines.join("\n");
    expect(text).toContain("Breaches: 3 (not answered by the reply-by deadline) · still open before the deadline: 1");
    expect(text).toContain("2 without a stored deadline, judged against TikTok Shop 12 h from the message");
  });

  it("posts to Slack once: the chart as a PNG through the external upload, shared into the channel with the digest blocks", async () => {
    const since = Date.now();
    const first = await postDigest(h.deps, "slack-daily", day);
    expect(first.status).toBe("posted");
    const again = await postDigest(h.deps, "slack-daily", day);
    expect(again).toMatchObject({ status: "skipped" });

    const completes = slackDigestsOf(day, since);
    expect(completes).toHaveLength(1);
    const body = completes[0]!.body as { files: { id: string }[]; channel_id: string; blocks: unknown[] };
    expect(completes[0]!.contentType).toBe("application/x-www-form-urlencoded");
    expect(body.channel_id).toBe(TEST_ENV.SLACK_TRIAGE_CHANNEL);
    const file = vendors.slack.files.get(body.files[0]!.id)!;
    expect(file.completed).toBe(true);
    expect(file.contentType).toBe("image/png");
    expect(file.filename).toBe(`digest-${day}.png`);
    const { width, height } = pngSize(file.bytes!);
    expect(width).toBeGreaterThanOrEqual(800);
    expect(width).toBeLessThanOrEqual(3000);
    expect(height).toBeGreaterThanOrEqual(200);
    expect(height).toBeLessThanOrEqual(3000);
    expect(file.bytes!.byteLength).toBeGreaterThan(5_000);
    expect(file.bytes!.byteLength).toBeLessThan(1_000_000);

    const text = JSON.stringify(body.blocks);
    expect(text).toContain(`Daily digest — ${day}`);
    expect(text).toContain("9 buyer messages (+7 (+350%) vs previous day, +8 (+800%) vs a week before)");
    expect(text).toContain("median 10 min · p90 13 h");
    // Names we did not write are escaped for mrkdwn.
    expect(text).toContain("Glow, \\\"ID\\\"");
    const message = vendors.slack.messages(TEST_ENV.SLACK_TRIAGE_CHANNEL).find((m) => m.files?.some((f) => f.id === file.id));
    expect(message).toBeDefined();

    const [row] = await h.deps.db.select().from(digestPosts).where(and(eq(digestPosts.digestId, "slack-daily"), eq(digestPosts.day, day)));
    expect(row).toMatchObject({ status: "posted", surface: "slack", uploadRef: file.id, externalRef: file.id, attempts: 1 });
  });

  it("posts to Lark once: the chart uploaded as a message image and shown in the digest card", async () => {
    const since = Date.now();
    expect((await postDigest(h.deps, "lark-daily", day)).status).toBe("posted");
    expect((await postDigest(h.deps, "lark-daily", day)).status).toBe("skipped");
    const sends = larkDigestsOf(day, since);
    expect(sends).toHaveLength(1);
    const card = JSON.parse(sends[0]!.body!.content as string);
    const img = card.body.elements.find((e: { tag: string }) => e.tag === "img");
    const image = lark.images.get(img.img_key)!;
    expect(image.type).toBe("message");
    pngSize(image.bytes);
    expect(JSON.stringify(card)).toContain("Glow, \\\"ID\\\"");
    const [row] = await h.deps.db.select().from(digestPosts).where(and(eq(digestPosts.digestId, "lark-daily"), eq(digestPosts.day, day)));
    expect(row).toMatchObject({ status: "posted", surface: "lark", externalRef: sends[0] && lark.messages(CHAT).find((m) => m.uuid === row!.id)?.message_id });
  });

  it("a lost Slack answer is found again by its file id after the lease: still one message", async () => {
    const other = "2026-03-09";
    const since = Date.now();
    vendors.slack.loseResponseNext("files.completeUploadExternal");
    const first = await postDigest(h.deps, "slack-daily", other);
    expect(first).toMatchObject({ status: "failed", retry: true });
    // Within the lease nobody else may take it.
    expect((await postDigest(h.deps, "slack-daily", other)).status).toBe("skipped");
    const later = { ...h.deps, now: () => new Date(Date.now() + h.deps.config.jobs.leaseMs + 1000) };
    const retried = await postDigest(later, "slack-daily", other);
    expect(retried.status).toBe("posted");
    expect(vendors.slack.callsTo("files.completeUploadExternal").filter((c) => c.at >= since && JSON.stringify(c.body).includes(`Daily digest — ${other}`))).toHaveLength(1);
    const [row] = await h.deps.db.select().from(digestPosts).where(and(eq(digestPosts.digestId, "slack-daily"), eq(digestPosts.day, other)));
    expect(row).toMatchObject({ status: "posted", attempts: 2 });
  });

  it("the clock posts each digest once after its local time, not before", async () => {
    const target = "2026-03-05";
    const since = Date.now();
    const at = (iso: string) => ({ ...h.deps, now: () => new Date(iso) });
    // 08:59 in Shanghai on the 6th: not yet.
    expect(await runDueDigests(at("2026-03-06T00:59:00Z"))).toEqual([]);
    // Overlapping ticks (a slow one and the next), then one hours later: one post per digest.
    const overlapping = await Promise.all([runDueDigests(at("2026-03-06T01:00:30Z")), runDueDigests(at("2026-03-06T01:00:31Z"))]);
    const later = await runDueDigests(at("2026-03-06T05:00:00Z"));
    expect(later.map((r) => r.outcome.status)).toEqual(["skipped", "skipped"]);
    const posted = [...overlapping.flat(), ...later].filter((r) => r.outcome.status === "posted");
    expect(posted.map((r) => r.digestId).sort()).toEqual(["lark-daily", "slack-daily"]);
    expect(posted.every((r) => r.day === target)).toBe(true);
    expect(slackDigestsOf(target, since)).toHaveLength(1);
    expect(larkDigestsOf(target, since)).toHaveLength(1);
  });

  it("the digest clock is a pg-boss schedule, every minute", async () => {
    const rows = await one<{ name: string; cron: string; timezone: string }>(sql`select name, cron, timezone from pgboss.schedule where name = 'digest.tick'`);
    expect(rows).toEqual([{ name: "digest.tick", cron: "* * * * *", timezone: "UTC" }]);
  });
});

describe.skipIf(!BACKENDS.includes("postgres" as never))("daily digest with two instances on one Postgres server", () => {
  let a: Harness;
  let b: Service;
  beforeAll(async () => {
    a = await startHarness("postgres", DIGEST_ENV);
    await seedDay(a.deps.db);
    // A second service on the same database: its own pool, job engine and surfaces.
    b = await createService({ config: a.deps.config, log: createLogger("error", () => {}) });
  }, 60_000);
  afterAll(async () => {
    await b?.stop();
    await a?.stop();
  });

  it("posts the digest exactly once while both tick at the same moments", async () => {
    const day = "2026-03-10";
    const since = Date.now();
    const at = (deps: Harness["deps"], iso: string) => ({ ...deps, now: () => new Date(iso) });
    // Both instances fire the same minute's tick at once (twice each, as a retried job would)…
    const ticks = ["2026-03-11T01:00:05Z", "2026-03-11T01:00:05.500Z"];
    const results = await Promise.all(ticks.flatMap((t) => [runDueDigests(at(a.deps, t)), runDueDigests(at(b.deps, t))]));
    // …and the next minute's, after the post.
    const next = await Promise.all([runDueDigests(at(a.deps, "2026-03-11T01:01:05Z")), runDueDigests(at(b.deps, "2026-03-11T01:01:05Z"))]);
    expect(next.flat().map((r) => r.outcome.status)).toEqual(["skipped", "skipped", "skipped", "skipped"]);
    const posted = results.flat().filter((r) => r.outcome.status === "posted");
    expect(posted.map((r) => r.digestId).sort()).toEqual(["lark-daily", "slack-daily"]);
    expect(slackDigestsOf(day, since)).toHaveLength(1);
    expect(larkDigestsOf(day, since)).toHaveLength(1);
    const rows = await a.deps.db.select().from(digestPosts).where(eq(digestPosts.day, day));
    expect(rows.map((r) => [r.digestId, r.status])).toEqual(expect.arrayContaining([["slack-daily", "posted"], ["lark-daily", "posted"]]));
    expect(rows).toHaveLength(2);
  });
});
