/**
 * Durability, for real: the service runs as a CHILD PROCESS on a scratch database of the Postgres
 * server, talking over real HTTP to the Slack and TikTok fakes served from this process. A burst
 * of signed NEW_MESSAGE webhooks comes in, cards are approved as they appear, and the service is
 * SIGKILLed while a card post and a reply send are in flight (the fakes are slow on purpose, and
 * part of that latency comes AFTER the fake has acted: the call took effect, the answer never
 * arrives). A second process on the same database must then finish everything with nothing lost
 * and nothing done twice: one stored message per webhook, one Slack card per item, one TikTok
 * reply per approved item, one decision per click.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from "vitest";
import { buildNewMessageWebhook, signTikTokWebhook } from "../msw/tiktok.ts";
import { signSlackRequest } from "../msw/slack.ts";
import { postgresAvailable } from "../support/databases.ts";
import { click, TEST_ENV } from "../support/harness.ts";
import type { VendorRequestInfo, VendorServer } from "../support/vendor-server.ts";
import { freePort, startOutOfProcessWorld, type OutOfProcessWorld } from "../support/out-of-process.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const CHANNEL = TEST_ENV.SLACK_TRIAGE_CHANNEL;
const MESSAGES = 30;
/** Of which the last few are delivered just as the service is killed. */
const LATE_WEBHOOKS = 5;
/**
 * Short enough to recover within seconds, long enough that no LIVE worker is overtaken: a card
 * claim is taken before the Slack client's per-channel pacing (1 post/s, 4 card jobs at once), so
 * a claim can legitimately wait ~4-5 s before its post, longer on a loaded machine. With 3 s the
 * sweeper takes over posts still waiting their turn and Slack gets a second card (this test
 * caught exactly that when it ran with 3 s).
 */
const LEASE_MS = 10_000;
const SWEEP_MS = 1_000;
/** Kill once this many cards exist, at a moment when a card post and a reply send are both in flight. */
const KILL_AFTER_CARDS = 6;

const BUYER_TEXTS = [
  "Hi, is the pink one still in stock? I need size M",
  "how long does delivery take to Manila?",
  "do you have this in black?",
  "can I get a discount if I buy 3?",
  "what is the price of the blue bag?",
  "is this product original?",
  "how much is shipping to Jakarta?",
  "which size should I get, I am 165cm 55kg",
];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Run = { child: ChildProcess; port: number; base: string; logs: string[]; exited: Promise<void> };

describe.skipIf(!(await postgresAvailable()))("crash recovery: SIGKILL mid-flight on the Postgres server", () => {
  let vendors: VendorServer;
  let slack: OutOfProcessWorld["slack"];
  let tiktok: OutOfProcessWorld["tiktok"];
  let scratch: OutOfProcessWorld["scratch"];
  let sql: OutOfProcessWorld["sql"];
  let world: OutOfProcessWorld;
  const runs: Run[] = [];

  beforeAll(async () => {
    world = await startOutOfProcessWorld({ channels: [CHANNEL] });
    ({ vendors, slack, tiktok, scratch, sql } = world);
  });

  afterAll(async () => {
    for (const run of runs) {
      if (run.child.exitCode === null && run.child.signalCode === null) run.child.kill("SIGKILL");
      await Promise.race([run.exited, sleep(5_000)]);
    }
    await world?.close();
  });

  /** `node --import tsx src/entry/node.ts`, exactly as `npm start` runs it, configured by env only. */
  async function startService(label: string): Promise<Run> {
    const port = await freePort();
    const child = spawn(process.execPath, ["--import", "tsx", "src/entry/node.ts"], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        TZ: "UTC",
        ...TEST_ENV,
        SLACK_API_URL: `${vendors.url}/api`,
        TIKTOK_SHOP_API_URL: vendors.url,
        DATABASE_URL: scratch.url,
        PORT: String(port),
        HOST: "127.0.0.1",
        LOG_LEVEL: "info",
        JOBS_LEASE_MS: String(LEASE_MS),
        JOBS_SWEEP_MS: String(SWEEP_MS),
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const logs: string[] = [];
    const collect = (stream: NodeJS.ReadableStream | null) => {
      let rest = "";
      stream?.setEncoding("utf8");
      stream?.on("data", (chunk: string) => {
        const lines = (rest + chunk).split("\n");
        rest = lines.pop() ?? "";
        for (const l of lines) if (l) logs.push(`[${label}] ${l}`);
      });
    };
    collect(child.stdout);
    collect(child.stderr);
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    const run: Run = { child, port, base: `http://127.0.0.1:${port}`, logs, exited };
    runs.push(run);
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`${label} exited with ${child.exitCode}:\n${logs.join("\n")}`);
      const ok = await fetch(`${run.base}/healthz`).then((r) => r.ok, () => false);
      if (ok) return run;
      await sleep(100);
    }
    throw new Error(`${label} never answered /healthz:\n${logs.join("\n")}`);
  }

  async function kill(run: Run): Promise<void> {
    run.child.kill("SIGKILL");
    await run.exited;
    expect(run.child.signalCode).toBe("SIGKILL");
  }

  it("loses no message and duplicates no card, reply or decision across a SIGKILL and restart", async () => {
    onTestFailed(() => {
      for (const run of runs) console.log(run.logs.slice(-120).join("\n"));
    });
    const t0 = Date.now();

    // Latency on both vendors, part of it after the fake has acted (the call took effect, the
    // answer is still on its way), so a kill lands mid-call with either outcome.
    slack.setLatency(150);
    vendors.setDelay((r) =>
      r.path.startsWith("/api/chat.postMessage") ? { afterMs: 350 } : r.path.startsWith("/customer_service/") && r.method === "POST" ? { beforeMs: 300, afterMs: 500 } : null,
    );
    const postingCard = (r: { path: string }) => r.path.startsWith("/api/chat.postMessage");
    const sendingReply = (r: { path: string; method: string }) => r.method === "POST" && r.path.startsWith("/customer_service/");

    let run = await startService("run1");

    // ── the burst: signed NEW_MESSAGE webhooks, each its own conversation; the last few are held
    // back and fired just as the service is killed ──
    const webhooks = await Promise.all(
      Array.from({ length: MESSAGES }, async (_, i) => {
        const tag = `${t0 % 1e8}${String(i).padStart(3, "0")}`;
        const body = JSON.stringify(
          buildNewMessageWebhook({
            tts_notification_id: `73271123930${tag}`,
            timestamp: Math.floor(Date.now() / 1000),
            data: { message_id: `74377669394${tag}`, conversation_id: `57646958943${tag}`, create_time: Math.floor(Date.now() / 1000) },
            text: `${BUYER_TEXTS[i % BUYER_TEXTS.length]} (#${i})`,
          }),
        );
        const authorization = await signTikTokWebhook(body, TEST_ENV.TIKTOK_SHOP_APP_KEY, TEST_ENV.TIKTOK_SHOP_APP_SECRET);
        return { messageId: `74377669394${tag}`, body, authorization, acked: false };
      }),
    );
    const deliver = async (base: string, w: (typeof webhooks)[number]) => {
      const res = await fetch(`${base}/webhooks/tiktok-shop`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: w.authorization },
        body: w.body,
      }).catch(() => null);
      if (!res) return { status: 0, outcome: undefined };
      const json = (await res.json().catch(() => ({}))) as { outcome?: string };
      if (res.status === 200) w.acked = true;
      return { status: res.status, outcome: json.outcome };
    };
    const burst = webhooks.slice(0, MESSAGES - LATE_WEBHOOKS);
    const first = await Promise.all(burst.map((w) => deliver(run.base, w)));
    expect(first.map((r) => r.outcome)).toEqual(burst.map(() => "accepted"));

    // ── the clicker: approves two of every three cards as they appear ──
    type Click = { itemId: string; raw: string; state: "pending" | "acked" | "failed" };
    const clicks = new Map<string, Click>();
    const seenCards = new Set<string>();
    let target: string | null = run.base;
    let clicking = true;
    const postClick = async (c: Click, base: string) => {
      const ts = Math.floor(Date.now() / 1000);
      const res = await fetch(`${base}/slack/events`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", ...(await signSlackRequest(c.raw, TEST_ENV.SLACK_SIGNING_SECRET, ts)) },
        body: c.raw,
      }).catch(() => null);
      c.state = res?.status === 200 ? "acked" : "failed";
    };
    const clicker = (async () => {
      while (clicking) {
        const base = target;
        if (base) {
          const batch: Promise<void>[] = [];
          // Cards the service has recorded as posted, in posting order. (A card that is in Slack but
          // not yet recorded would refuse the click: "Already handled: this item is classified".)
          const cards = await sql<{ itemId: string; channel: string; ts: string }[]>`
            select triage_item_id as "itemId", channel, external_ref as ts from cards
            where status = 'posted' and surface = 'slack' and external_ref is not null order by updated_at, id`.catch(() => []);
          for (const card of cards) {
            const itemId = card.itemId;
            if (seenCards.has(itemId)) continue;
            seenCards.add(itemId);
            if (seenCards.size % 3 === 0) continue; // left alone: not every card gets approved
            const c: Click = { itemId, raw: click("approve", itemId, { channel: card.channel, ts: card.ts }, "U0APPROVER"), state: "pending" };
            clicks.set(itemId, c);
            batch.push(postClick(c, base));
          }
          // A click that got no answer (the service died under it) is clicked again, as the same payload.
          for (const c of clicks.values()) if (c.state === "failed") batch.push(postClick(c, base));
          await Promise.all(batch);
        }
        await sleep(100);
      }
    })();

    // ── SIGKILL, mid-call: preferably while Slack has posted a card and TikTok has taken a reply
    // whose answers are still on the wire, at least while one of them is ──
    const waitFor = async (check: () => boolean, ms: number) => {
      const deadline = Date.now() + ms;
      while (Date.now() < deadline && !check()) await sleep(5);
      return check();
    };
    const acted = (what: (r: VendorRequestInfo) => boolean) => vendors.inFlight((r) => what(r) && r.phase === "after");
    expect(await waitFor(() => seenCards.size >= KILL_AFTER_CARDS && tiktok.sent.length >= 1, 45_000)).toBe(true);
    (await waitFor(() => acted(postingCard) > 0 && acted(sendingReply) > 0, 4_000)) ||
      (await waitFor(() => acted(postingCard) + acted(sendingReply) > 0, 10_000));
    const atKill = {
      cardPosts: vendors.inFlight(postingCard),
      cardPostsActed: acted(postingCard),
      sends: vendors.inFlight(sendingReply),
      sendsActed: acted(sendingReply),
    };
    const killedAt = Date.now() - t0;
    target = null;
    const late = Promise.all(webhooks.slice(MESSAGES - LATE_WEBHOOKS).map((w) => deliver(run.base, w)));
    await sleep(30);
    await kill(run);
    const lateResults = await late;
    // Let the calls that were in flight finish on the vendors' side: they take effect, unanswered.
    await waitFor(() => vendors.inFlight() === 0, 5_000);
    const [before] = await sql<{ uncarded: number; posting: number; unsent: number }[]>`select
        (select count(*)::int from triage_items where state in ('received', 'classified')) as uncarded,
        (select count(*)::int from cards where status = 'posting') as posting,
        (select count(*)::int from outbound_replies where status in ('pending', 'sending')) as unsent`;
    // Work the vendors did that the dead service never heard about: the cases recovery must not repeat.
    const recordedCards = new Set((await sql<{ id: string }[]>`select triage_item_id as id from cards where status = 'posted' and surface = 'slack'`).map((r) => r.id));
    const orphanCards = slack.messages(CHANNEL).filter((m) => !recordedCards.has(String(m.metadata?.event_payload.item_id))).length;
    const recordedSends = new Set((await sql<{ id: string }[]>`select external_message_id as id from outbound_replies where status = 'sent'`).map((r) => r.id));
    const orphanSends = tiktok.sent.filter((s) => !recordedSends.has(s.messageId)).length;
    expect(orphanCards + orphanSends).toBeGreaterThan(0);

    // ── restart on the same database; TikTok redelivers every webhook (it got no ack for some) ──
    run = await startService("run2");
    const restartedAt = Date.now() - t0;
    const acked = webhooks.map((w) => w.acked);
    const redelivered = await Promise.all(webhooks.map((w) => deliver(run.base, w)));
    expect(redelivered.map((r) => r.status)).toEqual(webhooks.map(() => 200));
    // Acknowledged before the kill: stored, so a duplicate now. Not acknowledged: stored or not, never twice.
    redelivered.forEach((r, i) => expect(acked[i] ? ["duplicate"] : ["accepted", "duplicate"]).toContain(r.outcome));
    target = run.base;

    // ── wait until everything is carded and every approved item is sent ──
    const progress = async () => {
      const [s] = await sql<{ items: number; carded: number; unsent: number; failed: number }[]>`select
          (select count(*)::int from triage_items) as items,
          (select count(*)::int from cards where status = 'posted' and surface = 'slack') as carded,
          (select count(*)::int from triage_items where state in ('approved', 'sending')) as unsent,
          (select count(*)::int from triage_items where state = 'failed') as failed`;
      const clicksPending = [...clicks.values()].filter((c) => c.state !== "acked").length;
      const finished = s!.items === MESSAGES && s!.carded === MESSAGES && s!.unsent === 0 && seenCards.size === MESSAGES && clicksPending === 0;
      return { finished, stuck: s!.failed > 0, summary: { ...s!, seenCards: seenCards.size, clicksPending } };
    };
    let state = await progress();
    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline && !state.finished && !state.stuck) {
      await sleep(250);
      state = await progress();
    }
    const doneAt = Date.now() - t0;
    // A little longer than a sweep period, so a straggler (a repeated job, a late takeover) shows up.
    await sleep(1_500);
    clicking = false;
    await clicker;
    expect(state.finished, `not finished: ${JSON.stringify(state.summary)}`).toBe(true);

    // ── every webhook's message stored exactly once ──
    const stored = await sql<{ external_id: string; n: number }[]>`
      select external_id, count(*)::int as n from messages where direction = 'inbound' group by external_id`;
    expect(stored.map((r) => r.external_id).sort()).toEqual(webhooks.map((w) => w.messageId).sort());
    expect(stored.every((r) => r.n === 1)).toBe(true);
    const items = await sql<{ id: string; state: string; suggested_reply: string | null; conversation: string }[]>`
      select i.id, i.state, i.suggested_reply, c.external_id as conversation
      from triage_items i join conversations c on c.id = i.conversation_id`;
    expect(items).toHaveLength(MESSAGES);
    expect(items.filter((i) => !i.suggested_reply)).toEqual([]);

    // ── exactly one card per item in Slack, and it is the one the database points at ──
    const posted = slack.messages(CHANNEL).filter((m) => m.metadata?.event_type === "triage_card");
    const cardsByItem = new Map<string, string[]>();
    for (const m of posted) {
      const id = String(m.metadata!.event_payload.item_id);
      cardsByItem.set(id, [...(cardsByItem.get(id) ?? []), m.ts]);
    }
    const duplicateCards = [...cardsByItem].filter(([, ts]) => ts.length > 1);
    expect(duplicateCards).toEqual([]);
    expect([...cardsByItem.keys()].sort()).toEqual(items.map((i) => i.id).sort());
    const cardRows = await sql<{ triage_item_id: string; status: string; external_ref: string | null }[]>`
      select triage_item_id, status, external_ref from cards where surface = 'slack'`;
    expect(cardRows).toHaveLength(MESSAGES);
    for (const c of cardRows) expect(c).toMatchObject({ status: "posted", external_ref: cardsByItem.get(c.triage_item_id)![0] });
    // Every item is on the local board too, exactly once.
    const boardRows = await sql<{ n: number }[]>`select count(*)::int as n from cards where surface = 'board' and status = 'posted'`;
    expect(boardRows[0]!.n).toBe(MESSAGES);

    // ── decisions: one per approved item, none lost, none doubled ──
    const decisions = await sql<{ triage_item_id: string; action: string; n: number }[]>`
      select triage_item_id, action, count(*)::int as n from decisions group by triage_item_id, action`;
    expect(decisions.filter((d) => d.n > 1)).toEqual([]);
    expect(decisions.every((d) => d.action === "approve")).toBe(true);
    const approved = new Set(decisions.map((d) => d.triage_item_id));
    expect([...approved].sort()).toEqual([...clicks.keys()].sort());
    expect(approved.size).toBe(MESSAGES - Math.floor(MESSAGES / 3));

    // ── replies: each approved item's reply reached TikTok exactly once; nothing else was sent ──
    const byItem = new Map(items.map((i) => [i.id, i]));
    for (const i of items) expect(i.state).toBe(approved.has(i.id) ? "sent" : "carded");
    const replies = await sql<{ triage_item_id: string; status: string; text: string; conversation_external_id: string; external_message_id: string | null; attempts: number }[]>`
      select triage_item_id, status, text, conversation_external_id, external_message_id, attempts from outbound_replies`;
    expect(replies.map((r) => r.triage_item_id).sort()).toEqual([...approved].sort());
    const sentCount = new Map<string, number>();
    for (const s of tiktok.sent) sentCount.set(`${s.conversationId}|${s.text}`, (sentCount.get(`${s.conversationId}|${s.text}`) ?? 0) + 1);
    expect([...sentCount].filter(([, n]) => n !== 1)).toEqual([]);
    expect(tiktok.sent).toHaveLength(approved.size);
    for (const r of replies) {
      const item = byItem.get(r.triage_item_id)!;
      expect(r).toMatchObject({ status: "sent", text: item.suggested_reply, conversation_external_id: item.conversation });
      const delivered = tiktok.sent.find((s) => s.conversationId === r.conversation_external_id && s.text === r.text);
      expect(delivered?.messageId).toBe(r.external_message_id);
    }
    expect(vendors.unhandled).toEqual([]);

    const recoveredCards = run.logs.filter((l) => l.includes('"card.posted"') && l.includes('"recovered":true')).length;
    const reconciled = run.logs.filter((l) => l.includes('"reply.sent"') && l.includes('"reconciled":true')).length;
    console.log(
      `crash-recovery: killed with ${atKill.cardPosts} card post(s) in flight (${atKill.cardPostsActed} already in Slack) and ` +
        `${atKill.sends} send(s) (${atKill.sendsActed} already at TikTok), ${lateResults.filter((r) => r.status === 200).length}/${LATE_WEBHOOKS} late webhooks acked; ` +
        `left ${before!.uncarded} items uncarded, ${before!.posting} cards posting, ${before!.unsent} replies unsent, ` +
        `${orphanCards} card(s) and ${orphanSends} reply(ies) done but unrecorded; after restart ${recoveredCards} card post(s) taken over, ` +
        `${reconciled} reply(ies) reconciled; ${MESSAGES} messages, ${approved.size} replies; killed at ${killedAt} ms, restarted at ${restartedAt} ms, done at ${doneAt} ms`,
    );
  }, 180_000);
});
