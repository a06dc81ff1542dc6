import type { Executor } from "../../db/database.js";
import { containsText } from "../../db/sql-helpers.js";
import { type OwnerScope, whereOwnedBy } from "./partner-scope.js";
import type { PartnerTableQuery } from "./partner-table.js";

/** Active partners matching the table's attribute filters, with their owner's name. */
export function fetchTablePartners(db: Executor, scope: OwnerScope, query: PartnerTableQuery) {
  let base = db
    .selectFrom("partners as p")
    .leftJoin("users as u", (j) =>
      j.onRef("u.organization_id", "=", "p.organization_id").onRef("u.user_id", "=", "p.owner_user_id"),
    )
    .select([
      "p.partner_id",
      "p.name",
      "p.tier",
      "p.type",
      "p.region",
      "p.strategic",
      "p.annual_revenue",
      "p.owner_user_id",
      "u.name as owner_name",
    ])
    .where("p.organization_id", "=", scope.organizationId)
    .where("p.archived_at", "is", null);
  base = whereOwnedBy(base, scope, "p.partner_id");
  for (const [field, column] of [
    ["tier", "p.tier"],
    ["type", "p.type"],
    ["region", "p.region"],
    ["owner", "p.owner_user_id"],
  ] as const) {
    const values = query[field];
    if (values?.length) base = base.where(column, "in", values);
  }
  const q = query.q;
  if (q) base = base.where((eb) => containsText(eb.ref("p.name"), q));
  return base.execute();
}
