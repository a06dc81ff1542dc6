/**
 * Data for the response-submit benchmark: a migrated database with one organization, its partners and
 * contacts, a survey (reason, two driver ratings, one choice question) and one wave launched through the real
 * `launchWave`, so every contact holds an open invitation; plus the link paths and form bodies to post.
 */
import { newId } from "../src/core/ids.js";
import { invitationToken } from "../src/core/tokens.js";
import type { AppDatabase } from "../src/db/database.js";
import type { ContactTable } from "../src/db/schema.js";
import { writeCounts } from "../src/modules/survey-page/survey-page.fixture.js";
import { createSurvey } from "../src/modules/surveys/survey.service.js";
import { createWave, launchWave } from "../src/modules/waves/wave.service.js";
import { generatePartners, seedDatabase } from "./responses-data.js";

/** Below the default cap of 10 invitations per partner and quarter, so the whole audience is invited. */
const CONTACTS_PER_PARTNER = 5;
const ROLES = ["Executive", "Sales", "Technical", "Marketing", "Operations"];
const REASONS = [
  "Great partner team",
  "Deal registration is painless",
  "Support is slow, but the people are friendly",
  "Très bon accompagnement, délais à améliorer",
];

export interface SubmitDataset {
  database: AppDatabase;
  organizationId: string;
  /** `/s/<organization>/<token>` of every open invitation, in a fixed order. */
  paths: string[];
  seconds: number;
}

/** Creates the dataset in `target` (SQLite file, or PostgreSQL URL with `schema`). */
export async function createSubmitDataset(
  target: string,
  invitations: number,
  options: { schema?: string } = {},
): Promise<SubmitDataset> {
  const start = performance.now();
  const partners = generatePartners(Math.ceil(invitations / CONTACTS_PER_PARTNER), "bench-submit");
  const { database, organization } = await seedDatabase(target, partners, options);
  try {
    const organizationId = organization.organization_id;
    const now = new Date().toISOString();
    const contacts: ContactTable[] = Array.from({ length: invitations }, (_, i) => ({
      organization_id: organizationId,
      contact_id: newId(),
      partner_id: partners[Math.floor(i / CONTACTS_PER_PARTNER)]!.partner_id,
      external_id: null,
      name: `Contact ${i + 1}`,
      email: `contact${i + 1}@partner${Math.floor(i / CONTACTS_PER_PARTNER) + 1}.example`,
      role: ROLES[i % ROLES.length]!,
      language: "en",
      consent: 1,
      unsubscribed_at: null,
      bounced_at: null,
      custom: "{}",
      archived_at: null,
      created_at: now,
      updated_at: now,
    }));
    await database.db.transaction().execute((trx) => database.bulkInsert(trx, "contacts", contacts));
    const service = { db: database.db, organizationId, actor: "bench" };
    const survey = await createSurvey(service, {
      name: "Bench relationship survey",
      questions: {
        reason: true,
        drivers: ["enablement", "deal_registration"],
        custom: [
          {
            id: "tools_used",
            type: "single",
            text: { en: "Which tool do you use most?" },
            options: [
              { id: "portal", label: { en: "Partner portal" } },
              { id: "crm", label: { en: "CRM" } },
            ],
          },
        ],
      },
    });
    const wave = await createWave(service, {
      survey_id: survey.survey_id,
      name: "Bench wave",
      closes_at: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    });
    const launched = await launchWave(database, service, wave.wave_id);
    if (launched.invited !== invitations)
      throw new Error(`the wave invited ${launched.invited} contacts, expected ${invitations}`);
    const rows = await database.db
      .selectFrom("invitations")
      .select("invitation_id")
      .where("organization_id", "=", organizationId)
      .where("wave_id", "=", wave.wave_id)
      .orderBy("invitation_id")
      .execute();
    const secret = organization.invitation_secret!;
    const paths = rows.map((row) => `/s/${organizationId}/${invitationToken(secret, row.invitation_id)}`);
    return { database, organizationId, paths, seconds: (performance.now() - start) / 1000 };
  } catch (error) {
    await database.close();
    throw error;
  }
}

/** The `n`-th form body: scores cycle through 0–10 so every rollup bucket moves. */
export function formBody(n: number): string {
  const body = new URLSearchParams({
    score: String(n % 11),
    reason: REASONS[n % REASONS.length]!,
    driver_enablement: String((n % 5) + 1),
    driver_deal_registration: n % 7 === 0 ? "na" : String(((n + 2) % 5) + 1),
    q_tools_used: n % 2 ? "portal" : "crm",
  });
  return body.toString();
}

export interface WrittenCounts {
  responses: number;
  jobs: number;
  rollupTotal: number;
  responded: number;
}

/** What the submits left in the database: responses, response.received jobs, rollups, responded invitations. */
export async function countWrites(dataset: SubmitDataset): Promise<WrittenCounts> {
  const counts = await writeCounts(dataset.database.db, dataset.organizationId);
  const responded = await dataset.database.db
    .selectFrom("invitations")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("organization_id", "=", dataset.organizationId)
    .where("status", "=", "responded")
    .executeTakeFirstOrThrow();
  return {
    responses: counts.responses,
    jobs: counts.jobs,
    rollupTotal: counts.rollupTotal,
    responded: Number(responded.n),
  };
}
