import { createHash } from "node:crypto";
import type { Clock } from "../../core/clock.js";
import { newId, newSecret } from "../../core/ids.js";
import type { Executor } from "../../db/database.js";
import type { UserRole } from "../../db/schema.js";
import {
  deleteExpiredSessions,
  findLiveSession,
  insertSession,
  type LiveSessionRow,
} from "./session.repository.js";

/** Sessions last 12 hours from sign-in (fixed, not sliding: a stolen cookie dies on schedule). */
export const SESSION_HOURS = 12;
export const SESSION_COOKIE = "pnps_session";

export interface SessionView {
  user: { userId: string; email: string; name: string; role: UserRole };
  organization: { organizationId: string; name: string; slug: string; companyName: string };
  csrfToken: string;
}

export interface ActiveSession {
  sessionId: string;
  view: SessionView;
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** The cookie reads `<organization id>.<256-bit secret>`: the organization routes the lookup, only a hash is kept. */
export async function createSession(
  db: Executor,
  input: { organizationId: string; userId: string },
  clock: Clock,
): Promise<{ token: string; sessionId: string; expiresAt: string }> {
  const now = clock.now();
  const token = `${input.organizationId}.${newSecret(32)}`;
  const sessionId = newId(now.getTime());
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3_600_000).toISOString();
  await deleteExpiredSessions(db, input.organizationId, now.toISOString());
  await insertSession(db, {
    organization_id: input.organizationId,
    session_id: sessionId,
    user_id: input.userId,
    token_hash: sha256(token),
    csrf_token: newSecret(32),
    created_at: now.toISOString(),
    expires_at: expiresAt,
  });
  return { token, sessionId, expiresAt };
}

export async function findSession(db: Executor, token: string, clock: Clock): Promise<ActiveSession | null> {
  const match = /^([0-9a-z]{26})\.[A-Za-z0-9_-]{43}$/.exec(token);
  if (!match) return null;
  const row = await findLiveSession(db, match[1]!, sha256(token), clock.now().toISOString());
  return row ? { sessionId: row.session_id, view: toSessionView(row) } : null;
}

export function toSessionView(row: LiveSessionRow): SessionView {
  return {
    user: { userId: row.user_id, email: row.email, name: row.user_name, role: row.role },
    organization: {
      organizationId: row.organization_id,
      name: row.organization_name,
      slug: row.slug,
      companyName: row.company_name,
    },
    csrfToken: row.csrf_token,
  };
}
