import { expect } from "vitest";
import type { DialectName } from "../../db/database.js";
import { apiClient, createTenant, createTestApp, type TestApp } from "../../test-support/http.js";
import { JobRunner } from "../jobs/job.runner.js";
import { registerResponseReceivedJob } from "../survey-page/response-received.job.js";
import { postForm } from "../survey-page/survey-page.fixture.js";
import { registerCaseAlertJobs } from "./case-alerts.job.js";

/**
 * Test support: an organization in Europe/Paris with an admin, two partner managers and partners, a
 * transactional survey, and answers given through the real survey page (trigger → link → POST), then the
 * real response.received job.
 */
export interface CaseFixture {
  test: TestApp;
  organizationId: string;
  key: string;
  api: ReturnType<typeof apiClient>;
  users: { admin: string; alice: string; bob: string };
  partners: { acme: string; globex: string; orphan: string };
  /** Answers the survey as a new contact of the partner; returns the response id. */
  answer(partner: keyof CaseFixture["partners"], score: number, reason?: string): Promise<string>;
  /** Runs the queued response.received and case.opened jobs. */
  runJobs(): Promise<void>;
  close(): Promise<void>;
}

export async function createCaseFixture(dialect: DialectName): Promise<CaseFixture> {
  const test = await createTestApp(dialect);
  const db = test.database.db;
  const tenant = await createTenant(db, "Loop Co", ["read", "write", "triggers", "admin"]);
  const api = apiClient(test.app, tenant.key);
  const organizationId = tenant.organizationId;
  expect((await api.patch("/api/v1/settings", { timeZone: "Europe/Paris" })).status).toBe(200);
  const users = { admin: "u_admin", alice: "u_alice", bob: "u_bob" };
  await db
    .insertInto("users")
    .values(
      [
        ["u_admin", "Ada Admin", "admin", "2026-01-01T00:00:00.000Z"],
        ["u_alice", "Alice Manager", "partner_manager", "2026-01-02T00:00:00.000Z"],
        ["u_bob", "Bob Manager", "partner_manager", "2026-01-03T00:00:00.000Z"],
      ].map(([user_id, name, role, created_at]) => ({
        organization_id: organizationId,
        user_id: user_id!,
        email: `${user_id}@loop.test`,
        name: name!,
        role: role as "admin" | "partner_manager",
        password_hash: null,
        lead_user_id: null,
        created_at: created_at!,
        disabled_at: null,
      })),
    )
    .execute();
  const partner = async (name: string, fields: Record<string, unknown>) => {
    const created = await api.post<{ partner_id: string }>("/api/v1/partners", {
      name,
      external_id: name,
      ...fields,
    });
    expect(created.status).toBe(201);
    return created.body.partner_id;
  };
  const partners = {
    acme: await partner("Acme", { tier: "silver", owner_user_id: users.alice }),
    globex: await partner("Globex", { tier: "Platinum", owner_user_id: users.bob }),
    orphan: await partner("Orphan", { tier: "silver" }),
  };
  const survey = await api.post<{ survey_id: string }>("/api/v1/surveys", {
    name: "After support",
    kind: "transactional",
  });
  expect(survey.status).toBe(201);
  let contactNumber = 0;
  const runner = new JobRunner(db, { clock: test.clock });
  registerResponseReceivedJob(runner, test.database, test.clock);
  registerCaseAlertJobs(runner, test.database, test.clock);

  return {
    test,
    organizationId,
    key: tenant.key,
    api,
    users,
    partners,
    async answer(partnerKey, score, reason = "") {
      contactNumber++;
      const externalId = `c${contactNumber}`;
      const contact = await api.post("/api/v1/contacts", {
        partner_id: partners[partnerKey],
        external_id: externalId,
        name: `Contact ${contactNumber}`,
        email: `${externalId}@partner.test`,
        consent: true,
      });
      expect(contact.status).toBe(201);
      const trigger = await api.post<{ status: string; url: string; invitation_id: string }>(
        "/api/v1/triggers",
        {
          event_type: "support_case_closed",
          event_id: `event-${contactNumber}`,
          contact_external_id: externalId,
          survey_id: survey.body.survey_id,
        },
      );
      expect(trigger.body.status).toBe("invited");
      const path = new URL(trigger.body.url).pathname;
      const posted = await postForm(test.app, path, { score: String(score), reason, lang: "en" });
      expect(posted.statusCode).toBe(303);
      const row = await db
        .selectFrom("responses")
        .select("response_id")
        .where("organization_id", "=", organizationId)
        .where("invitation_id", "=", trigger.body.invitation_id)
        .executeTakeFirstOrThrow();
      return row.response_id;
    },
    async runJobs() {
      await runner.runDueJobs();
    },
    close: () => test.close(),
  };
}
