import type { Command } from "commander";
import { systemClock } from "../../core/clock.js";
import { createJobRunner } from "../../modules/background/background-jobs.js";
import { formatJobsTable } from "../../modules/jobs/job.format.js";
import { listJobs, retryJob } from "../../modules/jobs/job.service.js";
import { closeSharedMailers } from "../../modules/mail/mailer.js";
import { cliOrganization, globalOptions, printJson, withDatabase } from "../cli-context.js";

export function registerJobCommands(program: Command): void {
  const jobs = program.command("jobs").description("Background jobs: imports, mail, alerts and webhooks");

  jobs
    .command("list")
    .description("List jobs, newest first (all organizations unless --org is given)")
    .option("--status <status>", "queued, running, done or dead")
    .option("--kind <kind>", "only jobs of this kind")
    .option("--limit <n>", "how many", "50")
    .option("--json", "print JSON")
    .action(
      async (
        options: { status?: string; kind?: string; limit: string; json?: boolean },
        command: Command,
      ) => {
        await withDatabase(command, async (database) => {
          const organizationId = globalOptions(command).org
            ? (await cliOrganization(command, database)).organization_id
            : null;
          const rows = await listJobs(database.db, organizationId, {
            ...(options.status ? { status: options.status } : {}),
            ...(options.kind ? { kind: options.kind } : {}),
            limit: Number(options.limit),
          });
          if (options.json) printJson(rows);
          else process.stdout.write(`${formatJobsTable(rows)}\n`);
        });
      },
    );

  jobs
    .command("run")
    .description("Run every job that is due now, then exit")
    .option("--json", "print JSON")
    .action(async (options: { json?: boolean }, command: Command) => {
      await withDatabase(command, async (database) => {
        const summary = await createJobRunner({ database, clock: systemClock }).runDueJobs();
        await closeSharedMailers();
        if (options.json) printJson(summary);
        else process.stdout.write(`done ${summary.done}, retried ${summary.retried}, dead ${summary.dead}\n`);
      });
    });

  jobs
    .command("retry <jobId>")
    .description("Queue a dead job again")
    .action(async (jobId: string, _options: unknown, command: Command) => {
      await withDatabase(command, async (database) => {
        const organization = await cliOrganization(command, database);
        const job = await retryJob(database.db, organization.organization_id, jobId);
        process.stdout.write(`job ${job.jobId} queued again\n`);
      });
    });
}
