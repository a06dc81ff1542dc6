import type { Insertable, Selectable, Updateable } from "kysely";
import type { PartnerTable } from "../../db/schema.js";
import { containsText } from "../../db/sql-helpers.js";
import type { Executor } from "../organizations/organization.repository.js";
import type { PartnerListQuery } from "./partner.js";
import { type OwnerScope, whereOwnedBy } from "./partner-scope.js";

export type PartnerRow = Selectable<PartnerTable>;

/** One partner, if it exists and is within the scope (a partner manager's own partners). */
export function findPartner(
  db: Executor,
  scope: OwnerScope,
  partnerId: string,
): Promise<PartnerRow | undefined> {
  const query = db
    .selectFrom("partners")
    .selectAll()
    .where("organization_id", "=", scope.organizationId)
    .where("partner_id", "=", partnerId);
  return whereOwnedBy(query, scope).executeTakeFirst();
}

export function findPartnersByExternalIds(
  db: Executor,
  organizationId: string,
  externalIds: string[],
): Promise<PartnerRow[]> {
  if (externalIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("partners")
    .selectAll()
    .where("organization_id", "=", organizationId)
    .where("external_id", "in", externalIds)
    .execute();
}

export function findPartnerByName(
  db: Executor,
  organizationId: string,
  name: string,
): Promise<PartnerRow | undefined> {
  return db
    .selectFrom("partners")
    .selectAll()
    .where("organization_id", "=", organizationId)
    .where("name", "=", name)
    .orderBy("created_at")
    .executeTakeFirst();
}

export async function listPartners(
  db: Executor,
  scope: OwnerScope,
  query: PartnerListQuery,
): Promise<{ rows: PartnerRow[]; total: number }> {
  let base = whereOwnedBy(
    db.selectFrom("partners").where("organization_id", "=", scope.organizationId),
    scope,
  );
  if (query.include_archived !== "true") base = base.where("archived_at", "is", null);
  for (const field of ["tier", "type", "region", "country", "owner_user_id"] as const) {
    const value = query[field];
    if (value !== undefined) base = base.where(field, "=", value);
  }
  if (query.strategic !== undefined) base = base.where("strategic", "=", query.strategic === "true" ? 1 : 0);
  if (query.search) {
    const search = query.search;
    base = base.where((eb) =>
      eb.or([containsText(eb.ref("name"), search), containsText(eb.ref("external_id"), search)]),
    );
  }
  const [rows, count] = await Promise.all([
    base
      .selectAll()
      // Missing values sort last on both databases (PostgreSQL would put them first when descending).
      .orderBy(query.sort, (ob) => (query.order === "desc" ? ob.desc() : ob.asc()).nullsLast())
      .orderBy("partner_id")
      .limit(query.limit)
      .offset(query.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.total) };
}

export async function insertPartners(db: Executor, rows: Insertable<PartnerTable>[]): Promise<void> {
  if (rows.length > 0) await db.insertInto("partners").values(rows).execute();
}

export async function updatePartner(
  db: Executor,
  organizationId: string,
  partnerId: string,
  changes: Updateable<PartnerTable>,
): Promise<void> {
  await db
    .updateTable("partners")
    .set(changes)
    .where("organization_id", "=", organizationId)
    .where("partner_id", "=", partnerId)
    .execute();
}

export async function countPartners(db: Executor, organizationId: string): Promise<number> {
  const row = await db
    .selectFrom("partners")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("organization_id", "=", organizationId)
    .where("archived_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
