import { Writable } from "node:stream";
import pino from "pino";
import { afterEach, expect, it } from "vitest";
import { revokeApiKey } from "../modules/api-keys/api-key.service.js";
import { describeEachDialect } from "../test-support/databases.js";
import { apiClient, bearer, createTenant, createTestApp, type TestApp } from "../test-support/http.js";

/** A pino logger at "info" whose JSON lines land in memory, so tests can read what would be logged. */
function memoryLogger(): { logger: pino.Logger; text: () => string } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: pino({ level: "info" }, stream), text: () => lines.join("") };
}

describeEachDialect("HTTP application", (dialect) => {
  let test: TestApp | undefined;
  afterEach(async () => {
    await test?.close();
    test = undefined;
  });

  it("GET /healthz answers ok with the database dialect, without a key", async () => {
    test = await createTestApp(dialect);
    const response = await test.app.inject({ method: "GET", url: "/healthz" });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: "ok", database: dialect });
  });

  it("answers unknown routes with 404 in the one error shape", async () => {
    test = await createTestApp(dialect);
    const response = await test.app.inject({ method: "GET", url: "/api/v1/nothing-here" });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({
      error: { code: "not_found", message: "No route for GET /api/v1/nothing-here" },
    });
  });

  it("answers malformed JSON with 400, not 500", async () => {
    test = await createTestApp(dialect);
    const tenant = await createTenant(test.database.db, "Acme");
    const response = await test.app.inject({
      method: "POST",
      url: "/api/v1/partners",
      headers: { ...bearer(tenant.key), "content-type": "application/json" },
      payload: "{not json",
    });
    expect(response.statusCode).toBe(400);
  });

  it("never writes the Authorization header value or the API key into the request logs", async () => {
    const memory = memoryLogger();
    test = await createTestApp(dialect, { logger: memory.logger });
    const tenant = await createTenant(test.database.db, "Acme");
    const api = apiClient(test.app, tenant.key);
    await api.get("/api/v1/partners");
    await api.post("/api/v1/partners", { name: "" });
    await api.get("/api/v1/partners/01unknown");
    await test.app.inject({ method: "GET", url: "/api/v1/contacts", headers: bearer(`${tenant.key}x`) });
    await revokeApiKey(test.database.db, tenant.organizationId, tenant.apiKeyId);
    await api.get("/api/v1/partners");

    const logged = memory.text();
    // The requests were logged at all, so the absence below means something.
    expect(logged).toContain("/api/v1/partners");
    expect(logged.split("\n").filter(Boolean).length).toBeGreaterThanOrEqual(10);
    // Keys read pnps_<26-character organization id>_<secret>; the secret may itself contain "_".
    const secret = tenant.key.slice("pnps_".length + 26 + 1);
    expect(logged).not.toContain(tenant.key);
    expect(logged).not.toContain(secret);
    expect(logged.toLowerCase()).not.toContain("bearer");
  });
});
