import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../core/clock.js";
import { createTestDatabase, describeEachDialect, type TestDatabase } from "../../test-support/databases.js";
import { createContact } from "../contacts/contact.service.js";
import { recordDeliveryEvent } from "../invitations/invitation.service.js";
import { triggerSurvey } from "../invitations/trigger.service.js";
import { createOrganization } from "../organizations/organization.service.js";
import { changeSettings } from "../organizations/settings.service.js";
import { createPartner } from "../partners/partner.service.js";
import { createSurvey } from "../surveys/survey.service.js";
import { previewSurvey } from "../surveys/survey-preview.js";
import { createWave, launchWave, previewAudience, waveProgress } from "./wave.service.js";
import { runWaveCalendar } from "./wave-scheduler.js";

const DAY = 86_400_000;

describeEachDialect("waves, fatigue rules, reminders and triggers", (dialect) => {
  let database: TestDatabase;
  const clock = new ManualClock("2026-06-01T09:00:00Z");
  let service: { db: TestDatabase["db"]; organizationId: string; actor: string; clock: ManualClock };
  let surveyId: string;
  const contacts: Record<string, string> = {};

  const jobs = async (kind: string) =>
    database.db
      .selectFrom("jobs")
      .selectAll()
      .where("organization_id", "=", service.organizationId)
      .where("kind", "=", kind)
      .execute();

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    const organization = await createOrganization(
      database.db,
      { name: "Wingtip", companyName: "Wingtip Toys" },
      clock,
    );
    service = { db: database.db, organizationId: organization.organization_id, actor: "test", clock };
    const acme = await createPartner(service, { name: "Acme", external_id: "P-ACME", tier: "gold" });
    const beta = await createPartner(service, { name: "Beta", external_id: "P-BETA", tier: "silver" });
    for (const [key, partner, role, extra] of [
      ["sponsor", acme, "executive_sponsor", {}],
      ["sales", acme, "sales", {}],
      ["gone", acme, "technical", { unsubscribed: true }],
      ["beta", beta, "decision_maker", {}],
    ] as const) {
      const contact = await createContact(service, {
        partner_id: partner.partner_id,
        external_id: `C-${key}`,
        email: `${key}@partner.example`,
        role,
        ...extra,
      });
      contacts[key] = contact.contact_id;
    }
    await createSurvey(service, { name: "Pulse", kind: "transactional" });
    surveyId = (await createSurvey(service, { name: "Relationship", languages: ["en", "fr"] })).survey_id;
  });
  afterAll(async () => database?.destroy());

  it("previews the audience with every exclusion explained, and launches it once", async () => {
    const wave = await createWave(service, {
      survey_id: surveyId,
      name: "Q2",
      closes_at: "2026-06-30T17:00:00Z",
      reminder_days: [4, 9],
    });
    const preview = await previewAudience(service, wave.wave_id);
    expect(preview.recipients).toBe(3);
    expect(preview.exclusions).toEqual([
      expect.objectContaining({ contact_id: contacts.gone, reason: "unsubscribed" }),
    ]);
    const launched = await launchWave(database, service, wave.wave_id);
    expect(launched).toMatchObject({ status: "open", invited: 3, excluded: 1 });
    expect(await jobs("invitation.send")).toHaveLength(3);
    await expect(launchWave(database, service, wave.wave_id)).rejects.toThrow(/open/);
    expect(await jobs("invitation.send")).toHaveLength(3);
    expect(await waveProgress(service, wave.wave_id, null)).toMatchObject({
      invited: 3,
      sent: 0,
      responded: 0,
    });
  });

  it("applies the organization's minimum days between surveys to the next wave, and lifts it when the rule changes", async () => {
    clock.set("2026-07-10T09:00:00Z");
    const wave = await createWave(service, {
      survey_id: surveyId,
      name: "Q3",
      closes_at: "2026-07-31T17:00:00Z",
    });
    const blocked = await previewAudience(service, wave.wave_id);
    expect(blocked.recipients).toBe(0);
    expect(blocked.excluded_by_reason).toMatchObject({ fatigue: 3, unsubscribed: 1 });
    expect(blocked.exclusions.find((x) => x.reason === "fatigue")?.explanation).toMatch(
      /^surveyed on 2026-06-01; not again before 2026-07-31$/,
    );
    await changeSettings(service, {
      fatigue: { minDaysBetweenSurveys: 30, maxInvitationsPerPartnerPerQuarter: 1 },
    });
    const allowed = await previewAudience(service, wave.wave_id);
    // One invitation per partner per quarter: the sponsor is asked at Acme, the decision maker at Beta.
    expect(allowed.included.map((c) => c.contact_id).sort()).toEqual(
      [contacts.beta, contacts.sponsor].sort(),
    );
    expect(allowed.excluded_by_reason).toMatchObject({ partner_cap: 1 });
    await changeSettings(service, {
      fatigue: { minDaysBetweenSurveys: 60, maxInvitationsPerPartnerPerQuarter: 10 },
    });
  });

  it("queues reminders only for non-responders, once per reminder, and closes the wave on its date", async () => {
    clock.set("2026-06-01T09:00:00Z");
    const wave = await database.db
      .selectFrom("waves")
      .selectAll()
      .where("organization_id", "=", service.organizationId)
      .where("name", "=", "Q2")
      .executeTakeFirstOrThrow();
    const invitations = await database.db
      .selectFrom("invitations")
      .selectAll()
      .where("organization_id", "=", service.organizationId)
      .where("wave_id", "=", wave.wave_id)
      .execute();
    await database.db
      .updateTable("invitations")
      .set({ status: "sent", sent_at: clock.now().toISOString() })
      .where("organization_id", "=", service.organizationId)
      .where("wave_id", "=", wave.wave_id)
      .execute();
    const answered = invitations.find((i) => i.contact_id === contacts.beta)!;
    await database.db
      .updateTable("invitations")
      .set({ status: "responded", responded_at: clock.now().toISOString() })
      .where("organization_id", "=", service.organizationId)
      .where("invitation_id", "=", answered.invitation_id)
      .execute();

    clock.advance(3 * DAY);
    expect((await runWaveCalendar(database, clock)).reminders).toBe(0);
    clock.advance(2 * DAY);
    expect((await runWaveCalendar(database, clock)).reminders).toBe(2);
    await runWaveCalendar(database, clock);
    const reminders = await jobs("invitation.remind");
    expect(reminders).toHaveLength(2);
    expect(
      reminders.map((j) => (JSON.parse(j.payload) as { invitationId: string }).invitationId),
    ).not.toContain(answered.invitation_id);

    clock.set("2026-07-01T00:00:00Z");
    expect((await runWaveCalendar(database, clock)).closed).toBeGreaterThanOrEqual(1);
    const closed = await database.db
      .selectFrom("waves")
      .select("status")
      .where("organization_id", "=", service.organizationId)
      .where("wave_id", "=", wave.wave_id)
      .executeTakeFirstOrThrow();
    expect(closed.status).toBe("closed");
    const expired = await database.db
      .selectFrom("invitations")
      .select("status")
      .where("organization_id", "=", service.organizationId)
      .where("wave_id", "=", wave.wave_id)
      .where("responded_at", "is", null)
      .execute();
    expect(expired.every((i) => i.status === "expired")).toBe(true);
  });

  describe("transactional triggers", () => {
    it("invites once per event id, under the same fatigue rules", async () => {
      clock.set("2026-09-15T09:00:00Z");
      const event = { event_type: "deal_registered", event_id: "deal-42", partner_external_id: "P-BETA" };
      const first = await triggerSurvey(database, service, "http://127.0.0.1:3000", event);
      expect(first.status).toBe("invited");
      const again = await triggerSurvey(database, service, "http://127.0.0.1:3000", event);
      expect(again).toMatchObject({
        status: "existing",
        invitation_id: (first as { invitation_id: string }).invitation_id,
      });
      const sends = (await jobs("invitation.send")).filter(
        (j) =>
          (JSON.parse(j.payload) as { invitationId: string }).invitationId ===
          (first as { invitation_id: string }).invitation_id,
      );
      expect(sends).toHaveLength(1);
      const blocked = await triggerSurvey(database, service, "http://127.0.0.1:3000", {
        ...event,
        event_id: "deal-43",
      });
      expect(blocked).toMatchObject({ status: "skipped", reason: "fatigue" });
    });

    it("asks a partner's senior contact and rejects unknown event types", async () => {
      const result = await triggerSurvey(database, service, "http://127.0.0.1:3000", {
        event_type: "custom:qbr.held",
        event_id: "qbr-1",
        partner_external_id: "P-ACME",
      });
      expect(result.status).toBe("invited");
      const invitation = await database.db
        .selectFrom("invitations")
        .select("contact_id")
        .where("organization_id", "=", service.organizationId)
        .where("event_id", "=", "qbr-1")
        .executeTakeFirstOrThrow();
      expect(invitation.contact_id).toBe(contacts.sponsor);
      await expect(
        triggerSurvey(database, service, "http://x", {
          event_type: "party",
          event_id: "e",
          partner_external_id: "P-ACME",
        }),
      ).rejects.toThrow(/event_type/);
    });
  });

  it("previews the survey in each of its languages, with the company's name in the question", async () => {
    const english = await previewSurvey(service, surveyId, "en");
    expect(english).toContain(
      "How likely are you to recommend Wingtip Toys as a partner to other businesses?",
    );
    const french = await previewSurvey(service, surveyId, "fr");
    expect(french).toContain('lang="fr"');
    expect(french).toContain("Wingtip Toys comme partenaire");
    expect(french).toContain('action="#preview"');
  });

  it("records a bounce against the contact so no further mail goes to it", async () => {
    await recordDeliveryEvent(service, {
      type: "bounce",
      email: "sales@partner.example",
      reason: "550 mailbox unknown",
    });
    const contact = await database.db
      .selectFrom("contacts")
      .select("bounced_at")
      .where("organization_id", "=", service.organizationId)
      .where("contact_id", "=", contacts.sales!)
      .executeTakeFirstOrThrow();
    expect(contact.bounced_at).not.toBeNull();
    await expect(
      recordDeliveryEvent(service, { type: "bounce", invitation_id: "no-such-invitation" }),
    ).rejects.toThrow(/not found/);
  });
});
