import { timingSafeEqual } from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";
import { DomainError, ForbiddenError } from "../core/errors.js";
import {
  type ApiPrincipal,
  type ApiScope,
  authenticateApiKey,
  UnauthenticatedError,
} from "../modules/api-keys/api-key.service.js";
import { userPrincipal } from "../modules/auth/permissions.js";
import { type ActiveSession, findSession, SESSION_COOKIE } from "../modules/auth/session.service.js";
import type { AppContext } from "./context.js";

declare module "fastify" {
  interface FastifyRequest {
    principal: ApiPrincipal | null;
    /** The browser session behind the request (null for API keys). */
    authSession: ActiveSession | null;
  }
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export class CsrfError extends DomainError {
  constructor() {
    super("csrf", "Send the session's CSRF token in the x-csrf-token header");
  }
}

/** Resolves the caller on every /api request (API key or session cookie); routes then demand the scope they need. */
export function authenticationHook(context: AppContext) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const header = request.headers.authorization;
    if (header) {
      const [scheme, token] = header.split(" ");
      if (scheme?.toLowerCase() !== "bearer" || !token)
        throw new UnauthenticatedError("Use Authorization: Bearer <API key>");
      request.principal = await authenticateApiKey(context.database.db, token);
      return;
    }
    await authenticateSession(context, request);
    if (!request.authSession) throw new UnauthenticatedError();
  };
}

/** Sets principal and authSession from the session cookie; unsafe methods must echo the CSRF token. */
export async function authenticateSession(context: AppContext, request: FastifyRequest): Promise<void> {
  const token = request.cookies?.[SESSION_COOKIE];
  if (!token) return;
  const session = await findSession(context.database.db, token, context.clock);
  if (!session) throw new UnauthenticatedError("Your session has expired; sign in again");
  if (
    !SAFE_METHODS.has(request.method) &&
    !sameSecret(request.headers["x-csrf-token"], session.view.csrfToken)
  )
    throw new CsrfError();
  const { user, organization } = session.view;
  request.authSession = session;
  request.principal = userPrincipal({
    organizationId: organization.organizationId,
    userId: user.userId,
    role: user.role,
  });
}

function sameSecret(given: string | string[] | undefined, expected: string): boolean {
  if (typeof given !== "string") return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function requireScope(request: FastifyRequest, scope: ApiScope): ApiPrincipal {
  const principal = request.principal;
  if (!principal) throw new UnauthenticatedError();
  if (!principal.scopes.includes(scope) && !principal.scopes.includes("admin")) {
    throw new ForbiddenError(
      principal.role
        ? `The ${principal.role} role may not do this`
        : `This API key lacks the "${scope}" scope`,
    );
  }
  return principal;
}
