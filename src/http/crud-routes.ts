import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ServiceContext } from "../modules/partners/partner.service.js";
import { requireScope } from "./auth.js";
import type { AppContext } from "./context.js";

/** The service operations a plain resource offers; partners and contacts share one route shape. */
export interface CrudService<View> {
  list(context: ServiceContext, query: unknown): Promise<unknown>;
  get(context: ServiceContext, id: string): Promise<View>;
  create(context: ServiceContext, input: unknown): Promise<View>;
  update(context: ServiceContext, id: string, input: unknown): Promise<View>;
  archive(context: ServiceContext, id: string): Promise<View>;
}

type IdParams = { Params: { id: string } };

export function serviceContext(
  app: AppContext,
  request: FastifyRequest,
  scope: "read" | "write" | "admin" | "triggers",
): ServiceContext {
  const principal = requireScope(request, scope);
  return {
    db: app.database.db,
    organizationId: principal.organizationId,
    actor: principal.actor,
    clock: app.clock,
    ownerUserId: principal.ownerUserId ?? null,
  };
}

/** Registers list/get/create/update/archive under `/api/v1/{plural}` with the same validation → permission → service → JSON flow. */
export function registerCrudRoutes<View>(
  app: FastifyInstance,
  context: AppContext,
  plural: string,
  service: CrudService<View>,
): void {
  const base = `/api/v1/${plural}`;
  app.get(base, async (request) => service.list(serviceContext(context, request, "read"), request.query));
  app.get<IdParams>(`${base}/:id`, async (request) =>
    service.get(serviceContext(context, request, "read"), request.params.id),
  );
  app.post(base, async (request, reply) => {
    const created = await service.create(serviceContext(context, request, "write"), request.body);
    return reply.status(201).send(created);
  });
  app.patch<IdParams>(`${base}/:id`, async (request) =>
    service.update(serviceContext(context, request, "write"), request.params.id, request.body),
  );
  app.post<IdParams>(`${base}/:id/archive`, async (request) =>
    service.archive(serviceContext(context, request, "write"), request.params.id),
  );
}
