import { createHash, createHmac } from "node:crypto";

/**
 * Survey links carry a token derived from the organization's 256-bit secret and the invitation id
 * (HMAC-SHA256, 192 bits kept): unguessable without the secret, yet re-creatable for link exports.
 * Only its SHA-256 is stored, so a database leak does not reveal working links.
 */
export function invitationToken(secret: string, invitationId: string): string {
  return createHmac("sha256", secret).update(`invitation:${invitationId}`).digest("base64url").slice(0, 32);
}

export function tokenHash(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Tokens are 32 URL-safe characters; anything else is rejected before touching the database. */
export function isWellFormedToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{32}$/.test(token);
}
