import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type RawBuilder, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { INFLATING_MANAGER_ID } from "../../core/demo/index.js";
import { type AppDatabase, openDatabase } from "../../db/database.js";
import { runPartnerScores } from "../../modules/analytics/partner-scores.service.js";
import { runSegmentComparison } from "../../modules/analytics/segments.service.js";
import { runTrend } from "../../modules/analytics/trend.service.js";

const BIN = fileURLToPath(new URL("../../../bin/partner-nps.js", import.meta.url));
const ROOT = fileURLToPath(new URL("../../../", import.meta.url));

interface Counts {
  promoters: number;
  passives: number;
  detractors: number;
}

describe("partner-nps report (real bin on a SQLite file holding the demo program)", () => {
  let dir: string;
  let file: string;
  let database: AppDatabase;
  let org: string;

  const run = (args: string[]) =>
    execFileSync(process.execPath, [BIN, "--db", file, ...args], {
      cwd: ROOT,
      encoding: "utf8",
      stdio: "pipe",
    });
  const json = <T>(args: string[]) => JSON.parse(run([...args, "--json"])) as T;

  function runFailing(args: string[]) {
    try {
      return { status: 0, stderr: "", stdout: run(args) };
    } catch (error) {
      const failure = error as { status: number | null; stderr: string; stdout: string };
      return { status: failure.status, stderr: String(failure.stderr), stdout: String(failure.stdout) };
    }
  }

  /** Counts per quarter read straight from the file's responses, categories decided here from the score. */
  async function quarterCounts(where: RawBuilder<unknown>): Promise<Map<string, Counts>> {
    const out = new Map<string, Counts>();
    const { rows } = await sql<{ period_month: string; score: number }>`select period_month, score
      from responses where organization_id = ${org} and ${where}`.execute(database.db);
    for (const row of rows) {
      const quarter = `${row.period_month.slice(0, 4)}-Q${Math.ceil(Number(row.period_month.slice(5, 7)) / 3)}`;
      const counts = out.get(quarter) ?? { promoters: 0, passives: 0, detractors: 0 };
      counts[row.score >= 9 ? "promoters" : row.score >= 7 ? "passives" : "detractors"]++;
      out.set(quarter, counts);
    }
    return out;
  }

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "pnps-report-cli-"));
    file = path.join(dir, "demo.db");
    const created = JSON.parse(run(["demo", "--reference-date", "2026-11-30", "--json"])) as {
      organization: string;
      responses: number;
    };
    expect(created).toMatchObject({ organization: "northwind-cloud", responses: 6697 });
    database = openDatabase(file);
    const organization = await database.db
      .selectFrom("organizations")
      .select("organization_id")
      .executeTakeFirstOrThrow();
    org = organization.organization_id;
  }, 120_000);
  afterAll(async () => {
    await database?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("report trend --json prints the service's trend, with the EMEA gold decline flagged", async () => {
    const args = ["report", "trend", "--filter", "region=EMEA", "--filter", "tier=gold"];
    const printed = json<Awaited<ReturnType<typeof runTrend>>>(args);
    const direct = await runTrend(database.db, org, { filters: { region: ["EMEA"], tier: ["gold"] } });
    expect(printed).toEqual(JSON.parse(JSON.stringify(direct)));
    const counts = await quarterCounts(sql`partner_region = 'EMEA' and partner_tier = 'gold'`);
    const points = printed.lines[0]!.points;
    expect(points.map((p) => p.period)).toEqual([...counts.keys()].sort());
    for (const point of points) expect(point).toMatchObject(counts.get(point.period)!);
    expect(points.slice(-3).some((p) => p.change?.significant && p.change.difference! < 0)).toBe(true);
  });

  it("report trend --period year --series tier --json has one line per tier over three years", () => {
    const printed = json<{
      period: string;
      series: string;
      lines: { key: string; points: { period: string }[] }[];
    }>(["report", "trend", "--period", "year", "--series", "tier"]);
    expect(printed).toMatchObject({ period: "year", series: "tier" });
    expect(printed.lines.map((l) => l.key).sort()).toEqual(["gold", "platinum", "registered", "silver"]);
    for (const line of printed.lines)
      expect(line.points.map((p) => p.period)).toEqual(["2024", "2025", "2026"]);
  });

  it("report segments --json prints the service's comparison; EMEA is below the rest in the last quarter", async () => {
    const printed = json<Awaited<ReturnType<typeof runSegmentComparison>>>([
      "report",
      "segments",
      "--dimension",
      "region",
      "--period",
      "quarter",
    ]);
    const direct = await runSegmentComparison(database.db, org, { dimension: "region", period: "quarter" });
    expect(printed).toEqual(JSON.parse(JSON.stringify(direct)));
    const emea = printed.cells.find((c) => c.value === "EMEA" && c.period === "2026-Q4")!;
    expect(emea).toMatchObject((await quarterCounts(sql`partner_region = 'EMEA'`)).get("2026-Q4")!);
    expect(emea.vs_rest).toMatchObject({ significant: true });
    expect(emea.vs_rest!.difference).toBeLessThan(0);
  });

  it("report partners --json lists role-weighted partner scores; the inflating manager's are all 100", async () => {
    const printed = json<Awaited<ReturnType<typeof runPartnerScores>>>([
      "report",
      "partners",
      "--filter",
      `owner=${INFLATING_MANAGER_ID}`,
      "--sort",
      "name",
      "--limit",
      "500",
    ]);
    const direct = await runPartnerScores(database.db, org, {
      filters: { owner: [INFLATING_MANAGER_ID] },
      sort: "name",
      limit: 500,
    });
    expect(printed).toEqual(JSON.parse(JSON.stringify(direct)));
    expect(printed.total).toBeGreaterThan(10);
    expect(printed.items.map((p) => p.nps)).toEqual(printed.items.map(() => 100));
    const names = printed.items.map((p) => p.name);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : 1)));
    const answers = [...(await quarterCounts(sql`owner_user_id = ${INFLATING_MANAGER_ID}`)).values()];
    expect(answers.every((c) => c.passives === 0 && c.detractors === 0)).toBe(true);
    const promoters = answers.reduce((sum, c) => sum + c.promoters, 0);
    expect(printed.items.reduce((sum, p) => sum + p.responses, 0)).toBe(promoters);
  });

  it("report partners defaults to 50 partners sorted by ascending NPS", () => {
    const printed = json<{ items: { nps: number }[]; total: number; limit: number }>(["report", "partners"]);
    expect(printed.limit).toBe(50);
    expect(printed.items).toHaveLength(50);
    const scores = printed.items.map((p) => p.nps);
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
  });

  it.each([
    [["report", "trend", "--period", "week", "--json"], "period"],
    [["report", "segments", "--dimension", "colour", "--json"], "dimension"],
    [["report", "partners", "--filter", "tier", "--json"], "tier"],
    [["report", "trend", "--from", "2026-13-01", "--json"], "from"],
    [["report", "coverage", "--to", "2026-02-30", "--json"], "to"],
  ])("invalid %j exits 2 naming %s, without a stack trace", (args, mentioned) => {
    const { status, stderr, stdout } = runFailing(args);
    expect(status).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/^error: /);
    expect(stderr).toContain(mentioned);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
