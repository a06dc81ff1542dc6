import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, describeEachDialect, type TestDatabase } from "../test-support/databases.js";

describeEachDialect("database", (dialect) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
  });
  afterAll(async () => database?.destroy());

  /**
   * Installation-wide tables hold no tenant data and are looked up before any organization is known; on
   * Citus they stay local to the coordinator (docs/decisions.md, "Tables outside the organization key").
   */
  const INSTALLATION_TABLES = ["login_attempts"];

  it("migrates every table with organization_id leading its primary key", async () => {
    const tables = await database.db.introspection.getTables();
    const names = tables.map((t) => t.name).filter((n) => !n.startsWith("kysely_"));
    expect(names).toEqual(
      expect.arrayContaining(["organizations", "partners", "contacts", "responses", "jobs", "audit_log"]),
    );
    for (const table of tables.filter(
      (t) => !t.name.startsWith("kysely_") && !INSTALLATION_TABLES.includes(t.name),
    )) {
      expect(table.columns[0]?.name, table.name).toBe("organization_id");
    }
    // The exemption list stays honest: every exempt table exists and has no organization_id to put first.
    for (const name of INSTALLATION_TABLES) {
      const table = tables.find((t) => t.name === name);
      expect(
        table?.columns.map((c) => c.name),
        name,
      ).not.toContain("organization_id");
    }
  });

  it("rejects a score outside 0..10 at the database level too", async () => {
    const now = new Date().toISOString();
    await database.db
      .insertInto("organizations")
      .values({
        organization_id: "o1",
        name: "O",
        slug: "o",
        company_name: "O",
        settings: "{}",
        created_at: now,
      })
      .execute();
    await database.db
      .insertInto("partners")
      .values({
        organization_id: "o1",
        partner_id: "p1",
        name: "P",
        strategic: 0,
        custom: "{}",
        created_at: now,
        updated_at: now,
      })
      .execute();
    const insert = database.db
      .insertInto("responses")
      .values({
        organization_id: "o1",
        response_id: "r1",
        partner_id: "p1",
        score: 11,
        category: "promoter",
        answers: "{}",
        channel: "import",
        source: "import",
        submitted_at: now,
        period_month: now.slice(0, 7),
        created_at: now,
        updated_at: now,
      })
      .execute();
    await expect(insert).rejects.toThrow();
  });
});
