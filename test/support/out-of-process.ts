/**
 * What tests that run the service OUT of process share (the crash-recovery child, the Worker in
 * workerd, the e2e board server): a free local port, and the vendor fakes served over real HTTP
 * beside a scratch database on the Postgres server.
 */
import { createServer } from "node:net";
import postgres from "postgres";
import { createSlackFake } from "../msw/slack.ts";
import { createTikTokFake } from "../msw/tiktok.ts";
import { createScratchDatabase } from "./databases.ts";
import { TEST_ENV } from "./harness.ts";
import { startVendorServer, type VendorServer } from "./vendor-server.ts";

const READER = "reply-triage-test-reader";

/** A port nothing listens on right now (the OS picks it; closed again before it is returned). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export type OutOfProcessWorld = {
  vendors: VendorServer;
  slack: ReturnType<typeof createSlackFake>;
  tiktok: ReturnType<typeof createTikTokFake>;
  scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  /** A small pool on the scratch database, for the test's own reads. */
  sql: postgres.Sql;
  /**
   * Waits (up to `timeoutMs`) until no session but the test's own is connected to the scratch
   * database: the service under test has finished its work and closed its clients.
   */
  untilOtherClientsGone(timeoutMs: number): Promise<void>;
  close(): Promise<void>;
};

/** Slack and TikTok Shop fakes (TEST_ENV credentials) on a real HTTP server, and a scratch database. */
export async function startOutOfProcessWorld(opts: { channels: string[] }): Promise<OutOfProcessWorld> {
  const vendors = await startVendorServer();
  const slack = createSlackFake({ apiUrl: `${vendors.url}/api`, botToken: TEST_ENV.SLACK_BOT_TOKEN, channels: opts.channels });
  const tiktok = createTikTokFake({
    baseUrl: vendors.url,
    appKey: TEST_ENV.TIKTOK_SHOP_APP_KEY,
    appSecret: TEST_ENV.TIKTOK_SHOP_APP_SECRET,
    accessToken: TEST_ENV.TIKTOK_SHOP_ACCESS_TOKEN,
    shopCipher: TEST_ENV.TIKTOK_SHOP_CIPHER,
    conversations: {},
  });
  vendors.use(...slack.handlers, ...tiktok.handlers);
  const scratch = await createScratchDatabase();
  // Named, so its sessions can be told apart from the service's in pg_stat_activity.
  const sql = postgres(scratch.url, { max: 2, onnotice: () => {}, connection: { application_name: READER } });
  return {
    vendors,
    slack,
    tiktok,
    scratch,
    sql,
    async untilOtherClientsGone(timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const [row] = await sql<{ n: number }[]>`
          select count(*)::int as n from pg_stat_activity
          where datname = current_database() and application_name <> ${READER}`;
        if (row!.n === 0) return;
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async close() {
      await sql.end({ timeout: 2 }).catch(() => {});
      await scratch.drop().catch(() => {});
      await vendors.close();
    },
  };
}
