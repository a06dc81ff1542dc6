import { afterEach, beforeEach, expect, it } from "vitest";
import { describeEachDialect } from "../../test-support/databases.js";
import {
  bearer,
  createTenant,
  createTestApp,
  type ErrorBody,
  signIn,
  type TestApp,
} from "../../test-support/http.js";
import type { SessionView } from "./session.service.js";

const SETUP = {
  organizationName: "Acme Partners",
  companyName: "Acme",
  name: "Ada Admin",
  email: "Ada@Example.com",
  password: "correct horse battery",
};

function sessionCookie(setCookie: string | string[] | undefined): string {
  const header = [setCookie ?? []].flat().find((c) => c.startsWith("pnps_session="));
  if (!header) throw new Error("no pnps_session cookie was set");
  return header;
}

describeEachDialect("sign-in and sessions", (dialect) => {
  let test: TestApp;

  beforeEach(async () => {
    test = await createTestApp(dialect);
  });
  afterEach(async () => test?.close());

  function post(url: string, payload: object, headers: Record<string, string> = {}) {
    return test.app.inject({ method: "POST", url, payload, headers });
  }

  async function setUp() {
    const response = await post("/api/v1/setup", SETUP);
    expect(response.statusCode).toBe(201);
    const view = response.json<SessionView>();
    const cookie = sessionCookie(response.headers["set-cookie"]).split(";")[0]!;
    return { view, cookie };
  }

  it("sets up once: organization, admin and session; a second setup is refused with 409", async () => {
    expect((await test.app.inject({ url: "/api/v1/setup" })).json()).toEqual({ needsSetup: true });
    const response = await post("/api/v1/setup", SETUP);
    expect(response.statusCode).toBe(201);
    const view = response.json<SessionView>();
    expect(view.user).toEqual({
      userId: expect.any(String),
      email: "ada@example.com",
      name: "Ada Admin",
      role: "admin",
    });
    expect(view.organization).toMatchObject({
      name: "Acme Partners",
      slug: "acme-partners",
      companyName: "Acme",
    });
    expect(view.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const cookie = sessionCookie(response.headers["set-cookie"]);
    expect(cookie).toMatch(/^pnps_session=[0-9a-z]{26}\.[A-Za-z0-9_-]{43};/);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");
    expect(cookie).toContain("Path=/");
    expect(cookie).not.toContain("Secure");
    // Only the token's hash is stored.
    const stored = await test.database.db.selectFrom("sessions").select("token_hash").execute();
    expect(stored).toHaveLength(1);
    expect(cookie).not.toContain(stored[0]!.token_hash);

    expect((await test.app.inject({ url: "/api/v1/setup" })).json()).toEqual({ needsSetup: false });
    const again = await post("/api/v1/setup", { ...SETUP, organizationName: "Intruder Org" });
    expect(again.statusCode).toBe(409);
    expect(again.json<ErrorBody>().error.code).toBe("conflict");
    const organizations = await test.database.db.selectFrom("organizations").select("name").execute();
    expect(organizations.map((o) => o.name)).toEqual(["Acme Partners"]);
  });

  it("rejects a short setup password with the field named", async () => {
    const response = await post("/api/v1/setup", { ...SETUP, password: "short" });
    expect(response.statusCode).toBe(400);
    expect(response.json<ErrorBody>().error.details?.issues?.map((i) => i.field)).toEqual(["password"]);
  });

  it("signs in with the right password only, case-insensitive email, and answers the session", async () => {
    await setUp();
    const wrong = await post("/api/v1/auth/login", { email: "ada@example.com", password: "wrong password!" });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json<ErrorBody>().error.code).toBe("invalid_credentials");
    expect(wrong.headers["set-cookie"]).toBeUndefined();
    const unknown = await post("/api/v1/auth/login", {
      email: "nobody@example.com",
      password: SETUP.password,
    });
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json<ErrorBody>().error.code).toBe("invalid_credentials");

    const ok = await post("/api/v1/auth/login", { email: "ADA@example.com ", password: SETUP.password });
    expect(ok.statusCode).toBe(200);
    const cookie = sessionCookie(ok.headers["set-cookie"]).split(";")[0]!;
    const session = await test.app.inject({ url: "/api/v1/auth/session", headers: { cookie } });
    expect(session.statusCode).toBe(200);
    expect(session.json<SessionView>()).toEqual(ok.json<SessionView>());
    expect((await test.app.inject({ url: "/api/v1/auth/session" })).statusCode).toBe(401);
  });

  it("rate-limits after 5 failures per email and IP for 15 minutes, even with the right password", async () => {
    await setUp();
    for (let i = 0; i < 5; i++) {
      const failed = await post("/api/v1/auth/login", {
        email: SETUP.email,
        password: `wrong-${i}-password`,
      });
      expect(failed.statusCode).toBe(401);
      test.clock.advance(60_000);
    }
    const limited = await post("/api/v1/auth/login", { email: SETUP.email, password: SETUP.password });
    expect(limited.statusCode).toBe(429);
    expect(limited.json<ErrorBody>().error.code).toBe("rate_limited");
    // Another address is not affected by this one's failures.
    expect((await post("/api/v1/auth/login", { email: "other@example.com", password: "x" })).statusCode).toBe(
      401,
    );
    // The first failure leaves the window 15 minutes after it happened (10 minutes from now).
    test.clock.advance(10 * 60_000 - 1);
    expect(
      (await post("/api/v1/auth/login", { email: SETUP.email, password: SETUP.password })).statusCode,
    ).toBe(429);
    test.clock.advance(1);
    expect(
      (await post("/api/v1/auth/login", { email: SETUP.email, password: SETUP.password })).statusCode,
    ).toBe(200);
    const left = await test.database.db.selectFrom("login_attempts").select("attempt_key").execute();
    expect(left).toHaveLength(1); // only other@example.com's failure remains
  });

  it("requires the CSRF token for cookie writes but not for API keys", async () => {
    const { view, cookie } = await setUp();
    const partner = { external_id: "P-1", name: "Partner One" };
    const missing = await post("/api/v1/partners", partner, { cookie });
    expect(missing.statusCode).toBe(403);
    expect(missing.json<ErrorBody>().error.code).toBe("csrf");
    const wrong = await post("/api/v1/partners", partner, {
      cookie,
      "x-csrf-token": `${view.csrfToken.slice(1)}x`,
    });
    expect(wrong.statusCode).toBe(403);
    const ok = await post("/api/v1/partners", partner, { cookie, "x-csrf-token": view.csrfToken });
    expect(ok.statusCode).toBe(201);
    // Reads need no token.
    expect((await test.app.inject({ url: "/api/v1/partners", headers: { cookie } })).statusCode).toBe(200);

    const tenant = await createTenant(test.database.db, "Keyed Org", ["read", "write"]);
    const keyed = await post("/api/v1/partners", { external_id: "K-1", name: "Keyed" }, bearer(tenant.key));
    expect(keyed.statusCode).toBe(201);
  });

  it("logs out: 204, cookie cleared, session row gone, cookie no longer works", async () => {
    const { view, cookie } = await setUp();
    const out = await post("/api/v1/auth/logout", {}, { cookie, "x-csrf-token": view.csrfToken });
    expect(out.statusCode).toBe(204);
    expect(sessionCookie(out.headers["set-cookie"])).toMatch(/^pnps_session=;.*Expires=Thu, 01 Jan 1970/);
    expect(await test.database.db.selectFrom("sessions").select("session_id").execute()).toEqual([]);
    const after = await test.app.inject({ url: "/api/v1/auth/session", headers: { cookie } });
    expect(after.statusCode).toBe(401);
    expect(after.json<ErrorBody>().error.code).toBe("unauthenticated");
  });

  it("expires a session 12 hours after sign-in", async () => {
    const tenant = await createTenant(test.database.db, "Clocked");
    const user = await signIn(test, { organizationId: tenant.organizationId, role: "viewer" });
    const get = () => test.app.inject({ url: "/api/v1/partners", headers: { cookie: user.cookie } });
    test.clock.advance(12 * 3_600_000 - 1);
    expect((await get()).statusCode).toBe(200);
    test.clock.advance(1);
    expect((await get()).statusCode).toBe(401);
  });

  it("ends the sessions of a disabled user at once", async () => {
    const { view, cookie } = await setUp();
    const viewer = await signIn(test, { organizationId: view.organization.organizationId, role: "viewer" });
    const disable = await test.app.inject({
      method: "PATCH",
      url: `/api/v1/users/${viewer.userId}`,
      payload: { disabled: true },
      headers: { cookie, "x-csrf-token": view.csrfToken },
    });
    expect(disable.statusCode).toBe(200);
    expect(disable.json()).toMatchObject({ userId: viewer.userId, disabled: true });
    expect(
      (await test.app.inject({ url: "/api/v1/partners", headers: { cookie: viewer.cookie } })).statusCode,
    ).toBe(401);
  });
});

describeEachDialect("sign-in behind https", (dialect) => {
  let test: TestApp;
  beforeEach(async () => {
    test = await createTestApp(dialect, { config: { publicUrl: "https://nps.example.com" } });
  });
  afterEach(async () => test?.close());

  it("marks the session cookie Secure when PUBLIC_URL is https", async () => {
    const response = await test.app.inject({ method: "POST", url: "/api/v1/setup", payload: SETUP });
    expect(response.statusCode).toBe(201);
    const cookie = sessionCookie(response.headers["set-cookie"]);
    expect(cookie).toContain("Secure");
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");
  });
});
