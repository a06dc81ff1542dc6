import { z } from "zod";
import type { Clock } from "../../core/clock.js";
import { ConflictError, ValidationError } from "../../core/errors.js";
import { newId } from "../../core/ids.js";
import { parseInput } from "../../core/validation.js";
import type { AppDatabase, Executor } from "../../db/database.js";
import { recordAudit } from "../audit/audit.repository.js";
import { fillDemoOrganization } from "../demo/demo.service.js";
import { findOrganizationBySlug } from "../organizations/organization.repository.js";
import { createOrganization, slugify } from "../organizations/organization.service.js";
import { openSession, type SignedIn } from "./login.service.js";
import { hashPassword } from "./password.js";
import { emailSchema, passwordSchema } from "./user.js";
import { anyUserCanSignIn, findUserByEmail } from "./user.repository.js";

export const setupSchema = z.strictObject({
  organizationName: z.string().trim().min(1).max(200),
  companyName: z.string().trim().min(1).max(200).optional(),
  name: z.string().trim().min(1).max(200),
  email: emailSchema,
  password: passwordSchema,
  demo: z.boolean().optional(),
});

/** Setup is open until some account can sign in (a CLI demo's users have no password, so it stays open). */
export async function needsSetup(db: Executor): Promise<boolean> {
  return !(await anyUserCanSignIn(db));
}

/** First run: the organization, its first admin (signed in at once) and, on request, the demo program. */
export async function runSetup(database: AppDatabase, input: unknown, clock: Clock): Promise<SignedIn> {
  const data = parseInput(setupSchema, input, "setup");
  if (!(await needsSetup(database.db))) throw new ConflictError("This installation is already set up");
  const passwordHash = await hashPassword(data.password);
  const userId = newId(clock.now().getTime());
  return database.db.transaction().execute(async (trx) => {
    // Checked again inside the transaction, so a second setup racing this one finds the first admin.
    if (!(await needsSetup(trx))) throw new ConflictError("This installation is already set up");
    const base = slugify(data.organizationName);
    let slug = base;
    for (let i = 2; await findOrganizationBySlug(trx, slug); i++) slug = `${base}-${i}`;
    const organization = await createOrganization(
      trx,
      { name: data.organizationName, slug, ...(data.companyName ? { companyName: data.companyName } : {}) },
      clock,
    );
    const organizationId = organization.organization_id;
    if (data.demo) {
      await fillDemoOrganization(database, trx, organization, { clock });
      if (await findUserByEmail(trx, organizationId, data.email))
        throw new ValidationError("A demo user has this email; choose another", [
          { field: "email", message: "taken" },
        ]);
    }
    await trx
      .insertInto("users")
      .values({
        organization_id: organizationId,
        user_id: userId,
        email: data.email,
        name: data.name,
        role: "admin",
        password_hash: passwordHash,
        lead_user_id: null,
        created_at: clock.now().toISOString(),
        disabled_at: null,
      })
      .execute();
    await recordAudit(
      trx,
      {
        organizationId,
        actor: `user:${userId}`,
        action: "setup.completed",
        entityType: "organization",
        entityId: organizationId,
        details: { demo: data.demo === true },
      },
      clock,
    );
    return openSession(trx, { organizationId, userId }, clock);
  });
}
