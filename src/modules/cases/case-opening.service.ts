import type { Kysely } from "kysely";
import { addBusinessDays } from "../../core/cases/business-days.js";
import { type CaseRule, evaluateRules, type RuleMatch } from "../../core/cases/case-rules.js";
import { type Clock, systemClock } from "../../core/clock.js";
import { newId } from "../../core/ids.js";
import type { OrganizationSettings } from "../../core/settings.js";
import type { Executor } from "../../db/database.js";
import type { Database, ScoreCategory } from "../../db/schema.js";
import { enqueueJob } from "../jobs/job.service.js";
import { getOrganizationSettings } from "../organizations/organization.service.js";
import {
  findOpenCaseOf,
  findRuleMatch,
  insertCase,
  insertRuleMatch,
  linkCaseResponse,
} from "./case.repository.js";
import {
  activeUser,
  addTimelineEntry,
  closedCasesAwaitingRecovery,
  firstAdminId,
  insertRecovery,
  lockPartnerForCases,
  partnerWaveScores,
  responseWithPartner,
} from "./case-opening.repository.js";
import { loadCaseRules } from "./case-rule.service.js";

/** notify=false opens cases without queuing alerts (demo data); rules and settings may be preloaded by batch callers. */
export interface OpeningOptions {
  notify?: boolean;
  rules?: CaseRule[];
  settings?: OrganizationSettings;
}

/** Job kind enqueued in the transaction that opens a case; payload {organizationId, caseId}. */
export const CASE_OPENED_JOB = "case.opened";

export interface CaseOpeningResult {
  opened: string[];
  attached: string[];
  recoveries: string[];
}

/**
 * Runs the organization's rules over one response: each matching rule opens a case, or joins the response
 * to that partner's open case of the same rule. One (rule, response) pair is recorded once, so a re-run
 * of the job changes nothing. Also records recoveries of the partner's closed cases.
 */
export async function openCasesForResponse(
  db: Kysely<Database>,
  organizationId: string,
  responseId: string,
  clock: Clock = systemClock,
  options: OpeningOptions = {},
): Promise<CaseOpeningResult> {
  return db
    .transaction()
    .execute((trx) => openCasesInTransaction(trx, organizationId, responseId, clock, options));
}

/** The same inside the caller's transaction (the demo loader fills an organization in one). */
export async function openCasesInTransaction(
  trx: Executor,
  organizationId: string,
  responseId: string,
  clock: Clock = systemClock,
  options: OpeningOptions = {},
): Promise<CaseOpeningResult> {
  const result: CaseOpeningResult = { opened: [], attached: [], recoveries: [] };
  const response = await responseWithPartner(trx, organizationId, responseId);
  if (!response) return result;
  await lockPartnerForCases(trx, organizationId, response.partner_id);
  const rules = options.rules ?? (await loadCaseRules(trx, organizationId, clock));
  const waves = rules.some((r) => r.enabled && r.kind === "partner_nps_drop")
    ? await partnerWaveScores(trx, organizationId, response.partner_id)
    : [];
  const matches = evaluateRules(
    rules,
    {
      responseId,
      score: response.score,
      category: response.category,
      comment: response.comment,
      waveId: response.wave_id,
    },
    { partnerId: response.partner_id, tier: response.tier, strategic: response.strategic === 1 },
    { partnerWaves: waves },
  );
  result.recoveries = await recordRecoveries(trx, organizationId, response, clock);
  if (matches.length === 0) return result;
  const settings = options.settings ?? (await getOrganizationSettings(trx, organizationId));
  for (const match of matches) {
    if (await findRuleMatch(trx, organizationId, match.rule.ruleId, responseId)) continue;
    const open = await findOpenCaseOf(trx, organizationId, response.partner_id, match.rule.ruleId);
    const caseId = open
      ? open.case_id
      : await openCase(trx, organizationId, response, match, settings, clock, options.notify ?? true);
    await linkCaseResponse(trx, organizationId, caseId, responseId);
    await insertRuleMatch(trx, {
      organization_id: organizationId,
      rule_id: match.rule.ruleId,
      response_id: responseId,
      case_id: caseId,
      created_at: clock.now().toISOString(),
    });
    (open ? result.attached : result.opened).push(caseId);
  }
  return result;
}

interface OpeningResponse {
  partner_id: string;
  owner_user_id: string | null;
  category: ScoreCategory;
}

async function openCase(
  trx: Executor,
  organizationId: string,
  response: OpeningResponse,
  match: RuleMatch,
  settings: OrganizationSettings,
  clock: Clock,
  notify: boolean,
): Promise<string> {
  const now = clock.now();
  const caseId = newId(now.getTime());
  const sla = match.rule.slaBusinessDays ?? settings.slaBusinessDays;
  await insertCase(trx, {
    organization_id: organizationId,
    case_id: caseId,
    partner_id: response.partner_id,
    owner_user_id: await chooseOwner(trx, organizationId, response.owner_user_id, settings),
    rule: match.rule.kind,
    rule_id: match.rule.ruleId,
    priority: match.rule.priority,
    opened_category: response.category,
    reason: match.reason,
    status: "new",
    due_at: addBusinessDays(now, sla, settings.timeZone).toISOString(),
    first_contact_at: null,
    resolved_at: null,
    escalated_at: null,
    root_causes: "[]",
    action_taken: null,
    created_at: now.toISOString(),
    updated_at: now.toISOString(),
  });
  await addTimelineEntry(trx, {
    organization_id: organizationId,
    entry_id: newId(now.getTime()),
    partner_id: response.partner_id,
    kind: "case.opened",
    title: `Follow-up case opened: ${match.reason}`,
    entity_type: "case",
    entity_id: caseId,
    created_at: now.toISOString(),
  });
  // Same transaction: the alert exists exactly when the case does.
  if (!notify) return caseId;
  await enqueueJob(
    trx,
    {
      organizationId,
      kind: CASE_OPENED_JOB,
      payload: { organizationId, caseId },
      dedupeKey: `case.opened:${caseId}`,
    },
    clock,
  );
  return caseId;
}

/** The partner's manager; else the configured default owner; else the first admin; else nobody. */
async function chooseOwner(
  trx: Executor,
  organizationId: string,
  partnerOwner: string | null,
  settings: OrganizationSettings,
): Promise<string | null> {
  for (const candidate of [partnerOwner, settings.caseDefaultOwnerUserId]) {
    if (candidate && (await activeUser(trx, organizationId, candidate))) return candidate;
  }
  return firstAdminId(trx, organizationId);
}

async function recordRecoveries(
  trx: Executor,
  organizationId: string,
  response: { response_id: string; partner_id: string; category: ScoreCategory; submitted_at: string },
  clock: Clock,
): Promise<string[]> {
  const closed = await closedCasesAwaitingRecovery(
    trx,
    organizationId,
    response.partner_id,
    response.submitted_at,
  );
  const now = clock.now().toISOString();
  for (const row of closed) {
    await insertRecovery(trx, {
      organization_id: organizationId,
      case_id: row.case_id,
      partner_id: response.partner_id,
      response_id: response.response_id,
      previous_category: row.opened_category ?? "detractor",
      new_category: response.category,
      created_at: now,
    });
  }
  return closed.map((row) => row.case_id);
}
