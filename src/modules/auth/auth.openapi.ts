/** OpenAPI paths of sign-in, sessions, users, API keys and the mail test (spread into src/http/openapi.ts). */
const error = {
  description: "Error",
  content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
};
const json = (schema: object, description = "OK") => ({
  description,
  content: { "application/json": { schema } },
});
const body = (schema: object) => ({ required: true, content: { "application/json": { schema } } });
const str = { type: "string" };
const nullableStr = { type: ["string", "null"] };
const role = { type: "string", enum: ["admin", "analyst", "partner_manager", "viewer"] };
const scope = { type: "string", enum: ["read", "write", "triggers", "admin"] };
const idParam = { name: "id", in: "path", required: true, schema: str };
const signedIn = { "401": error, "403": error };
const publicRoute = { security: [] };

const sessionView = {
  type: "object",
  properties: {
    user: {
      type: "object",
      properties: { userId: str, email: str, name: str, role },
    },
    organization: {
      type: "object",
      properties: { organizationId: str, name: str, slug: str, companyName: str },
    },
    csrfToken: { type: "string", description: "Send as x-csrf-token on cookie-authenticated writes" },
  },
};
const sessionSet = {
  ...json(sessionView),
  headers: { "Set-Cookie": { description: "pnps_session (httpOnly, SameSite=Lax)", schema: str } },
};
const user = {
  type: "object",
  properties: {
    userId: str,
    email: str,
    name: str,
    role,
    leadUserId: nullableStr,
    disabled: { type: "boolean" },
    createdAt: str,
  },
};
const apiKey = {
  type: "object",
  properties: {
    apiKeyId: str,
    name: str,
    keyPrefix: str,
    scopes: { type: "array", items: scope },
    createdAt: str,
    lastUsedAt: nullableStr,
    revokedAt: nullableStr,
  },
};

export const authPaths = {
  "/api/v1/setup": {
    get: {
      summary: "Whether the installation still needs its first-run setup",
      ...publicRoute,
      responses: { "200": json({ type: "object", properties: { needsSetup: { type: "boolean" } } }) },
    },
    post: {
      summary: "First-run setup: organization and first admin (signed in), optionally with demo data",
      ...publicRoute,
      requestBody: body({
        type: "object",
        required: ["organizationName", "name", "email", "password"],
        properties: {
          organizationName: str,
          companyName: str,
          name: str,
          email: { type: "string", format: "email" },
          password: { type: "string", minLength: 10 },
          demo: { type: "boolean" },
        },
      }),
      responses: { "201": { ...sessionSet, description: "Created" }, "400": error, "409": error },
    },
  },
  "/api/v1/auth/login": {
    post: {
      summary: "Sign in with email and password (organization slug when the email has several accounts)",
      ...publicRoute,
      requestBody: body({
        type: "object",
        required: ["email", "password"],
        properties: { email: str, password: str, organization: str },
      }),
      responses: { "200": sessionSet, "400": error, "401": error, "429": error },
    },
  },
  "/api/v1/auth/password-reset": {
    post: {
      summary: "Mail a one-hour, single-use reset link (always 202, whether or not the account exists)",
      ...publicRoute,
      requestBody: body({ type: "object", required: ["email"], properties: { email: str } }),
      responses: { "202": json({ type: "object" }, "Accepted"), "400": error },
    },
  },
  "/api/v1/auth/password-reset/confirm": {
    post: {
      summary: "Set a new password with a reset token; ends the account's sessions",
      ...publicRoute,
      requestBody: body({
        type: "object",
        required: ["token", "password"],
        properties: { token: str, password: { type: "string", minLength: 10 } },
      }),
      responses: { "204": { description: "Password changed" }, "400": error },
    },
  },
  "/api/v1/auth/session": {
    get: {
      summary: "The signed-in user, organization and CSRF token",
      responses: { "200": json(sessionView), ...signedIn },
    },
  },
  "/api/v1/auth/logout": {
    post: {
      summary: "Sign out: ends the session and clears the cookie",
      responses: { "204": { description: "Signed out" }, ...signedIn },
    },
  },
  "/api/v1/users": {
    get: {
      summary: "Users of the organization (admin)",
      responses: {
        "200": json({ type: "object", properties: { items: { type: "array", items: user } } }),
        ...signedIn,
      },
    },
    post: {
      summary: "Create a user (admin); without a password a set-password link is mailed",
      requestBody: body({
        type: "object",
        required: ["email", "name", "role"],
        properties: { email: str, name: str, role, password: { type: "string", minLength: 10 } },
      }),
      responses: { "201": json(user, "Created"), "400": error, "409": error, ...signedIn },
    },
  },
  "/api/v1/users/{id}": {
    patch: {
      summary: "Change a user's name, role, lead or disabled state (admin)",
      parameters: [idParam],
      requestBody: body({
        type: "object",
        properties: { name: str, role, leadUserId: nullableStr, disabled: { type: "boolean" } },
      }),
      responses: { "200": json(user), "400": error, "404": error, "409": error, ...signedIn },
    },
  },
  "/api/v1/api-keys": {
    get: {
      summary: "API keys of the organization (admin)",
      responses: {
        "200": json({ type: "object", properties: { items: { type: "array", items: apiKey } } }),
        ...signedIn,
      },
    },
    post: {
      summary: "Create an API key (admin); the key is shown only in this answer",
      requestBody: body({
        type: "object",
        required: ["name", "scopes"],
        properties: { name: str, scopes: { type: "array", items: scope, minItems: 1 } },
      }),
      responses: {
        "201": json({ type: "object", properties: { apiKeyId: str, key: str } }, "Created"),
        "400": error,
        ...signedIn,
      },
    },
  },
  "/api/v1/api-keys/{id}/revoke": {
    post: {
      summary: "Revoke an API key (admin)",
      parameters: [idParam],
      responses: { "200": json(apiKey), "404": error, ...signedIn },
    },
  },
  "/api/v1/settings/mail-test": {
    post: {
      summary: "Send a test mail through the configured transport (admin)",
      requestBody: body({
        type: "object",
        required: ["to"],
        properties: { to: { type: "string", format: "email" } },
      }),
      responses: {
        "200": json({
          type: "object",
          properties: { transport: { type: "string", enum: ["smtp", "outbox"] }, messageId: str },
        }),
        "400": error,
        ...signedIn,
      },
    },
  },
} as const;
