import type { UserRole } from "../../db/schema.js";
import type { ApiPrincipal, ApiScope } from "../api-keys/api-key.service.js";

export const userRoles = [
  "admin",
  "analyst",
  "partner_manager",
  "viewer",
] as const satisfies readonly UserRole[];

/** The one mapping from a user's role to what the API lets them do (API keys carry scopes directly). */
export const roleScopes: Record<UserRole, ApiScope[]> = {
  admin: ["read", "write", "triggers", "admin"],
  analyst: ["read", "write"],
  partner_manager: ["read"],
  viewer: ["read"],
};

/** A signed-in user as the routes see them; partner managers are narrowed to the partners they own. */
export function userPrincipal(user: {
  organizationId: string;
  userId: string;
  role: UserRole;
}): ApiPrincipal {
  return {
    organizationId: user.organizationId,
    actor: `user:${user.userId}`,
    scopes: [...roleScopes[user.role]],
    userId: user.userId,
    role: user.role,
    ownerUserId: user.role === "partner_manager" ? user.userId : null,
  };
}

/**
 * Follow-up cases are the one write a partner manager may make (on their own partners' cases, which the
 * services narrow through ownerUserId); everyone with the write scope may too.
 */
export function mayWriteCases(principal: ApiPrincipal): boolean {
  return (
    principal.scopes.includes("write") ||
    principal.scopes.includes("admin") ||
    principal.role === "partner_manager"
  );
}
