import { sql } from "kysely";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, describeEachDialect, type TestDatabase } from "../test-support/databases.js";
import { preparedQuery } from "./prepared-query.js";

const NOW = "2026-01-01T00:00:00.000Z";

const partnerByName = preparedQuery((db, p: { organizationId: string; name: string }) =>
  db
    .selectFrom("partners")
    .select(["partner_id", "tier"])
    .where("organization_id", "=", p.organizationId)
    .where("name", "=", p.name),
);

const renameTier = preparedQuery((db, p: { organizationId: string; partnerId: string; tier: string }) =>
  db
    .updateTable("partners")
    .set({ tier: p.tier, updated_at: NOW })
    .where("organization_id", "=", p.organizationId)
    .where("partner_id", "=", p.partnerId),
);

/** Positional values: two partners per call, row after row. */
const insertTwoPartners = preparedQuery((db, values: string[]) =>
  db.insertInto("partners").values(
    [0, 1].map((i) => ({
      organization_id: values[i * 3]!,
      partner_id: values[i * 3 + 1]!,
      name: values[i * 3 + 2]!,
      // A constant Kysely binds as a parameter too: it must stay in place between the values.
      strategic: 0,
      custom: "{}",
      created_at: NOW,
      updated_at: NOW,
    })),
  ),
);

describeEachDialect("preparedQuery", (dialect) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    await database.db
      .insertInto("organizations")
      .values([
        {
          organization_id: "o1",
          name: "One",
          slug: "one",
          company_name: "One",
          settings: "{}",
          created_at: NOW,
        },
        {
          organization_id: "o2",
          name: "Two",
          slug: "two",
          company_name: "Two",
          settings: "{}",
          created_at: NOW,
        },
      ])
      .execute();
    await insertTwoPartners(database.db, ["o1", "p1", "Acme", "o1", "p2", "Blue Fjord"]);
    await insertTwoPartners(database.db, ["o2", "p1", "Acme", "o2", "p9", "Cedar"]);
  });
  afterAll(async () => database?.destroy());

  it("binds each call's values in place, the constants between them kept", async () => {
    const rows = await database.db
      .selectFrom("partners")
      .select(["organization_id", "partner_id", "name", "strategic", "custom"])
      .orderBy("organization_id")
      .orderBy("partner_id")
      .execute();
    expect(rows).toEqual([
      { organization_id: "o1", partner_id: "p1", name: "Acme", strategic: 0, custom: "{}" },
      { organization_id: "o1", partner_id: "p2", name: "Blue Fjord", strategic: 0, custom: "{}" },
      { organization_id: "o2", partner_id: "p1", name: "Acme", strategic: 0, custom: "{}" },
      { organization_id: "o2", partner_id: "p9", name: "Cedar", strategic: 0, custom: "{}" },
    ]);
  });

  it("answers like the query built on each call, for different values", async () => {
    for (const [organizationId, name] of [
      ["o1", "Acme"],
      ["o1", "Blue Fjord"],
      ["o2", "Cedar"],
      ["o2", "Blue Fjord"],
    ] as const) {
      const built = await database.db
        .selectFrom("partners")
        .select(["partner_id", "tier"])
        .where("organization_id", "=", organizationId)
        .where("name", "=", name)
        .execute();
      const prepared = await partnerByName(database.db, { organizationId, name });
      expect(prepared.rows).toEqual(built);
    }
    expect((await partnerByName(database.db, { organizationId: "o2", name: "Cedar" })).rows).toEqual([
      { partner_id: "p9", tier: null },
    ]);
  });

  it("runs inside the caller's transaction, which may roll it back", async () => {
    await expect(
      database.db.transaction().execute(async (trx) => {
        const result = await renameTier(trx, { organizationId: "o1", partnerId: "p1", tier: "Gold" });
        expect(Number(result.numAffectedRows)).toBe(1);
        expect((await partnerByName(trx, { organizationId: "o1", name: "Acme" })).rows).toEqual([
          { partner_id: "p1", tier: "Gold" },
        ]);
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect((await partnerByName(database.db, { organizationId: "o1", name: "Acme" })).rows).toEqual([
      { partner_id: "p1", tier: null },
    ]);
    await database.db.transaction().execute(async (trx) => {
      await renameTier(trx, { organizationId: "o1", partnerId: "p1", tier: "Silver" });
    });
    expect((await partnerByName(database.db, { organizationId: "o1", name: "Acme" })).rows).toEqual([
      { partner_id: "p1", tier: "Silver" },
    ]);
    // The other organization's partner with the same id is untouched.
    expect((await partnerByName(database.db, { organizationId: "o2", name: "Acme" })).rows).toEqual([
      { partner_id: "p1", tier: null },
    ]);
  });

  it("refuses a value used anywhere but a bind parameter", async () => {
    const inRawSql = preparedQuery((db, p: { column: string }) =>
      db.selectFrom("partners").select(sql.raw<string>(p.column).as("x")),
    );
    await expect(inRawSql(database.db, { column: "name" })).rejects.toThrow(
      "may only stand where a bind parameter goes",
    );
    const inLogic = preparedQuery((db, p: { organizationId: string; withName: string }) =>
      db
        .selectFrom("partners")
        .select("partner_id")
        .where("organization_id", "=", p.organizationId)
        .$if(p.withName === "yes", (q) => q.where("name", "=", "Acme")),
    );
    await expect(inLogic(database.db, { organizationId: "o1", withName: "yes" })).rejects.toThrow(
      "used withName outside its bind parameters",
    );
  });
});
