import type { Kysely } from "kysely";

const ORG = "organization_id";

/**
 * Sign-in: single-use password reset tokens (only their hash), durable login rate limiting (app servers
 * are stateless), and the session lookup by the cookie's token hash.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("password_resets")
    .addColumn(ORG, "text", (c) => c.notNull())
    .addColumn("reset_id", "text", (c) => c.notNull())
    .addColumn("user_id", "text", (c) => c.notNull())
    .addColumn("token_hash", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    .addPrimaryKeyConstraint("password_resets_pk", [ORG, "reset_id"])
    .addUniqueConstraint("password_resets_hash_uq", [ORG, "token_hash"])
    .addForeignKeyConstraint("password_resets_user_fk", [ORG, "user_id"], "users", [ORG, "user_id"], (fk) =>
      fk.onDelete("cascade"),
    )
    .execute();

  // Failed sign-ins per email+IP; the organization is unknown before sign-in, so the key is a hash of both.
  await db.schema
    .createTable("login_attempts")
    .addColumn("attempt_key", "text", (c) => c.notNull())
    .addColumn("attempt_id", "text", (c) => c.notNull())
    .addColumn("attempted_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("login_attempts_pk", ["attempt_key", "attempt_id"])
    .execute();
  await db.schema
    .createIndex("login_attempts_time_ix")
    .on("login_attempts")
    .columns(["attempt_key", "attempted_at"])
    .execute();

  await db.schema
    .createIndex("sessions_token_uq")
    .on("sessions")
    .columns([ORG, "token_hash"])
    .unique()
    .execute();
  await db.schema.createIndex("sessions_user_ix").on("sessions").columns([ORG, "user_id"]).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("sessions_user_ix").execute();
  await db.schema.dropIndex("sessions_token_uq").execute();
  await db.schema.dropTable("login_attempts").execute();
  await db.schema.dropTable("password_resets").execute();
}
