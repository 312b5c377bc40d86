import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["**/*.test.ts"],
    exclude: ["node_modules/**", "data/**"],
    setupFiles: ["test/setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Flow tests share one Postgres server database; files run one at a time so they do not trip
    // over each other's schemas, while tests inside a file stay fast.
    fileParallelism: false,
  },
});
