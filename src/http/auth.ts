import type { FastifyReply, FastifyRequest } from "fastify";
import { ForbiddenError } from "../core/errors.js";
import {
  type ApiPrincipal,
  type ApiScope,
  authenticateApiKey,
  UnauthenticatedError,
} from "../modules/api-keys/api-key.service.js";
import type { AppContext } from "./context.js";

declare module "fastify" {
  interface FastifyRequest {
    principal: ApiPrincipal | null;
  }
}

/** Resolves the caller on every /api request; routes then demand the scope they need. */
export function authenticationHook(context: AppContext) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const header = request.headers.authorization;
    if (!header) throw new UnauthenticatedError();
    const [scheme, token] = header.split(" ");
    if (scheme?.toLowerCase() !== "bearer" || !token)
      throw new UnauthenticatedError("Use Authorization: Bearer <API key>");
    request.principal = await authenticateApiKey(context.database.db, token);
  };
}

export function requireScope(request: FastifyRequest, scope: ApiScope): ApiPrincipal {
  const principal = request.principal;
  if (!principal) throw new UnauthenticatedError();
  if (!principal.scopes.includes(scope) && !principal.scopes.includes("admin")) {
    throw new ForbiddenError(`This API key lacks the "${scope}" scope`);
  }
  return principal;
}
