import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { ManualClock } from "../../core/clock.js";
import { rollupDimensions } from "../../core/rollups.js";
import { createTestDatabase, describeEachDialect, type TestDatabase } from "../../test-support/databases.js";
import { createOrganization } from "../organizations/organization.service.js";
import { rebuildRollups } from "../rollups/rollup.repository.js";
import type { ImportOptions, ImportReport } from "./import.js";
import { importCsv } from "./import.service.js";

const TABLES = [
  "responses",
  "response_rollups",
  "score_rollups",
  "partners",
  "imports",
  "saved_mappings",
] as const;

const FIRST_FILE = [
  "external_id,score,comment,submitted_at",
  "r1,9,Très bon accueil,2025-01-10",
  "r2,6,slow,2025-01-11",
  "r3,10,NA,2025-02-01",
  "r4,NA,no score,2025-02-02",
  "r5,,empty score,2025-02-03",
  "",
].join("\n");

describeEachDialect("response import pipeline", (dialect) => {
  let database: TestDatabase;
  let organizationId: string;
  const clock = new ManualClock("2025-06-01T12:00:00.000Z");

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
  });
  afterAll(async () => database?.destroy());
  beforeEach(async () => {
    organizationId = (await createOrganization(database.db, { name: `Org ${Math.random()}` }))
      .organization_id;
  });

  function runImport(text: string, options: Partial<ImportOptions> = {}): Promise<ImportReport> {
    return importCsv(
      database,
      organizationId,
      {
        kind: "responses",
        fileName: "responses.csv",
        bytes: new TextEncoder().encode(text),
        partnerName: "Jardin",
        actor: "test",
        ...options,
      },
      clock,
    );
  }

  async function counts(): Promise<Record<string, number>> {
    const result: Record<string, number> = {};
    for (const table of TABLES) {
      const row = await database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as("count"))
        .executeTakeFirstOrThrow();
      result[table] = Number(row.count);
    }
    return result;
  }

  async function storedResponses() {
    return database.db
      .selectFrom("responses")
      .select(["external_id", "score", "category", "comment", "period_month"])
      .where("organization_id", "=", organizationId)
      .orderBy("external_id")
      .execute();
  }

  /** Responses per score in the overview cube (dimension 'all'), zero rows left out. */
  async function overallByScore(): Promise<Record<number, number>> {
    const rows = await database.db
      .selectFrom("score_rollups")
      .select(["score", (eb) => eb.fn.sum<number>("responses").as("responses")])
      .where("organization_id", "=", organizationId)
      .where("dimension", "=", "all")
      .groupBy("score")
      .execute();
    return Object.fromEntries(
      rows.filter((r) => Number(r.responses) !== 0).map((r) => [r.score, Number(r.responses)]),
    );
  }

  async function rollupRows() {
    const partner = await database.db
      .selectFrom("response_rollups")
      .selectAll()
      .where("organization_id", "=", organizationId)
      .where("responses", "!=", 0)
      .execute();
    const score = await database.db
      .selectFrom("score_rollups")
      .selectAll()
      .where("organization_id", "=", organizationId)
      .where("responses", "!=", 0)
      .execute();
    const sort = <T>(rows: T[]) => rows.map((row) => JSON.stringify(row)).sort();
    return { partner: sort(partner), score: sort(score) };
  }

  /** Both cubes sum to the number of responses and equal what a rebuild from raw responses computes. */
  async function expectRollupsConsistent(): Promise<void> {
    const responses = (await storedResponses()).length;
    const partnerSum = await database.db
      .selectFrom("response_rollups")
      .select((eb) => eb.fn.sum<number>("responses").as("total"))
      .where("organization_id", "=", organizationId)
      .executeTakeFirstOrThrow();
    expect(Number(partnerSum.total ?? 0)).toBe(responses);
    const perDimension = await database.db
      .selectFrom("score_rollups")
      .select(["dimension", (eb) => eb.fn.sum<number>("responses").as("total")])
      .where("organization_id", "=", organizationId)
      .groupBy("dimension")
      .execute();
    expect(perDimension.map((row) => [row.dimension, Number(row.total)]).sort()).toEqual(
      [...rollupDimensions].sort().map((dimension) => [dimension, responses]),
    );
    const incremental = await rollupRows();
    await rebuildRollups(database.db, organizationId, database.features);
    expect(await rollupRows()).toEqual(incremental);
  }

  it("reads NA and empty cells as missing: a missing score rejects the row, a missing comment is null", async () => {
    const report = await runImport(FIRST_FILE, { skipInvalid: true });
    expect(report.errors).toEqual([
      { row: 5, column: "score", reason: "score is missing (the cell is empty or NA)" },
      { row: 6, column: "score", reason: "score is missing (the cell is empty or NA)" },
    ]);
    expect(report).toMatchObject({ rows: 5, accepted: 3, rejected: 2, inserted: 3, committed: true });
    expect(await storedResponses()).toEqual([
      {
        external_id: "r1",
        score: 9,
        category: "promoter",
        comment: "Très bon accueil",
        period_month: "2025-01",
      },
      { external_id: "r2", score: 6, category: "detractor", comment: "slow", period_month: "2025-01" },
      { external_id: "r3", score: 10, category: "promoter", comment: null, period_month: "2025-02" },
    ]);
    await expectRollupsConsistent();
  });

  it("refuses the whole file by default when a row is rejected", async () => {
    const before = await counts();
    const report = await runImport(FIRST_FILE);
    expect(report).toMatchObject({ committed: false, accepted: 3, rejected: 2, import_id: null });
    expect(await counts()).toEqual(before);
  });

  it("dry-run reports what a real run does and writes nothing, not even the --partner partner", async () => {
    const before = await counts();
    const dry = await runImport(FIRST_FILE, { skipInvalid: true, dryRun: true });
    expect(await counts()).toEqual(before);
    expect(dry).toMatchObject({ dry_run: true, committed: false, import_id: null, warnings: [] });
    const real = await runImport(FIRST_FILE, { skipInvalid: true });
    const { dry_run: _d, committed: _c, import_id: _i, ...figures } = dry;
    expect(real).toMatchObject({ ...figures, dry_run: false, committed: true });
    expect(real.import_id).toEqual(expect.any(String));
  });

  it("re-importing the same file adds nothing", async () => {
    await runImport(FIRST_FILE, { skipInvalid: true });
    const before = await counts();
    const byScore = await overallByScore();
    const second = await runImport(FIRST_FILE, { skipInvalid: true });
    expect(second).toMatchObject({ accepted: 3, inserted: 0, updated: 0, unchanged: 3, committed: true });
    // Only the import itself is recorded.
    expect(await counts()).toEqual({ ...before, imports: before.imports! + 1 });
    expect(await overallByScore()).toEqual(byScore);
    await expectRollupsConsistent();
  });

  it("re-importing a changed score updates the response and moves its rollup counts", async () => {
    await runImport(FIRST_FILE, { skipInvalid: true });
    expect(await overallByScore()).toEqual({ 6: 1, 9: 1, 10: 1 });
    const changed = [
      "external_id,score,comment,submitted_at",
      "r1,3,Très bon accueil,2025-01-10",
      "r2,6,slow,2025-03-05",
    ];
    const report = await runImport(`${changed.join("\n")}\n`);
    expect(report).toMatchObject({ accepted: 2, inserted: 0, updated: 2, unchanged: 0, committed: true });
    expect(await overallByScore()).toEqual({ 3: 1, 6: 1, 10: 1 });
    const stored = await storedResponses();
    expect(stored.find((r) => r.external_id === "r1")).toMatchObject({ score: 3, category: "detractor" });
    expect(stored.find((r) => r.external_id === "r2")).toMatchObject({ period_month: "2025-03" });
    await expectRollupsConsistent();
  });

  it("re-importing without a comment column keeps the stored comments; a changed comment is updated", async () => {
    await runImport(FIRST_FILE, { skipInvalid: true });
    const withoutComments = await runImport("external_id,score\nr1,9\nr2,6\n");
    expect(withoutComments).toMatchObject({ updated: 0, unchanged: 2 });
    const newComment = await runImport("external_id,score,comment\nr1,9,Accueil parfait\n");
    expect(newComment).toMatchObject({ updated: 1, unchanged: 0 });
    expect((await storedResponses()).map((r) => r.comment)).toEqual(["Accueil parfait", "slow", null]);
  });

  it("saves a mapping on a successful import and reuses it by name", async () => {
    const survey = "Réf;Note;Pourquoi\nA-1;10;génial\nA-2;4;bof\n";
    const first = await runImport(survey, {
      map: "external_id=Réf,score=Note,comment=Pourquoi",
      saveMappingAs: "outil-enquête",
    });
    expect(first).toMatchObject({ committed: true, inserted: 2, delimiter: ";" });
    const again = await runImport("Réf;Note;Pourquoi\nA-1;10;génial\nA-3;8;bien\n", {
      mappingName: "outil-enquête",
    });
    expect(again.mapping).toEqual({ external_id: "Réf", score: "Note", comment: "Pourquoi" });
    expect(again).toMatchObject({ committed: true, inserted: 1, unchanged: 1 });
    // An explicit --map entry overrides the saved one.
    const overridden = await runImport("Réf;Note;Autre\nA-4;9;x\n", {
      mappingName: "outil-enquête",
      map: "comment=Autre",
    });
    expect(overridden.mapping).toEqual({ external_id: "Réf", score: "Note", comment: "Autre" });
  });

  it("does not save the mapping of a refused import, and names an unknown saved mapping", async () => {
    const refused = await runImport("Ref,Note\nA-1,11\n", {
      map: "external_id=Ref,score=Note",
      saveMappingAs: "crm",
    });
    expect(refused.committed).toBe(false);
    const report = await runImport("Ref,Note\nA-1,9\n", { mappingName: "crm" });
    expect(report).toMatchObject({ committed: false, rows: 0 });
    expect(report.errors).toEqual([
      { row: 1, column: null, reason: 'No saved responses mapping named "crm"' },
    ]);
  });

  it("keeps both rollup cubes equal to a rebuild after inserts, updates and partial imports", async () => {
    await runImport(FIRST_FILE, { skipInvalid: true });
    await runImport("external_id,score,submitted_at\nr1,0,2024-12-31\nr6,7,2025-01-15\nr7,x,2025-01-15\n", {
      skipInvalid: true,
    });
    await runImport("external_id,score\nr8,8\nr9,2\n", { partnerName: "Another partner" });
    expect(await overallByScore()).toEqual({ 0: 1, 2: 1, 6: 1, 7: 1, 8: 1, 10: 1 });
    await expectRollupsConsistent();
  });
});
