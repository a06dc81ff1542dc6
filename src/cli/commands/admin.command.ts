import type { Command } from "commander";
import { createApiKey, revokeApiKey } from "../../modules/api-keys/api-key.service.js";
import { listOrganizations } from "../../modules/organizations/organization.repository.js";
import { createOrganization } from "../../modules/organizations/organization.service.js";
import { searchPartners } from "../../modules/partners/partner.service.js";
import { cliOrganization, printJson, withDatabase } from "../cli-context.js";

export function registerAdminCommands(program: Command): void {
  const orgs = program.command("orgs").description("Organizations (tenants)");
  orgs
    .command("list")
    .option("--json", "print JSON")
    .action(async (options: { json?: boolean }, command: Command) => {
      await withDatabase(command, async (database) => {
        const rows = (await listOrganizations(database.db)).map(
          ({ organization_id, name, slug, company_name, created_at }) => ({
            organization_id,
            name,
            slug,
            company_name,
            created_at,
          }),
        );
        if (options.json) printJson(rows);
        else
          process.stdout.write(
            `${rows.map((o) => `${o.slug}\t${o.name}\t${o.organization_id}`).join("\n") || "No organizations."}\n`,
          );
      });
    });
  orgs
    .command("create <name>")
    .option("--slug <slug>", "short name used with --org")
    .option("--company <name>", "company name in the NPS question (default: the organization name)")
    .action(async (name: string, options: { slug?: string; company?: string }, command: Command) => {
      await withDatabase(command, async (database) => {
        const organization = await createOrganization(database.db, {
          name,
          ...(options.slug ? { slug: options.slug } : {}),
          ...(options.company ? { companyName: options.company } : {}),
        });
        process.stdout.write(`Created organization ${organization.slug} (${organization.organization_id})\n`);
      });
    });

  const keys = program.command("api-keys").description("API keys for the REST API");
  keys
    .command("create <name>")
    .option("--scopes <scopes>", "comma-separated: read, write, triggers, admin", "read")
    .action(async (name: string, options: { scopes: string }, command: Command) => {
      await withDatabase(command, async (database) => {
        const organization = await cliOrganization(command, database);
        const { apiKeyId, key } = await createApiKey(database.db, {
          organizationId: organization.organization_id,
          name,
          scopes: options.scopes.split(",").map((s) => s.trim()),
        });
        process.stderr.write(`API key ${apiKeyId} created; it is shown only once:\n`);
        process.stdout.write(`${key}\n`);
      });
    });
  keys.command("revoke <apiKeyId>").action(async (apiKeyId: string, _options: unknown, command: Command) => {
    await withDatabase(command, async (database) => {
      const organization = await cliOrganization(command, database);
      await revokeApiKey(database.db, organization.organization_id, apiKeyId);
      process.stdout.write(`API key ${apiKeyId} revoked\n`);
    });
  });

  program
    .command("partners")
    .description("Partners")
    .command("list")
    .option("--search <text>", "name or external id contains")
    .option("--tier <tier>")
    .option("--region <region>")
    .option("--limit <n>", "how many", "50")
    .option("--json", "print JSON")
    .action(
      async (
        options: { search?: string; tier?: string; region?: string; limit: string; json?: boolean },
        command: Command,
      ) => {
        await withDatabase(command, async (database) => {
          const organization = await cliOrganization(command, database);
          const { json, ...query } = options;
          const result = await searchPartners(
            { db: database.db, organizationId: organization.organization_id, actor: "cli" },
            query,
          );
          if (json) printJson(result);
          else {
            const lines = result.items.map(
              (p) => `${p.name}\t${p.tier ?? "-"}\t${p.region ?? "-"}\t${p.partner_id}`,
            );
            process.stdout.write(`${lines.join("\n")}\n${result.items.length} of ${result.total} partners\n`);
          }
        });
      },
    );
}
