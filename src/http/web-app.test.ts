import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import Fastify, { type FastifyInstance } from "fastify";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestApp } from "../test-support/http.js";
import { installErrorHandler } from "./error-handler.js";
import { registerWebApp } from "./web-app.js";

const INDEX =
  '<!doctype html><html><body><div id="root"></div><script src="/app/assets/main-4f2a9c.js"></script></body></html>';
const SCRIPT = `console.log(${JSON.stringify("x".repeat(2000))});`;

describe("web app at /app/", () => {
  let root: string;
  let app: FastifyInstance;

  function writeBuild(): void {
    mkdirSync(path.join(root, "assets"), { recursive: true });
    writeFileSync(path.join(root, "index.html"), INDEX);
    writeFileSync(path.join(root, "assets", "main-4f2a9c.js"), SCRIPT);
    writeFileSync(path.join(root, "assets", "main-4f2a9c.js.gz"), gzipSync(SCRIPT));
  }

  beforeEach(async () => {
    root = mkdtempSync(path.join(tmpdir(), "pnps-web-"));
    app = Fastify();
    installErrorHandler(app);
    await registerWebApp(app, { root });
    await app.ready();
  });

  afterEach(async () => {
    await app.close();
    rmSync(root, { recursive: true, force: true });
  });

  it("serves index.html at /app/ and tells caches to revalidate it", async () => {
    writeBuild();
    const response = await app.inject({ method: "GET", url: "/app/" });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toMatch(/^text\/html/);
    expect(response.headers["cache-control"]).toBe("no-cache");
    expect(response.body).toBe(INDEX);
  });

  it("redirects /app to /app/ so relative asset URLs resolve", async () => {
    writeBuild();
    const response = await app.inject({ method: "GET", url: "/app" });
    expect(response.statusCode).toBe(301);
    expect(response.headers.location).toBe("/app/");
  });

  it.each(["/app/partners", "/app/partners/demo-p-0001?tier=gold", "/app/login", "/app/surveys/s1/edit"])(
    "answers the client-side route %s with index.html (history fallback)",
    async (url) => {
      writeBuild();
      const response = await app.inject({ method: "GET", url });
      expect(response.statusCode).toBe(200);
      expect(response.headers["cache-control"]).toBe("no-cache");
      expect(response.body).toBe(INDEX);
    },
  );

  it("serves hashed assets with a one-year immutable cache, gzip when the browser accepts it", async () => {
    writeBuild();
    const plain = await app.inject({ method: "GET", url: "/app/assets/main-4f2a9c.js" });
    expect(plain.statusCode).toBe(200);
    expect(plain.headers["content-type"]).toMatch(/javascript/);
    expect(plain.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(plain.body).toBe(SCRIPT);
    const gzipped = await app.inject({
      method: "GET",
      url: "/app/assets/main-4f2a9c.js",
      headers: { "accept-encoding": "gzip" },
    });
    expect(gzipped.headers["content-encoding"]).toBe("gzip");
    expect(gzipped.rawPayload.length).toBeLessThan(SCRIPT.length / 10);
  });

  it("answers a missing asset with 404 in the error shape instead of index.html", async () => {
    writeBuild();
    for (const url of ["/app/assets/main-000000.js", "/app/favicon.ico"]) {
      const response = await app.inject({ method: "GET", url });
      expect(response.statusCode).toBe(404);
      expect(response.json()).toEqual({ error: { code: "not_found", message: `No file for GET ${url}` } });
    }
  });

  it("does not answer writes under /app/ with the page", async () => {
    writeBuild();
    const response = await app.inject({ method: "POST", url: "/app/partners", payload: {} });
    expect(response.statusCode).toBe(404);
  });

  it("explains with a 503 page how to build the dashboard when dist/web is missing", async () => {
    for (const url of ["/app/", "/app/partners", "/app/assets/main-4f2a9c.js"]) {
      const response = await app.inject({ method: "GET", url });
      expect(response.statusCode).toBe(503);
      expect(response.headers["content-type"]).toMatch(/^text\/html/);
      expect(response.headers["cache-control"]).toBe("no-store");
      expect(response.body).toContain("The dashboard is not built");
      expect(response.body).toContain("npm run build:web");
    }
  });

  it("picks up a build made after the server started, without a restart", async () => {
    expect((await app.inject({ method: "GET", url: "/app/" })).statusCode).toBe(503);
    writeBuild();
    expect((await app.inject({ method: "GET", url: "/app/" })).statusCode).toBe(200);
  });
});

describe("web app inside the real application", () => {
  it("is served outside the API's authentication (no key needed for the page itself)", async () => {
    const test = await createTestApp("sqlite");
    try {
      const response = await test.app.inject({ method: "GET", url: "/app/overview" });
      // 200 when dist/web is built, 503 with build instructions when it is not — never 401.
      expect([200, 503]).toContain(response.statusCode);
      expect(response.headers["content-type"]).toMatch(/^text\/html/);
      const api = await test.app.inject({ method: "GET", url: "/api/v1/partners" });
      expect(api.statusCode).toBe(401);
    } finally {
      await test.close();
    }
  });
});
