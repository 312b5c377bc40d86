import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import type { Database } from "./client.ts";

/** Applies the generated migrations in db/migrations (idempotent; runs on every start). */
export async function migrate(database: Database, migrationsFolder: string): Promise<void> {
  const config = { migrationsFolder };
  if (database.kind === "pglite") await migratePglite(database.db as never, config);
  else await migratePostgres(database.db as never, config);
}
