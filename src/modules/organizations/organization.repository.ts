import type { Selectable } from "kysely";
import type { Executor } from "../../db/database.js";
import type { OrganizationTable } from "../../db/schema.js";

export type { Executor };
export type Organization = Selectable<OrganizationTable>;

export function findOrganizationBySlug(db: Executor, slug: string): Promise<Organization | undefined> {
  return db.selectFrom("organizations").selectAll().where("slug", "=", slug).executeTakeFirst();
}

export function findOrganization(db: Executor, organizationId: string): Promise<Organization | undefined> {
  return db
    .selectFrom("organizations")
    .selectAll()
    .where("organization_id", "=", organizationId)
    .executeTakeFirst();
}

export function listOrganizations(db: Executor): Promise<Organization[]> {
  return db.selectFrom("organizations").selectAll().orderBy("created_at").execute();
}

export async function insertOrganization(db: Executor, organization: Organization): Promise<void> {
  await db.insertInto("organizations").values(organization).execute();
}

export async function updateOrganizationSettings(
  db: Executor,
  organizationId: string,
  settings: string,
): Promise<void> {
  await db
    .updateTable("organizations")
    .set({ settings })
    .where("organization_id", "=", organizationId)
    .execute();
}
