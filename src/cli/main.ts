import { Command } from "commander";
import { registerStatsCommands } from "./commands/stats.command.js";

/** Builds the `partner-nps` program; each command group lives in its own file under commands/. */
export function buildProgram(): Command {
  const program = new Command()
    .name("partner-nps")
    .description("Partner NPS: measure and raise how likely your partners are to recommend you.")
    .option("--db <url-or-file>", "PostgreSQL URL or SQLite file (default: DATABASE_URL or ./data/partner-nps.db)")
    .showHelpAfterError();
  registerStatsCommands(program);
  return program;
}

await buildProgram().parseAsync(process.argv);
