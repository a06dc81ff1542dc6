import type { FastifyInstance } from "fastify";
import type { AppContext } from "../../http/context.js";
import { registerCrudRoutes } from "../../http/crud-routes.js";
import {
  archivePartner,
  createPartner,
  getPartner,
  searchPartners,
  updatePartnerAttributes,
} from "./partner.service.js";

export function registerPartnerRoutes(app: FastifyInstance, context: AppContext): void {
  registerCrudRoutes(app, context, "partners", {
    list: searchPartners,
    get: getPartner,
    create: createPartner,
    update: updatePartnerAttributes,
    archive: archivePartner,
  });
}
