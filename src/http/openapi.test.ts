import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { config } from "../config.js";
import { systemClock } from "../core/clock.js";
import { createTestDatabase, type TestDatabase } from "../test-support/databases.js";
import { buildApp } from "./app.js";
import { createLogger } from "./logger.js";
import { openApiDocument } from "./openapi.js";

describe("OpenAPI description", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase("sqlite");
  });
  afterAll(async () => database?.destroy());

  it("describes every /api route the server registers, with the same methods", async () => {
    const app = await buildApp({ config, database, clock: systemClock, logger: createLogger("silent") });
    await app.ready();
    const documented = new Set<string>();
    for (const [path, operations] of Object.entries(openApiDocument.paths)) {
      for (const method of Object.keys(operations))
        documented.add(`${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ":$1")}`);
    }
    const registered = app.registeredRoutes
      .filter((r) => r.url.startsWith("/api/v1/") && r.url !== "/api/v1/openapi.json" && r.method !== "HEAD")
      .map((r) => `${r.method} ${r.url}`);
    expect(registered.length).toBeGreaterThan(10);
    for (const route of registered) expect(documented, route).toContain(route);
    // …and nothing is documented that the server does not serve.
    for (const route of documented) expect(registered, route).toContain(route);
    const response = await app.inject({ method: "GET", url: "/api/v1/openapi.json" });
    expect(response.statusCode).toBe(200);
    expect(response.json().openapi).toBe("3.1.0");
    await app.close();
  });
});
