import type { FastifyRequest } from "fastify";
import { ForbiddenError } from "../../core/errors.js";
import type { AppContext } from "../../http/context.js";
import { serviceContext } from "../../http/crud-routes.js";
import type { ServiceContext } from "../partners/partner.service.js";

/**
 * Working a case (status, notes, owner) is what partner managers are for, although their role only reads
 * elsewhere: they may, on their own partners' cases (the service scopes by ownerUserId). Analysts, admins,
 * write-scoped API keys and any principal granted a "cases" scope may too; viewers may not.
 */
export function caseWorkContext(app: AppContext, request: FastifyRequest): ServiceContext {
  const context = serviceContext(app, request, "read");
  const principal = request.principal!;
  const scopes = principal.scopes as readonly string[];
  const allowed =
    scopes.includes("write") ||
    scopes.includes("admin") ||
    scopes.includes("cases") ||
    principal.role === "partner_manager";
  if (!allowed) throw new ForbiddenError("Working follow-up cases needs the write or cases permission");
  return context;
}
