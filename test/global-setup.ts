import { dropStaleTestDatabases } from "../src/test-support/databases.js";

/** Before a run: remove test databases that killed runs left behind (PostgreSQL only, best effort). */
export default async function setup(): Promise<void> {
  try {
    await dropStaleTestDatabases();
  } catch {
    // PostgreSQL may be down locally; suites that need it report that themselves.
  }
}
