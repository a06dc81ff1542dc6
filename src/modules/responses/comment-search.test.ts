import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../core/clock.js";
import { foldForSearch } from "../../core/search-text.js";
import * as responseSearch from "../../db/migrations/004-response-search.js";
import { createTestDatabase, describeEachDialect, type TestDatabase } from "../../test-support/databases.js";
import { importCsv } from "../imports/import.service.js";
import { createOrganization } from "../organizations/organization.service.js";
import { contextFor, seedPortfolio } from "../partners/portfolio.test-fixtures.js";
import { listResponses } from "../responses-explorer/response-explorer.service.js";
import { rebuildRollups } from "../rollups/rollup.repository.js";
import type { ResponseRow } from "./response.repository.js";
import { replaceResponsesWithRollups } from "./response.service.js";

describe("foldForSearch", () => {
  it("lowers case, drops accents, spells out ligatures and collapses spaces", () => {
    expect(foldForSearch("  Très   BON Échange ")).toBe("tres bon echange");
    expect(foldForSearch("ŒUVRE Cæsar Straße")).toBe("oeuvre caesar strasse");
    expect(foldForSearch("Ça déçoit, naïve façade")).toBe("ca decoit, naive facade");
  });
});

describeEachDialect("comment search column", (dialect) => {
  let database: TestDatabase;
  let organizationId: string;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    organizationId = (await createOrganization(database.db, { name: "Search Org" })).organization_id;
    await seedPortfolio(database, organizationId);
  });
  afterAll(async () => database?.destroy());

  const searchColumn = async (responseId: string) =>
    (
      await database.db
        .selectFrom("responses")
        .select("comment_search")
        .where("organization_id", "=", organizationId)
        .where("response_id", "=", responseId)
        .executeTakeFirstOrThrow()
    ).comment_search;

  it("is written with every inserted response and follows an edited comment", async () => {
    expect(await searchColumn("r1")).toBe("tres bon echange avec l'equipe");
    expect(await searchColumn("r4")).toBeNull();
    const before = (await database.db
      .selectFrom("responses")
      .selectAll()
      .where("organization_id", "=", organizationId)
      .where("response_id", "=", "r4")
      .executeTakeFirstOrThrow()) as ResponseRow;
    const after = { ...before, comment: "Délais de RÉPONSE à revoir" };
    await database.db
      .transaction()
      .execute((trx) => replaceResponsesWithRollups(database, trx, organizationId, [{ before, after }]));
    expect(await searchColumn("r4")).toBe("delais de reponse a revoir");
    const found = await listResponses(contextFor(database, organizationId), { q: "delais reponse" });
    expect(found.items.map((i) => i.responseId)).toEqual(["r4"]);
  });

  it("is written by CSV imports", async () => {
    const clock = new ManualClock("2026-03-01T12:00:00.000Z");
    const csv = "external_id,score,comment,submitted_at\nX1,7,Problème de FACTURATION,2026-02-10\n";
    const report = await importCsv(
      database,
      organizationId,
      {
        kind: "responses",
        fileName: "r.csv",
        bytes: new TextEncoder().encode(csv),
        actor: "test",
        partnerName: "Delta Orphan",
      },
      clock,
    );
    expect(report.errors).toEqual([]);
    const found = await listResponses(contextFor(database, organizationId), { q: "probleme facturation" });
    expect(found.items.map((i) => [i.partner.name, i.comment])).toEqual([
      ["Delta Orphan", "Problème de FACTURATION"],
    ]);
  });

  it("is backfilled for responses written before the migration", async () => {
    await responseSearch.down(database.db as never);
    await sql`update responses set comment = ${"Mauvaise EXPÉRIENCE"} where organization_id = ${organizationId} and response_id = ${"r2"}`.execute(
      database.db,
    );
    await responseSearch.up(database.db as never);
    expect(await searchColumn("r2")).toBe("mauvaise experience");
    expect(await searchColumn("r7")).toBe("echanges difficiles");
    expect(await searchColumn("r4")).toBe("delais de reponse a revoir");
  });

  it("leaves the rollups rebuild unchanged", async () => {
    const read = () =>
      database.db
        .selectFrom("response_rollups")
        .select(["partner_id", "period_month", "role", "score", "responses"])
        .where("organization_id", "=", organizationId)
        .orderBy(["partner_id", "period_month", "role", "score"])
        .execute();
    const before = await read();
    const rebuilt = await database.db
      .transaction()
      .execute((trx) => rebuildRollups(trx, organizationId, database.features));
    expect(rebuilt.responses).toBe(10);
    expect(
      (await read()).map((r) => ({ ...r, responses: Number(r.responses), score: Number(r.score) })),
    ).toEqual(before.map((r) => ({ ...r, responses: Number(r.responses), score: Number(r.score) })));
  });
});
