import type { FastifyInstance, FastifyRequest } from "fastify";
import { DomainError } from "../../core/errors.js";
import type { AppContext } from "../../http/context.js";
import { serviceContext } from "../../http/crud-routes.js";
import { getPreferences, putPreferences } from "./alert-preference.service.js";

type IdParams = { Params: { id: string } };

export class SessionRequiredError extends DomainError {
  constructor() {
    super("session_required", "a user session is required");
  }
}

/**
 * Alert channels: each signed-in user manages their own (partner managers, who own the cases, hold only
 * the read scope, so reading is enough to change one's own alerts); admins may read anyone's.
 */
export function registerAlertRoutes(app: FastifyInstance, context: AppContext): void {
  const own = (request: FastifyRequest) => {
    const service = serviceContext(context, request, "read");
    const userId = request.principal?.userId;
    if (!userId) throw new SessionRequiredError();
    return { service, userId };
  };
  app.get("/api/v1/me/alert-preferences", async (request) => {
    const { service, userId } = own(request);
    return getPreferences(service, userId);
  });
  app.put("/api/v1/me/alert-preferences", async (request) => {
    const { service, userId } = own(request);
    return putPreferences(service, userId, request.body);
  });
  app.get<IdParams>("/api/v1/users/:id/alert-preferences", async (request) =>
    getPreferences(serviceContext(context, request, "admin"), request.params.id),
  );
}
