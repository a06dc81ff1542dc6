import type { Command } from "commander";
import { config } from "../../config.js";
import { systemClock } from "../../core/clock.js";
import { buildApp } from "../../http/app.js";
import { createLogger } from "../../http/logger.js";
import { createJobRunner } from "../../modules/background/background-jobs.js";
import { closeSharedMailers } from "../../modules/mail/mailer.js";
import { scheduleNextTick } from "../../modules/waves/wave-scheduler.js";
import { openCliDatabase, printJson, withDatabase } from "../cli-context.js";

export function registerServerCommands(program: Command): void {
  program
    .command("migrate")
    .description("Create or upgrade the database schema")
    .option("--json", "print a machine-readable result")
    .action(async (options: { json?: boolean }, command: Command) => {
      await withDatabase(command, async (database) => {
        const result = { database: database.description, status: "up to date" };
        if (options.json) printJson(result);
        else process.stdout.write(`${database.description}: schema up to date\n`);
      });
    });

  program
    .command("serve")
    .description("Migrate, then serve the dashboard, API and survey pages (HOST, PORT)")
    .option("--host <host>", "interface to bind", config.host)
    .option("--port <port>", "port to listen on", String(config.port))
    .option("--no-jobs", "do not run background jobs in this process")
    .action(async (options: { host: string; port: string; jobs: boolean }, command: Command) => {
      const logger = createLogger(config.logLevel);
      const database = await openCliDatabase(command);
      const context = { config, database, clock: systemClock, logger };
      const app = await buildApp(context);
      const runner = options.jobs ? createJobRunner(context) : null;
      const shutdown = async (signal: string) => {
        logger.info({ signal }, "shutting down");
        await runner?.stop();
        await closeSharedMailers();
        await app.close();
        await database.close();
        process.exit(0);
      };
      process.once("SIGINT", () => void shutdown("SIGINT"));
      process.once("SIGTERM", () => void shutdown("SIGTERM"));
      await app.listen({ host: options.host, port: Number(options.port) });
      if (runner) {
        // The wave calendar re-queues itself each minute; queue the first tick (deduplicated across servers).
        await scheduleNextTick(database, context.clock);
        runner.start();
      }
      logger.info(
        { database: database.description, url: `http://${options.host}:${options.port}` },
        "Partner NPS is ready",
      );
    });
}
