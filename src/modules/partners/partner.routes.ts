import type { FastifyInstance } from "fastify";
import type { AppContext } from "../../http/context.js";
import { registerCrudRoutes, serviceContext } from "../../http/crud-routes.js";
import {
  archivePartner,
  createPartner,
  getPartner,
  searchPartners,
  updatePartnerAttributes,
} from "./partner.service.js";
import { runPartnerTable } from "./partner-table.service.js";
import { getPartnerScorecard } from "./scorecard.service.js";

export function registerPartnerRoutes(app: FastifyInstance, context: AppContext): void {
  // The static path is matched before `/:id`, so "table" is never read as a partner id.
  app.get("/api/v1/partners/table", async (request) =>
    runPartnerTable(serviceContext(context, request, "read"), request.query),
  );
  app.get<{ Params: { id: string } }>("/api/v1/partners/:id/scorecard", async (request) =>
    getPartnerScorecard(serviceContext(context, request, "read"), request.params.id),
  );
  registerCrudRoutes(app, context, "partners", {
    list: searchPartners,
    get: getPartner,
    create: createPartner,
    update: updatePartnerAttributes,
    archive: archivePartner,
  });
}
