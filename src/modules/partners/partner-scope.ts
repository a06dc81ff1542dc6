import { type Expression, type RawBuilder, type SqlBool, sql } from "kysely";

/** Who is asking: the organization, and for a partner manager the user whose partners they may see. */
export interface OwnerScope {
  organizationId: string;
  /** Null or absent: the whole organization. */
  ownerUserId?: string | null;
}

/**
 * The one definition of a partner manager's reach: rows whose partner is currently owned by the user
 * (partners.owner_user_id), written as a sub-select so it fits any table that carries a partner id.
 * Null when the scope is the whole organization.
 */
export function ownedPartnerCondition(
  scope: OwnerScope,
  partnerColumn = "partner_id",
): RawBuilder<SqlBool> | null {
  if (!scope.ownerUserId) return null;
  return sql<SqlBool>`${sql.ref(partnerColumn)} in (select owned.partner_id from partners as owned
    where owned.organization_id = ${scope.organizationId} and owned.owner_user_id = ${scope.ownerUserId})`;
}

interface Filterable<Self> {
  where(expression: Expression<SqlBool>): Self;
}

/** Adds the owner scope to a select, update or delete on any table with a partner id column. */
export function whereOwnedBy<Query extends Filterable<unknown>>(
  query: Query,
  scope: OwnerScope,
  partnerColumn = "partner_id",
): Query {
  const condition = ownedPartnerCondition(scope, partnerColumn);
  return condition ? (query.where(condition) as Query) : query;
}
