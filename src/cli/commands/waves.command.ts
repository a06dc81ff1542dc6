import type { Command } from "commander";
import { config } from "../../config.js";
import { systemClock } from "../../core/clock.js";
import { linksToCsv, listInvitationLinks } from "../../modules/invitations/invitation.service.js";
import type { ServiceContext } from "../../modules/partners/partner.service.js";
import { listSurveys } from "../../modules/surveys/survey.service.js";
import {
  closeWave,
  createWave,
  launchWave,
  listWaves,
  previewAudience,
  waveProgress,
} from "../../modules/waves/wave.service.js";
import { runWaveCalendar } from "../../modules/waves/wave-scheduler.js";
import { cliOrganization, printJson, withDatabase } from "../cli-context.js";

const collect = (value: string, previous: string[] = []) => [...previous, value];

async function withService<T>(
  command: Command,
  body: (service: ServiceContext, database: Parameters<Parameters<typeof withDatabase>[1]>[0]) => Promise<T>,
) {
  return withDatabase(command, async (database) => {
    const organization = await cliOrganization(command, database);
    return body(
      { db: database.db, organizationId: organization.organization_id, actor: "cli", clock: systemClock },
      database,
    );
  });
}

function print(value: unknown, json: boolean | undefined, text: () => string) {
  if (json) printJson(value);
  else process.stdout.write(`${text()}\n`);
}

export function registerWaveCommands(program: Command): void {
  program
    .command("surveys")
    .description("Surveys")
    .command("list")
    .option("--json", "print JSON")
    .action(async (options: { json?: boolean }, command: Command) => {
      const result = await withService(command, (service) => listSurveys(service));
      print(result, options.json, () =>
        result.items.map((s) => `${s.survey_id}\t${s.kind}\t${s.languages.join(",")}\t${s.name}`).join("\n"),
      );
    });

  const waves = program.command("waves").description("Survey waves: audience, launch, progress");
  waves
    .command("list")
    .option("--json", "print JSON")
    .action(async (options: { json?: boolean }, command: Command) => {
      const result = await withService(command, (service) => listWaves(service));
      print(result, options.json, () =>
        result.items.map((w) => `${w.wave_id}\t${w.status}\t${w.closes_at ?? "-"}\t${w.name}`).join("\n"),
      );
    });
  waves
    .command("create")
    .requiredOption("--survey <id>", "survey id")
    .requiredOption("--name <name>", "wave name")
    .requiredOption("--closes <iso>", "close date-time, e.g. 2027-01-15T17:00:00Z")
    .option("--tier <tier>", "only partners of this tier (repeatable)", collect)
    .option("--region <region>", "only partners in this region (repeatable)", collect)
    .option("--role <role>", "only contacts with this role (repeatable)", collect)
    .option("--reminders <days>", "reminder days after sending, e.g. 4,9", "4,9")
    .option("--json", "print JSON")
    .action(
      async (
        options: {
          survey: string;
          name: string;
          closes: string;
          tier?: string[];
          region?: string[];
          role?: string[];
          reminders: string;
          json?: boolean;
        },
        command: Command,
      ) => {
        const result = await withService(command, (service) =>
          createWave(service, {
            survey_id: options.survey,
            name: options.name,
            closes_at: options.closes,
            reminder_days: options.reminders.split(",").filter(Boolean).map(Number),
            audience: {
              ...(options.tier ? { tier: options.tier } : {}),
              ...(options.region ? { region: options.region } : {}),
              ...(options.role ? { roles: options.role } : {}),
            },
          }),
        );
        print(result, options.json, () => `Created wave ${result.wave_id} (${result.status})`);
      },
    );
  waves
    .command("preview <waveId>")
    .description("Who would receive the wave now, and who is excluded and why")
    .option("--json", "print JSON")
    .action(async (waveId: string, options: { json?: boolean }, command: Command) => {
      const result = await withService(command, (service) => previewAudience(service, waveId));
      print(result, options.json, () =>
        [
          `${result.recipients} recipients at ${result.partners} partners; ${result.excluded} excluded`,
          ...Object.entries(result.excluded_by_reason).map(([reason, n]) => `  ${reason}: ${n}`),
        ].join("\n"),
      );
    });
  waves
    .command("launch <waveId>")
    .option("--json", "print JSON")
    .action(async (waveId: string, options: { json?: boolean }, command: Command) => {
      const result = await withService(command, (service, database) => launchWave(database, service, waveId));
      print(
        result,
        options.json,
        () => `Wave ${waveId} launched: ${result.invited} invitations queued, ${result.excluded} excluded`,
      );
    });
  waves.command("close <waveId>").action(async (waveId: string, _options: unknown, command: Command) => {
    await withService(command, (service) => closeWave(service, waveId));
    process.stdout.write(`Wave ${waveId} closed\n`);
  });
  waves
    .command("progress <waveId>")
    .option("--by <group>", "partner, tier or region")
    .option("--json", "print JSON")
    .action(
      async (
        waveId: string,
        options: { by?: "partner" | "tier" | "region"; json?: boolean },
        command: Command,
      ) => {
        const result = await withService(command, (service) =>
          waveProgress(service, waveId, options.by ?? null),
        );
        print(result, true, () => "");
      },
    );
  waves
    .command("tick")
    .description("Run the wave calendar once: launch due waves, close expired ones, queue due reminders")
    .action(async (_options: unknown, command: Command) => {
      const result = await withDatabase(command, (database) => runWaveCalendar(database, systemClock));
      printJson(result);
    });

  program
    .command("invitations")
    .description("Invitations")
    .command("links")
    .description("Survey links of unanswered invitations, for other tools (relative to PUBLIC_URL)")
    .option("--wave <id>", "only this wave")
    .option("--open", "only waves that are open")
    .option("--csv", "print CSV")
    .option("--json", "print JSON")
    .action(
      async (options: { wave?: string; open?: boolean; csv?: boolean; json?: boolean }, command: Command) => {
        const links = await withService(command, (service) =>
          listInvitationLinks(service.db, service.organizationId, config.publicUrl, {
            ...(options.wave ? { waveId: options.wave } : {}),
            openOnly: options.open === true,
          }),
        );
        if (options.csv) process.stdout.write(linksToCsv(links));
        else
          print(links, options.json, () =>
            links.map((l) => `${l.partner}\t${l.contact ?? "-"}\t${l.url}`).join("\n"),
          );
      },
    );
}
