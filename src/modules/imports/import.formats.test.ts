import iconv from "iconv-lite";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { ManualClock } from "../../core/clock.js";
import { createTestDatabase, describeEachDialect, type TestDatabase } from "../../test-support/databases.js";
import { createOrganization } from "../organizations/organization.service.js";
import type { ImportOptions, ImportReport } from "./import.js";
import { importCsv } from "./import.service.js";

/** One byte per character (0xE8 è, 0xE9 é, 0xE7 ç): what Excel writes as "CSV (Windows)"; invalid as UTF-8. */
const latin1 = (text: string) => new Uint8Array(Buffer.from(text, "latin1"));
const LATIN1_FILE = latin1('external_id,score,comment\nw1,3,"Très déçu, café"\n');

describeEachDialect("import file formats", (dialect) => {
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

  function runImport(
    kind: ImportOptions["kind"],
    bytes: string | Uint8Array,
    options: Partial<ImportOptions> = {},
  ): Promise<ImportReport> {
    return importCsv(
      database,
      organizationId,
      {
        kind,
        fileName: `${kind}.csv`,
        bytes: typeof bytes === "string" ? new TextEncoder().encode(bytes) : bytes,
        actor: "test",
        ...(kind === "responses" ? { partnerName: "Jardin" } : {}),
        ...options,
      },
      clock,
    );
  }

  async function comments(): Promise<(string | null)[]> {
    const rows = await database.db
      .selectFrom("responses")
      .select("comment")
      .where("organization_id", "=", organizationId)
      .orderBy("external_id")
      .execute();
    return rows.map((row) => row.comment);
  }

  async function partners() {
    return database.db
      .selectFrom("partners")
      .select(["external_id", "name", "tier", "annual_revenue"])
      .where("organization_id", "=", organizationId)
      .orderBy("external_id")
      .execute();
  }

  it("reads a semicolon file with decimal commas (French Excel export)", async () => {
    const file = "external_id;name;tier;annual_revenue\nP1;Société Générale;Gold;12,5\nP2;Beta;Silver;1250\n";
    const report = await runImport("partners", file);
    expect(report).toMatchObject({ delimiter: ";", encoding: "utf-8", committed: true, inserted: 2 });
    expect(await partners()).toEqual([
      { external_id: "P1", name: "Société Générale", tier: "Gold", annual_revenue: 12.5 },
      { external_id: "P2", name: "Beta", tier: "Silver", annual_revenue: 1250 },
    ]);
  });

  it("refuses a decimal comma in a comma-separated file, naming the column", async () => {
    const report = await runImport("partners", 'external_id,name,annual_revenue\nP1,Acme,"12,5"\n');
    expect(report.errors).toEqual([
      {
        row: 2,
        column: "annual_revenue",
        reason:
          'annual_revenue must be a number such as 12.85, got "12,5" (decimal commas are only accepted in semicolon- or tab-separated files)',
      },
    ]);
    expect(report.committed).toBe(false);
  });

  it("reads a tab-separated file, commas in cells included", async () => {
    const report = await runImport(
      "responses",
      "external_id\tscore\tcomment\nt1\t9\tgood, really\nt2\t4\tNA\n",
    );
    expect(report).toMatchObject({ delimiter: "\t", committed: true, inserted: 2 });
    expect(await comments()).toEqual(["good, really", null]);
  });

  it("honours a delimiter override given by name", async () => {
    const report = await runImport("responses", "external_id;score;comment\ns1;9;a, b\n", {
      delimiter: "semicolon",
    });
    expect(report).toMatchObject({ delimiter: ";", committed: true, inserted: 1 });
  });

  it("strips a UTF-8 byte order mark so the first column still maps", async () => {
    const bytes = Uint8Array.from([
      0xef,
      0xbb,
      0xbf,
      ...new TextEncoder().encode("external_id,score,comment\nb1,8,café\n"),
    ]);
    const report = await runImport("responses", bytes);
    expect(report).toMatchObject({ encoding: "utf-8-bom", committed: true, inserted: 1 });
    expect(report.mapping).toEqual({ external_id: "external_id", score: "score", comment: "comment" });
    expect(await comments()).toEqual(["café"]);
  });

  it("reads a UTF-16 file with a byte order mark (Excel Unicode text)", async () => {
    const bytes = new Uint8Array(
      Buffer.from("\ufeffexternal_id\tscore\tcomment\nu1\t10\tÇa marche\n", "utf16le"),
    );
    const report = await runImport("responses", bytes);
    expect(report).toMatchObject({ encoding: "utf-16le", delimiter: "\t", committed: true });
    expect(await comments()).toEqual(["Ça marche"]);
  });

  it("detects Windows-1252 bytes and decodes the accents", async () => {
    const report = await runImport("responses", LATIN1_FILE);
    expect(report).toMatchObject({ encoding: "windows-1252", committed: true, inserted: 1 });
    expect(await comments()).toEqual(["Très déçu, café"]);
  });

  it("reads the Windows-1252 characters Latin-1 lacks (’ € … –), never as C1 controls", async () => {
    const text = "external_id,score,comment\nw2,9,l’accueil – 15 € offerts… merci\n";
    const report = await runImport("responses", new Uint8Array(iconv.encode(text, "windows-1252")));
    expect(report).toMatchObject({ encoding: "windows-1252", committed: true });
    expect(await comments()).toEqual(["l’accueil – 15 € offerts… merci"]);
  });

  it("honours an --encoding override", async () => {
    const report = await runImport("responses", LATIN1_FILE, { encoding: "latin1" });
    expect(report).toMatchObject({ encoding: "iso-8859-1", committed: true });
    expect(await comments()).toEqual(["Très déçu, café"]);
  });

  it("reports a forced UTF-8 encoding the bytes do not match, and an unknown encoding name", async () => {
    const utf8 = await runImport("responses", LATIN1_FILE, { encoding: "utf-8" });
    expect(utf8.errors).toEqual([
      // 26 header bytes + `w1,3,"Tr` (8 bytes): the è.
      { row: 1, column: null, reason: "The file is not valid UTF-8 (first invalid byte at offset 34)" },
    ]);
    expect(utf8.committed).toBe(false);
    const unknown = await runImport("responses", LATIN1_FILE, { encoding: "ebcdic" });
    expect(unknown.errors[0]?.reason).toMatch(/^Unknown encoding "ebcdic"; use one of: auto, utf-8/);
    expect(await comments()).toEqual([]);
  });

  it("decodes Windows-1252 partner names the same way in a semicolon file", async () => {
    const bytes = latin1("external_id;name;annual_revenue\nP9;Société Française;3,75\n");
    const report = await runImport("partners", bytes);
    expect(report).toMatchObject({ encoding: "windows-1252", delimiter: ";", committed: true });
    expect(await partners()).toEqual([
      { external_id: "P9", name: "Société Française", tier: null, annual_revenue: 3.75 },
    ]);
  });
});
