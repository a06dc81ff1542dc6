import type { Kysely } from "kysely";
import type { Clock } from "../../core/clock.js";
import { ConflictError, NotFoundError, ValidationError } from "../../core/errors.js";
import { newId } from "../../core/ids.js";
import { parseInput } from "../../core/validation.js";
import type { Database } from "../../db/schema.js";
import { recordAudit } from "../audit/audit.repository.js";
import { hashPassword } from "./password.js";
import { issuePasswordReset } from "./password-reset.service.js";
import { deleteUserSessions } from "./session.repository.js";
import { newUserSchema, toUserView, type UserView, userChangeSchema } from "./user.js";
import {
  countActiveAdmins,
  findUser,
  findUserByEmail,
  insertUser,
  listUsers,
  updateUser,
} from "./user.repository.js";

export interface UserAdminContext {
  db: Kysely<Database>;
  organizationId: string;
  actor: string;
  clock: Clock;
}

export async function listUserViews(context: UserAdminContext): Promise<{ items: UserView[] }> {
  const rows = await listUsers(context.db, context.organizationId);
  return { items: rows.map(toUserView) };
}

/** A user without a password gets a set-password link by mail (the same single-use reset link). */
export async function createUser(context: UserAdminContext, input: unknown): Promise<UserView> {
  const data = parseInput(newUserSchema, input, "user");
  const { db, organizationId, clock } = context;
  if (await findUserByEmail(db, organizationId, data.email)) {
    throw new ConflictError(`A user with email ${data.email} already exists`, { field: "email" });
  }
  const passwordHash = data.password ? await hashPassword(data.password) : null;
  const userId = newId(clock.now().getTime());
  await db.transaction().execute(async (trx) => {
    await insertUser(trx, {
      organization_id: organizationId,
      user_id: userId,
      email: data.email,
      name: data.name,
      role: data.role,
      password_hash: passwordHash,
      lead_user_id: null,
      created_at: clock.now().toISOString(),
      disabled_at: null,
    });
    if (!passwordHash) await issuePasswordReset(trx, { organizationId, userId }, clock);
    await recordAudit(
      trx,
      {
        organizationId,
        actor: context.actor,
        action: "user.created",
        entityType: "user",
        entityId: userId,
        details: { email: data.email, role: data.role },
      },
      clock,
    );
  });
  return toUserView((await findUser(db, organizationId, userId))!);
}

export async function changeUser(
  context: UserAdminContext,
  userId: string,
  input: unknown,
): Promise<UserView> {
  const data = parseInput(userChangeSchema, input, "user");
  const { db, organizationId, clock } = context;
  const user = await findUser(db, organizationId, userId);
  if (!user) throw new NotFoundError("User", userId);
  if (data.leadUserId) {
    if (data.leadUserId === userId)
      throw new ValidationError("A user cannot be their own lead", [
        { field: "leadUserId", message: "self" },
      ]);
    if (!(await findUser(db, organizationId, data.leadUserId)))
      throw new ValidationError("Unknown lead user", [{ field: "leadUserId", message: "not found" }]);
  }
  const losesAdmin =
    user.role === "admin" &&
    user.disabled_at === null &&
    ((data.role !== undefined && data.role !== "admin") || data.disabled === true);
  if (losesAdmin && (await countActiveAdmins(db, organizationId)) <= 1) {
    throw new ConflictError("The organization needs at least one active admin");
  }
  const disabledAt =
    data.disabled === undefined
      ? user.disabled_at
      : data.disabled
        ? (user.disabled_at ?? clock.now().toISOString())
        : null;
  await db.transaction().execute(async (trx) => {
    await updateUser(trx, organizationId, userId, {
      ...(data.name !== undefined ? { name: data.name } : {}),
      ...(data.role !== undefined ? { role: data.role } : {}),
      ...(data.leadUserId !== undefined ? { lead_user_id: data.leadUserId } : {}),
      disabled_at: disabledAt,
    });
    // A disabled user or a changed role must not keep acting through an open session.
    if (data.disabled === true || (data.role !== undefined && data.role !== user.role))
      await deleteUserSessions(trx, organizationId, userId);
    await recordAudit(
      trx,
      {
        organizationId,
        actor: context.actor,
        action: "user.updated",
        entityType: "user",
        entityId: userId,
        details: data,
      },
      clock,
    );
  });
  return toUserView((await findUser(db, organizationId, userId))!);
}
