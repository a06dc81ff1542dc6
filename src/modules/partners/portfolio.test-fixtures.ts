import { ManualClock } from "../../core/clock.js";
import type { AppDatabase } from "../../db/database.js";
import type { ResponseRow } from "../responses/response.repository.js";
import { insertResponsesWithRollups } from "../responses/response.service.js";
import type { ServiceContext } from "./partner.service.js";

/**
 * A small program of two partner managers: Anna owns Alpha and Beta, Bob owns Gamma, nobody owns Delta.
 * Values are chosen so every figure can be worked out by hand (see the tests).
 */
export const USERS = { anna: "u-anna", bob: "u-bob", admin: "u-admin" } as const;

const partner = (
  id: string,
  name: string,
  owner: string | null,
  tier: string,
  type: string,
  region: string,
  revenue: number,
) => ({
  partner_id: id,
  name,
  owner_user_id: owner,
  tier,
  type,
  region,
  annual_revenue: revenue,
});

export const PARTNERS = [
  partner("p-alpha", "Alpha Systèmes", USERS.anna, "gold", "reseller", "EMEA", 500_000),
  partner("p-beta", "Beta Integration", USERS.anna, "silver", "integrator", "NA", 200_000),
  partner("p-gamma", "Gamma Cloud", USERS.bob, "gold", "reseller", "EMEA", 900_000),
  partner("p-delta", "Delta Orphan", null, "bronze", "referral", "APAC", 50_000),
];

export const CONTACTS = [
  { contact_id: "c-alpha-exec", partner_id: "p-alpha", name: "Claire Dupont", role: "executive_sponsor" },
  { contact_id: "c-alpha-sales", partner_id: "p-alpha", name: "Marc Petit", role: "sales" },
  { contact_id: "c-alpha-tech", partner_id: "p-alpha", name: "Léa Martin", role: "technical" },
  { contact_id: "c-beta-dm", partner_id: "p-beta", name: "Sam Lee", role: "decision_maker" },
  { contact_id: "c-gamma-exec", partner_id: "p-gamma", name: "Greta Berg", role: "executive_sponsor" },
  { contact_id: "c-delta", partner_id: "p-delta", name: "Dan Ode", role: "other" },
];

/** [id, partner, contact, score, submitted at, wave, comment]; wave w-q1 belongs to the anonymous survey. */
export const RESPONSES: [string, string, string | null, number, string, string | null, string | null][] = [
  ["r1", "p-alpha", "c-alpha-exec", 9, "2025-10-10T10:00:00.000Z", "w-q4", "Très bon échange avec l'équipe"],
  ["r2", "p-alpha", "c-alpha-sales", 4, "2025-10-12T10:00:00.000Z", "w-q4", "Support trop lent"],
  ["r3", "p-alpha", "c-alpha-exec", 10, "2026-01-10T10:00:00.000Z", "w-q1", "Excellent ŒUVRE commune"],
  ["r4", "p-alpha", "c-alpha-sales", 8, "2026-01-11T10:00:00.000Z", "w-q1", null],
  ["r5", "p-beta", "c-beta-dm", 6, "2025-10-15T10:00:00.000Z", "w-q4", '=HYPERLINK("http://evil.test")'],
  ["r6", "p-beta", "c-beta-dm", 9, "2026-01-20T10:00:00.000Z", "w-q1", "Bonne communication, merci"],
  ["r7", "p-gamma", "c-gamma-exec", 3, "2025-10-20T10:00:00.000Z", "w-q4", "ECHANGES difficiles"],
  ["r8", "p-gamma", "c-gamma-exec", 2, "2026-01-21T10:00:00.000Z", "w-q1", '-2 points, "déçu"'],
  ["r9", "p-delta", "c-delta", 10, "2026-02-02T10:00:00.000Z", null, "Parfait"],
];

/** [partner, contact, wave, bounced, responded]: invitations that were sent. */
const INVITATIONS: [string, string, string, boolean, boolean][] = [
  ["p-alpha", "c-alpha-exec", "w-q4", false, true],
  ["p-alpha", "c-alpha-sales", "w-q4", false, true],
  ["p-alpha", "c-alpha-tech", "w-q4", true, false],
  ["p-alpha", "c-alpha-exec", "w-q1", false, true],
  ["p-alpha", "c-alpha-sales", "w-q1", false, true],
  ["p-alpha", "c-alpha-tech", "w-q1", false, false],
  ["p-beta", "c-beta-dm", "w-q4", false, true],
  ["p-beta", "c-beta-dm", "w-q1", false, true],
  ["p-gamma", "c-gamma-exec", "w-q4", false, true],
  ["p-gamma", "c-gamma-exec", "w-q1", false, true],
];

const AT = "2025-09-01T00:00:00.000Z";

export async function seedPortfolio(database: AppDatabase, organizationId: string): Promise<void> {
  const db = database.db;
  const org = { organization_id: organizationId };
  await db
    .insertInto("users")
    .values(
      Object.entries(USERS).map(([key, userId]) => ({
        ...org,
        user_id: userId,
        email: `${key}@example.test`,
        name: key === "anna" ? "Anna Manager" : key === "bob" ? "Bob Manager" : "Ada Admin",
        role: key === "admin" ? ("admin" as const) : ("partner_manager" as const),
        password_hash: null,
        lead_user_id: null,
        created_at: AT,
        disabled_at: null,
      })),
    )
    .execute();
  await db
    .insertInto("partners")
    .values(
      PARTNERS.map((p) => ({
        ...org,
        ...p,
        external_id: null,
        country: null,
        industry: null,
        size: null,
        renewal_date: null,
        strategic: 0 as const,
        custom: "{}",
        archived_at: null,
        created_at: AT,
        updated_at: AT,
      })),
    )
    .execute();
  await db
    .insertInto("contacts")
    .values(
      CONTACTS.map((c) => ({
        ...org,
        ...c,
        external_id: null,
        email: `${c.contact_id}@partner.test`,
        language: "fr",
        consent: 1 as const,
        unsubscribed_at: null,
        bounced_at: null,
        custom: "{}",
        archived_at: null,
        created_at: AT,
        updated_at: AT,
      })),
    )
    .execute();
  await db
    .insertInto("surveys")
    .values([
      {
        ...org,
        survey_id: "s-named",
        name: "Relationship 2025",
        kind: "relationship",
        anonymous: 0,
        default_language: "fr",
        languages: '["fr"]',
        questions: "{}",
        created_at: AT,
      },
      {
        ...org,
        survey_id: "s-anon",
        name: "Anonymous pulse",
        kind: "relationship",
        anonymous: 1,
        default_language: "fr",
        languages: '["fr"]',
        questions: "{}",
        created_at: AT,
      },
    ])
    .execute();
  await db
    .insertInto("waves")
    .values([
      {
        ...org,
        wave_id: "w-q4",
        survey_id: "s-named",
        name: "Q4 2025",
        status: "closed",
        audience: "{}",
        reminder_days: "[]",
        opened_at: "2025-10-01T00:00:00.000Z",
        created_at: AT,
      },
      {
        ...org,
        wave_id: "w-q1",
        survey_id: "s-anon",
        name: "Q1 2026",
        status: "open",
        audience: "{}",
        reminder_days: "[]",
        opened_at: "2026-01-05T00:00:00.000Z",
        created_at: AT,
      },
    ])
    .execute();
  await db
    .insertInto("invitations")
    .values(
      INVITATIONS.map(([partnerId, contactId, waveId, bounced, responded], i) => {
        const sent = waveId === "w-q4" ? "2025-10-02T08:00:00.000Z" : "2026-01-06T08:00:00.000Z";
        return {
          ...org,
          invitation_id: `i-${i}`,
          wave_id: waveId,
          survey_id: waveId === "w-q4" ? "s-named" : "s-anon",
          contact_id: contactId,
          partner_id: partnerId,
          token_hash: `hash-${i}`,
          channel: "email" as const,
          status: responded ? ("responded" as const) : bounced ? ("bounced" as const) : ("sent" as const),
          sent_at: sent,
          bounced_at: bounced ? sent : null,
          responded_at: responded ? sent : null,
          reminders_sent: 0,
          created_at: sent,
        };
      }),
    )
    .execute();
  const contacts = new Map(CONTACTS.map((c) => [c.contact_id, c]));
  const partners = new Map(PARTNERS.map((p) => [p.partner_id, p]));
  const rows: ResponseRow[] = RESPONSES.map(([id, partnerId, contactId, score, at, waveId, comment]) => {
    const p = partners.get(partnerId)!;
    return {
      ...org,
      response_id: id,
      partner_id: partnerId,
      contact_id: contactId,
      invitation_id: null,
      survey_id: waveId === null ? null : waveId === "w-q4" ? "s-named" : "s-anon",
      wave_id: waveId,
      external_id: null,
      score,
      category: score >= 9 ? "promoter" : score >= 7 ? "passive" : "detractor",
      comment,
      answers: "{}",
      language: "fr",
      channel: "email",
      source: "web",
      submitted_at: at,
      period_month: at.slice(0, 7),
      partner_tier: p.tier,
      partner_type: p.type,
      partner_region: p.region,
      partner_country: null,
      partner_industry: null,
      partner_size: null,
      owner_user_id: p.owner_user_id,
      contact_role: contactId ? (contacts.get(contactId)?.role ?? null) : null,
      import_id: null,
      created_at: at,
      updated_at: at,
    };
  });
  await db.transaction().execute((trx) => insertResponsesWithRollups(database, trx, organizationId, rows));
  await db
    .insertInto("follow_up_cases")
    .values([
      {
        ...org,
        case_id: "case-open",
        partner_id: "p-alpha",
        owner_user_id: USERS.anna,
        rule: "detractor",
        status: "in_progress",
        due_at: "2025-10-14T17:00:00.000Z",
        first_contact_at: null,
        resolved_at: null,
        escalated_at: null,
        root_causes: "[]",
        action_taken: null,
        created_at: "2025-10-12T10:00:00.000Z",
        updated_at: "2025-10-12T10:00:00.000Z",
      },
      {
        ...org,
        case_id: "case-done",
        partner_id: "p-alpha",
        owner_user_id: USERS.anna,
        rule: "detractor",
        status: "resolved",
        due_at: "2025-10-01T17:00:00.000Z",
        first_contact_at: null,
        resolved_at: "2025-10-02T10:00:00.000Z",
        escalated_at: null,
        root_causes: "[]",
        action_taken: null,
        created_at: "2025-09-30T10:00:00.000Z",
        updated_at: "2025-10-02T10:00:00.000Z",
      },
    ])
    .execute();
}

/** A service context as the routes build it: the whole organization, or one manager's portfolio. */
export function contextFor(
  database: AppDatabase,
  organizationId: string,
  ownerUserId: string | null = null,
): ServiceContext {
  return {
    db: database.db,
    organizationId,
    actor: ownerUserId ? `user:${ownerUserId}` : "user:u-admin",
    clock: new ManualClock("2026-03-01T12:00:00.000Z"),
    ownerUserId,
  };
}
