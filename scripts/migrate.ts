/**
 * `npm run migrate`: applies db/migrations to the Postgres server at DATABASE_URL with drizzle's
 * migrator and seeds the default reply templates, then exits; non-zero on any failure. The deployment step for the Workers entry, which
 * never migrates (run it from a machine that reaches the database, before deploying). The Node
 * service migrates at start and needs no separate step.
 */
import { fileURLToPath } from "node:url";
import { migrate } from "../db/migrate.ts";
import { openPostgres } from "../db/postgres.ts";
import { seedDefaultTemplates } from "../src/replies/library.ts";

const MIGRATIONS = fileURLToPath(new URL("../db/migrations", import.meta.url));

const url = process.env.DATABASE_URL?.trim();
if (!url || !/^postgres(ql)?:\/\//.test(url)) {
  console.error("DATABASE_URL must be set to the postgres:// URL of the database to migrate");
  process.exit(2);
}

// One connection: migrations run in order, in one transaction, and nothing else is needed.
const database = openPostgres(url, { max: 1 });
let code = 0;
try {
  const started = Date.now();
  await migrate(database, MIGRATIONS);
  // The default reply library too (idempotent: only missing rows), as the Node service does at start.
  const seeded = await seedDefaultTemplates(database.db);
  console.log(JSON.stringify({ level: "info", msg: "migrate.done", templatesSeeded: seeded, ms: Date.now() - started }));
} catch (err) {
  const e = err as Error & { cause?: { message?: string } };
  // Never the URL: it carries the password.
  console.error(JSON.stringify({ level: "error", msg: "migrate.failed", error: e.message, cause: e.cause?.message }));
  code = 1;
} finally {
  await database.close().catch(() => {});
}
process.exit(code);
