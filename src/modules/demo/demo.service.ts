import { type Clock, systemClock } from "../../core/clock.js";
import { generateDemoDataset } from "../../core/demo/index.js";
import { newId, newSecret } from "../../core/ids.js";
import { invitationToken, tokenHash } from "../../core/tokens.js";
import type { AppDatabase, Executor } from "../../db/database.js";
import { recordAudit } from "../audit/audit.repository.js";
import { openDemoCases } from "../cases/case-demo.service.js";
import { findOrganizationBySlug, type Organization } from "../organizations/organization.repository.js";
import { insertResponsesWithRollups } from "../responses/response.service.js";

export interface DemoOptions {
  seed?: number;
  /** The day the demo program is "today": defaults to the current date, so its latest wave is open now. */
  referenceDate?: string;
  partners?: number;
  clock?: Clock;
}

export interface DemoResult {
  organization: Organization;
  counts: Record<string, number>;
}

/** Creates the demo organization in one transaction: the same seed and reference date give the same program. */
export async function loadDemoOrganization(
  database: AppDatabase,
  options: DemoOptions = {},
): Promise<DemoResult> {
  const clock = options.clock ?? systemClock;
  const organizationId = newId(clock.now().getTime());
  const dataset = demoDataset(organizationId, options);
  const baseSlug = dataset.organization.slug;
  let slug = baseSlug;
  for (let i = 2; await findOrganizationBySlug(database.db, slug); i++) slug = `${baseSlug}-${i}`;
  const organization = {
    ...dataset.organization,
    slug,
    name: slug === baseSlug ? dataset.organization.name : `${dataset.organization.name} (${slug})`,
    invitation_secret: newSecret(32),
  };
  const counts = await database.db.transaction().execute(async (trx) => {
    await trx.insertInto("organizations").values(organization).execute();
    return insertDemoData(database, trx, organization, dataset, options);
  });
  return { organization, counts };
}

/**
 * Fills an organization that already exists (first-run setup with demo data) inside the caller's
 * transaction: it keeps its name and secret and takes the demo's analytics settings.
 */
export async function fillDemoOrganization(
  database: AppDatabase,
  trx: Executor,
  organization: Organization,
  options: DemoOptions = {},
): Promise<DemoResult> {
  const dataset = demoDataset(organization.organization_id, options);
  await trx
    .updateTable("organizations")
    .set({ settings: dataset.organization.settings })
    .where("organization_id", "=", organization.organization_id)
    .execute();
  const filled = { ...organization, settings: dataset.organization.settings };
  const counts = await insertDemoData(database, trx, filled, dataset, options);
  return { organization: filled, counts };
}

type DemoDataset = ReturnType<typeof generateDemoDataset>;

function demoDataset(organizationId: string, options: DemoOptions): DemoDataset {
  const clock = options.clock ?? systemClock;
  return generateDemoDataset({
    seed: options.seed ?? 1,
    organizationId,
    referenceDate: referenceDateOf(options, clock),
    ...(options.partners ? { partners: options.partners } : {}),
  });
}

/** Shifts a YYYY-MM-DD date by whole months (day clamped to 28 so every month has it). */
function addMonths(date: string, months: number): string {
  const [year, month, day] = date.slice(0, 10).split("-").map(Number) as [number, number, number];
  const shifted = new Date(Date.UTC(year, month - 1 + months, Math.min(day, 28)));
  return shifted.toISOString().slice(0, 10);
}

/**
 * The overview's goals: a program target in the source page's spirit (raise NPS by ten points within a
 * year) and one for the gold tier, and a benchmark line that says plainly it is invented for the demo.
 */
async function insertDemoGoals(trx: Executor, organizationId: string, referenceDate: string, clock: Clock) {
  const createdAt = clock.now().toISOString();
  const at = clock.now().getTime();
  await trx
    .insertInto("targets")
    .values([
      {
        organization_id: organizationId,
        target_id: newId(at),
        name: "Program NPS from 35 to 45 within a year",
        segment: "{}",
        start_value: 35,
        target_value: 45,
        start_date: addMonths(referenceDate, -6),
        due_date: addMonths(referenceDate, 6),
        created_at: createdAt,
      },
      {
        organization_id: organizationId,
        target_id: newId(at + 1),
        name: "Gold partners back above 40",
        segment: JSON.stringify({ tier: ["gold"] }),
        start_value: 30,
        target_value: 40,
        start_date: addMonths(referenceDate, -3),
        due_date: addMonths(referenceDate, 3),
        created_at: createdAt,
      },
    ])
    .execute();
  await trx
    .insertInto("benchmarks")
    .values({
      organization_id: organizationId,
      benchmark_id: newId(at + 2),
      name: "Peer partner programs, median (demo figure)",
      source: "Invented for the demo: replace it with a published benchmark under Settings",
      year: Number(referenceDate.slice(0, 4)),
      segment: null,
      statistic: "median_nps",
      value: 32,
      created_at: createdAt,
    })
    .execute();
}

function referenceDateOf(options: DemoOptions, clock: Clock): string {
  return options.referenceDate ?? `${clock.now().toISOString().slice(0, 10)}T00:00:00Z`;
}

async function insertDemoData(
  database: AppDatabase,
  trx: Executor,
  organization: Organization,
  dataset: DemoDataset,
  options: DemoOptions,
): Promise<Record<string, number>> {
  const clock = options.clock ?? systemClock;
  const organizationId = organization.organization_id;
  const secret = organization.invitation_secret;
  if (!secret) throw new Error(`Organization ${organizationId} has no invitation secret`);
  // Survey links derive from the organization's secret, so the demo's open wave has working links.
  const invitations = dataset.invitations.map((invitation) => ({
    ...invitation,
    token_hash: tokenHash(invitationToken(secret, invitation.invitation_id)),
  }));
  await database.bulkInsert(trx, "users", dataset.users);
  await database.bulkInsert(trx, "partners", dataset.partners);
  await database.bulkInsert(trx, "contacts", dataset.contacts);
  await database.bulkInsert(trx, "surveys", dataset.surveys);
  await database.bulkInsert(trx, "waves", dataset.waves);
  await database.bulkInsert(trx, "invitations", invitations);
  await insertResponsesWithRollups(database, trx, organizationId, dataset.responses);
  await database.bulkInsert(trx, "operational_metrics", dataset.operationalMetrics);
  await database.bulkInsert(trx, "themes", dataset.themes);
  await insertDemoGoals(trx, organizationId, referenceDateOf(options, clock), clock);
  const followUp = await openDemoCases(trx, organizationId, {
    seed: options.seed ?? 1,
    referenceDate: referenceDateOf(options, clock),
  });
  await recordAudit(
    trx,
    {
      organizationId,
      actor: "system",
      action: "demo.created",
      entityType: "organization",
      entityId: organizationId,
      details: { seed: options.seed ?? 1, referenceDate: referenceDateOf(options, clock) },
    },
    clock,
  );
  return {
    users: dataset.users.length,
    partners: dataset.partners.length,
    contacts: dataset.contacts.length,
    waves: dataset.waves.length,
    invitations: dataset.invitations.length,
    responses: dataset.responses.length,
    operational_metrics: dataset.operationalMetrics.length,
    cases: followUp.cases,
    case_recoveries: followUp.recoveries,
    initiatives: followUp.initiatives,
  };
}
