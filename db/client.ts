import { openPglite } from "./pglite.ts";
import { openPostgres } from "./postgres.ts";
import type { Database } from "./types.ts";

export type { Database, Db, Executor, RawSql, Schema, Tx } from "./types.ts";
export { rawSqlIn } from "./raw-sql.ts";

/**
 * Opens the database for the Node service: a Postgres server when `url` is given, else embedded
 * PGlite under `dataDir` (or in memory for `memory://`). The same drizzle schema and migrations
 * serve both. The Worker entry never imports this file (PGlite is Node-only): it opens
 * `db/postgres.ts` itself, per request.
 */
export async function openDatabase(opts: { url?: string; dataDir: string }): Promise<Database> {
  // One pool per process.
  if (opts.url) return openPostgres(opts.url, { max: 10 });
  return openPglite(opts.dataDir);
}
