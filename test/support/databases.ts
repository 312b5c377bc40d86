import postgres from "postgres";

/** The Postgres server tests also run against when it answers (it does on dev machines and CI). */
export const TEST_SERVER_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

let available: boolean | undefined;
export async function postgresAvailable(): Promise<boolean> {
  if (available !== undefined) return available;
  const sql = postgres(TEST_SERVER_URL, { max: 1, connect_timeout: 2, onnotice: () => {} });
  try {
    await sql`select 1`;
    available = true;
  } catch {
    available = false;
  } finally {
    await sql.end({ timeout: 1 }).catch(() => {});
  }
  return available;
}

/** A fresh database on the test server for one test file, dropped by the returned function. */
export async function createScratchDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `triage_t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = postgres(TEST_SERVER_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(TEST_SERVER_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const a = postgres(TEST_SERVER_URL, { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}

/** The backends every flow test runs on: PGlite always, the server when it answers. */
export const BACKENDS = ["pglite", ...((await postgresAvailable()) ? (["postgres"] as const) : [])] as const;
