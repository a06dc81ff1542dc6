import type { FastifyInstance } from "fastify";
import type { Logger } from "pino";
import { type Config, config } from "../config.js";
import { ManualClock } from "../core/clock.js";
import type { FieldIssue } from "../core/errors.js";
import { newId } from "../core/ids.js";
import type { DialectName, Executor } from "../db/database.js";
import type { UserRole } from "../db/schema.js";
import { buildApp } from "../http/app.js";
import { createLogger } from "../http/logger.js";
import { type ApiScope, createApiKey } from "../modules/api-keys/api-key.service.js";
import { openSession } from "../modules/auth/login.service.js";
import { SESSION_COOKIE } from "../modules/auth/session.service.js";
import { createOrganization } from "../modules/organizations/organization.service.js";
import { createTestDatabase, type TestDatabase } from "./databases.js";

/** The instant every test app starts at; tests advance the clock when order matters. */
export const TEST_START = "2026-01-15T09:00:00.000Z";

export interface TestApp {
  app: FastifyInstance;
  database: TestDatabase;
  clock: ManualClock;
  close(): Promise<void>;
}

/** The real application in-process (no port) over a fresh migrated database of one dialect. */
export async function createTestApp(
  dialect: DialectName,
  options: { logger?: Logger; config?: Partial<Config> } = {},
): Promise<TestApp> {
  const database = await createTestDatabase(dialect);
  const clock = new ManualClock(TEST_START);
  const app = await buildApp({
    config: { ...config, ...options.config },
    database,
    clock,
    logger: options.logger ?? createLogger("silent"),
  });
  await app.ready();
  return {
    app,
    database,
    clock,
    close: async () => {
      await app.close();
      await database.destroy();
    },
  };
}

export interface TestTenant {
  organizationId: string;
  apiKeyId: string;
  key: string;
}

/** An organization and one API key with the given scopes. */
export async function createTenant(
  db: Executor,
  name: string,
  scopes: ApiScope[] = ["read", "write"],
): Promise<TestTenant> {
  const organization = await createOrganization(db, { name });
  const { apiKeyId, key } = await createApiKey(db, {
    organizationId: organization.organization_id,
    name: `${name} key`,
    scopes,
  });
  return { organizationId: organization.organization_id, apiKeyId, key };
}

export function bearer(key: string): { authorization: string } {
  return { authorization: `Bearer ${key}` };
}

export interface ApiResponse<T> {
  status: number;
  body: T;
}

export interface ErrorBody {
  error: { code: string; message: string; details?: { issues?: FieldIssue[]; field?: string } };
}

export interface ListBody<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

type Method = "GET" | "POST" | "PATCH";

/** JSON calls with one API key; the caller names the body type it expects for that status. */
export function apiClient(app: FastifyInstance, key: string | null) {
  async function call<T>(method: Method, url: string, payload?: object): Promise<ApiResponse<T>> {
    const response = await app.inject({
      method,
      url,
      headers: key === null ? {} : bearer(key),
      ...(payload === undefined ? {} : { payload }),
    });
    return { status: response.statusCode, body: response.json<T>() };
  }
  return {
    get: <T = ErrorBody>(url: string) => call<T>("GET", url),
    post: <T = ErrorBody>(url: string, payload?: object) => call<T>("POST", url, payload),
    patch: <T = ErrorBody>(url: string, payload: object) => call<T>("PATCH", url, payload),
  };
}

export type ApiClient = ReturnType<typeof apiClient>;

/** The field names a validation error points at, for `toContain` assertions. */
export function issueFields(body: ErrorBody): string[] {
  return (body.error.details?.issues ?? []).map((issue) => issue.field);
}

/** The audit trail of one entity, oldest first. */
export async function auditActions(
  db: Executor,
  organizationId: string,
  entityId: string,
): Promise<{ action: string; actor: string; details: Record<string, unknown> }[]> {
  const rows = await db
    .selectFrom("audit_log")
    .select(["action", "actor", "details", "audit_id"])
    .where("organization_id", "=", organizationId)
    .where("entity_id", "=", entityId)
    .orderBy("audit_id")
    .execute();
  return rows.map((row) => ({
    action: row.action,
    actor: row.actor,
    details: JSON.parse(row.details) as Record<string, unknown>,
  }));
}

export interface SignedInUser {
  /** `pnps_session=<token>`, ready for a `cookie` header. */
  cookie: string;
  csrfToken: string;
  userId: string;
}

/**
 * A user of `role` in the organization with an open session (no password hashing, so it is fast).
 * Send `cookie` always and `x-csrf-token: csrfToken` on writes, or use `sessionClient`.
 */
export async function signIn(
  test: Pick<TestApp, "database" | "clock">,
  options: { organizationId: string; role: UserRole; email?: string; name?: string },
): Promise<SignedInUser> {
  const db = test.database.db;
  const userId = newId(test.clock.now().getTime());
  await db
    .insertInto("users")
    .values({
      organization_id: options.organizationId,
      user_id: userId,
      email: options.email ?? `${options.role}.${userId.toLowerCase()}@example.test`,
      name: options.name ?? `Test ${options.role}`,
      role: options.role,
      password_hash: null,
      lead_user_id: null,
      created_at: test.clock.now().toISOString(),
      disabled_at: null,
    })
    .execute();
  const { token, view } = await openSession(
    db,
    { organizationId: options.organizationId, userId },
    test.clock,
  );
  return { cookie: `${SESSION_COOKIE}=${token}`, csrfToken: view.csrfToken, userId };
}

export function sessionHeaders(user: SignedInUser): { cookie: string; "x-csrf-token": string } {
  return { cookie: user.cookie, "x-csrf-token": user.csrfToken };
}

/** Like `apiClient`, but signed in through the session cookie (with the CSRF header on every call). */
export function sessionClient(app: FastifyInstance, user: SignedInUser) {
  async function call<T>(method: Method | "DELETE", url: string, payload?: object): Promise<ApiResponse<T>> {
    const response = await app.inject({
      method,
      url,
      headers: sessionHeaders(user),
      ...(payload === undefined ? {} : { payload }),
    });
    return { status: response.statusCode, body: (response.body ? response.json<T>() : undefined) as T };
  }
  return {
    get: <T = ErrorBody>(url: string) => call<T>("GET", url),
    post: <T = ErrorBody>(url: string, payload?: object) => call<T>("POST", url, payload),
    patch: <T = ErrorBody>(url: string, payload: object) => call<T>("PATCH", url, payload),
    delete: <T = ErrorBody>(url: string) => call<T>("DELETE", url),
  };
}
