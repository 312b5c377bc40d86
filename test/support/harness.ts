import type { RequestHandler } from "msw";
import { setupServer } from "msw/node";
import { buildNewMessageWebhook, createTikTokFake, signTikTokWebhook } from "../msw/tiktok.ts";
import { buildBlockAction, buildEditSubmission, createSlackFake, signSlackRequest } from "../msw/slack.ts";
import { buildConfig } from "../../src/config.ts";
import { parseEnv } from "../../src/env.ts";
import { createLogger } from "../../src/logger.ts";
import { createService, type Service } from "../../src/service.ts";
import { createScratchDatabase } from "./databases.ts";
import { encodeAction } from "../../adapters/chat/slack/action-id.ts";
import type { ActionKind } from "../../src/ports.ts";
import { jobHandlers } from "../../handlers/jobs/run.ts";

export const TEST_ENV = {
  SLACK_BOT_TOKEN: "xoxb-test-token",
  SLACK_SIGNING_SECRET: "8f742231b10e8888abcd99yyyzzz85a5",
  SLACK_TRIAGE_CHANNEL: "C0TRIAGE",
  SLACK_API_URL: "https://slack.test/api",
  TIKTOK_SHOP_APP_KEY: "test_app_key",
  TIKTOK_SHOP_APP_SECRET: "test_app_secret",
  TIKTOK_SHOP_ACCESS_TOKEN: "TTP_test_access_token",
  TIKTOK_SHOP_CIPHER: "ROW_test_cipher",
  TIKTOK_SHOP_API_URL: "https://tiktok.test",
  TIKTOK_SHOP_NAME: "Demo Store",
} as const;

/** The managers' channel and managers used by the alert and SLA tests (not in TEST_ENV: other flows post no alerts). */
export const ALERT_CHANNEL = "C0ALERTS";
export const SLACK_MANAGERS = ["U0MANAGER1", "U0MANAGER2"];
export const ALERT_ENV = { SLACK_ALERT_CHANNEL: ALERT_CHANNEL, SLACK_ALERT_MANAGERS: SLACK_MANAGERS.join(","), PUBLIC_URL: "https://triage.example.test" };

/** msw for the whole file: any request no fake handles fails the test. `extra`: more fakes (Lark). */
export function startVendorMocks(extra: RequestHandler[] = []) {
  const slack = createSlackFake({ apiUrl: TEST_ENV.SLACK_API_URL, botToken: TEST_ENV.SLACK_BOT_TOKEN, channels: [TEST_ENV.SLACK_TRIAGE_CHANNEL, ALERT_CHANNEL] });
  const tiktok = createTikTokFake({
    baseUrl: TEST_ENV.TIKTOK_SHOP_API_URL,
    appKey: TEST_ENV.TIKTOK_SHOP_APP_KEY,
    appSecret: TEST_ENV.TIKTOK_SHOP_APP_SECRET,
    accessToken: TEST_ENV.TIKTOK_SHOP_ACCESS_TOKEN,
    shopCipher: TEST_ENV.TIKTOK_SHOP_CIPHER,
  });
  const server = setupServer(...slack.handlers, ...tiktok.handlers, ...extra);
  server.listen({ onUnhandledRequest: "error" });
  return { slack, tiktok, close: () => server.close() };
}

export type Harness = Awaited<ReturnType<typeof startHarness>>;

/**
 * A real service (database, pg-boss, workers) on the chosen backend, with vendor fakes. `now`: a
 * fake clock for deps.now(); `workers: false` leaves jobs queued until `startWorkers()`;
 * `databaseUrl`: share another harness's Postgres database (a second instance).
 */
export async function startHarness(
  backend: "pglite" | "postgres",
  env: Record<string, string> = {},
  opts: { now?: () => Date; workers?: boolean; databaseUrl?: string } = {},
) {
  const scratch = backend === "postgres" && !opts.databaseUrl ? await createScratchDatabase() : null;
  const config = buildConfig(
    parseEnv({ ...TEST_ENV, DATA_DIR: "memory://", ...(scratch ? { DATABASE_URL: scratch.url } : {}), ...(opts.databaseUrl ? { DATABASE_URL: opts.databaseUrl } : {}), ...env }),
  );
  config.jobs = { leaseMs: 2_000, pollSeconds: 0.5, sweepMs: 60_000 };
  const lines: string[] = [];
  const service: Service = await createService({ config, log: createLogger("debug", (l) => lines.push(l)), now: opts.now, workers: opts.workers });
  return {
    service,
    databaseUrl: scratch?.url ?? opts.databaseUrl,
    /** Starts the job workers of a harness started with `workers: false`. */
    startWorkers: () => service.deps.queue.work(jobHandlers(service.deps), { pollSeconds: config.jobs.pollSeconds }),
    app: service.app,
    deps: service.deps,
    logs: lines,
    async stop() {
      await service.stop();
      await scratch?.drop();
    },
  };
}

/** POSTs a TikTok webhook signed exactly as TikTok does (HMAC of app_key + raw body). */
export async function postTikTokWebhook(app: Service["app"], body: string, opts: { authorization?: string | null } = {}) {
  const authorization =
    opts.authorization === undefined ? await signTikTokWebhook(body, TEST_ENV.TIKTOK_SHOP_APP_KEY, TEST_ENV.TIKTOK_SHOP_APP_SECRET) : opts.authorization;
  return app.request("/webhooks/tiktok-shop", {
    method: "POST",
    headers: { "content-type": "application/json", ...(authorization !== null ? { authorization } : {}) },
    body,
  });
}

export function newMessageWebhook(overrides: Parameters<typeof buildNewMessageWebhook>[0] = {}): string {
  return JSON.stringify(buildNewMessageWebhook(overrides));
}

/** POSTs to /slack/events signed with the test signing secret (timestamp = now unless given). */
export async function postSlack(app: Service["app"], raw: string, opts: { ts?: number; secret?: string; contentType?: string } = {}) {
  const ts = opts.ts ?? Math.floor(Date.now() / 1000);
  const headers = await signSlackRequest(raw, opts.secret ?? TEST_ENV.SLACK_SIGNING_SECRET, ts);
  return app.request("/slack/events", {
    method: "POST",
    headers: { "content-type": opts.contentType ?? "application/x-www-form-urlencoded", ...headers },
    body: raw,
  });
}

let clickSeq = 0;
/** A click on the card of `itemId`, as Slack would send it. */
export function click(kind: ActionKind, itemId: string, card: { channel: string; ts: string }, userId = "U0AGENT1", extra: { selected?: string } = {}) {
  clickSeq += 1;
  return buildBlockAction({
    actionId: encodeAction(kind, itemId),
    value: kind === "reclassify" ? undefined : itemId,
    userId,
    channel: card.channel,
    messageTs: card.ts,
    actionTs: `1700000000.${String(clickSeq).padStart(6, "0")}`,
    ...(extra.selected ? { selectedOption: { value: extra.selected } } : {}),
  });
}

export { buildEditSubmission };

/** Polls until `check` returns a truthy value other than an empty list (jobs run asynchronously), or fails after `ms`. */
export async function eventually<T>(check: () => T | Promise<T>, ms = 15_000, what = "condition"): Promise<NonNullable<T>> {
  const deadline = Date.now() + ms;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      // An empty list is "not yet": a check that filters what arrived (`urgents.filter(...)`)
      // returned [] at once and passed before the thing it waited for had come.
      if (value && !(Array.isArray(value) && value.length === 0)) return value as NonNullable<T>;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ""}`);
}

let uniq = 0;
/** A fresh NEW_MESSAGE webhook body with unique delivery and message ids. */
export function freshMessage(text: string | null, overrides: { conversationId?: string; notificationId?: string; messageId?: string; buyerId?: string } = {}) {
  uniq += 1;
  const messageId = overrides.messageId ?? `74377669394${Date.now() % 1e8}${String(uniq).padStart(3, "0")}`;
  const body = newMessageWebhook({
    tts_notification_id: overrides.notificationId ?? `73271123930${Date.now() % 1e8}${String(uniq).padStart(3, "0")}`,
    // A conversation of its own by default, so tests (and backends sharing one fake) never see
    // each other's messages.
    data: {
      message_id: messageId,
      conversation_id: overrides.conversationId ?? `5764695894${Date.now() % 1e8}${String(uniq).padStart(3, "0")}`,
      ...(overrides.buyerId ? { sender: { im_user_id: overrides.buyerId } } : {}),
    },
    text,
  });
  return { body, messageId };
}
