import { newId } from "../../core/ids.js";
import { periodMonthOf, snapshotOf } from "../../core/response-snapshot.js";
import { parseSettings } from "../../core/settings.js";
import { classifyScore } from "../../core/statistics/classification.js";
import {
  parseQuestions,
  pickLanguage,
  type SurveyLanguage,
  type SurveyQuestions,
  surveyLanguages,
} from "../../core/survey/questions.js";
import { isWellFormedToken, tokenHash } from "../../core/tokens.js";
import type { Executor } from "../../db/database.js";
import type { AppContext } from "../../http/context.js";
import { recordAudit } from "../audit/audit.repository.js";
import { enqueueJob } from "../jobs/job.service.js";
import type { ResponseRow } from "../responses/response.repository.js";
import { insertResponsesWithRollups, replaceResponsesWithRollups } from "../responses/response.service.js";
import { RESPONSE_RECEIVED_JOB, type ResponseReceivedPayload } from "./response-received.job.js";
import { answersJson, answersOfResponse, type SurveyAnswers, sameAnswers } from "./survey-page.js";
import {
  findLinkedInvitation,
  findResponseByInvitation,
  findWaveClosedAt,
  type LinkedInvitation,
  lockInvitationForSubmit,
  markInvitationResponded,
  partnerSnapshotSource,
  unsubscribeContact,
} from "./survey-page.repository.js";

export type { LinkedInvitation };

type ServiceContext = Pick<AppContext, "database" | "clock">;

/** Where an invitation link stands: unknown links and waves not yet open both read as invalid. */
export type LinkState =
  | { kind: "invalid" }
  | { kind: "closed"; invitation: LinkedInvitation; closedAt: string | null }
  | { kind: "open"; invitation: LinkedInvitation; questions: SurveyQuestions; editableUntil: string | null };

/** The invitation behind a link, or null: malformed tokens never reach the database. */
export async function findInvitationByToken(
  db: Executor,
  organizationId: string,
  token: string,
): Promise<LinkedInvitation | null> {
  if (!isWellFormedToken(token) || organizationId.length > 64) return null;
  return (await findLinkedInvitation(db, organizationId, tokenHash(token))) ?? null;
}

export async function resolveSurveyLink(
  context: ServiceContext,
  organizationId: string,
  token: string,
): Promise<LinkState> {
  const invitation = await findInvitationByToken(context.database.db, organizationId, token);
  if (!invitation) return { kind: "invalid" };
  const now = context.clock.now().getTime();
  const closesAt = invitation.wave_closes_at;
  const closed =
    invitation.status === "expired" ||
    invitation.wave_status === "closed" ||
    (closesAt !== null && Date.parse(closesAt) <= now);
  if (closed) {
    const closedAt = invitation.wave_id
      ? await findWaveClosedAt(context.database.db, organizationId, invitation.wave_id)
      : null;
    return { kind: "closed", invitation, closedAt };
  }
  // A wave still in draft or scheduled has no valid links yet (tokens exist from the moment of creation).
  if (invitation.wave_id !== null && invitation.wave_status !== "open") return { kind: "invalid" };
  return {
    kind: "open",
    invitation,
    questions: surveyQuestionsOf(invitation.survey_questions),
    editableUntil: closesAt,
  };
}

const QUESTIONS_CACHE_SIZE = 64;
const parsedQuestions = new Map<string, SurveyQuestions>();

/**
 * The survey's questions, parsed and validated once per distinct JSON text rather than on every page
 * view and submit. Keyed by the text itself, so an edited survey is parsed anew; the result is frozen,
 * as it is shared between requests.
 */
function surveyQuestionsOf(json: string): SurveyQuestions {
  let questions = parsedQuestions.get(json);
  if (!questions) {
    questions = deepFreeze(parseQuestions(json));
    if (parsedQuestions.size >= QUESTIONS_CACHE_SIZE)
      parsedQuestions.delete(parsedQuestions.keys().next().value!);
    parsedQuestions.set(json, questions);
  }
  return questions;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** An explicit choice (`?lang=`) first, then the contact's and the invitation's language. */
export function pageLanguage(invitation: LinkedInvitation, wish: string | null): SurveyLanguage {
  return pickLanguage(
    offeredLanguages(invitation),
    [wish, invitation.contact_language, invitation.invitation_language],
    invitation.survey_default_language,
  );
}

export function offeredLanguages(invitation: LinkedInvitation): SurveyLanguage[] {
  let offered: unknown = [];
  try {
    offered = JSON.parse(invitation.survey_languages);
  } catch {
    // An unreadable list offers the default language only.
  }
  const list = Array.isArray(offered) ? offered.map(String) : [];
  const languages = surveyLanguages.filter((language) => list.includes(language));
  return languages.length > 0 ? languages : [pickLanguage([], [], invitation.survey_default_language)];
}

export function organizationTimeZone(invitation: LinkedInvitation): string {
  try {
    return parseSettings(invitation.organization_settings).timeZone;
  } catch {
    return "UTC";
  }
}

export type SaveOutcome = "created" | "updated" | "unchanged";

/**
 * Writes the response, its rollup counts, the invitation's state and the response.received job in one
 * transaction. Identical content changes nothing; different content edits the one response.
 */
export function saveResponse(
  context: ServiceContext,
  invitation: LinkedInvitation,
  answers: SurveyAnswers,
  language: SurveyLanguage,
): Promise<SaveOutcome> {
  const { database, clock } = context;
  const organizationId = invitation.organization_id;
  return database.db.transaction().execute(async (trx) => {
    const now = clock.now().toISOString();
    await lockInvitationForSubmit(trx, organizationId, invitation.invitation_id, now);
    const existing = await findResponseByInvitation(trx, organizationId, invitation.invitation_id);
    const content = {
      score: answers.score,
      category: classifyScore(answers.score),
      comment: answers.reason,
      answers: answersJson(answers, invitation.survey_anonymous === 1),
      language,
      updated_at: now,
    };
    if (existing) {
      if (sameAnswers(answersOfResponse(existing), answers)) return "unchanged";
      // The snapshot and submitted_at stay those of the first answer: an edit does not move history.
      const after: ResponseRow = { ...existing, ...content };
      await replaceResponsesWithRollups(database, trx, organizationId, [{ before: existing, after }]);
      await enqueueResponseReceived(context, trx, after, existing.score);
      return "updated";
    }
    const row: ResponseRow = {
      organization_id: organizationId,
      response_id: newId(clock.now().getTime()),
      contact_id: invitation.contact_id,
      invitation_id: invitation.invitation_id,
      survey_id: invitation.survey_id,
      wave_id: invitation.wave_id,
      external_id: null,
      ...content,
      channel: invitation.channel,
      source: "web",
      submitted_at: now,
      period_month: periodMonthOf(now),
      // The partner's attributes as the link lookup read them, one query earlier: no extra round trip.
      ...snapshotOf(partnerSnapshotSource(invitation), invitation.contact_role),
      import_id: null,
      created_at: now,
    };
    await insertResponsesWithRollups(database, trx, organizationId, [row]);
    await markInvitationResponded(trx, organizationId, invitation.invitation_id, now);
    await enqueueResponseReceived(context, trx, row, null);
    return "created";
  });
}

async function enqueueResponseReceived(
  context: ServiceContext,
  trx: Executor,
  row: ResponseRow,
  previousScore: number | null,
): Promise<void> {
  const payload: ResponseReceivedPayload = {
    responseId: row.response_id,
    invitationId: row.invitation_id ?? "",
    score: row.score,
    previousScore,
  };
  // No dedupe key: the invitation lock and the content comparison already make each job one real change.
  await enqueueJob(
    trx,
    { organizationId: row.organization_id, kind: RESPONSE_RECEIVED_JOB, payload },
    context.clock,
  );
}

/** Stops surveys to the contact; repeating it changes nothing. */
export async function unsubscribe(context: ServiceContext, invitation: LinkedInvitation): Promise<void> {
  const now = context.clock.now().toISOString();
  await context.database.db.transaction().execute(async (trx) => {
    const changed = await unsubscribeContact(
      trx,
      invitation.organization_id,
      invitation.contact_id,
      invitation.invitation_id,
      now,
    );
    if (!changed) return;
    await recordAudit(
      trx,
      {
        organizationId: invitation.organization_id,
        actor: "system",
        action: "contact.unsubscribed",
        entityType: "contact",
        entityId: invitation.contact_id,
        details: { invitationId: invitation.invitation_id, via: "unsubscribe link" },
      },
      context.clock,
    );
  });
}
