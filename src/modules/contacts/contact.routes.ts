import type { FastifyInstance } from "fastify";
import type { AppContext } from "../../http/context.js";
import { registerCrudRoutes } from "../../http/crud-routes.js";
import {
  archiveContact,
  createContact,
  getContact,
  searchContacts,
  updateContactAttributes,
} from "./contact.service.js";

export function registerContactRoutes(app: FastifyInstance, context: AppContext): void {
  registerCrudRoutes(app, context, "contacts", {
    list: searchContacts,
    get: getContact,
    create: createContact,
    update: updateContactAttributes,
    archive: archiveContact,
  });
}
