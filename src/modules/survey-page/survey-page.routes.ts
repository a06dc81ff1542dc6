import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { translator } from "../../core/i18n/index.js";
import type { AppContext } from "../../http/context.js";
import {
  createPublicRateLimiter,
  DEFAULT_PUBLIC_RATE_LIMITS,
  type PublicRateLimits,
} from "./rate-limiter.js";
import { renderMessagePage } from "./survey-layout.page.js";
import {
  answersOfResponse,
  emptyFormValues,
  formValuesOf,
  preselectedScore,
  readForm,
  validateForm,
} from "./survey-page.js";
import { pageTranslator } from "./survey-page.messages.js";
import {
  fieldValue,
  languageWish,
  renderFormFor,
  renderThanksFor,
  renderUnsubscribeFor,
  requestLanguage,
  sendPage,
  sendUnavailable,
  surveyPath,
} from "./survey-page.replies.js";
import { findResponseByInvitation, markInvitationClicked } from "./survey-page.repository.js";
import {
  findInvitationByToken,
  pageLanguage,
  resolveSurveyLink,
  saveResponse,
  unsubscribe,
} from "./survey-page.service.js";

export interface SurveyPageOptions {
  rateLimits?: Partial<PublicRateLimits>;
}

interface LinkRoute {
  Params: { organizationId: string; token: string };
  Querystring: Record<string, unknown>;
  Body: unknown;
}

/** Generous for a 5,000-character reason and long custom answers, percent-encoded, yet far below the API's. */
const FORM_BODY_LIMIT = 512 * 1024;

/**
 * The public response and unsubscribe pages (`/s/…`, `/u/…`), outside the authenticated API: the link
 * token is the only credential. No GET ever writes a response; only a confirmed POST does.
 */
export function registerSurveyPageRoutes(
  app: FastifyInstance,
  context: AppContext,
  options: SurveyPageOptions = {},
) {
  const { database, clock } = context;
  const limit = createPublicRateLimiter({ ...DEFAULT_PUBLIC_RATE_LIMITS, ...options.rateLimits }, clock);
  const answerOf = (organizationId: string, invitationId: string) =>
    findResponseByInvitation(database.db, organizationId, invitationId);

  return app.register(
    async (scope) => {
      // RFC 8058 one-click unsubscribes may post multipart/form-data; its only field is not needed.
      scope.addContentTypeParser(
        "multipart/form-data",
        { parseAs: "string", bodyLimit: FORM_BODY_LIMIT },
        (_request, _body, done) => done(null, {}),
      );

      // SURVEY_RATE_LIMITS=off exists for the submit-throughput benchmark only; the default is on.
      if (context.config.surveyRateLimits)
        scope.addHook("onRequest", async (request, reply) => {
          const params = request.params as Partial<LinkRoute["Params"]>;
          const decision = limit({
            method: request.method,
            clientAddress: request.ip,
            token: `${params.organizationId ?? ""}/${params.token ?? ""}`,
          });
          if (decision.allowed) return;
          const language = requestLanguage(request);
          const t = translator(language);
          reply.header("retry-after", String(decision.retryAfterSeconds));
          const page = renderMessagePage({
            language,
            title: t("ratelimited.title"),
            message: t("ratelimited.body"),
          });
          return sendPage(reply, 429, page);
        });

      // Fastify's own request logs would carry the token; this line names the route pattern only.
      scope.addHook("onResponse", async (request, reply) => {
        const route = request.routeOptions.url;
        const { statusCode } = reply;
        context.logger.info(
          { method: request.method, route, statusCode, ms: Math.round(reply.elapsedTime) },
          "survey page",
        );
      });

      scope.setErrorHandler((error: Error & { statusCode?: number }, request, reply) => {
        const code = error.statusCode ?? 500;
        const status = code >= 400 && code < 500 ? code : 500;
        if (status === 500)
          context.logger.error({ err: error, route: request.routeOptions.url }, "survey page failed");
        const language = requestLanguage(request);
        const p = pageTranslator(language);
        return sendPage(
          reply,
          status,
          renderMessagePage({ language, title: p("errorTitle"), message: p("errorBody") }),
        );
      });

      scope.get<LinkRoute>("/s/:organizationId/:token", async (request, reply) => {
        const { organizationId, token } = request.params;
        const state = await resolveSurveyLink(context, organizationId, token);
        if (state.kind !== "open") return sendUnavailable(request, reply, state);
        const { invitation_id } = state.invitation;
        // Opening the page records the click, never an answer: link scanners open pages too.
        if (request.method === "GET") {
          await markInvitationClicked(database.db, organizationId, invitation_id, clock.now().toISOString());
        }
        const existing = await answerOf(organizationId, invitation_id);
        const values = existing ? formValuesOf(answersOfResponse(existing)) : emptyFormValues();
        const score = preselectedScore(fieldValue(request.query, "score"));
        if (score !== null) values.score = score;
        const language = pageLanguage(state.invitation, languageWish(request));
        const form = { values, errors: [], answered: existing !== undefined, score };
        return sendPage(reply, 200, renderFormFor(state, token, language, form));
      });

      scope.post<LinkRoute>(
        "/s/:organizationId/:token",
        { bodyLimit: FORM_BODY_LIMIT },
        async (request, reply) => {
          const { organizationId, token } = request.params;
          const state = await resolveSurveyLink(context, organizationId, token);
          if (state.kind !== "open") return sendUnavailable(request, reply, state);
          const { invitation, questions } = state;
          const language = pageLanguage(invitation, languageWish(request));
          const values = readForm(request.body, questions);
          const outcome = validateForm(values, questions);
          if (!outcome.ok) {
            const answered = (await answerOf(organizationId, invitation.invitation_id)) !== undefined;
            const form = { values, errors: outcome.errors, answered };
            return sendPage(reply, 400, renderFormFor(state, token, language, form));
          }
          await saveResponse(context, invitation, outcome.answers, language);
          return reply.redirect(`${surveyPath(invitation, token)}/thanks?lang=${language}`, 303);
        },
      );

      scope.get<LinkRoute>("/s/:organizationId/:token/thanks", async (request, reply) => {
        const { organizationId, token } = request.params;
        const state = await resolveSurveyLink(context, organizationId, token);
        if (state.kind !== "open") return sendUnavailable(request, reply, state);
        const language = pageLanguage(state.invitation, languageWish(request));
        if (!(await answerOf(organizationId, state.invitation.invitation_id))) {
          return reply.redirect(`${surveyPath(state.invitation, token)}?lang=${language}`, 303);
        }
        return sendPage(reply, 200, renderThanksFor(state, token, language));
      });

      // Unsubscribing works whatever the wave's state: an old email's link must still stop the mails.
      const unsubscribePage = async (request: FastifyRequest<LinkRoute>, reply: FastifyReply) => {
        const { organizationId, token } = request.params;
        const invitation = await findInvitationByToken(database.db, organizationId, token);
        if (!invitation) return sendUnavailable(request, reply, { kind: "invalid" });
        const language = pageLanguage(invitation, languageWish(request));
        const posting = request.method === "POST";
        if (posting) await unsubscribe(context, invitation);
        const confirming = !posting && invitation.contact_unsubscribed_at === null;
        return sendPage(reply, 200, renderUnsubscribeFor(invitation, language, confirming));
      };
      scope.get<LinkRoute>("/u/:organizationId/:token", unsubscribePage);
      scope.post<LinkRoute>("/u/:organizationId/:token", { bodyLimit: FORM_BODY_LIMIT }, unsubscribePage);
    },
    { logLevel: "warn" },
  );
}
