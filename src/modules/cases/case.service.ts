import {
  allowedTransitions,
  type CaseStatus,
  canTransition,
  isCaseOverdue,
  isOpenStatus,
} from "../../core/cases/case-lifecycle.js";
import { type Clock, systemClock } from "../../core/clock.js";
import { ConflictError, NotFoundError, ValidationError } from "../../core/errors.js";
import { newId } from "../../core/ids.js";
import { parseInput } from "../../core/validation.js";
import type { Executor } from "../../db/database.js";
import type { FollowUpCaseTable } from "../../db/schema.js";
import { recordAudit } from "../audit/audit.repository.js";
import type { ServiceContext } from "../partners/partner.service.js";
import { type CaseView, caseListQuerySchema, caseNoteSchema, caseUpdateSchema } from "./case.js";
import {
  type CaseListRow,
  caseNotes,
  caseResponses,
  findCaseListRow,
  insertCaseNote,
  listCaseRows,
  responseIdsOfCases,
  updateCase,
} from "./case.repository.js";
import { activeUser, addTimelineEntry } from "./case-opening.repository.js";
import { activeRootCauseIds } from "./root-cause.repository.js";

function clockOf(context: ServiceContext): Clock {
  return context.clock ?? systemClock;
}

function scopeOf(context: ServiceContext) {
  return { organizationId: context.organizationId, ownerUserId: context.ownerUserId ?? null };
}

/** The user behind a session actor (`user:ID`); API keys act without one. */
function userIdOf(actor: string): string | null {
  return actor.startsWith("user:") ? actor.slice("user:".length) : null;
}

export function toCaseView(row: CaseListRow, responseIds: string[], now: Date): CaseView {
  return {
    id: row.case_id,
    partnerId: row.partner_id,
    partnerName: row.partner_name,
    ownerUserId: row.owner_user_id,
    ownerName: row.owner_name,
    ruleId: row.rule_id,
    rule: row.rule,
    priority: row.priority,
    reason: row.reason,
    status: row.status,
    dueAt: row.due_at,
    overdue: isCaseOverdue(row, now),
    firstContactAt: row.first_contact_at,
    resolvedAt: row.resolved_at,
    escalatedAt: row.escalated_at,
    rootCauses: JSON.parse(row.root_causes) as string[],
    actionTaken: row.action_taken,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    responseIds,
  };
}

export async function listCases(context: ServiceContext, query: unknown, options: { all?: boolean } = {}) {
  const parsed = parseInput(caseListQuerySchema, query ?? {}, "query");
  const now = clockOf(context).now();
  const page = { limit: parsed.limit, offset: (parsed.page - 1) * parsed.limit };
  const { rows, total } = await listCaseRows(
    context.db,
    scopeOf(context),
    {
      ...(parsed.status ? { statuses: parsed.status } : {}),
      ...(parsed.owner ? { ownerUserId: parsed.owner } : {}),
      ...(parsed.partner ? { partnerId: parsed.partner } : {}),
      ...(parsed.overdue ? { overdue: parsed.overdue === "true" } : {}),
      ...(parsed.rule ? { rule: parsed.rule } : {}),
    },
    now.toISOString(),
    options.all ? null : page,
  );
  const ids = await responseIdsOfCases(
    context.db,
    context.organizationId,
    rows.map((r) => r.case_id),
  );
  return {
    items: rows.map((row) => toCaseView(row, ids.get(row.case_id) ?? [], now)),
    total,
    page: parsed.page,
    limit: parsed.limit,
  };
}

async function requireCase(db: Executor, context: ServiceContext, caseId: string): Promise<CaseListRow> {
  const row = await findCaseListRow(db, scopeOf(context), caseId);
  if (!row) throw new NotFoundError("Case", caseId);
  return row;
}

export async function getCase(context: ServiceContext, caseId: string) {
  const row = await requireCase(context.db, context, caseId);
  const responses = await caseResponses(context.db, context.organizationId, caseId);
  const notes = await caseNotes(context.db, context.organizationId, caseId);
  const view = toCaseView(
    row,
    responses.map((r) => r.response_id),
    clockOf(context).now(),
  );
  // Built in causal order (the answer, then the opening, then notes) so the stable sort keeps it on ties.
  const timeline = [
    ...responses.map((r) => ({
      at: r.submitted_at,
      kind: "response",
      text: `Score ${r.score}${r.comment ? `: ${r.comment}` : ""}`,
      userName: null as string | null,
    })),
    { at: row.created_at, kind: "opened", text: row.reason ?? row.rule, userName: null },
    ...notes.map((n) => ({ at: n.created_at, kind: n.kind, text: n.body, userName: n.user_name })),
  ].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return {
    ...view,
    responses: responses.map((r) => ({
      id: r.response_id,
      score: r.score,
      category: r.category,
      comment: r.comment,
      submittedAt: r.submitted_at,
      contactId: r.contact_id,
      waveId: r.wave_id,
    })),
    notes: notes.map((n) => ({
      id: n.note_id,
      kind: n.kind,
      body: n.body,
      userId: n.user_id,
      userName: n.user_name,
      createdAt: n.created_at,
    })),
    timeline,
  };
}

/** Status, owner, root causes and action taken; a move the lifecycle does not allow is a conflict. */
export async function changeCase(context: ServiceContext, caseId: string, input: unknown) {
  await context.db.transaction().execute((trx) => changeCaseInTransaction(trx, context, caseId, input));
  return getCase(context, caseId);
}

/** The same inside the caller's transaction (the demo replays its case history in one); no read-back. */
export async function changeCaseInTransaction(
  trx: Executor,
  context: ServiceContext,
  caseId: string,
  input: unknown,
): Promise<void> {
  const patch = parseInput(caseUpdateSchema, input, "case");
  const clock = clockOf(context);
  const current = await requireCase(trx, context, caseId);
  const now = clock.now().toISOString();
  const changes: Partial<FollowUpCaseTable> = { updated_at: now };
  if (patch.status !== undefined && patch.status !== current.status) {
    if (!canTransition(current.status, patch.status)) {
      throw new ConflictError(`A ${current.status} case cannot become ${patch.status}`, {
        from: current.status,
        to: patch.status,
        allowed: allowedTransitions(current.status),
      });
    }
    Object.assign(changes, statusChanges(current, patch.status, now));
    await addStatusNote(trx, context, current, patch.status, now);
  }
  if (patch.ownerUserId !== undefined) {
    if (patch.ownerUserId !== null && !(await activeUser(trx, context.organizationId, patch.ownerUserId))) {
      throw new ValidationError("ownerUserId: no active user with this id", [
        { field: "ownerUserId", message: "no active user with this id in this organization" },
      ]);
    }
    changes.owner_user_id = patch.ownerUserId;
  }
  if (patch.rootCauses !== undefined) {
    const known = await activeRootCauseIds(trx, context.organizationId);
    const unknown = patch.rootCauses.filter((id) => !known.has(id));
    if (unknown.length > 0) {
      throw new ValidationError(`rootCauses: unknown root causes ${unknown.join(", ")}`, [
        { field: "rootCauses", message: `unknown: ${unknown.join(", ")}` },
      ]);
    }
    changes.root_causes = JSON.stringify([...new Set(patch.rootCauses)]);
  }
  if (patch.actionTaken !== undefined) changes.action_taken = patch.actionTaken || null;
  await updateCase(trx, context.organizationId, caseId, changes);
  await recordAudit(
    trx,
    {
      organizationId: context.organizationId,
      actor: context.actor,
      action: "case.updated",
      entityType: "case",
      entityId: caseId,
      details: { fields: Object.keys(patch), ...(changes.status ? { status: changes.status } : {}) },
    },
    clock,
  );
}

function statusChanges(current: CaseListRow, to: CaseStatus, now: string): Partial<FollowUpCaseTable> {
  const changes: Partial<FollowUpCaseTable> = { status: to };
  if (to === "contacted" && current.first_contact_at === null) changes.first_contact_at = now;
  // resolved_at is the closing time of either ending; recoveries count answers after it.
  if (!isOpenStatus(to)) changes.resolved_at = now;
  return changes;
}

async function addStatusNote(
  trx: Executor,
  context: ServiceContext,
  current: CaseListRow,
  to: CaseStatus,
  now: string,
): Promise<void> {
  await insertCaseNote(trx, {
    organization_id: context.organizationId,
    note_id: newId(Date.parse(now)),
    case_id: current.case_id,
    user_id: userIdOf(context.actor),
    kind: "status",
    body: `${current.status} → ${to}`,
    created_at: now,
  });
  if (!isOpenStatus(to)) {
    await addTimelineEntry(trx, {
      organization_id: context.organizationId,
      entry_id: newId(Date.parse(now)),
      partner_id: current.partner_id,
      kind: `case.${to}`,
      title: to === "resolved" ? "Follow-up case resolved" : "Follow-up case closed without action",
      entity_type: "case",
      entity_id: current.case_id,
      created_at: now,
    });
  }
}

/** A note; a note of kind contact records the first contact and moves a new or in-progress case to contacted. */
export async function addCaseNote(context: ServiceContext, caseId: string, input: unknown) {
  const noteId = await context.db
    .transaction()
    .execute((trx) => addCaseNoteInTransaction(trx, context, caseId, input));
  const view = await getCase(context, caseId);
  return { noteId, case: view };
}

/** The same inside the caller's transaction; returns the note's id. */
export async function addCaseNoteInTransaction(
  trx: Executor,
  context: ServiceContext,
  caseId: string,
  input: unknown,
): Promise<string> {
  const note = parseInput(caseNoteSchema, input, "note");
  const clock = clockOf(context);
  const current = await requireCase(trx, context, caseId);
  const now = clock.now().toISOString();
  const id = newId(clock.now().getTime());
  await insertCaseNote(trx, {
    organization_id: context.organizationId,
    note_id: id,
    case_id: caseId,
    user_id: userIdOf(context.actor),
    kind: note.kind,
    body: note.body,
    created_at: now,
  });
  if (note.kind === "contact") {
    const changes: Partial<FollowUpCaseTable> = { updated_at: now };
    if (current.first_contact_at === null) changes.first_contact_at = now;
    if (current.status === "new" || current.status === "in_progress") {
      changes.status = "contacted";
      await addStatusNote(trx, context, current, "contacted", now);
    }
    await updateCase(trx, context.organizationId, caseId, changes);
  }
  await recordAudit(
    trx,
    {
      organizationId: context.organizationId,
      actor: context.actor,
      action: "case.note_added",
      entityType: "case",
      entityId: caseId,
      details: { kind: note.kind, noteId: id },
    },
    clock,
  );
  return id;
}
