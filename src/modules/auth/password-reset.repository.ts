import type { Insertable } from "kysely";
import type { Executor } from "../../db/database.js";
import type { PasswordResetTable } from "../../db/schema.js";

export async function insertPasswordReset(db: Executor, row: Insertable<PasswordResetTable>): Promise<void> {
  await db.insertInto("password_resets").values(row).execute();
}

/** The reset with its user, organization and secret, for the mail job. */
export function findResetForMail(db: Executor, organizationId: string, resetId: string) {
  return db
    .selectFrom("password_resets as r")
    .innerJoin("users as u", (join) =>
      join.onRef("u.organization_id", "=", "r.organization_id").onRef("u.user_id", "=", "r.user_id"),
    )
    .innerJoin("organizations as o", "o.organization_id", "r.organization_id")
    .select([
      "r.reset_id",
      "r.expires_at",
      "r.used_at",
      "u.email",
      "u.name",
      "u.password_hash",
      "o.company_name",
      "o.invitation_secret",
    ])
    .where("r.organization_id", "=", organizationId)
    .where("r.reset_id", "=", resetId)
    .executeTakeFirst();
}

export function findResetByHash(db: Executor, organizationId: string, tokenHash: string) {
  return db
    .selectFrom("password_resets")
    .selectAll()
    .where("organization_id", "=", organizationId)
    .where("token_hash", "=", tokenHash)
    .executeTakeFirst();
}

/** Marks the reset used only if it still was unused: of two simultaneous confirmations one wins. */
export async function markResetUsed(
  db: Executor,
  organizationId: string,
  resetId: string,
  now: string,
): Promise<boolean> {
  const result = await db
    .updateTable("password_resets")
    .set({ used_at: now })
    .where("organization_id", "=", organizationId)
    .where("reset_id", "=", resetId)
    .where("used_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
