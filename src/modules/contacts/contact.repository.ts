import type { Insertable, Selectable, Updateable } from "kysely";
import type { ContactTable } from "../../db/schema.js";
import { containsText } from "../../db/sql-helpers.js";
import type { Executor } from "../organizations/organization.repository.js";
import { type OwnerScope, whereOwnedBy } from "../partners/partner-scope.js";
import type { ContactListQuery } from "./contact.js";

export type ContactRow = Selectable<ContactTable>;

/** One contact, if it exists and its partner is within the scope (a partner manager's own partners). */
export function findContact(
  db: Executor,
  scope: OwnerScope,
  contactId: string,
): Promise<ContactRow | undefined> {
  const query = db
    .selectFrom("contacts")
    .selectAll()
    .where("organization_id", "=", scope.organizationId)
    .where("contact_id", "=", contactId);
  return whereOwnedBy(query, scope).executeTakeFirst();
}

export function findContactsByExternalIds(
  db: Executor,
  organizationId: string,
  externalIds: string[],
): Promise<ContactRow[]> {
  if (externalIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("contacts")
    .selectAll()
    .where("organization_id", "=", organizationId)
    .where("external_id", "in", externalIds)
    .execute();
}

export async function listContacts(
  db: Executor,
  scope: OwnerScope,
  query: ContactListQuery,
): Promise<{ rows: ContactRow[]; total: number }> {
  let base = whereOwnedBy(
    db.selectFrom("contacts").where("organization_id", "=", scope.organizationId),
    scope,
  );
  if (query.include_archived !== "true") base = base.where("archived_at", "is", null);
  for (const field of ["partner_id", "role", "language"] as const) {
    const value = query[field];
    if (value !== undefined) base = base.where(field, "=", value);
  }
  if (query.reachable === "true")
    base = base.where("unsubscribed_at", "is", null).where("bounced_at", "is", null);
  if (query.reachable === "false") {
    base = base.where((eb) =>
      eb.or([eb("unsubscribed_at", "is not", null), eb("bounced_at", "is not", null)]),
    );
  }
  if (query.search) {
    const search = query.search;
    base = base.where((eb) =>
      eb.or([containsText(eb.ref("name"), search), containsText(eb.ref("email"), search)]),
    );
  }
  const [rows, count] = await Promise.all([
    base
      .selectAll()
      // Missing values sort last on both databases (PostgreSQL would put them first when descending).
      .orderBy(query.sort, (ob) => (query.order === "desc" ? ob.desc() : ob.asc()).nullsLast())
      .orderBy("contact_id")
      .limit(query.limit)
      .offset(query.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.total) };
}

export async function insertContacts(db: Executor, rows: Insertable<ContactTable>[]): Promise<void> {
  if (rows.length > 0) await db.insertInto("contacts").values(rows).execute();
}

export async function updateContact(
  db: Executor,
  organizationId: string,
  contactId: string,
  changes: Updateable<ContactTable>,
): Promise<void> {
  await db
    .updateTable("contacts")
    .set(changes)
    .where("organization_id", "=", organizationId)
    .where("contact_id", "=", contactId)
    .execute();
}
