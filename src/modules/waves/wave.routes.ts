import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { parseInput } from "../../core/validation.js";
import type { AppContext } from "../../http/context.js";
import { serviceContext } from "../../http/crud-routes.js";
import {
  linksToCsv,
  listInvitationLinks,
  recordAuditForExport,
  recordDeliveryEvent,
} from "../invitations/invitation.service.js";
import { triggerSurvey } from "../invitations/trigger.service.js";
import { createSurvey, getSurvey, listSurveys, updateSurvey } from "../surveys/survey.service.js";
import { previewSurvey } from "../surveys/survey-preview.js";
import {
  closeWave,
  createWave,
  getWave,
  launchWave,
  listWaves,
  previewAudience,
  waveProgress,
} from "./wave.service.js";

type IdParams = { Params: { id: string } };
const progressQuery = z.object({ by: z.enum(["partner", "tier", "region"]).optional() });

/** Surveys, waves (audience preview, launch, close, progress, links), triggers and delivery events. */
export function registerSurveyRoutes(app: FastifyInstance, context: AppContext): void {
  const read = (request: Parameters<typeof serviceContext>[1]) => serviceContext(context, request, "read");
  const write = (request: Parameters<typeof serviceContext>[1]) => serviceContext(context, request, "write");

  app.get("/api/v1/surveys", async (request) => listSurveys(read(request)));
  app.post("/api/v1/surveys", async (request, reply) =>
    reply.status(201).send(await createSurvey(write(request), request.body)),
  );
  app.get<IdParams>("/api/v1/surveys/:id", async (request) => getSurvey(read(request), request.params.id));
  app.patch<IdParams>("/api/v1/surveys/:id", async (request) =>
    updateSurvey(write(request), request.params.id, request.body),
  );
  app.get<IdParams & { Querystring: { lang?: string } }>(
    "/api/v1/surveys/:id/preview",
    async (request, reply) =>
      reply
        .type("text/html; charset=utf-8")
        .send(await previewSurvey(read(request), request.params.id, request.query.lang)),
  );

  app.get("/api/v1/waves", async (request) => listWaves(read(request)));
  app.post("/api/v1/waves", async (request, reply) =>
    reply.status(201).send(await createWave(write(request), request.body)),
  );
  app.post("/api/v1/waves/audience-preview", async (request) =>
    previewAudience(read(request), null, request.body),
  );
  app.get<IdParams>("/api/v1/waves/:id", async (request) => getWave(read(request), request.params.id));
  app.get<IdParams>("/api/v1/waves/:id/audience", async (request) =>
    previewAudience(read(request), request.params.id),
  );
  app.post<IdParams>("/api/v1/waves/:id/launch", async (request) =>
    launchWave(context.database, write(request), request.params.id),
  );
  app.post<IdParams>("/api/v1/waves/:id/close", async (request) =>
    closeWave(write(request), request.params.id),
  );
  app.get<IdParams>("/api/v1/waves/:id/progress", async (request) => {
    const { by } = parseInput(progressQuery, request.query, "query");
    return waveProgress(read(request), request.params.id, by ?? null);
  });
  app.get<IdParams>("/api/v1/waves/:id/links.csv", async (request, reply) => {
    const service = write(request);
    await getWave(service, request.params.id);
    const links = await listInvitationLinks(service.db, service.organizationId, context.config.publicUrl, {
      waveId: request.params.id,
    });
    await recordAuditForExport(service, request.params.id);
    return reply
      .header("content-type", "text/csv; charset=utf-8")
      .header("content-disposition", `attachment; filename="wave-${request.params.id}-links.csv"`)
      .send(linksToCsv(links));
  });

  app.post("/api/v1/triggers", async (request, reply) => {
    const result = await triggerSurvey(
      context.database,
      serviceContext(context, request, "triggers"),
      context.config.publicUrl,
      request.body,
    );
    return reply.status(result.status === "invited" ? 201 : 200).send(result);
  });
  app.post("/api/v1/delivery-events", async (request) => recordDeliveryEvent(write(request), request.body));
}
