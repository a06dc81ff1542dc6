import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { ManualClock } from "../../core/clock.js";
import { createTestDatabase, describeEachDialect, type TestDatabase } from "../../test-support/databases.js";
import { createOrganization } from "../organizations/organization.service.js";
import type { ImportOptions, ImportReport, RowError } from "./import.js";
import { importCsv } from "./import.service.js";

const TABLES = ["responses", "response_rollups", "score_rollups", "partners", "imports"] as const;
const HEADER = "external_id,score,comment";
const TEN_MEGABYTES = 10 * 1024 * 1024;
const HUGE_COMMENT = "x".repeat(TEN_MEGABYTES);
const LONG_COMMENT = "y".repeat(30_000);

const encode = (text: string) => new TextEncoder().encode(text);

/** The rows every malformed file also carries: one update of a stored response and one new response. */
const VALID_ROWS = ["r1,7,changed", "n1,8,new"];

interface MalformedCase {
  name: string;
  text: string;
  options?: Partial<ImportOptions>;
  rows: number;
  /** What the valid rows would have done (default: the two VALID_ROWS). */
  valid?: { accepted: number; inserted: number; updated: number };
  errors: RowError[];
}

/** Four valid new responses of 17,000 characters each, to push a later row past the first 64 KiB. */
const PADDING_ROWS = [1, 2, 3, 4].map((n) => `p${n},8,${"p".repeat(17_000)}`);

const cases: MalformedCase[] = [
  {
    name: "an unsupported delimiter (pipe)",
    text: "external_id|score|comment\nr1|7|changed\nn1|8|new\n",
    rows: 0,
    errors: [
      {
        row: 1,
        column: null,
        reason:
          'The file seems to use "|" as delimiter; only comma, semicolon and tab are supported: export it again with one of those',
      },
    ],
  },
  {
    name: "a semicolon file read with a comma delimiter override",
    text: "external_id;score;comment\nr1;7;changed\nn1;8;new\n",
    options: { delimiter: "," },
    rows: 0,
    errors: [
      {
        row: 1,
        column: null,
        reason:
          'No column found for required field score: map it with --map score=<column>; available columns: "external_id;score;comment"',
      },
    ],
  },
  {
    name: "a missing required column",
    text: "external_id,comment\nr1,changed\nn1,new\n",
    rows: 0,
    errors: [
      {
        row: 1,
        column: null,
        reason:
          'No column found for required field score: map it with --map score=<column>; available columns: "external_id", "comment"',
      },
    ],
  },
  {
    name: "scores like 11, 7.5 and ten",
    text: [HEADER, ...VALID_ROWS, "n2,11,a", "n3,7.5,b", "n4,ten,c", ""].join("\n"),
    rows: 5,
    errors: [
      { row: 4, column: "score", reason: 'score must be a whole number from 0 to 10, got "11"' },
      { row: 5, column: "score", reason: 'score must be a whole number from 0 to 10, got "7.5"' },
      { row: 6, column: "score", reason: 'score must be a whole number from 0 to 10, got "ten"' },
    ],
  },
  {
    name: "duplicated external ids",
    text: [HEADER, ...VALID_ROWS, "n1,9,again", "r1,2,twice", ""].join("\n"),
    rows: 4,
    errors: [
      { row: 4, column: null, reason: "duplicate of row 3 (same external id)" },
      { row: 5, column: null, reason: "duplicate of row 2 (same external id)" },
    ],
  },
  {
    name: "a 10 MB comment",
    text: [HEADER, ...VALID_ROWS, `n2,8,"${HUGE_COMMENT}"`, ""].join("\n"),
    rows: 3,
    errors: [
      {
        row: 4,
        column: "comment",
        reason: `cell is ${TEN_MEGABYTES} characters long, above the limit of 100000`,
      },
    ],
  },
  {
    name: "a comment above the 20,000-character import limit",
    text: [HEADER, ...VALID_ROWS, `n2,8,${LONG_COMMENT}`, ""].join("\n"),
    rows: 3,
    errors: [
      { row: 4, column: "comment", reason: "comment is 30000 characters long, above the limit of 20000" },
    ],
  },
  {
    name: "a last line truncated inside a quoted comment",
    text: [HEADER, ...VALID_ROWS, 'n2,9,"the export stopp'].join("\n"),
    rows: 3,
    errors: [
      {
        row: 4,
        column: "comment",
        reason: "unclosed quote: the file seems truncated (row starting on line 4)",
      },
    ],
  },
  {
    name: "a last line truncated after the score",
    text: [HEADER, ...VALID_ROWS, "n2,9"].join("\n"),
    rows: 3,
    errors: [{ row: 4, column: null, reason: "expected 3 cells, found 2" }],
  },
  {
    name: "a NUL byte near the start (a binary file)",
    text: [HEADER, ...VALID_ROWS, "n2,9,nul\u0000here", ""].join("\n"),
    rows: 0,
    errors: [{ row: 1, column: null, reason: "The file contains NUL bytes: it is not a text CSV file" }],
  },
  {
    // The binary check samples the first 64 KiB; PostgreSQL refuses U+0000 in text, so a later one is a row error.
    name: "a NUL character in a comment past the first 64 KiB",
    text: [HEADER, ...VALID_ROWS, ...PADDING_ROWS, "n2,9,nul\u0000here", ""].join("\n"),
    rows: 7,
    valid: { accepted: 6, inserted: 5, updated: 1 },
    errors: [{ row: 8, column: "comment", reason: "comment contains a NUL character (U+0000)" }],
  },
];

const everythingAtOnce = [
  HEADER,
  ...VALID_ROWS,
  "n2,11,a",
  "n3,7.5,b",
  "n4,ten,c",
  "n1,9,again",
  "n5;9;semicolons",
  "n6,,empty score",
  "n7,NA,NA score",
  `n8,5,"${HUGE_COMMENT}"`,
  `n9,6,${LONG_COMMENT}`,
  "n10,4,nul\u0000here",
  'n11,3,"the export stopp',
].join("\n");

const everythingErrors: RowError[] = [
  { row: 4, column: "score", reason: 'score must be a whole number from 0 to 10, got "11"' },
  { row: 5, column: "score", reason: 'score must be a whole number from 0 to 10, got "7.5"' },
  { row: 6, column: "score", reason: 'score must be a whole number from 0 to 10, got "ten"' },
  { row: 7, column: null, reason: "duplicate of row 3 (same external id)" },
  { row: 8, column: null, reason: "expected 3 cells, found 1" },
  { row: 9, column: "score", reason: "score is missing (the cell is empty or NA)" },
  { row: 10, column: "score", reason: "score is missing (the cell is empty or NA)" },
  {
    row: 11,
    column: "comment",
    reason: `cell is ${TEN_MEGABYTES} characters long, above the limit of 100000`,
  },
  { row: 12, column: "comment", reason: "comment is 30000 characters long, above the limit of 20000" },
  { row: 13, column: "comment", reason: "comment contains a NUL character (U+0000)" },
  {
    row: 14,
    column: "comment",
    reason: "unclosed quote: the file seems truncated (row starting on line 14)",
  },
];

describeEachDialect("malformed response files", (dialect) => {
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
    const baseline = await runImport([HEADER, "r1,9,great", "r2,6,slow", "r3,10,", ""].join("\n"), {
      partnerName: "Baseline partner",
    });
    expect(baseline).toMatchObject({ committed: true, inserted: 3 });
  });

  function runImport(text: string, options: Partial<ImportOptions> = {}): Promise<ImportReport> {
    return importCsv(
      database,
      organizationId,
      {
        kind: "responses",
        fileName: "responses.csv",
        bytes: encode(text),
        // A partner that only a committed import would create.
        partnerName: "Partner created by the import",
        actor: "test",
        ...options,
      },
      clock,
    );
  }

  async function databaseState() {
    const counts: Record<string, number> = {};
    for (const table of TABLES) {
      const row = await database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as("count"))
        .executeTakeFirstOrThrow();
      counts[table] = Number(row.count);
    }
    const responses = await database.db
      .selectFrom("responses")
      .select(["external_id", "score", "comment", "partner_id"])
      .where("organization_id", "=", organizationId)
      .orderBy("external_id")
      .execute();
    return { counts, responses };
  }

  it.each(cases)("reports $name row by row and leaves the database unchanged", async (malformed) => {
    const before = await databaseState();
    const report = await runImport(malformed.text, malformed.options);
    expect(report.errors).toEqual(malformed.errors);
    expect(report).toMatchObject({ rows: malformed.rows, committed: false, import_id: null, dry_run: false });
    if (malformed.rows > 0) {
      const valid = malformed.valid ?? { accepted: 2, inserted: 1, updated: 1 };
      expect(report).toMatchObject({ ...valid, rejected: malformed.errors.length, unchanged: 0 });
    }
    expect(await databaseState()).toEqual(before);
  });

  it("warns that the delimiter looks wrong when an override reads the header as one column", async () => {
    const report = await runImport("external_id;score;comment\nr1;7;changed\n", { delimiter: "," });
    expect(report.warnings).toContain(
      'The header was read as a single column "external_id;score;comment" with the comma delimiter; it contains semicolon: is the delimiter wrong?',
    );
  });

  it("reports every problem of a file that has them all, and writes nothing", async () => {
    const before = await databaseState();
    const report = await runImport(everythingAtOnce);
    expect(report.errors).toEqual(everythingErrors);
    expect(report).toMatchObject({
      rows: 13,
      accepted: 2,
      rejected: 11,
      inserted: 1,
      updated: 1,
      unchanged: 0,
      committed: false,
      import_id: null,
    });
    expect(report.warnings).toEqual([
      "Nothing was imported: 11 row(s) were rejected. Fix them, or pass --skip-invalid to import the 2 valid row(s).",
    ]);
    expect(await databaseState()).toEqual(before);
  });

  it("keeps the two valid rows of that file with skipInvalid and records the rejections", async () => {
    const before = await databaseState();
    const report = await runImport(everythingAtOnce, { skipInvalid: true });
    expect(report).toMatchObject({ committed: true, accepted: 2, rejected: 11, inserted: 1, updated: 1 });
    expect(report.errors).toEqual(everythingErrors);
    const after = await databaseState();
    expect(after.counts).toMatchObject({
      responses: before.counts.responses! + 1,
      partners: before.counts.partners! + 1,
      imports: before.counts.imports! + 1,
    });
    expect(after.responses.map((r) => [r.external_id, r.score, r.comment])).toEqual([
      ["n1", 8, "new"],
      ["r1", 7, "changed"],
      ["r2", 6, "slow"],
      ["r3", 10, null],
    ]);
    const record = await database.db
      .selectFrom("imports")
      .selectAll()
      .where("import_id", "=", report.import_id!)
      .executeTakeFirstOrThrow();
    expect(record).toMatchObject({ status: "completed_with_rejections", accepted: 2, rejected: 11 });
    expect(JSON.parse(record.errors)).toEqual(everythingErrors);
  });
});
