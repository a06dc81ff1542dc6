import { type Clock, systemClock } from "../../core/clock.js";
import { NotFoundError, ValidationError } from "../../core/errors.js";
import { newId } from "../../core/ids.js";
import { parseInput } from "../../core/validation.js";
import type { Executor } from "../../db/database.js";
import type { InitiativeTable } from "../../db/schema.js";
import { recordAudit } from "../audit/audit.repository.js";
import { activeUser, addTimelineEntry } from "../cases/case-opening.repository.js";
import { enqueueJob } from "../jobs/job.service.js";
import type { ServiceContext } from "../partners/partner.service.js";
import {
  type InitiativeView,
  initiativeInputSchema,
  initiativeUpdateSchema,
  toInitiativeView,
} from "./initiative.js";
import {
  existingCaseIds,
  existingThemeIds,
  findInitiativeRow,
  insertInitiative,
  listInitiativeRows,
  partnersOfCases,
  updateInitiative,
} from "./initiative.repository.js";

/** Job kind the alerts module handles ("you said, we did" messages); payload {organizationId, initiativeId}. */
export const INITIATIVE_DONE_JOB = "initiative.done";

function clockOf(context: ServiceContext): Clock {
  return context.clock ?? systemClock;
}

export async function listInitiatives(
  context: ServiceContext,
  query: unknown,
): Promise<{ items: InitiativeView[] }> {
  const status = (query as { status?: unknown } | null)?.status;
  const rows = await listInitiativeRows(
    context.db,
    context.organizationId,
    typeof status === "string" ? status : undefined,
  );
  return { items: rows.map(toInitiativeView) };
}

export async function getInitiative(context: ServiceContext, id: string): Promise<InitiativeView> {
  const row = await findInitiativeRow(context.db, context.organizationId, id);
  if (!row) throw new NotFoundError("Initiative", id);
  return toInitiativeView(row);
}

async function assertLinks(
  db: Executor,
  organizationId: string,
  links: {
    themeIds?: string[] | undefined;
    caseIds?: string[] | undefined;
    ownerUserId?: string | null | undefined;
  },
): Promise<void> {
  const issues: { field: string; message: string }[] = [];
  if (links.themeIds) {
    const found = await existingThemeIds(db, organizationId, links.themeIds);
    const missing = links.themeIds.filter((id) => !found.has(id));
    if (missing.length) issues.push({ field: "themeIds", message: `unknown: ${missing.join(", ")}` });
  }
  if (links.caseIds) {
    const found = await existingCaseIds(db, organizationId, links.caseIds);
    const missing = links.caseIds.filter((id) => !found.has(id));
    if (missing.length) issues.push({ field: "caseIds", message: `unknown: ${missing.join(", ")}` });
  }
  if (links.ownerUserId && !(await activeUser(db, organizationId, links.ownerUserId)))
    issues.push({ field: "ownerUserId", message: "no active user with this id" });
  if (issues.length > 0) throw new ValidationError("Invalid initiative links", issues);
}

export async function createInitiative(context: ServiceContext, input: unknown): Promise<InitiativeView> {
  const parsed = parseInput(initiativeInputSchema, input, "initiative");
  const clock = clockOf(context);
  return context.db.transaction().execute(async (trx) => {
    await assertLinks(trx, context.organizationId, parsed);
    const now = clock.now().toISOString();
    const row: InitiativeTable = {
      organization_id: context.organizationId,
      initiative_id: newId(clock.now().getTime()),
      title: parsed.title,
      description: parsed.description ?? null,
      status: parsed.status,
      theme_ids: JSON.stringify([...new Set(parsed.themeIds)]),
      case_ids: JSON.stringify([...new Set(parsed.caseIds)]),
      owner_user_id: parsed.ownerUserId ?? null,
      done_at: parsed.status === "done" ? now : null,
      created_at: now,
    };
    await insertInitiative(trx, row);
    await audit(trx, context, "initiative.created", row.initiative_id, { status: row.status });
    if (row.status === "done") await announceDone(trx, context, row);
    return toInitiativeView(row);
  });
}

export async function changeInitiative(
  context: ServiceContext,
  id: string,
  input: unknown,
): Promise<InitiativeView> {
  const patch = parseInput(initiativeUpdateSchema, input, "initiative");
  const clock = clockOf(context);
  return context.db.transaction().execute(async (trx) => {
    const current = await findInitiativeRow(trx, context.organizationId, id);
    if (!current) throw new NotFoundError("Initiative", id);
    await assertLinks(trx, context.organizationId, patch);
    const changes: Partial<InitiativeTable> = {};
    if (patch.title !== undefined) changes.title = patch.title;
    if (patch.description !== undefined) changes.description = patch.description;
    if (patch.themeIds !== undefined) changes.theme_ids = JSON.stringify([...new Set(patch.themeIds)]);
    if (patch.caseIds !== undefined) changes.case_ids = JSON.stringify([...new Set(patch.caseIds)]);
    if (patch.ownerUserId !== undefined) changes.owner_user_id = patch.ownerUserId;
    const becomesDone = patch.status === "done" && current.status !== "done";
    if (patch.status !== undefined) {
      changes.status = patch.status;
      if (becomesDone) changes.done_at = clock.now().toISOString();
      else if (patch.status !== "done") changes.done_at = null;
    }
    if (Object.keys(changes).length > 0) await updateInitiative(trx, context.organizationId, id, changes);
    const next = { ...current, ...changes };
    await audit(trx, context, "initiative.updated", id, { fields: Object.keys(patch) });
    if (becomesDone) await announceDone(trx, context, next);
    return toInitiativeView(next);
  });
}

/** Done: the alerts module sends "you said, we did" (job), and each linked partner's timeline records it. */
async function announceDone(trx: Executor, context: ServiceContext, row: InitiativeTable): Promise<void> {
  const clock = clockOf(context);
  const now = row.done_at ?? clock.now().toISOString();
  await enqueueJob(
    trx,
    {
      organizationId: context.organizationId,
      kind: INITIATIVE_DONE_JOB,
      payload: { organizationId: context.organizationId, initiativeId: row.initiative_id },
      // Done, reopened and done again is a new announcement; a retried request is not.
      dedupeKey: `initiative.done:${row.initiative_id}:${now}`,
    },
    clock,
  );
  const partnerIds = await partnersOfCases(trx, context.organizationId, JSON.parse(row.case_ids) as string[]);
  for (const partnerId of partnerIds) {
    await addTimelineEntry(trx, {
      organization_id: context.organizationId,
      entry_id: newId(clock.now().getTime()),
      partner_id: partnerId,
      kind: "initiative.done",
      title: `You said, we did: ${row.title}`,
      entity_type: "initiative",
      entity_id: row.initiative_id,
      created_at: now,
    });
  }
}

async function audit(
  db: Executor,
  context: ServiceContext,
  action: string,
  entityId: string,
  details: Record<string, unknown>,
): Promise<void> {
  await recordAudit(
    db,
    {
      organizationId: context.organizationId,
      actor: context.actor,
      action,
      entityType: "initiative",
      entityId,
      details,
    },
    context.clock,
  );
}
