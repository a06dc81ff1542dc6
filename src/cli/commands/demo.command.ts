import type { Command } from "commander";
import { ValidationError } from "../../core/errors.js";
import { loadDemoOrganization } from "../../modules/demo/demo.service.js";
import { printJson, withDatabase } from "../cli-context.js";

export function registerDemoCommands(program: Command): void {
  program
    .command("demo")
    .description(
      "Create a realistic demo partner program (docs/demo-data.md), deterministic per seed and date",
    )
    .option("--seed <n>", "random seed", "1")
    .option("--reference-date <date>", "the demo's 'today' (YYYY-MM-DD); default: today")
    .option("--partners <n>", "number of partners", "400")
    .option("--json", "print JSON")
    .action(
      async (
        options: { seed: string; referenceDate?: string; partners: string; json?: boolean },
        command: Command,
      ) => {
        const seed = Number(options.seed);
        const partners = Number(options.partners);
        if (!Number.isInteger(seed) || seed < 1)
          throw new ValidationError("--seed must be a whole number from 1");
        if (!Number.isInteger(partners) || partners < 1 || partners > 100_000) {
          throw new ValidationError("--partners must be a whole number from 1 to 100000");
        }
        if (options.referenceDate && !/^\d{4}-\d{2}-\d{2}$/.test(options.referenceDate)) {
          throw new ValidationError("--reference-date must look like 2026-11-30");
        }
        await withDatabase(command, async (database) => {
          const result = await loadDemoOrganization(database, {
            seed,
            partners,
            ...(options.referenceDate ? { referenceDate: `${options.referenceDate}T00:00:00Z` } : {}),
          });
          if (options.json) printJson({ organization: result.organization.slug, ...result.counts });
          else {
            const counts = Object.entries(result.counts)
              .map(([k, v]) => `${v} ${k.replace("_", " ")}`)
              .join(", ");
            process.stdout.write(
              `Created demo organization "${result.organization.name}" (--org ${result.organization.slug}): ${counts}\n`,
            );
          }
        });
      },
    );
}
