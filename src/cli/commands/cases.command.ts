import type { Command } from "commander";
import { systemClock } from "../../core/clock.js";
import type { CaseView } from "../../modules/cases/case.js";
import { listCases } from "../../modules/cases/case.service.js";
import { cliOrganization, printJson, withDatabase } from "../cli-context.js";

/** The CLI contract (used by automated checks): one object per case, ids as strings, owner by name. */
export interface CaseCliRow {
  id: string;
  partner: string;
  owner: string | null;
  status: string;
  due_at: string;
  rule: string;
  response_ids: string[];
}

export function toCliRow(view: CaseView): CaseCliRow {
  return {
    id: view.id,
    partner: view.partnerName,
    owner: view.ownerName,
    status: view.status,
    due_at: view.dueAt,
    rule: view.rule,
    response_ids: view.responseIds,
  };
}

export function formatCasesTable(rows: CaseCliRow[]): string {
  if (rows.length === 0) return "No follow-up cases.";
  const header: CaseCliRow = {
    id: "ID",
    partner: "PARTNER",
    owner: "OWNER",
    status: "STATUS",
    due_at: "DUE",
    rule: "RULE",
    response_ids: [],
  };
  const cells = (row: CaseCliRow) => [
    row.id,
    row.partner,
    row.owner ?? "-",
    row.status,
    row.due_at === "DUE" ? row.due_at : row.due_at.slice(0, 16).replace("T", " "),
    row.rule,
    row === header ? "RESPONSES" : String(row.response_ids.length),
  ];
  const table = [header, ...rows].map(cells);
  const widths = table[0]!.map((_, column) => Math.max(...table.map((line) => line[column]!.length)));
  return table
    .map((line) =>
      line
        .map((cell, i) => cell.padEnd(widths[i]!))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

export function registerCaseCommands(program: Command): void {
  const cases = program.command("cases").description("Follow-up cases opened by detractors and other rules");
  cases
    .command("list")
    .description("List follow-up cases, soonest due first")
    .option(
      "--status <status>",
      "new, in_progress, contacted, resolved or closed_without_action (comma-separated)",
    )
    .option("--json", "print JSON")
    .action(async (options: { status?: string; json?: boolean }, command: Command) => {
      await withDatabase(command, async (database) => {
        const organization = await cliOrganization(command, database);
        const result = await listCases(
          { db: database.db, organizationId: organization.organization_id, actor: "cli", clock: systemClock },
          options.status ? { status: options.status } : {},
          { all: true },
        );
        const rows = result.items.map(toCliRow);
        if (options.json) printJson(rows);
        else process.stdout.write(`${formatCasesTable(rows)}\n`);
      });
    });
}
