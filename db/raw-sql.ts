import { sql, type SQL } from "drizzle-orm";
import type { Executor, RawSql } from "./types.ts";

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
export function asParam(value: unknown): unknown {
  if (value === undefined) return null;
  if (value !== null && typeof value === "object" && !Array.isArray(value) && !(value instanceof Date)) {
    return JSON.stringify(value);
  }
  return value;
}
