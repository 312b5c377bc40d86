import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { asParam } from "./raw-sql.ts";
import * as schema from "./schema/index.ts";
import type { Database, Db } from "./types.ts";

/** Embedded Postgres (PGlite, WASM) under `dataDir`, or in memory for `memory://`. Node only. */
export async function openPglite(dataDir: string): Promise<Database> {
  const client = dataDir === "memory://" ? new PGlite() : new PGlite(dataDir);
  await client.waitReady;
  const db = drizzle({ client, schema }) as unknown as Db;
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
