import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AppDatabase, openDatabase } from "../../db/database.js";
import { migrateToLatest } from "../../db/migrate.js";
import { loadDemoOrganization } from "../../modules/demo/demo.service.js";

const BIN = fileURLToPath(new URL("../../../bin/partner-nps.js", import.meta.url));
const ROOT = fileURLToPath(new URL("../../../", import.meta.url));

describe("partner-nps cases list (real bin on a SQLite file holding the demo program)", () => {
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

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "pnps-cases-cli-"));
    file = path.join(dir, "cases.db");
    database = openDatabase(file);
    await migrateToLatest(database.db);
    const demo = await loadDemoOrganization(database, {
      seed: 3,
      partners: 40,
      referenceDate: "2026-06-10T00:00:00Z",
    });
    org = demo.organization.organization_id;
    expect(demo.counts.cases).toBeGreaterThan(0);
  });
  afterAll(async () => {
    await database?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("prints every case as {id, partner, owner, status, due_at, rule, response_ids} with partner and owner names", async () => {
    const printed = JSON.parse(run(["cases", "list", "--json"])) as Record<string, unknown>[];
    const rows = await database.db
      .selectFrom("follow_up_cases as c")
      .innerJoin("partners as p", (j) =>
        j.onRef("p.organization_id", "=", "c.organization_id").onRef("p.partner_id", "=", "c.partner_id"),
      )
      .leftJoin("users as u", (j) =>
        j.onRef("u.organization_id", "=", "c.organization_id").onRef("u.user_id", "=", "c.owner_user_id"),
      )
      .select(["c.case_id", "p.name as partner", "u.name as owner", "c.status", "c.due_at", "c.rule"])
      .where("c.organization_id", "=", org)
      .execute();
    const links = await database.db
      .selectFrom("case_responses")
      .select(["case_id", "response_id"])
      .where("organization_id", "=", org)
      .execute();
    const expected = rows
      .map((row) => ({
        id: row.case_id,
        partner: row.partner,
        owner: row.owner,
        status: row.status,
        due_at: row.due_at,
        rule: row.rule,
        response_ids: links
          .filter((l) => l.case_id === row.case_id)
          .map((l) => l.response_id)
          .sort(),
      }))
      .sort((a, b) => (a.due_at === b.due_at ? (a.id < b.id ? -1 : 1) : a.due_at < b.due_at ? -1 : 1));
    expect(printed).toEqual(expected);
    for (const row of printed) {
      expect(Object.keys(row)).toEqual([
        "id",
        "partner",
        "owner",
        "status",
        "due_at",
        "rule",
        "response_ids",
      ]);
      expect(typeof row.id).toBe("string");
    }
  });

  it("filters by status, prints a readable table without --json, and rejects an unknown status", async () => {
    const caseId = (
      await database.db
        .selectFrom("follow_up_cases")
        .select("case_id")
        .where("organization_id", "=", org)
        .where("status", "=", "contacted")
        .orderBy("case_id")
        .executeTakeFirstOrThrow()
    ).case_id;
    await database.db
      .updateTable("follow_up_cases")
      .set({ status: "resolved" })
      .where("organization_id", "=", org)
      .where("case_id", "=", caseId)
      .execute();
    // The demo's history already resolved some cases; the list holds exactly the resolved ones, by due date.
    const expected = await database.db
      .selectFrom("follow_up_cases")
      .select(["case_id", "due_at"])
      .where("organization_id", "=", org)
      .where("status", "=", "resolved")
      .execute();
    expect(expected.length).toBeGreaterThan(1);
    const resolved = JSON.parse(run(["cases", "list", "--status", "resolved", "--json"])) as {
      id: string;
      status: string;
    }[];
    expect(resolved.map((r) => r.id)).toEqual(
      expected
        .sort((a, b) =>
          a.due_at === b.due_at ? (a.case_id < b.case_id ? -1 : 1) : a.due_at < b.due_at ? -1 : 1,
        )
        .map((r) => r.case_id),
    );
    expect(resolved.every((r) => r.status === "resolved")).toBe(true);
    const table = run(["cases", "list", "--status", "resolved"]).split("\n");
    expect(table[0]).toMatch(/^ID\s+PARTNER\s+OWNER\s+STATUS\s+DUE\s+RULE\s+RESPONSES$/);
    expect(table.some((line) => line.includes(caseId))).toBe(true);
    let failure: { status: number | null; stderr: string } | null = null;
    try {
      run(["cases", "list", "--status", "lost", "--json"]);
    } catch (error) {
      failure = error as { status: number | null; stderr: string };
    }
    expect(failure?.status).toBe(2);
    expect(String(failure?.stderr)).toContain("status");
  });
});
