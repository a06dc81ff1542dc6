import type { FastifyReply, FastifyRequest } from "fastify";
import { formatDate, translator } from "../../core/i18n/index.js";
import { pickLanguage, type SurveyLanguage, surveyLanguages } from "../../core/survey/questions.js";
import { html } from "../../http/html.js";
import { renderSurveyForm } from "./survey-form.page.js";
import { CONTENT_SECURITY_POLICY, renderMessagePage } from "./survey-layout.page.js";
import type { FieldError, FormValues } from "./survey-page.js";
import { pageTranslator } from "./survey-page.messages.js";
import {
  type LinkedInvitation,
  type LinkState,
  offeredLanguages,
  organizationTimeZone,
  pageLanguage,
} from "./survey-page.service.js";

/** How the survey routes turn a link's state into an HTML reply; the routes decide, this renders. */

type OpenLink = Extract<LinkState, { kind: "open" }>;

export function surveyPath(invitation: LinkedInvitation, token: string): string {
  return `/s/${encodeURIComponent(invitation.organization_id)}/${token}`;
}

/** A string field of a parsed query or form body, or null (repeated or missing fields read as null). */
export function fieldValue(source: unknown, name: string): string | null {
  const value =
    source !== null && typeof source === "object" ? (source as Record<string, unknown>)[name] : null;
  return typeof value === "string" ? value : null;
}

/** A language switch travels as `?lang=` on links and as a hidden `lang` field in posted forms. */
export function languageWish(request: FastifyRequest): string | null {
  return fieldValue(request.body, "lang") ?? fieldValue(request.query, "lang");
}

/** The page language when no invitation tells it: the wish, then the browser's preferences. */
export function requestLanguage(request: FastifyRequest): SurveyLanguage {
  const header = request.headers["accept-language"] ?? "";
  const preferred = header.split(",").map((part) => part.split(";")[0]!.trim());
  return pickLanguage(surveyLanguages, [languageWish(request), ...preferred.slice(0, 10)], "en");
}

export function sendPage(reply: FastifyReply, status: number, page: string): FastifyReply {
  return reply
    .status(status)
    .headers({
      "content-type": "text/html; charset=utf-8",
      "content-security-policy": CONTENT_SECURITY_POLICY,
      // The token in the URL is the respondent's key: no caches, no referrers, no search engines.
      "cache-control": "no-store",
      "referrer-policy": "no-referrer",
      "x-content-type-options": "nosniff",
      "x-robots-tag": "noindex",
    })
    .send(page);
}

/** 404 for a link that does not work, 410 for a survey that closed; neither writes anything. */
export function sendUnavailable(
  request: FastifyRequest,
  reply: FastifyReply,
  state: LinkState,
): FastifyReply {
  if (state.kind !== "closed") {
    const language = requestLanguage(request);
    const t = translator(language);
    const page = renderMessagePage({
      language,
      title: t("invalid.title"),
      message: t("invalid.body"),
      languages: { current: language, offered: surveyLanguages },
    });
    return sendPage(reply, 404, page);
  }
  const { invitation, closedAt } = state;
  const language = pageLanguage(invitation, languageWish(request));
  const t = translator(language);
  const date = closedAt && formatDate(closedAt, language, organizationTimeZone(invitation));
  const page = renderMessagePage({
    language,
    title: t("closed.title"),
    message: date ? t("closed.body", { date }) : pageTranslator(language)("closedUndated"),
    company: invitation.company_name,
    languages: { current: language, offered: offeredLanguages(invitation) },
  });
  return sendPage(reply, 410, page);
}

function editableUntilText(state: OpenLink, language: SurveyLanguage): string | null {
  const { editableUntil, invitation } = state;
  return editableUntil && formatDate(editableUntil, language, organizationTimeZone(invitation));
}

export function renderFormFor(
  state: OpenLink,
  token: string,
  language: SurveyLanguage,
  form: { values: FormValues; errors: FieldError[]; answered: boolean; score?: string | null },
): string {
  const { invitation } = state;
  const until = editableUntilText(state, language);
  const editNotice = !form.answered
    ? null
    : until
      ? translator(language)("survey.edit_notice", { date: until })
      : pageTranslator(language)("editNoticeOpenEnded");
  return renderSurveyForm({
    language,
    languages: {
      current: language,
      offered: offeredLanguages(invitation),
      ...(form.score ? { keep: { score: form.score } } : {}),
    },
    action: surveyPath(invitation, token),
    company: invitation.company_name,
    partner: invitation.partner_name,
    anonymous: invitation.survey_anonymous === 1,
    questions: state.questions,
    values: form.values,
    errors: form.errors,
    editNotice,
  });
}

export function renderThanksFor(state: OpenLink, token: string, language: SurveyLanguage): string {
  const t = translator(language);
  const until = editableUntilText(state, language);
  return renderMessagePage({
    language,
    title: t("thanks.title"),
    message: until ? t("thanks.body", { date: until }) : pageTranslator(language)("thanksOpenEnded"),
    company: state.invitation.company_name,
    languages: { current: language, offered: offeredLanguages(state.invitation) },
    action: html`<p><a href="${surveyPath(state.invitation, token)}?lang=${language}">${t("thanks.edit")}</a></p>`,
  });
}

/** The confirmation (a form posting back to the same link) or, once unsubscribed, the confirmation of that. */
export function renderUnsubscribeFor(
  invitation: LinkedInvitation,
  language: SurveyLanguage,
  confirming: boolean,
): string {
  const t = translator(language);
  const company = invitation.company_name;
  return renderMessagePage({
    language,
    title: t("unsubscribe.title"),
    message: confirming
      ? t("unsubscribe.body", { company, email: invitation.contact_email ?? "" })
      : t("unsubscribe.done", { company }),
    company,
    languages: { current: language, offered: offeredLanguages(invitation) },
    ...(confirming
      ? {
          action: html`<form method="post"><input type="hidden" name="lang" value="${language}"><button type="submit">${t("unsubscribe.confirm")}</button></form>`,
        }
      : {}),
  });
}
