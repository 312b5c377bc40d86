import type { SQL } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";

/** Runs a raw aggregate query on either driver: postgres-js returns an array, PGlite `{ rows }`. */
export async function selectRows<T>(db: Executor, query: SQL): Promise<T[]> {
  const result: unknown = await db.execute(query);
  return (Array.isArray(result) ? result : ((result as { rows?: unknown[] }).rows ?? [])) as T[];
}
