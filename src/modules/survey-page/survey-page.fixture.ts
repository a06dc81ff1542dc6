import type { FastifyInstance } from "fastify";
import { sql } from "kysely";
import type { ManualClock } from "../../core/clock.js";
import { invitationToken } from "../../core/tokens.js";
import type { Executor } from "../../db/database.js";
import type { TestDatabase } from "../../test-support/databases.js";
import { loadDemoOrganization } from "../demo/demo.service.js";

/** Test support: the demo program as of today, so its latest wave is open, and fresh links to answer. */
export interface SurveyFixture {
  organizationId: string;
  secret: string;
  /** An unanswered invitation of the open wave (each call a different one) of a contact speaking `language`. */
  takeOpen(language?: string): Promise<{ invitationId: string; token: string; path: string }>;
  /** An invitation of a closed wave. */
  takeClosed(): Promise<{ invitationId: string; token: string; path: string }>;
}

export async function loadSurveyFixture(database: TestDatabase, clock: ManualClock): Promise<SurveyFixture> {
  clock.set(new Date());
  const today = clock.now().toISOString().slice(0, 10);
  const demo = await loadDemoOrganization(database, {
    seed: 1,
    referenceDate: `${today}T00:00:00Z`,
    partners: 40,
    clock,
  });
  const organizationId = demo.organization.organization_id;
  const secret = demo.organization.invitation_secret;
  if (!secret) throw new Error("The demo organization has no invitation secret");
  const used = new Set<string>();
  const link = (invitationId: string) => {
    used.add(invitationId);
    const token = invitationToken(secret, invitationId);
    return { invitationId, token, path: `/s/${organizationId}/${token}` };
  };
  const candidates = (waveStatus: "open" | "closed") =>
    database.db
      .selectFrom("invitations as i")
      .innerJoin("waves as w", (j) =>
        j.onRef("w.organization_id", "=", "i.organization_id").onRef("w.wave_id", "=", "i.wave_id"),
      )
      .innerJoin("contacts as c", (j) =>
        j.onRef("c.organization_id", "=", "i.organization_id").onRef("c.contact_id", "=", "i.contact_id"),
      )
      .select(["i.invitation_id", "c.language"])
      .where("i.organization_id", "=", organizationId)
      .where("w.status", "=", waveStatus)
      .where("i.responded_at", "is", null)
      .where("c.unsubscribed_at", "is", null)
      .orderBy("i.invitation_id")
      .execute();
  return {
    organizationId,
    secret,
    async takeOpen(language = "en") {
      const rows = await candidates("open");
      const row = rows.find((r) => !used.has(r.invitation_id) && r.language === language);
      if (!row) throw new Error(`No unanswered open invitation left in ${language}`);
      return link(row.invitation_id);
    },
    async takeClosed() {
      const row = (await candidates("closed")).find((r) => !used.has(r.invitation_id));
      if (!row) throw new Error("No closed invitation");
      return link(row.invitation_id);
    },
  };
}

export function postForm(app: FastifyInstance, url: string, fields: Record<string, string | string[]>) {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields))
    for (const item of [value].flat()) body.append(name, item);
  return app.inject({
    method: "POST",
    url,
    headers: { "content-type": "application/x-www-form-urlencoded" },
    payload: body.toString(),
  });
}

/** The counts a response write must move together: responses, score rollups and response.received jobs. */
export async function writeCounts(db: Executor, organizationId: string) {
  const count = async (table: "responses" | "jobs", kind?: string) => {
    let query = db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("organization_id", "=", organizationId);
    if (kind) query = query.where(sql.ref("kind"), "=", kind);
    return Number((await query.executeTakeFirstOrThrow()).n);
  };
  const rollups = await db
    .selectFrom("score_rollups")
    .select(["score", "responses"])
    .where("organization_id", "=", organizationId)
    .where("dimension", "=", "all")
    .execute();
  const byScore = Array.from({ length: 11 }, () => 0);
  for (const row of rollups) byScore[row.score] = (byScore[row.score] ?? 0) + Number(row.responses);
  return {
    responses: await count("responses"),
    jobs: await count("jobs", "response.received"),
    rollupTotal: byScore.reduce((sum, n) => sum + n, 0),
    rollupByScore: byScore,
  };
}
