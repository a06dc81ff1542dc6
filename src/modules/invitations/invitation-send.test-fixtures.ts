/** Test support for the invitation-mail tests: the demo organization plus contacts and invitations made to order. */
import { type Insertable, sql } from "kysely";
import { newId } from "../../core/ids.js";
import { invitationToken, tokenHash } from "../../core/tokens.js";
import type { AppDatabase } from "../../db/database.js";
import type { ContactTable, InvitationTable } from "../../db/schema.js";
import { loadDemoOrganization } from "../demo/demo.service.js";

export const REFERENCE_DATE = "2026-11-30T00:00:00Z";
export const WAVE_CLOSES_AT = "2026-12-31T17:00:00.000Z";
export const PUBLIC_URL = "https://nps.example.com";
/** Rows per insert statement. */
const BATCH = 1_000;

export interface ContactSpec {
  email: string;
  name?: string | null;
  language?: string | null;
  unsubscribedAt?: string | null;
  bouncedAt?: string | null;
}

export interface SendFixture {
  organizationId: string;
  companyName: string;
  secret: string;
  waveId: string;
  /** Inserts contacts and one pending invitation each in the fixture's open wave; returns invitation ids. */
  invite(contacts: ContactSpec[]): Promise<string[]>;
}

/** Loads the demo program, then opens a wave of its own: reminders after 4 and 9 days, closing in a month. */
export async function createSendFixture(database: AppDatabase): Promise<SendFixture> {
  const { organization } = await loadDemoOrganization(database, {
    seed: 1,
    referenceDate: REFERENCE_DATE,
    partners: 40,
  });
  const organizationId = organization.organization_id;
  const secret = organization.invitation_secret ?? "";
  const survey = await database.db
    .selectFrom("surveys")
    .select("survey_id")
    .where("organization_id", "=", organizationId)
    .where("kind", "=", "relationship")
    .executeTakeFirstOrThrow();
  const partners = await database.db
    .selectFrom("partners")
    .select("partner_id")
    .where("organization_id", "=", organizationId)
    .orderBy("partner_id")
    .execute();
  const waveId = newId();
  await database.db
    .insertInto("waves")
    .values({
      organization_id: organizationId,
      wave_id: waveId,
      survey_id: survey.survey_id,
      name: "Mail test wave",
      status: "open",
      audience: "{}",
      reminder_days: JSON.stringify([4, 9]),
      scheduled_at: null,
      opened_at: REFERENCE_DATE,
      closes_at: WAVE_CLOSES_AT,
      closed_at: null,
      created_at: REFERENCE_DATE,
    })
    .execute();

  return {
    organizationId,
    companyName: organization.company_name,
    secret,
    waveId,
    async invite(specs) {
      const contacts: Insertable<ContactTable>[] = specs.map((spec, index) => ({
        organization_id: organizationId,
        contact_id: newId(),
        partner_id: partners[index % partners.length]!.partner_id,
        external_id: null,
        name: spec.name === undefined ? `Contact ${index}` : spec.name,
        email: spec.email,
        role: "decision_maker",
        language: spec.language ?? "en",
        consent: 1,
        unsubscribed_at: spec.unsubscribedAt ?? null,
        bounced_at: spec.bouncedAt ?? null,
        custom: "{}",
        archived_at: null,
        created_at: REFERENCE_DATE,
        updated_at: REFERENCE_DATE,
      }));
      const invitations: Insertable<InvitationTable>[] = contacts.map((contact) => {
        const invitationId = newId();
        return {
          organization_id: organizationId,
          invitation_id: invitationId,
          wave_id: waveId,
          survey_id: survey.survey_id,
          contact_id: contact.contact_id,
          partner_id: contact.partner_id,
          token_hash: tokenHash(invitationToken(secret, invitationId)),
          channel: "email",
          event_type: null,
          event_id: null,
          status: "pending",
          sent_at: null,
          delivered_at: null,
          bounced_at: null,
          clicked_at: null,
          responded_at: null,
          reminders_sent: 0,
          last_reminded_at: null,
          sending_at: null,
          unsubscribed_at: null,
          complained_at: null,
          language: null,
          created_at: REFERENCE_DATE,
        };
      });
      for (let start = 0; start < contacts.length; start += BATCH) {
        await database.bulkInsert(database.db, "contacts", contacts.slice(start, start + BATCH));
      }
      // Fresh statistics, or PostgreSQL checks each invitation's contact key by scanning the new contacts.
      if (database.dialect === "postgres") await sql`analyze contacts`.execute(database.db);
      for (let start = 0; start < invitations.length; start += BATCH) {
        await database.bulkInsert(database.db, "invitations", invitations.slice(start, start + BATCH));
      }
      return invitations.map((invitation) => invitation.invitation_id);
    },
  };
}
