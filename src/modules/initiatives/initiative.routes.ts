import type { FastifyInstance } from "fastify";
import type { AppContext } from "../../http/context.js";
import { serviceContext } from "../../http/crud-routes.js";
import { changeInitiative, createInitiative, getInitiative, listInitiatives } from "./initiative.service.js";

type IdParams = { Params: { id: string } };

/** "You said, we did" initiatives; registered by the cases routes. */
export function registerInitiativeRoutes(app: FastifyInstance, context: AppContext): void {
  app.get("/api/v1/initiatives", async (request) =>
    listInitiatives(serviceContext(context, request, "read"), request.query),
  );
  app.get<IdParams>("/api/v1/initiatives/:id", async (request) =>
    getInitiative(serviceContext(context, request, "read"), request.params.id),
  );
  app.post("/api/v1/initiatives", async (request, reply) =>
    reply.status(201).send(await createInitiative(serviceContext(context, request, "write"), request.body)),
  );
  app.patch<IdParams>("/api/v1/initiatives/:id", async (request) =>
    changeInitiative(serviceContext(context, request, "write"), request.params.id, request.body),
  );
}
