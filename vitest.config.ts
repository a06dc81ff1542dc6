import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Database tests create their own SQLite files and PostgreSQL schemas, so files may run in parallel.
    pool: "forks",
    globalSetup: ["test/global-setup.ts"],
  },
});
