import { afterEach, beforeEach, expect, it } from "vitest";
import { describeEachDialect } from "../../test-support/databases.js";
import {
  bearer,
  createTenant,
  createTestApp,
  type ErrorBody,
  type SignedInUser,
  sessionHeaders,
  signIn,
  type TestApp,
  type TestTenant,
} from "../../test-support/http.js";
import { mayWriteCases, userPrincipal } from "./permissions.js";

describeEachDialect("roles on the server", (dialect) => {
  let test: TestApp;
  let tenant: TestTenant;
  let users: Record<"admin" | "analyst" | "partner_manager" | "viewer", SignedInUser>;

  beforeEach(async () => {
    test = await createTestApp(dialect);
    tenant = await createTenant(test.database.db, "Roles Org");
    const organizationId = tenant.organizationId;
    users = {
      admin: await signIn(test, { organizationId, role: "admin" }),
      analyst: await signIn(test, { organizationId, role: "analyst" }),
      partner_manager: await signIn(test, { organizationId, role: "partner_manager" }),
      viewer: await signIn(test, { organizationId, role: "viewer" }),
    };
  });
  afterEach(async () => test?.close());

  function call(user: SignedInUser, method: "GET" | "POST" | "PATCH", url: string, payload?: object) {
    return test.app.inject({ method, url, headers: sessionHeaders(user), ...(payload ? { payload } : {}) });
  }

  it("lets everyone read, analysts and admins write, and refuses viewers and partner managers with 403", async () => {
    for (const role of ["admin", "analyst", "partner_manager", "viewer"] as const) {
      expect((await call(users[role], "GET", "/api/v1/partners")).statusCode, role).toBe(200);
      expect((await call(users[role], "GET", "/api/v1/settings")).statusCode, role).toBe(200);
    }
    const partner = (id: string) => ({ external_id: id, name: `Partner ${id}` });
    expect((await call(users.admin, "POST", "/api/v1/partners", partner("A"))).statusCode).toBe(201);
    expect((await call(users.analyst, "POST", "/api/v1/partners", partner("B"))).statusCode).toBe(201);
    for (const role of ["viewer", "partner_manager"] as const) {
      const denied = await call(users[role], "POST", "/api/v1/partners", partner(role));
      expect(denied.statusCode, role).toBe(403);
      expect(denied.json<ErrorBody>().error.code).toBe("forbidden");
    }
    const names = await test.database.db
      .selectFrom("partners")
      .select("external_id")
      .orderBy("external_id")
      .execute();
    expect(names.map((p) => p.external_id)).toEqual(["A", "B"]);
  });

  it("allows settings changes, users, API keys and the mail test to admins only", async () => {
    const change = { smallSampleThreshold: 25 };
    for (const role of ["analyst", "partner_manager", "viewer"] as const) {
      expect((await call(users[role], "PATCH", "/api/v1/settings", change)).statusCode, role).toBe(403);
      expect((await call(users[role], "GET", "/api/v1/users")).statusCode, role).toBe(403);
      expect((await call(users[role], "GET", "/api/v1/api-keys")).statusCode, role).toBe(403);
      const key = await call(users[role], "POST", "/api/v1/api-keys", { name: "x", scopes: ["admin"] });
      expect(key.statusCode, role).toBe(403);
      const mail = await call(users[role], "POST", "/api/v1/settings/mail-test", { to: "a@example.com" });
      expect(mail.statusCode, role).toBe(403);
    }
    const settings = await call(users.admin, "PATCH", "/api/v1/settings", change);
    expect(settings.statusCode).toBe(200);
    const listed = await call(users.admin, "GET", "/api/v1/users");
    expect(listed.statusCode).toBe(200);
    expect(
      listed
        .json()
        .items.map((u: { role: string }) => u.role)
        .sort(),
    ).toEqual(["admin", "analyst", "partner_manager", "viewer"]);
  });

  it("creates, lists and revokes API keys; the key works until revoked and is shown only once", async () => {
    const created = await call(users.admin, "POST", "/api/v1/api-keys", {
      name: "CRM sync",
      scopes: ["read"],
    });
    expect(created.statusCode).toBe(201);
    const { apiKeyId, key } = created.json<{ apiKeyId: string; key: string }>();
    expect(key).toMatch(new RegExp(`^pnps_${tenant.organizationId}_`));
    expect((await test.app.inject({ url: "/api/v1/partners", headers: bearer(key) })).statusCode).toBe(200);
    const listed = await call(users.admin, "GET", "/api/v1/api-keys");
    const view = listed.json().items.find((k: { apiKeyId: string }) => k.apiKeyId === apiKeyId);
    expect(view).toEqual({
      apiKeyId,
      name: "CRM sync",
      keyPrefix: key.slice(0, 16),
      scopes: ["read"],
      createdAt: "2026-01-15T09:00:00.000Z",
      lastUsedAt: null,
      revokedAt: null,
    });
    expect(JSON.stringify(listed.json())).not.toContain(key);
    test.clock.advance(1000);
    const revoked = await call(users.admin, "POST", `/api/v1/api-keys/${apiKeyId}/revoke`);
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json()).toMatchObject({ apiKeyId, revokedAt: "2026-01-15T09:00:01.000Z" });
    expect((await test.app.inject({ url: "/api/v1/partners", headers: bearer(key) })).statusCode).toBe(401);
    expect((await call(users.admin, "POST", "/api/v1/api-keys/nope/revoke")).statusCode).toBe(404);
  });

  it("keeps one active admin and refuses duplicate emails", async () => {
    const self = await call(users.admin, "PATCH", `/api/v1/users/${users.admin.userId}`, { role: "viewer" });
    expect(self.statusCode).toBe(409);
    const dup = await call(users.admin, "POST", "/api/v1/users", {
      email: "dup@example.com",
      name: "Dup",
      role: "viewer",
      password: "long enough pw",
    });
    expect(dup.statusCode).toBe(201);
    const again = await call(users.admin, "POST", "/api/v1/users", {
      email: "DUP@example.com",
      name: "D",
      role: "viewer",
    });
    expect(again.statusCode).toBe(409);
    const promoted = await call(users.admin, "PATCH", `/api/v1/users/${users.analyst.userId}`, {
      role: "admin",
      leadUserId: users.admin.userId,
    });
    expect(promoted.json()).toMatchObject({ role: "admin", leadUserId: users.admin.userId });
    // A role change ends the user's sessions, so the new rights start with a new sign-in.
    expect((await call(users.analyst, "GET", "/api/v1/partners")).statusCode).toBe(401);
  });

  it("maps roles to scopes in one place, narrowing partner managers to their own partners", () => {
    const base = { organizationId: "org", userId: "u1" };
    expect(userPrincipal({ ...base, role: "admin" })).toMatchObject({
      scopes: ["read", "write", "triggers", "admin"],
      ownerUserId: null,
    });
    expect(userPrincipal({ ...base, role: "analyst" })).toMatchObject({
      scopes: ["read", "write"],
      ownerUserId: null,
    });
    expect(userPrincipal({ ...base, role: "partner_manager" })).toMatchObject({
      scopes: ["read"],
      ownerUserId: "u1",
    });
    expect(userPrincipal({ ...base, role: "viewer" })).toMatchObject({ scopes: ["read"], ownerUserId: null });
    expect(
      (["admin", "analyst", "partner_manager", "viewer"] as const).map((role) =>
        mayWriteCases(userPrincipal({ ...base, role })),
      ),
    ).toEqual([true, true, true, false]);
    expect(mayWriteCases({ organizationId: "org", actor: "api-key:k", scopes: ["read"] })).toBe(false);
  });
});
