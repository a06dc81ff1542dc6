import type { Insertable, Updateable } from "kysely";
import type { Executor } from "../../db/database.js";
import type { UserTable } from "../../db/schema.js";

export function listUsers(db: Executor, organizationId: string) {
  return db
    .selectFrom("users")
    .selectAll()
    .where("organization_id", "=", organizationId)
    .orderBy("name")
    .orderBy("user_id")
    .execute();
}

export function findUser(db: Executor, organizationId: string, userId: string) {
  return db
    .selectFrom("users")
    .selectAll()
    .where("organization_id", "=", organizationId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
}

export function findUserByEmail(db: Executor, organizationId: string, email: string) {
  return db
    .selectFrom("users")
    .selectAll()
    .where("organization_id", "=", organizationId)
    .where("email", "=", email)
    .executeTakeFirst();
}

/** Sign-in and password reset look an email up across organizations (the slug narrows it when given). */
export function findActiveUsersByEmail(db: Executor, email: string, slug?: string) {
  let query = db
    .selectFrom("users as u")
    .innerJoin("organizations as o", "o.organization_id", "u.organization_id")
    .selectAll("u")
    .where("u.email", "=", email)
    .where("u.disabled_at", "is", null);
  if (slug) query = query.where("o.slug", "=", slug);
  return query.orderBy("u.organization_id").execute();
}

export async function insertUser(db: Executor, row: Insertable<UserTable>): Promise<void> {
  await db.insertInto("users").values(row).execute();
}

export async function updateUser(
  db: Executor,
  organizationId: string,
  userId: string,
  changes: Updateable<UserTable>,
): Promise<void> {
  await db
    .updateTable("users")
    .set(changes)
    .where("organization_id", "=", organizationId)
    .where("user_id", "=", userId)
    .execute();
}

export async function countActiveAdmins(db: Executor, organizationId: string): Promise<number> {
  const row = await db
    .selectFrom("users")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("organization_id", "=", organizationId)
    .where("role", "=", "admin")
    .where("disabled_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** True once any account can sign in: first-run setup is closed from then on. */
export async function anyUserCanSignIn(db: Executor): Promise<boolean> {
  const row = await db
    .selectFrom("users")
    .select("user_id")
    .where("password_hash", "is not", null)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
