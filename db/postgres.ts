import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { asParam } from "./raw-sql.ts";
import * as schema from "./schema/index.ts";
import type { Database, Db } from "./types.ts";

export type PostgresOptions = {
  /** Pool size: 10 for the one Node pool, 5 for a Worker's per-request client (Hyperdrive pools for it). */
  max: number;
  /** Off on Workers: saves a round trip per new client, and the schema uses no custom array types. */
  fetchTypes?: boolean;
};

/**
 * A Postgres server through postgres-js. Runtime-agnostic: on Workers the package's `workerd`
 * export uses `cloudflare:sockets`. The caller decides the lifetime (one per process on Node,
 * one per request or batch on Workers, as Hyperdrive's docs ask) and calls `close()`.
 */
export function openPostgres(url: string, opts: PostgresOptions): Database {
  // `onnotice` silenced: pg-boss migrations emit NOTICEs on every start.
  const client = postgres(url, { max: opts.max, fetch_types: opts.fetchTypes ?? true, onnotice: () => {} });
  const db = drizzle({ client, schema }) as unknown as Db;
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
