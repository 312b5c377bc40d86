/**
 * Alert-under-burst benchmark (issue 6): the real service with its workers running, 500 ordinary
 * signed webhooks acknowledged (32 in flight) so a backlog of classify and card jobs builds up,
 * then one chargeback/report threat. Measures, per backend:
 *  - the threat's acknowledgement (ms),
 *  - threat sent → alert answered by Slack in the alert channel (ms): the figure the issue bounds
 *    at 5 s,
 *  - how many burst messages were still unclassified when the threat arrived, and how many had
 *    been classified when its alert landed (the alert must not wait for the backlog).
 *
 * Webhooks go through `app.request` in this process (the spine bench covers real HTTP); Slack
 * answers after 50–100 ms; all burst messages share one triage channel (Slack's 1 post/s pacing),
 * as a single busy shop would.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ne, sql } from "drizzle-orm";
import { http } from "msw";
import { setupServer } from "msw/node";
import { triageItems } from "../../db/schema/index.ts";
import { buildConfig } from "../../src/config.ts";
import { parseEnv } from "../../src/env.ts";
import { createLogger } from "../../src/logger.ts";
import { createService, type Service } from "../../src/service.ts";
import type { Classifier } from "../../intents/taxonomy.ts";
import { createScratchDatabase } from "../../test/support/databases.ts";
import { createSlackFake } from "../../test/msw/slack.ts";
import { buildNewMessageWebhook, createTikTokFake, signTikTokWebhook } from "../../test/msw/tiktok.ts";
import { BENCH_ENV, type SpineBackend } from "./spine.ts";

const ENV = { ...BENCH_ENV, SLACK_TRIAGE_CHANNEL: "CBENCHTRIAGE", SLACK_ALERT_CHANNEL: "CBENCHALERT", SLACK_ALERT_MANAGERS: "U0MANAGER1" } as const;
const ORDINARY = ["Hi, is the pink one still in stock? I need size M", "how much is shipping to Jakarta?", "do you have this in black?", "can I get a discount if I buy 3?"];
const THREAT = "This is a scam. I will file a chargeback with my bank and report this shop to TikTok today";

export type AlertBenchResult = { backend: SpineBackend; burst: number; threatAckMs: number; alertMs: number; backlogAtThreat: number; classifiedAtAlert: number };

export async function benchAlert(backend: SpineBackend, opts: { burst?: number; concurrency?: number; classifier?: Classifier; log?: (l: string) => void } = {}): Promise<AlertBenchResult> {
  const burst = opts.burst ?? 500;
  const concurrency = opts.concurrency ?? 32;
  const slack = createSlackFake({ apiUrl: ENV.SLACK_API_URL, botToken: ENV.SLACK_BOT_TOKEN, channels: [ENV.SLACK_TRIAGE_CHANNEL, ENV.SLACK_ALERT_CHANNEL] });
  const tiktok = createTikTokFake({ baseUrl: ENV.TIKTOK_SHOP_API_URL, appKey: ENV.TIKTOK_SHOP_APP_KEY, appSecret: ENV.TIKTOK_SHOP_APP_SECRET, accessToken: ENV.TIKTOK_SHOP_ACCESS_TOKEN, shopCipher: ENV.TIKTOK_SHOP_CIPHER });
  const latency = http.post(`${ENV.SLACK_API_URL}/:method`, async () => {
    await new Promise((r) => setTimeout(r, 50 + Math.random() * 50));
  });
  const mocks = setupServer(latency, ...slack.handlers, ...tiktok.handlers);
  mocks.listen({ onUnhandledRequest: "error" });
  const scratch = backend === "postgres" ? await createScratchDatabase() : null;
  const dataDir = backend === "pglite-file" ? mkdtempSync(join(tmpdir(), "triage-alert-bench-")) : null;
  const config = buildConfig(parseEnv({ ...ENV, DATA_DIR: dataDir ?? "memory://", ...(scratch ? { DATABASE_URL: scratch.url } : {}) }));
  let service: Service | undefined;
  try {
    service = await createService({ config, log: createLogger("warn", () => {}), classifier: opts.classifier });
    const app = service.app;
    const db = service.deps.db;
    let seq = 0;
    const send = async (text: string) => {
      seq += 1;
      const body = JSON.stringify(
        buildNewMessageWebhook({
          tts_notification_id: `7900000${String(seq).padStart(8, "0")}`,
          data: { message_id: `7800000${String(seq).padStart(8, "0")}`, conversation_id: `7700000${String(seq).padStart(8, "0")}`, create_time: Math.floor(Date.now() / 1000) },
          text,
        }),
      );
      const authorization = await signTikTokWebhook(body, ENV.TIKTOK_SHOP_APP_KEY, ENV.TIKTOK_SHOP_APP_SECRET);
      const res = await app.request("/webhooks/tiktok-shop", { method: "POST", headers: { "content-type": "application/json", authorization }, body });
      if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
    };
    const count = async (where: "received" | "processed") =>
      Number((await db.select({ n: sql<number>`count(*)` }).from(triageItems).where(where === "processed" ? ne(triageItems.state, "received") : sql`${triageItems.state} = 'received'`))[0]!.n);

    opts.log?.(`  alert/${backend}: ${burst} ordinary webhooks…`);
    let next = 0;
    await Promise.all(Array.from({ length: concurrency }, async () => {
      while (next < burst) {
        const i = next++;
        await send(ORDINARY[i % ORDINARY.length]!);
      }
    }));
    const backlogAtThreat = await count("received");
    let alertAt: number | null = null;
    let classifiedAtAlert = 0;
    slack.onCall(async (method, body, answer) => {
      if (method === "chat.postMessage" && body.channel === ENV.SLACK_ALERT_CHANNEL && answer.ok === true && alertAt === null) {
        alertAt = performance.now();
        classifiedAtAlert = (await count("processed")) - 1;
      }
    });
    const sentAt = performance.now();
    await send(THREAT);
    const threatAckMs = performance.now() - sentAt;
    const deadline = Date.now() + 60_000;
    while (alertAt === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    if (alertAt === null) throw new Error("no alert within 60 s");
    const result = { backend, burst, threatAckMs: Math.round(threatAckMs), alertMs: Math.round(alertAt - sentAt), backlogAtThreat, classifiedAtAlert };
    opts.log?.(`  alert/${backend}: ${JSON.stringify(result)}`);
    return result;
  } finally {
    await service?.stop().catch(() => {});
    mocks.close();
    await scratch?.drop().catch(() => {});
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}
