import type { Executor } from "../../db/database.js";

/** Users of an organization by lower-cased email and by id, for owner columns in imports. */
export async function loadUsers(db: Executor, organizationId: string): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom("users")
    .select(["user_id", "email"])
    .where("organization_id", "=", organizationId)
    .execute();
  const users = new Map<string, string>();
  for (const row of rows) {
    users.set(row.email.toLowerCase(), row.user_id);
    users.set(row.user_id.toLowerCase(), row.user_id);
  }
  return users;
}
