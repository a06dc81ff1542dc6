import { createHmac } from "node:crypto";
import type { Kysely } from "kysely";
import type { Clock } from "../../core/clock.js";
import { DomainError } from "../../core/errors.js";
import { newId } from "../../core/ids.js";
import { tokenHash } from "../../core/tokens.js";
import type { Executor } from "../../db/database.js";
import type { Database } from "../../db/schema.js";
import { enqueueJob } from "../jobs/job.service.js";
import { findOrganization } from "../organizations/organization.repository.js";
import { hashPassword } from "./password.js";
import { findResetByHash, insertPasswordReset, markResetUsed } from "./password-reset.repository.js";
import { deleteUserSessions } from "./session.repository.js";
import { findActiveUsersByEmail, updateUser } from "./user.repository.js";

export const PASSWORD_RESET_JOB = "auth.password-reset";
export const RESET_HOURS = 1;

export class InvalidResetTokenError extends DomainError {
  constructor() {
    super("validation_failed", "This link is invalid, expired or already used; ask for a new one", {
      issues: [{ field: "token", message: "invalid, expired or used" }],
    });
  }
}

/**
 * The link token is `<organization id>_<HMAC-SHA256(organization secret, reset id)>` (256 bits): the job
 * re-derives it to mail it, so neither the database nor the job payload holds a usable token.
 */
export function resetToken(organizationId: string, secret: string, resetId: string): string {
  const mac = createHmac("sha256", secret).update(`password-reset:${resetId}`).digest("base64url");
  return `${organizationId}_${mac}`;
}

/** Records a reset for one user and queues its mail in the same transaction. */
export async function issuePasswordReset(
  db: Executor,
  user: { organizationId: string; userId: string },
  clock: Clock,
): Promise<string> {
  const organization = await findOrganization(db, user.organizationId);
  if (!organization?.invitation_secret) throw new Error(`Organization ${user.organizationId} has no secret`);
  const now = clock.now();
  const resetId = newId(now.getTime());
  await insertPasswordReset(db, {
    organization_id: user.organizationId,
    reset_id: resetId,
    user_id: user.userId,
    token_hash: tokenHash(resetToken(user.organizationId, organization.invitation_secret, resetId)),
    created_at: now.toISOString(),
    expires_at: new Date(now.getTime() + RESET_HOURS * 3_600_000).toISOString(),
    used_at: null,
  });
  await enqueueJob(
    db,
    { organizationId: user.organizationId, kind: PASSWORD_RESET_JOB, payload: { resetId }, maxAttempts: 5 },
    clock,
  );
  return resetId;
}

/** Every active account with this email gets its own link; unknown emails get nothing, silently. */
export async function requestPasswordReset(
  db: Kysely<Database>,
  email: string,
  clock: Clock,
): Promise<number> {
  const users = await findActiveUsersByEmail(db, email);
  for (const user of users) {
    await db
      .transaction()
      .execute((trx) =>
        issuePasswordReset(trx, { organizationId: user.organization_id, userId: user.user_id }, clock),
      );
  }
  return users.length;
}

export async function confirmPasswordReset(
  db: Kysely<Database>,
  input: { token: string; password: string },
  clock: Clock,
): Promise<void> {
  const match = /^([0-9a-z]{26})_[A-Za-z0-9_-]{43}$/.exec(input.token);
  if (!match) throw new InvalidResetTokenError();
  const organizationId = match[1]!;
  const now = clock.now().toISOString();
  const reset = await findResetByHash(db, organizationId, tokenHash(input.token));
  if (!reset || reset.used_at !== null || reset.expires_at <= now) throw new InvalidResetTokenError();
  const passwordHash = await hashPassword(input.password);
  await db.transaction().execute(async (trx) => {
    if (!(await markResetUsed(trx, organizationId, reset.reset_id, now))) throw new InvalidResetTokenError();
    await updateUser(trx, organizationId, reset.user_id, { password_hash: passwordHash });
    // A reset answers a lost or leaked password: every open session of that account ends.
    await deleteUserSessions(trx, organizationId, reset.user_id);
  });
}
