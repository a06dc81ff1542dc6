import { type CaseRule, defaultCaseRules, describeRule, ruleKinds } from "../../core/cases/case-rules.js";
import { defaultRootCauses } from "../../core/cases/root-causes.js";
import { type Clock, isoNow, systemClock } from "../../core/clock.js";
import { NotFoundError, ValidationError } from "../../core/errors.js";
import { newId } from "../../core/ids.js";
import { parseInput } from "../../core/validation.js";
import type { Executor } from "../../db/database.js";
import type { CaseRuleTable } from "../../db/schema.js";
import { recordAudit } from "../audit/audit.repository.js";
import type { ServiceContext } from "../partners/partner.service.js";
import { type CaseRuleView, caseRuleInputSchema, caseRuleUpdateSchema, ruleOfRow } from "./case-rule.js";
import {
  countCaseRules,
  countRootCauses,
  findCaseRuleRow,
  insertCaseRules,
  insertRootCauses,
  listCaseRuleRows,
  updateCaseRuleRow,
} from "./case-rule.repository.js";

/**
 * Seeds the default rules and root causes the first time an organization needs them (organizations created
 * after migration 005). Rules are disabled, never deleted, so a seeded organization is never re-seeded.
 */
export async function ensureCaseDefaults(db: Executor, organizationId: string, clock: Clock = systemClock) {
  const now = isoNow(clock);
  if ((await countCaseRules(db, organizationId)) === 0) {
    await insertCaseRules(
      db,
      defaultCaseRules().map((rule) => ({
        ...rowOfRule(rule),
        organization_id: organizationId,
        created_at: now,
        updated_at: now,
      })),
    );
  }
  if ((await countRootCauses(db, organizationId)) === 0) {
    await insertRootCauses(
      db,
      defaultRootCauses().map((cause) => ({
        organization_id: organizationId,
        root_cause_id: cause.id,
        name: cause.name,
        description: null,
        archived_at: null,
        created_at: now,
      })),
    );
  }
}

function rowOfRule(rule: CaseRule): Omit<CaseRuleTable, "organization_id" | "created_at" | "updated_at"> {
  return {
    rule_id: rule.ruleId,
    kind: rule.kind,
    name: rule.name,
    params: JSON.stringify(rule.params),
    enabled: rule.enabled ? 1 : 0,
    sla_business_days: rule.slaBusinessDays,
    priority: rule.priority,
  };
}

function viewOf(row: CaseRuleTable): CaseRuleView {
  const rule = ruleOfRow(row);
  return { ...rule, description: describeRule(rule), createdAt: row.created_at, updatedAt: row.updated_at };
}

/** The organization's enabled and disabled rules, as the job evaluates them. */
export async function loadCaseRules(
  db: Executor,
  organizationId: string,
  clock?: Clock,
): Promise<CaseRule[]> {
  await ensureCaseDefaults(db, organizationId, clock);
  return (await listCaseRuleRows(db, organizationId)).map(ruleOfRow);
}

export async function listRules(context: ServiceContext): Promise<{ items: CaseRuleView[] }> {
  await ensureCaseDefaults(context.db, context.organizationId, context.clock);
  return { items: (await listCaseRuleRows(context.db, context.organizationId)).map(viewOf) };
}

function validParams(kind: string, params: unknown): Record<string, unknown> {
  const result = ruleKinds[kind]!.params.safeParse(params ?? {});
  if (result.success) return result.data as Record<string, unknown>;
  const issues = result.error.issues.map((issue) => ({
    field: ["params", ...issue.path.map(String)].join("."),
    message: issue.message,
  }));
  throw new ValidationError(`Invalid params for a ${kind} rule`, issues);
}

export async function createRule(context: ServiceContext, input: unknown): Promise<CaseRuleView> {
  const parsed = parseInput(caseRuleInputSchema, input, "rule");
  const params = validParams(parsed.kind, parsed.params);
  const clock = context.clock ?? systemClock;
  const now = isoNow(clock);
  const row: CaseRuleTable = {
    organization_id: context.organizationId,
    rule_id: newId(clock.now().getTime()),
    kind: parsed.kind,
    name: parsed.name ?? describeRule({ kind: parsed.kind, params }),
    params: JSON.stringify(params),
    enabled: parsed.enabled ? 1 : 0,
    sla_business_days: parsed.slaBusinessDays,
    priority: parsed.priority,
    created_at: now,
    updated_at: now,
  };
  await context.db.transaction().execute(async (trx) => {
    await ensureCaseDefaults(trx, context.organizationId, clock);
    await insertCaseRules(trx, [row]);
    await audit(trx, context, "case_rule.created", row.rule_id, { kind: row.kind });
  });
  return viewOf(row);
}

export async function updateRule(
  context: ServiceContext,
  ruleId: string,
  input: unknown,
): Promise<CaseRuleView> {
  const patch = parseInput(caseRuleUpdateSchema, input, "rule");
  return context.db.transaction().execute(async (trx) => {
    await ensureCaseDefaults(trx, context.organizationId, context.clock);
    const current = await findCaseRuleRow(trx, context.organizationId, ruleId);
    if (!current) throw new NotFoundError("Case rule", ruleId);
    const changes: Partial<CaseRuleTable> = { updated_at: isoNow(context.clock) };
    if (patch.name !== undefined) changes.name = patch.name;
    if (patch.params !== undefined) changes.params = JSON.stringify(validParams(current.kind, patch.params));
    if (patch.enabled !== undefined) changes.enabled = patch.enabled ? 1 : 0;
    if (patch.slaBusinessDays !== undefined) changes.sla_business_days = patch.slaBusinessDays;
    if (patch.priority !== undefined) changes.priority = patch.priority;
    await updateCaseRuleRow(trx, context.organizationId, ruleId, changes);
    await audit(trx, context, "case_rule.updated", ruleId, { fields: Object.keys(patch) });
    return viewOf({ ...current, ...changes });
  });
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
      entityType: "case_rule",
      entityId,
      details,
    },
    context.clock,
  );
}
