import { Command } from "commander";
import { reportCliError } from "./cli-context.js";
import { registerAdminCommands } from "./commands/admin.command.js";
import { registerCaseCommands } from "./commands/cases.command.js";
import { registerDemoCommands } from "./commands/demo.command.js";
import { registerImportCommands } from "./commands/import.command.js";
import { registerJobCommands } from "./commands/jobs.command.js";
import { registerReportCommands } from "./commands/report.command.js";
import { registerServerCommands } from "./commands/server.command.js";
import { registerStatsCommands } from "./commands/stats.command.js";
import { registerWaveCommands } from "./commands/waves.command.js";

/** Builds the `partner-nps` program; each command group lives in its own file under commands/. */
export function buildProgram(): Command {
  const program = new Command()
    .name("partner-nps")
    .description("Partner NPS: measure and raise how likely your partners are to recommend you.")
    .option(
      "--db <url-or-file>",
      "PostgreSQL URL or SQLite file (default: DATABASE_URL or ./data/partner-nps.db)",
    )
    .option("--org <slug>", "organization to act on (needed when the database holds several)")
    .showHelpAfterError();
  registerServerCommands(program);
  registerDemoCommands(program);
  registerImportCommands(program);
  registerReportCommands(program);
  registerStatsCommands(program);
  registerJobCommands(program);
  registerWaveCommands(program);
  registerCaseCommands(program);
  registerAdminCommands(program);
  return program;
}

try {
  await buildProgram().parseAsync(process.argv);
} catch (error) {
  reportCliError(error);
}
