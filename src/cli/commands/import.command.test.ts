import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, describeEachDialect, type TestDatabase } from "../../test-support/databases.js";

const BIN = fileURLToPath(new URL("../../../bin/partner-nps.js", import.meta.url));
const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
// Real B2C survey (French garden-centre chain, CC0), Latin-1 with cp850 bytes: see /work/shared/data/README.md.
const NPSGAME = "/work/shared/data/npsgame-nps.csv";
const NPSGAME_ARGS = [
  "import",
  "responses",
  NPSGAME,
  "--map",
  "score=nps,comment=explication,external_id=id",
  "--partner",
  "Jardinerie",
  "--skip-invalid",
  "--json",
];
const TABLES = ["responses", "response_rollups", "score_rollups", "partners", "imports"] as const;
const execFileAsync = promisify(execFile);

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

describeEachDialect("partner-nps import (real bin through child_process)", (dialect) => {
  let database: TestDatabase;
  let tempDir: string;
  let firstRun: CliRun;

  async function cli(args: string[]): Promise<CliRun> {
    try {
      const { stdout, stderr } = await execFileAsync(
        process.execPath,
        [BIN, "--db", database.target, ...args],
        {
          cwd: ROOT,
          maxBuffer: 64 * 1024 * 1024,
        },
      );
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failure = error as { code?: unknown; stdout?: string; stderr?: string };
      if (typeof failure.code !== "number") throw error;
      return { code: failure.code, stdout: failure.stdout ?? "", stderr: failure.stderr ?? "" };
    }
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

  function writeFile(name: string, text: string): string {
    const file = path.join(tempDir, name);
    fs.writeFileSync(file, text);
    return file;
  }

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "pnps-import-cli-"));
    firstRun = await cli(NPSGAME_ARGS);
  });
  afterAll(async () => {
    await database?.destroy();
    if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true });
  });

  it("imports npsgame-nps.csv: 13,612 accepted, 342 rejected for a missing score, every rejection listed", () => {
    expect(firstRun.stderr).toBe("");
    expect(firstRun.code).toBe(0);
    const report = JSON.parse(firstRun.stdout);
    expect(report).toMatchObject({
      rows: 13_954,
      accepted: 13_612,
      rejected: 342,
      inserted: 13_612,
      committed: true,
      encoding: "windows-1252",
      delimiter: ",",
      mapping: { score: "nps", comment: "explication", external_id: "id" },
    });
    expect(report.errors).toHaveLength(342);
    expect(report.errors[0]).toEqual({
      row: 37,
      column: "nps",
      reason: "score is missing (the cell is empty or NA)",
    });
    for (const error of report.errors) {
      expect(error).toEqual({
        row: expect.any(Number),
        column: "nps",
        reason: "score is missing (the cell is empty or NA)",
      });
    }
  });

  it("stores the French comments with their accents and no mojibake", async () => {
    const rows = await database.db.selectFrom("responses").select(["external_id", "comment"]).execute();
    expect(rows).toHaveLength(13_612);
    const comments = rows.map((row) => row.comment).filter((comment): comment is string => comment !== null);
    expect(comments).toHaveLength(3_802);
    expect(rows.find((row) => row.external_id === "2482")?.comment).toBe(
      "Il y a très peu de caisse ouverte et le délai d'attente est particulièrement long!!!!",
    );
    expect(comments.some((comment) => comment.includes("très"))).toBe(true);
    expect(comments.some((comment) => comment.includes("échange"))).toBe(true);
    expect(comments.filter((comment) => /[\u0080-\u009f\ufffd]/.test(comment))).toEqual([]);
    const partners = await database.db.selectFrom("partners").select("name").execute();
    expect(partners).toEqual([{ name: "Jardinerie" }]);
  });

  it("a second run adds nothing and report nps still counts 13,612 responses", async () => {
    const before = await counts();
    const second = await cli(NPSGAME_ARGS);
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({
      accepted: 13_612,
      rejected: 342,
      inserted: 0,
      updated: 0,
      unchanged: 13_612,
    });
    expect(await counts()).toEqual({ ...before, imports: before.imports! + 1 });
    const report = await cli(["report", "nps", "--json"]);
    expect(report.code).toBe(0);
    const { overall } = JSON.parse(report.stdout);
    expect(overall.n).toBe(13_612);
    expect(overall.promoters + overall.passives + overall.detractors).toBe(13_612);
    expect(overall).toMatchObject({ promoters: 8_465, passives: 3_953, detractors: 1_194 });
  });

  it("refuses a file with rejected rows: exit code 1, every row reported, nothing written", async () => {
    const file = writeFile(
      "refused.csv",
      "external_id,score,comment\nm1,8,fine\nm2,11,too high\nm1,9,again\nm3,ten,\n",
    );
    const before = await counts();
    const json = await cli(["import", "responses", file, "--partner", "Refused partner", "--json"]);
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout);
    expect(report).toMatchObject({ rows: 4, accepted: 1, rejected: 3, committed: false });
    expect(report.errors).toEqual([
      { row: 3, column: "score", reason: 'score must be a whole number from 0 to 10, got "11"' },
      { row: 4, column: null, reason: "duplicate of row 2 (same external id)" },
      { row: 5, column: "score", reason: 'score must be a whole number from 0 to 10, got "ten"' },
    ]);
    const text = await cli(["import", "responses", file, "--partner", "Refused partner"]);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain("accepted 1 (new 1, updated 0, unchanged 0), rejected 3");
    expect(text.stdout).toContain("nothing was written");
    expect(text.stdout).toContain(
      '  row 3, column score: score must be a whole number from 0 to 10, got "11"',
    );
    expect(await counts()).toEqual(before);
  });

  it("--dry-run of a valid file exits 0, reports the counts and writes nothing", async () => {
    const file = writeFile("dry.csv", "external_id;score;comment\nd1;9;très bien\nd2;3;NA\n");
    const before = await counts();
    const run = await cli(["import", "responses", file, "--partner", "Dry partner", "--dry-run", "--json"]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      delimiter: ";",
      accepted: 2,
      inserted: 2,
      rejected: 0,
      dry_run: true,
      committed: false,
    });
    expect(await counts()).toEqual(before);
  });
});
