import type { FastifyInstance } from "fastify";
import type { AppContext } from "../../http/context.js";
import { serviceContext } from "../../http/crud-routes.js";
import { registerInitiativeRoutes } from "../initiatives/initiative.routes.js";
import { addCaseNote, changeCase, getCase, listCases } from "./case.service.js";
import { caseMetrics } from "./case-metrics.service.js";
import { caseWorkContext } from "./case-permissions.js";
import { createRule, listRules, updateRule } from "./case-rule.service.js";
import { getPartnerTimeline } from "./partner-timeline.service.js";
import { changeRootCause, createRootCause, listRootCauses } from "./root-cause.service.js";

type IdParams = { Params: { id: string } };

/** Follow-up cases, their rules and root causes, initiatives and the partner timeline. */
export function registerCaseRoutes(app: FastifyInstance, context: AppContext): void {
  const read = (request: Parameters<typeof serviceContext>[1]) => serviceContext(context, request, "read");

  app.get("/api/v1/cases", async (request) => listCases(read(request), request.query));
  app.get("/api/v1/cases/metrics", async (request) => caseMetrics(read(request), request.query));
  app.get<IdParams>("/api/v1/cases/:id", async (request) => getCase(read(request), request.params.id));
  app.patch<IdParams>("/api/v1/cases/:id", async (request) =>
    changeCase(caseWorkContext(context, request), request.params.id, request.body),
  );
  app.post<IdParams>("/api/v1/cases/:id/notes", async (request, reply) =>
    reply
      .status(201)
      .send(await addCaseNote(caseWorkContext(context, request), request.params.id, request.body)),
  );

  app.get("/api/v1/case-rules", async (request) => listRules(read(request)));
  app.post("/api/v1/case-rules", async (request, reply) =>
    reply.status(201).send(await createRule(serviceContext(context, request, "admin"), request.body)),
  );
  app.patch<IdParams>("/api/v1/case-rules/:id", async (request) =>
    updateRule(serviceContext(context, request, "admin"), request.params.id, request.body),
  );

  app.get("/api/v1/root-causes", async (request) => listRootCauses(read(request)));
  app.post("/api/v1/root-causes", async (request, reply) =>
    reply.status(201).send(await createRootCause(serviceContext(context, request, "write"), request.body)),
  );
  app.patch<IdParams>("/api/v1/root-causes/:id", async (request) =>
    changeRootCause(serviceContext(context, request, "write"), request.params.id, request.body),
  );

  registerInitiativeRoutes(app, context);

  app.get<IdParams>("/api/v1/partners/:id/timeline", async (request) =>
    getPartnerTimeline(read(request), request.params.id),
  );
}
