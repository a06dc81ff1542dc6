import type { Command } from "commander";
import type { Executor } from "../../db/database.js";
import { runCoverage } from "../../modules/analytics/coverage.service.js";
import { runDistribution } from "../../modules/analytics/distribution.service.js";
import { runPartnerScores } from "../../modules/analytics/partner-scores.service.js";
import { runNpsReport } from "../../modules/analytics/report.service.js";
import { parseFieldList, parseFilterStrings } from "../../modules/analytics/report-query.js";
import type { NpsFigure } from "../../modules/analytics/report-shape.js";
import { runSegmentComparison } from "../../modules/analytics/segments.service.js";
import { runTrend } from "../../modules/analytics/trend.service.js";
import { rebuildRollups } from "../../modules/rollups/rollup.repository.js";
import { cliOrganization, printJson, withDatabase } from "../cli-context.js";

const collect = (value: string, previous: string[] = []) => [...previous, value];

type Widget = (db: Executor, organizationId: string, query: unknown) => Promise<unknown>;

interface ReportCliOptions {
  groupBy?: string[];
  from?: string;
  to?: string;
  filter?: string[];
  method?: string;
  confidence?: string;
  weighting?: string;
  smallSample?: string;
  json?: boolean;
}

export function registerReportCommands(program: Command): void {
  const report = program.command("report").description("Reports on the organization's responses");
  report
    .command("nps")
    .description("NPS with its interval, overall and per group")
    .option(
      "--group-by <fields>",
      "quarter, month, year, tier, type, region, country, industry, owner, partner, role, survey, wave, channel",
      collect,
    )
    .option("--from <date>", "first day included (YYYY-MM-DD)")
    .option("--to <date>", "last day included (YYYY-MM-DD)")
    .option(
      "--filter <field=value>",
      "keep only matching responses (repeatable; repeated fields mean any of)",
      collect,
    )
    .option("--method <method>", "adjusted-wald (default), wald, tango or bayes")
    .option("--confidence <level>", "confidence level, e.g. 0.95")
    .option("--weighting <weighting>", "responses (default), partners or revenue")
    .option("--small-sample <n>", "flag figures below this n")
    .option("--json", "print JSON")
    .action(async (options: ReportCliOptions, command: Command) => {
      await withDatabase(command, async (database) => {
        const organization = await cliOrganization(command, database);
        const result = await runNpsReport(database.db, organization.organization_id, {
          groupBy: parseFieldList(options.groupBy),
          ...(options.from ? { from: options.from } : {}),
          ...(options.to ? { to: options.to } : {}),
          filters: parseFilterStrings(options.filter ?? []),
          ...(options.method ? { method: options.method } : {}),
          ...(options.confidence ? { confidence: Number(options.confidence) } : {}),
          ...(options.weighting ? { weighting: options.weighting } : {}),
          ...(options.smallSample ? { smallSampleThreshold: Number(options.smallSample) } : {}),
        });
        if (options.json)
          printJson({ overall: result.overall, groups: result.groups, source: result.source });
        else {
          const lines = [`Overall: ${describe(result.overall)}`];
          for (const group of result.groups) {
            const key = Object.entries(group.key)
              .map(([field, value]) => `${field}=${value ?? "(none)"}`)
              .join(" ");
            lines.push(`${key}: ${describe(group)}`);
          }
          process.stdout.write(`${lines.join("\n")}\n`);
        }
      });
    });

  const widget = (
    name: string,
    description: string,
    run: Widget,
    extra: (c: Command) => Command = (c) => c,
  ) =>
    extra(
      report
        .command(name)
        .description(description)
        .option("--from <date>", "first day included (YYYY-MM-DD)")
        .option("--to <date>", "last day included (YYYY-MM-DD)")
        .option("--filter <field=value>", "keep only matching responses (repeatable)", collect)
        .option("--method <method>", "adjusted-wald (default), wald, tango or bayes")
        .option("--confidence <level>", "confidence level, e.g. 0.95"),
    )
      .option("--json", "print JSON (the same shape as the REST endpoint)")
      .action(async (options: ReportCliOptions & Record<string, string | undefined>, command: Command) => {
        await withDatabase(command, async (database) => {
          const organization = await cliOrganization(command, database);
          const { filter, json: _json, from, to, method, confidence, ...rest } = options;
          const result = await run(database.db, organization.organization_id, {
            ...rest,
            filters: parseFilterStrings(filter ?? []),
            ...(from ? { from } : {}),
            ...(to ? { to } : {}),
            ...(method ? { method } : {}),
            ...(confidence ? { confidence: Number(confidence) } : {}),
          });
          printJson(result);
        });
      });

  widget("trend", "NPS per period with the significance of each change", runTrend, (c) =>
    c
      .option("--period <period>", "quarter (default), month or year")
      .option("--series <field>", "one line per value of this field"),
  );
  widget(
    "segments",
    "Each segment against the rest of the program, significant gaps flagged",
    runSegmentComparison,
    (c) =>
      c
        .option("--dimension <field>", "tier (default), type, region, …")
        .option("--period <period>", "also per quarter, month or year"),
  );
  widget("distribution", "Responses per score 0–10", runDistribution);
  widget("partners", "Partner-level NPS (role-weighted) with intervals", runPartnerScores, (c) =>
    c
      .option("--sort <field>", "nps (default), name, responses or revenue")
      .option("--order <order>", "asc (default) or desc")
      .option("--limit <n>", "how many", "50"),
  );
  report
    .command("coverage")
    .description("Response rate and coverage of contacts, partners and revenue; silent strategic partners")
    .option("--wave <id>", "only this wave (repeatable)", collect)
    .option(
      "--strategic-tiers <tiers>",
      "tiers that count as strategic besides flagged partners, e.g. platinum",
    )
    .option("--from <date>", "invitations sent from (YYYY-MM-DD)")
    .option("--to <date>", "invitations sent until (YYYY-MM-DD)")
    .option("--json", "print JSON")
    .action(
      async (
        options: { wave?: string[]; strategicTiers?: string; from?: string; to?: string },
        command: Command,
      ) => {
        await withDatabase(command, async (database) => {
          const organization = await cliOrganization(command, database);
          printJson(
            await runCoverage(database.db, organization.organization_id, {
              ...(options.wave ? { wave: options.wave } : {}),
              ...(options.strategicTiers ? { strategic_tiers: options.strategicTiers.split(",") } : {}),
              ...(options.from ? { from: options.from } : {}),
              ...(options.to ? { to: options.to } : {}),
            }),
          );
        });
      },
    );

  program
    .command("rollups")
    .description("Maintain the count rollups the analytics read")
    .command("rebuild")
    .description("Recompute the rollups from raw responses")
    .option("--json", "print JSON")
    .action(async (options: { json?: boolean }, command: Command) => {
      await withDatabase(command, async (database) => {
        const organization = await cliOrganization(command, database);
        const result = await database.db
          .transaction()
          .execute((trx) => rebuildRollups(trx, organization.organization_id, database.features));
        if (options.json) printJson(result);
        else process.stdout.write(`Rebuilt rollups from ${result.responses} responses\n`);
      });
    });
}

function describe(figure: NpsFigure): string {
  if (figure.nps === null || figure.interval === null) return `no responses (n=0)`;
  const pct = Math.round(figure.confidence * 100);
  const flag = figure.small_sample ? " — small sample" : "";
  return `NPS ${figure.nps_rounded} (${pct}% ${figure.method} interval ${figure.interval.low.toFixed(1)} to ${figure.interval.high.toFixed(1)}, n=${figure.n}, by ${figure.weighting})${flag}`;
}
