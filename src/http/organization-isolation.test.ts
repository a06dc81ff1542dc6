import { createHash } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { loadDemoOrganization } from "../modules/demo/demo.service.js";
import { describeEachDialect } from "../test-support/databases.js";
import {
  bearer,
  createTenant,
  createTestApp,
  type SignedInUser,
  sessionHeaders,
  signIn,
  type TestApp,
} from "../test-support/http.js";

/**
 * Organization B (an admin session and an all-scopes API key) calls every /api/v1 route the app registers
 * with organization A's ids in the path, query and body. Nothing of A may come back, and A's rows must be
 * unchanged afterwards. Routes are discovered from `app.registeredRoutes`, so a route added later is
 * covered by the generic strategy without touching this file.
 */

type Route = { method: string; url: string };
type Call = { principal: string; method: string; url: string; payload?: Record<string, unknown> };

// Path segments whose table is not simply the segment with "-" → "_".
const TABLE_OF_SEGMENT: Record<string, string> = { cases: "follow_up_cases", me: "users" };
// The order matters for one route only: signing B out must come last.
const LAST = new Set(["POST /api/v1/auth/logout"]);
const ALLOWED_REFUSALS = new Set([400, 403, 404, 405, 409, 410, 415, 422, 429]);

describeEachDialect("organization isolation", (dialect) => {
  let test: TestApp;
  let organizationA: string;
  let adminOfA: SignedInUser;
  let idsOfA: Map<string, string[]>;
  let markersOfA: string[];
  let fingerprintBefore: string;
  let principals: { name: string; headers: Record<string, string> }[];

  beforeAll(async () => {
    test = await createTestApp(dialect);
    const { organization } = await loadDemoOrganization(test.database, {
      seed: 3,
      partners: 12,
      clock: test.clock,
    });
    const a = organization.organization_id;
    organizationA = a;
    adminOfA = await signIn(test, { organizationId: a, role: "admin", email: "alice.a@example.com" });
    await createInA(adminOfA);

    const b = await createTenant(test.database.db, "Organization B", ["read", "write", "triggers", "admin"]);
    const adminOfB: SignedInUser = await signIn(test, { organizationId: b.organizationId, role: "admin" });
    principals = [
      { name: "api key of B", headers: bearer(b.key) },
      { name: "admin session of B", headers: sessionHeaders(adminOfB) },
    ];
    idsOfA = await collectIds(a);
    for (const table of [
      "partners",
      "contacts",
      "surveys",
      "waves",
      "invitations",
      "users",
      "api_keys",
      "targets",
    ])
      expect(idsOfA.get(table)?.[0], table).toMatch(/^[0-9a-z-]{8,}$/);
    markersOfA = await collectMarkers(a, idsOfA);
    fingerprintBefore = await fingerprint(a);
  }, 120_000);
  afterAll(async () => test?.close());

  /** Objects the demo does not make, created through A's own API so they exist in A. */
  async function createInA(admin: SignedInUser) {
    const post = (url: string, payload: object) =>
      test.app.inject({ method: "POST", url, payload, headers: sessionHeaders(admin) });
    const created = await Promise.all([
      post("/api/v1/targets", {
        name: "A target",
        start_value: 10,
        target_value: 30,
        start_date: "2026-01-01",
        due_date: "2026-12-31",
      }),
      post("/api/v1/benchmarks", { name: "A benchmark", source: "A study", value: 41 }),
      post("/api/v1/api-keys", { name: "A key", scopes: ["read"] }),
      post("/api/v1/users", {
        email: "bob.a@example.com",
        name: "Bob of A",
        role: "viewer",
        password: "0123456789",
      }),
    ]);
    for (const response of created) expect(response.statusCode, response.body).toBe(201);
  }

  /** Every table with an organization_id column, keyed by table, with up to 200 ids of A's rows. */
  async function collectIds(organizationId: string): Promise<Map<string, string[]>> {
    const tables = await test.database.db.introspection.getTables();
    const ids = new Map<string, string[]>();
    for (const table of tables) {
      const columns = table.columns.map((c) => c.name);
      const orgAt = columns.indexOf("organization_id");
      const idColumn = columns.slice(orgAt + 1).find((c) => c.endsWith("_id"));
      if (orgAt < 0 || !idColumn) continue;
      const rows = await test.database.db
        .selectFrom(table.name as "partners")
        .select(`${idColumn} as id` as "partner_id")
        .where("organization_id", "=", organizationId)
        .limit(200)
        .execute();
      const values = rows.map((r) => String((r as unknown as { id: unknown }).id));
      if (values.length > 0) ids.set(table.name, [...new Set(values)]);
    }
    return ids;
  }

  async function collectMarkers(organizationId: string, ids: Map<string, string[]>): Promise<string[]> {
    const db = test.database.db;
    const partners = await db
      .selectFrom("partners")
      .select("name")
      .where("organization_id", "=", organizationId)
      .execute();
    const contacts = await db
      .selectFrom("contacts")
      .select("email")
      .where("organization_id", "=", organizationId)
      .execute();
    const users = await db
      .selectFrom("users")
      .select("email")
      .where("organization_id", "=", organizationId)
      .execute();
    const organization = await db
      .selectFrom("organizations")
      .select(["name", "slug", "company_name"])
      .where("organization_id", "=", organizationId)
      .executeTakeFirstOrThrow();
    return [
      organizationId,
      organization.name,
      organization.slug,
      organization.company_name,
      "A target",
      "A benchmark",
      ...partners.map((p) => p.name),
      ...contacts.flatMap((c) => (c.email ? [c.email] : [])),
      ...users.map((u) => u.email),
      // Some tables key rows by fixed names every organization shares ("detractor"): only ids with a digit count.
      ...[...ids.values()].flat().filter((id) => /\d/.test(id)),
    ].filter((marker, i, all) => marker.length >= 6 && all.indexOf(marker) === i);
  }

  /** A hash of every row A owns (and its organization row), to prove B's writes never touched A. */
  async function fingerprint(organizationId: string): Promise<string> {
    const hash = createHash("sha256");
    const tables = (await test.database.db.introspection.getTables())
      .filter((t) => t.columns.some((c) => c.name === "organization_id"))
      .map((t) => t.name)
      .sort();
    for (const table of tables) {
      const rows = await test.database.db
        .selectFrom(table as "partners")
        .selectAll()
        .where("organization_id", "=", organizationId)
        .execute();
      const lines = rows.map((row) => JSON.stringify(row)).sort();
      hash.update(`${table}:${lines.join("\n")}\n`);
    }
    return hash.digest("hex");
  }

  /** A's ids for one path parameter: by the segment before it (or the parameter's name), else all of A's ids. */
  function idsForParameter(segments: string[], index: number): string[] {
    const parameter = segments[index]!.slice(1);
    const candidates = [
      parameter === "id" ? segments[index - 1] : parameter.replace(/Id$/, "s"),
      segments[index - 1],
    ].filter((s): s is string => Boolean(s));
    for (const candidate of candidates) {
      const table = TABLE_OF_SEGMENT[candidate] ?? candidate.replace(/-/g, "_");
      const ids = idsOfA.get(table);
      if (ids) return ids.slice(0, 2);
    }
    // Generic strategy for routes this file does not know: one id of every kind A owns.
    return [...idsOfA.values()].map((ids) => ids[0]!);
  }

  function first(table: string): string {
    return idsOfA.get(table)?.[0] ?? "missing";
  }

  /** Fields that commonly reference other objects, all pointing into A. */
  function referencingBody(): Record<string, unknown> {
    const partner = first("partners");
    const user = first("users");
    return {
      partner_id: partner,
      partnerId: partner,
      contact_id: first("contacts"),
      contactId: first("contacts"),
      survey_id: first("surveys"),
      surveyId: first("surveys"),
      wave_id: first("waves"),
      waveId: first("waves"),
      invitation_id: first("invitations"),
      response_id: first("responses"),
      owner_user_id: user,
      ownerUserId: user,
      user_id: user,
      userId: user,
      leadUserId: user,
      partner_ids: [partner],
      name: "Isolation probe",
    };
  }

  function callsFor(route: Route): Call[] {
    const segments = route.url.split("/");
    const parameterAt = segments.map((s, i) => (s.startsWith(":") ? i : -1)).filter((i) => i >= 0);
    let urls = [segments];
    for (const index of parameterAt) {
      urls = urls.flatMap((parts) =>
        idsForParameter(segments, index).map((id) =>
          parts.map((p, i) => (i === index ? encodeURIComponent(id) : p)),
        ),
      );
    }
    const body = referencingBody();
    const query = new URLSearchParams(
      Object.entries(body).flatMap(([k, v]) => (typeof v === "string" ? [[k, v]] : [])),
    );
    query.set("partner", first("partners"));
    query.set("wave", first("waves"));
    query.set("survey", first("surveys"));
    query.set("owner", first("users"));
    const withPayload = route.method !== "GET" && route.method !== "DELETE";
    return principals.flatMap((principal) =>
      urls.flatMap((parts) => {
        const url = parts.join("/");
        const calls: Call[] = [
          { principal: principal.name, method: route.method, url, ...(withPayload ? { payload: body } : {}) },
        ];
        if (route.method === "GET")
          calls.push({ principal: principal.name, method: "GET", url: `${url}?${query}` });
        return calls;
      }),
    );
  }

  async function probe(call: Call, headers: Record<string, string>) {
    const response = await test.app.inject({
      method: call.method as "GET",
      url: call.url,
      headers,
      ...(call.payload ? { payload: call.payload } : {}),
    });
    const sent = `${call.url} ${JSON.stringify(call.payload ?? {})}`;
    // Ids B itself sent may be echoed (e.g. "Partner X was not found"); anything else of A is a leak.
    const leaked = markersOfA.filter((marker) => !sent.includes(marker) && response.body.includes(marker));
    return { status: response.statusCode, body: response.body, leaked };
  }

  it("detects a leak when A's own admin reads A (positive control for the check below)", async () => {
    const list = await probe(
      { principal: "A", method: "GET", url: "/api/v1/partners" },
      sessionHeaders(adminOfA),
    );
    expect(list.status).toBe(200);
    expect(list.leaked.length).toBeGreaterThan(5);
    const one = await probe(
      { principal: "A", method: "GET", url: `/api/v1/partners/${first("partners")}` },
      sessionHeaders(adminOfA),
    );
    expect(one.status, one.body).toBe(200);
    expect(one.leaked.length).toBeGreaterThan(0);
  });

  it("answers B's every call without anything of A and leaves A's rows untouched", async () => {
    const routes = test.app.registeredRoutes
      .filter((r) => r.url.startsWith("/api/v1/") && r.url !== "/api/v1/openapi.json" && r.method !== "HEAD")
      .sort((x, y) => Number(LAST.has(`${x.method} ${x.url}`)) - Number(LAST.has(`${y.method} ${y.url}`)));
    expect(routes.length).toBeGreaterThan(40);
    const problems: string[] = [];
    const exercised = new Set<string>();
    let answered = 0;
    for (const route of routes) {
      for (const call of callsFor(route)) {
        const result = await probe(call, principals.find((p) => p.name === call.principal)!.headers);
        exercised.add(`${route.method} ${route.url}`);
        const { status, leaked } = result;
        const label = `${call.principal}: ${call.method} ${call.url.split("?")[0]}${call.url.includes("?") ? "?<A's ids>" : ""} → ${status}`;
        // B is signed in: a 401 is only right where an API key has no browser session.
        const sessionless =
          status === 401 && route.url === "/api/v1/auth/session" && call.principal === "api key of B";
        if (status < 300) answered++;
        if (leaked.length > 0) problems.push(`${label} leaked ${leaked.slice(0, 3).join(", ")}`);
        else if (status >= 500) problems.push(`${label} failed: ${result.body.slice(0, 200)}`);
        else if (status >= 300 && !ALLOWED_REFUSALS.has(status) && !sessionless)
          problems.push(`${label} unexpected status: ${result.body.slice(0, 200)}`);
      }
    }
    expect(problems).toEqual([]);
    expect([...exercised].sort()).toEqual(routes.map((r) => `${r.method} ${r.url}`).sort());
    // B's reads of its own (empty) organization succeed: the check above did not pass on refusals alone.
    expect(answered).toBeGreaterThan(routes.length / 2);
    expect(await fingerprint(organizationA)).toBe(fingerprintBefore);
  }, 300_000);
});
