import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type * as schema from "./schema/index.ts";

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** Anything queries can run on: the database or an open transaction. */
export type Executor = Db | Tx;

/** The raw SQL door pg-boss needs (`executeSql`), over whichever driver is in use. */
export type RawSql = { executeSql(text: string, values?: unknown[]): Promise<{ rows: any[] }> };

export type Database = {
  kind: "pglite" | "postgres";
  db: Db;
  raw: RawSql;
  close(): Promise<void>;
};
