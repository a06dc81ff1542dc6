import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import type { Clock } from "../../core/clock.js";
import { DomainError } from "../../core/errors.js";
import { newId } from "../../core/ids.js";
import type { Executor } from "../../db/database.js";
import type { Database } from "../../db/schema.js";
import { verifyPassword } from "./password.js";
import { createSession, findSession, type SessionView } from "./session.service.js";
import { findActiveUsersByEmail } from "./user.repository.js";

export const MAX_FAILURES = 5;
export const FAILURE_WINDOW_MS = 15 * 60_000;

export class InvalidCredentialsError extends DomainError {
  constructor() {
    super("invalid_credentials", "Wrong email or password");
  }
}

export class RateLimitedError extends DomainError {
  constructor(retryAfterSeconds: number) {
    super("rate_limited", "Too many failed sign-ins; try again later", { retryAfterSeconds });
  }
}

function attemptKey(email: string, ip: string): string {
  return createHash("sha256").update(`${email}\n${ip}`).digest("hex");
}

/** Failures of this email from this IP inside the window, oldest first (older ones are swept). */
async function recentFailures(db: Executor, key: string, now: Date): Promise<string[]> {
  const since = new Date(now.getTime() - FAILURE_WINDOW_MS).toISOString();
  await db
    .deleteFrom("login_attempts")
    .where("attempt_key", "=", key)
    .where("attempted_at", "<=", since)
    .execute();
  const rows = await db
    .selectFrom("login_attempts")
    .select("attempted_at")
    .where("attempt_key", "=", key)
    .orderBy("attempted_at")
    .execute();
  return rows.map((row) => row.attempted_at);
}

export interface SignedIn {
  token: string;
  view: SessionView;
}

/**
 * Checks the password against every active account with this email (one per organization, or the one in
 * `organization` when a slug is given) and opens a session for the first that matches.
 */
export async function signInWithPassword(
  db: Kysely<Database>,
  input: { email: string; password: string; organization?: string | undefined; ip: string },
  clock: Clock,
): Promise<SignedIn> {
  const now = clock.now();
  const key = attemptKey(input.email, input.ip);
  const failures = await recentFailures(db, key, now);
  if (failures.length >= MAX_FAILURES) {
    const freeAt = new Date(failures[failures.length - MAX_FAILURES]!).getTime() + FAILURE_WINDOW_MS;
    throw new RateLimitedError(Math.max(1, Math.ceil((freeAt - now.getTime()) / 1000)));
  }
  const candidates = await findActiveUsersByEmail(db, input.email, input.organization);
  let match: (typeof candidates)[number] | undefined;
  if (candidates.length === 0) await verifyPassword(input.password, null);
  for (const user of candidates) {
    if (await verifyPassword(input.password, user.password_hash)) {
      match = user;
      break;
    }
  }
  if (!match) {
    await db
      .insertInto("login_attempts")
      .values({ attempt_key: key, attempt_id: newId(now.getTime()), attempted_at: now.toISOString() })
      .execute();
    throw new InvalidCredentialsError();
  }
  await db.deleteFrom("login_attempts").where("attempt_key", "=", key).execute();
  return openSession(db, { organizationId: match.organization_id, userId: match.user_id }, clock);
}

export async function openSession(
  db: Executor,
  user: { organizationId: string; userId: string },
  clock: Clock,
): Promise<SignedIn> {
  const { token } = await createSession(db, user, clock);
  const session = await findSession(db, token, clock);
  if (!session) throw new Error("The new session could not be read back");
  return { token, view: session.view };
}
