import { PGlite } from "@electric-sql/pglite";
import { sql, type SQL } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "./schema/index.ts";

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

/**
 * Opens the database: a Postgres server when `url` is given, else embedded PGlite under
 * `dataDir` (or in memory for `memory://`). The same drizzle schema and migrations serve both.
 */
export async function openDatabase(opts: { url?: string; dataDir: string }): Promise<Database> {
  if (opts.url) {
    // One pool per process. `onnotice` silenced: pg-boss migrations emit NOTICEs on every start.
    const client = postgres(opts.url, { max: 10, onnotice: () => {} });
    const db = drizzlePostgres({ client, schema }) as unknown as Db;
    return {
      kind: "postgres",
      db,
      raw: {
        async executeSql(text, values) {
          if (values?.length) return { rows: [...(await client.unsafe(text, values.map(asParam) as never[]))] };
          // No parameters: a simple query, which may hold several statements and its own
          // BEGIN/COMMIT (pg-boss migrations); postgres-js allows that only on a reserved connection.
          const reserved = await client.reserve();
          try {
            const result = await reserved.unsafe(text);
            return { rows: [...result] };
          } finally {
            reserved.release();
          }
        },
      },
      close: () => client.end({ timeout: 5 }),
    };
  }
  const client = opts.dataDir === "memory://" ? new PGlite() : new PGlite(opts.dataDir);
  await client.waitReady;
  const db = drizzlePglite({ client, schema }) as unknown as Db;
  return {
    kind: "pglite",
    db,
    raw: {
      async executeSql(text, values) {
        if (values?.length) return { rows: (await client.query(text, values.map(asParam))).rows };
        // PGlite's `query` takes one statement; `exec` runs many and returns one result each.
        const results = await client.exec(text);
        return { rows: results.at(-1)?.rows ?? [] };
      },
    },
    close: () => client.close(),
  };
}

/**
 * Runs pg-boss's parameterised SQL inside a drizzle transaction, so a job is enqueued in the same
 * transaction as the state change that calls for it (outbox): both commit, or neither does.
 */
export function rawSqlIn(executor: Executor): RawSql {
  return {
    async executeSql(text, values = []) {
      const result: unknown = await executor.execute(toDrizzleSql(text, values));
      const rows = Array.isArray(result) ? result : ((result as { rows?: unknown[] }).rows ?? []);
      return { rows: [...rows] };
    },
  };
}

function toDrizzleSql(text: string, values: unknown[]): SQL {
  const parts = text.split(/\$(\d+)/);
  const chunks: SQL[] = parts.map((part, i) => (i % 2 === 0 ? sql.raw(part) : sql`${asParam(values[Number(part) - 1])}`));
  return sql.join(chunks);
}

/**
 * pg-boss is written for node-postgres, which sends plain objects as JSON and undefined as NULL;
 * the drivers here need that spelled out. Arrays pass through (both drivers bind them natively).
 */
function asParam(value: unknown): unknown {
  if (value === undefined) return null;
  if (value !== null && typeof value === "object" && !Array.isArray(value) && !(value instanceof Date)) {
    return JSON.stringify(value);
  }
  return value;
}
