import type { Insertable } from "kysely";
import type { Executor } from "../../db/database.js";
import type { SessionTable } from "../../db/schema.js";

export async function insertSession(db: Executor, row: Insertable<SessionTable>): Promise<void> {
  await db.insertInto("sessions").values(row).execute();
}

/** A live session with its user and organization, or undefined (unknown, expired or disabled user). */
export function findLiveSession(db: Executor, organizationId: string, tokenHash: string, now: string) {
  return db
    .selectFrom("sessions as s")
    .innerJoin("users as u", (join) =>
      join.onRef("u.organization_id", "=", "s.organization_id").onRef("u.user_id", "=", "s.user_id"),
    )
    .innerJoin("organizations as o", "o.organization_id", "s.organization_id")
    .select([
      "s.session_id",
      "s.csrf_token",
      "s.expires_at",
      "u.user_id",
      "u.email",
      "u.name as user_name",
      "u.role",
      "o.organization_id",
      "o.name as organization_name",
      "o.slug",
      "o.company_name",
    ])
    .where("s.organization_id", "=", organizationId)
    .where("s.token_hash", "=", tokenHash)
    .where("s.expires_at", ">", now)
    .where("u.disabled_at", "is", null)
    .executeTakeFirst();
}

export type LiveSessionRow = NonNullable<Awaited<ReturnType<typeof findLiveSession>>>;

export async function deleteSession(db: Executor, organizationId: string, sessionId: string): Promise<void> {
  await db
    .deleteFrom("sessions")
    .where("organization_id", "=", organizationId)
    .where("session_id", "=", sessionId)
    .execute();
}

export async function deleteUserSessions(
  db: Executor,
  organizationId: string,
  userId: string,
): Promise<void> {
  await db
    .deleteFrom("sessions")
    .where("organization_id", "=", organizationId)
    .where("user_id", "=", userId)
    .execute();
}

/** Expired rows are only dead weight: each new sign-in sweeps its organization's. */
export async function deleteExpiredSessions(
  db: Executor,
  organizationId: string,
  now: string,
): Promise<void> {
  await db
    .deleteFrom("sessions")
    .where("organization_id", "=", organizationId)
    .where("expires_at", "<=", now)
    .execute();
}
