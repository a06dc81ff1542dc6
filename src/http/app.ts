import formbody from "@fastify/formbody";
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from "fastify";
import { registerAnalyticsRoutes } from "../modules/analytics/analytics.routes.js";
import { registerContactRoutes } from "../modules/contacts/contact.routes.js";
import { registerHomeRoutes } from "../modules/home/home.routes.js";
import { registerPartnerRoutes } from "../modules/partners/partner.routes.js";
import { registerSurveyPageRoutes } from "../modules/survey-page/survey-page.routes.js";
import { registerTargetRoutes } from "../modules/targets/target.routes.js";
import { registerSurveyRoutes } from "../modules/waves/wave.routes.js";
import { authenticationHook } from "./auth.js";
import type { AppContext } from "./context.js";
import { installErrorHandler } from "./error-handler.js";
import { openApiDocument } from "./openapi.js";

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

  app.get("/healthz", async () => {
    await context.database.db.selectFrom("organizations").select("organization_id").limit(1).execute();
    return { status: "ok", database: context.database.dialect };
  });

  registerHomeRoutes(app, context);
  await registerSurveyPageRoutes(app, context);
  app.get("/api/v1/openapi.json", async () => openApiDocument);

  await app.register(async (api) => {
    api.addHook("onRequest", authenticationHook(context));
    registerPartnerRoutes(api, context);
    registerContactRoutes(api, context);
    registerAnalyticsRoutes(api, context);
    registerTargetRoutes(api, context);
    registerSurveyRoutes(api, context);
  });
  return app;
}
