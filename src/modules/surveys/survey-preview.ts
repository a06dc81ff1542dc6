import { pickLanguage, type SurveyLanguage, surveyLanguages } from "../../core/survey/questions.js";
import { findOrganization } from "../organizations/organization.repository.js";
import type { ServiceContext } from "../partners/partner.service.js";
import { renderSurveyForm } from "../survey-page/survey-form.page.js";
import { getSurvey } from "./survey.service.js";

/**
 * The survey exactly as a partner contact sees it, in one of its languages, with a sample partner name.
 * The preview's form posts to a path that does not exist, so a preview can never record an answer.
 */
export async function previewSurvey(
  context: ServiceContext,
  surveyId: string,
  language: string | undefined,
): Promise<string> {
  const survey = await getSurvey(context, surveyId);
  const organization = await findOrganization(context.db, context.organizationId);
  const offered = survey.languages.filter((l): l is SurveyLanguage =>
    (surveyLanguages as readonly string[]).includes(l),
  );
  const chosen = pickLanguage(offered, [language], survey.default_language);
  return renderSurveyForm({
    language: chosen,
    languages: { current: chosen, offered },
    action: "#preview",
    company: organization?.company_name ?? "",
    partner: "Example Partner Ltd",
    anonymous: survey.anonymous,
    questions: survey.questions,
    values: { score: null, reason: "", drivers: {}, custom: {} },
    errors: [],
    editNotice: null,
  });
}
