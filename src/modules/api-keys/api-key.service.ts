import { createHash } from "node:crypto";
import type { Selectable } from "kysely";
import { type Clock, isoNow, systemClock } from "../../core/clock.js";
import { DomainError, ValidationError } from "../../core/errors.js";
import { newId, newSecret } from "../../core/ids.js";
import type { ApiKeyTable, UserRole } from "../../db/schema.js";
import type { Executor } from "../organizations/organization.repository.js";

export const apiScopes = ["read", "write", "triggers", "admin"] as const;
export type ApiScope = (typeof apiScopes)[number];

export class UnauthenticatedError extends DomainError {
  constructor(message = "A valid API key or session is required") {
    super("unauthenticated", message);
  }
}

export interface ApiPrincipal {
  organizationId: string;
  actor: string;
  scopes: ApiScope[];
  /** The signed-in user (absent for API keys). */
  userId?: string;
  /** The signed-in user's role (absent for API keys). */
  role?: UserRole;
  /** Partner managers see only the partners they own; null or absent = the whole organization. */
  ownerUserId?: string | null;
}

export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

/** Keys read `pnps_<organization id>_<secret>`: the organization routes the lookup, only the hash is stored. */
export async function createApiKey(
  db: Executor,
  input: { organizationId: string; name: string; scopes: string[]; createdByUserId?: string | null },
  clock: Clock = systemClock,
): Promise<{ apiKeyId: string; key: string }> {
  const unknown = input.scopes.filter((s) => !(apiScopes as readonly string[]).includes(s));
  if (input.scopes.length === 0 || unknown.length > 0) {
    throw new ValidationError(`scopes must be some of ${apiScopes.join(", ")}`, [
      {
        field: "scopes",
        message: unknown.length ? `unknown: ${unknown.join(", ")}` : "at least one is required",
      },
    ]);
  }
  const secret = newSecret(32);
  const key = `pnps_${input.organizationId}_${secret}`;
  const apiKeyId = newId(clock.now().getTime());
  await db
    .insertInto("api_keys")
    .values({
      organization_id: input.organizationId,
      api_key_id: apiKeyId,
      name: input.name,
      key_prefix: key.slice(0, 16),
      key_hash: hashSecret(key),
      scopes: JSON.stringify(input.scopes),
      created_by_user_id: input.createdByUserId ?? null,
      created_at: isoNow(clock),
      last_used_at: null,
      revoked_at: null,
    })
    .execute();
  return { apiKeyId, key };
}

export async function authenticateApiKey(db: Executor, key: string): Promise<ApiPrincipal> {
  const match = /^pnps_([0-9a-z]{26})_[A-Za-z0-9_-]{43}$/.exec(key);
  if (!match) throw new UnauthenticatedError("Malformed API key");
  const organizationId = match[1]!;
  const row = await db
    .selectFrom("api_keys")
    .select(["api_key_id", "scopes", "revoked_at"])
    .where("organization_id", "=", organizationId)
    .where("key_hash", "=", hashSecret(key))
    .executeTakeFirst();
  if (!row || row.revoked_at) throw new UnauthenticatedError("Unknown or revoked API key");
  return { organizationId, actor: `api-key:${row.api_key_id}`, scopes: JSON.parse(row.scopes) as ApiScope[] };
}

export interface ApiKeyView {
  apiKeyId: string;
  name: string;
  keyPrefix: string;
  scopes: ApiScope[];
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** Keys of one organization, newest first; the secret itself is never stored, only its prefix is shown. */
export async function listApiKeys(db: Executor, organizationId: string): Promise<ApiKeyView[]> {
  const rows = await db
    .selectFrom("api_keys")
    .selectAll()
    .where("organization_id", "=", organizationId)
    .orderBy("api_key_id", "desc")
    .execute();
  return rows.map(toApiKeyView);
}

export async function findApiKey(
  db: Executor,
  organizationId: string,
  apiKeyId: string,
): Promise<ApiKeyView | undefined> {
  const row = await db
    .selectFrom("api_keys")
    .selectAll()
    .where("organization_id", "=", organizationId)
    .where("api_key_id", "=", apiKeyId)
    .executeTakeFirst();
  return row ? toApiKeyView(row) : undefined;
}

function toApiKeyView(row: Selectable<ApiKeyTable>): ApiKeyView {
  return {
    apiKeyId: row.api_key_id,
    name: row.name,
    keyPrefix: row.key_prefix,
    scopes: JSON.parse(row.scopes) as ApiScope[],
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

export async function revokeApiKey(
  db: Executor,
  organizationId: string,
  apiKeyId: string,
  clock: Clock = systemClock,
) {
  await db
    .updateTable("api_keys")
    .set({ revoked_at: isoNow(clock) })
    .where("organization_id", "=", organizationId)
    .where("api_key_id", "=", apiKeyId)
    .where("revoked_at", "is", null)
    .execute();
}
