import cookie from "@fastify/cookie";
import formbody from "@fastify/formbody";
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from "fastify";
import { registerAlertRoutes } from "../modules/alerts/alert.routes.js";
import { registerAnalyticsRoutes } from "../modules/analytics/analytics.routes.js";
import { registerAdminRoutes } from "../modules/auth/admin.routes.js";
import { registerPublicAuthRoutes, registerSessionRoutes } from "../modules/auth/auth.routes.js";
import { registerCaseRoutes } from "../modules/cases/case.routes.js";
import { registerContactRoutes } from "../modules/contacts/contact.routes.js";
import { registerHomeRoutes } from "../modules/home/home.routes.js";
import { registerPartnerRoutes } from "../modules/partners/partner.routes.js";
import { registerResponseExplorerRoutes } from "../modules/responses-explorer/response-explorer.routes.js";
import { registerSurveyPageRoutes } from "../modules/survey-page/survey-page.routes.js";
import { registerTargetRoutes } from "../modules/targets/target.routes.js";
import { registerSurveyRoutes } from "../modules/waves/wave.routes.js";
import { authenticationHook } from "./auth.js";
import type { AppContext } from "./context.js";
import { installErrorHandler } from "./error-handler.js";
import { openApiDocument } from "./openapi.js";
import { registerWebApp } from "./web-app.js";

declare module "fastify" {
  interface FastifyInstance {
    registeredRoutes: { method: string; url: string }[];
  }
}

/** Builds the HTTP application; tests call it in-process with `app.inject`, `serve` listens on a port. */
export async function buildApp(context: AppContext): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: context.logger as FastifyBaseLogger,
    bodyLimit: 50 * 1024 * 1024,
    trustProxy: false,
  });
  app.decorateRequest("principal", null);
  // Kept so tests can check that the OpenAPI description covers every route.
  const routes: { method: string; url: string }[] = [];
  app.addHook("onRoute", (route) => {
    for (const method of [route.method].flat()) routes.push({ method: String(method), url: route.url });
  });
  app.decorate("registeredRoutes", routes);
  installErrorHandler(app);
  await app.register(formbody);
  await app.register(cookie);
  app.decorateRequest("authSession", null);

  app.get("/healthz", async () => {
    await context.database.db.selectFrom("organizations").select("organization_id").limit(1).execute();
    return { status: "ok", database: context.database.dialect };
  });

  registerHomeRoutes(app, context);
  await registerSurveyPageRoutes(app, context);
  app.get("/api/v1/openapi.json", async () => openApiDocument);
  registerPublicAuthRoutes(app, context);
  await registerWebApp(app);

  await app.register(async (api) => {
    api.addHook("onRequest", authenticationHook(context));
    registerPartnerRoutes(api, context);
    registerContactRoutes(api, context);
    registerAnalyticsRoutes(api, context);
    registerResponseExplorerRoutes(api, context);
    registerTargetRoutes(api, context);
    registerSurveyRoutes(api, context);
    registerCaseRoutes(api, context);
    registerAlertRoutes(api, context);
    registerSessionRoutes(api, context);
    registerAdminRoutes(api, context);
  });
  return app;
}
