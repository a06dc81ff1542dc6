import { type Kysely, sql } from "kysely";
import { newSecret } from "../../core/ids.js";
import { invitationToken, tokenHash } from "../../core/tokens.js";

/**
 * Survey delivery: each organization gets the secret its survey links are derived from, and invitations
 * record the sending attempt, unsubscribes and complaints. Existing invitations get tokens derived from
 * the new secret, so their links can be exported.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("organizations").addColumn("invitation_secret", "text").execute();
  for (const column of ["sending_at", "unsubscribed_at", "complained_at", "language"]) {
    await db.schema.alterTable("invitations").addColumn(column, "text").execute();
  }
  const organizations = await sql<{
    organization_id: string;
  }>`select organization_id from organizations`.execute(db);
  for (const { organization_id } of organizations.rows) {
    const secret = newSecret(32);
    await sql`update organizations set invitation_secret = ${secret} where organization_id = ${organization_id}`.execute(
      db,
    );
    const invitations = await sql<{
      invitation_id: string;
    }>`select invitation_id from invitations where organization_id = ${organization_id}`.execute(db);
    for (const { invitation_id } of invitations.rows) {
      const hash = tokenHash(invitationToken(secret, invitation_id));
      await sql`update invitations set token_hash = ${hash} where organization_id = ${organization_id} and invitation_id = ${invitation_id}`.execute(
        db,
      );
    }
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const column of ["sending_at", "unsubscribed_at", "complained_at", "language"]) {
    await db.schema.alterTable("invitations").dropColumn(column).execute();
  }
  await db.schema.alterTable("organizations").dropColumn("invitation_secret").execute();
}
