import type { Selectable } from "kysely";
import { isoNow, systemClock } from "../../core/clock.js";
import { NotFoundError } from "../../core/errors.js";
import { newId } from "../../core/ids.js";
import { parseQuestions } from "../../core/survey/questions.js";
import { parseInput } from "../../core/validation.js";
import type { Executor } from "../../db/database.js";
import type { SurveyTable } from "../../db/schema.js";
import { recordAudit } from "../audit/audit.repository.js";
import type { ServiceContext } from "../partners/partner.service.js";
import { type SurveyView, surveyInputSchema } from "./survey.js";

function toView(row: Selectable<SurveyTable>): SurveyView {
  return {
    survey_id: row.survey_id,
    name: row.name,
    kind: row.kind,
    anonymous: row.anonymous === 1,
    default_language: row.default_language,
    languages: JSON.parse(row.languages) as string[],
    questions: parseQuestions(row.questions),
    created_at: row.created_at,
    archived_at: row.archived_at,
  };
}

export async function findSurvey(db: Executor, organizationId: string, surveyId: string) {
  return db
    .selectFrom("surveys")
    .selectAll()
    .where("organization_id", "=", organizationId)
    .where("survey_id", "=", surveyId)
    .executeTakeFirst();
}

export async function listSurveys(context: ServiceContext) {
  const rows = await context.db
    .selectFrom("surveys")
    .selectAll()
    .where("organization_id", "=", context.organizationId)
    .orderBy("created_at")
    .execute();
  return { items: rows.map(toView) };
}

export async function getSurvey(context: ServiceContext, surveyId: string): Promise<SurveyView> {
  const row = await findSurvey(context.db, context.organizationId, surveyId);
  if (!row) throw new NotFoundError("Survey", surveyId);
  return toView(row);
}

export async function createSurvey(context: ServiceContext, input: unknown): Promise<SurveyView> {
  const data = parseInput(surveyInputSchema, input, "survey");
  const clock = context.clock ?? systemClock;
  const row: Selectable<SurveyTable> = {
    organization_id: context.organizationId,
    survey_id: newId(clock.now().getTime()),
    name: data.name,
    kind: data.kind,
    anonymous: data.anonymous ? 1 : 0,
    default_language: data.default_language,
    languages: JSON.stringify(data.languages),
    questions: JSON.stringify(data.questions),
    created_at: isoNow(clock),
    archived_at: null,
  };
  await context.db.transaction().execute(async (trx) => {
    await trx.insertInto("surveys").values(row).execute();
    await recordAudit(
      trx,
      {
        organizationId: context.organizationId,
        actor: context.actor,
        action: "survey.created",
        entityType: "survey",
        entityId: row.survey_id,
      },
      clock,
    );
  });
  return toView(row);
}

/** Replaces a survey's definition; answers already given keep the questions they answered. */
export async function updateSurvey(
  context: ServiceContext,
  surveyId: string,
  input: unknown,
): Promise<SurveyView> {
  const current = await getSurvey(context, surveyId);
  const data = parseInput(surveyInputSchema, { ...current, ...(input as object) }, "survey");
  await context.db.transaction().execute(async (trx) => {
    await trx
      .updateTable("surveys")
      .set({
        name: data.name,
        kind: data.kind,
        anonymous: data.anonymous ? 1 : 0,
        default_language: data.default_language,
        languages: JSON.stringify(data.languages),
        questions: JSON.stringify(data.questions),
      })
      .where("organization_id", "=", context.organizationId)
      .where("survey_id", "=", surveyId)
      .execute();
    await recordAudit(
      trx,
      {
        organizationId: context.organizationId,
        actor: context.actor,
        action: "survey.updated",
        entityType: "survey",
        entityId: surveyId,
      },
      context.clock,
    );
  });
  return getSurvey(context, surveyId);
}
