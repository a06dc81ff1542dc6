import { beforeAll, describe, expect, it } from "vitest";
import type {
  ContactTable,
  InvitationTable,
  OperationalMetricTable,
  OrganizationTable,
  PartnerTable,
  ResponseTable,
  SurveyTable,
  ThemeTable,
  UserTable,
  WaveTable,
} from "../../db/schema.js";
import { type DemoDataset, generateDemoDataset } from "./generate-demo-dataset.js";

const ORG = "org-demo";
const REFERENCE = "2026-11-30T00:00:00.000Z";
const DAY = 86_400_000;

// Compile-time complete column lists: `satisfies Record<keyof Row, true>` fails on a missing or extra key.
const COLUMNS = {
  organization: {
    organization_id: true,
    name: true,
    slug: true,
    company_name: true,
    settings: true,
    invitation_secret: true,
    created_at: true,
  } satisfies Record<keyof OrganizationTable, true>,
  users: {
    organization_id: true,
    user_id: true,
    email: true,
    name: true,
    role: true,
    password_hash: true,
    lead_user_id: true,
    created_at: true,
    disabled_at: true,
  } satisfies Record<keyof UserTable, true>,
  partners: {
    organization_id: true,
    partner_id: true,
    external_id: true,
    name: true,
    type: true,
    tier: true,
    region: true,
    country: true,
    industry: true,
    size: true,
    owner_user_id: true,
    annual_revenue: true,
    renewal_date: true,
    strategic: true,
    custom: true,
    archived_at: true,
    created_at: true,
    updated_at: true,
  } satisfies Record<keyof PartnerTable, true>,
  contacts: {
    organization_id: true,
    contact_id: true,
    partner_id: true,
    external_id: true,
    name: true,
    email: true,
    role: true,
    language: true,
    consent: true,
    unsubscribed_at: true,
    bounced_at: true,
    custom: true,
    archived_at: true,
    created_at: true,
    updated_at: true,
  } satisfies Record<keyof ContactTable, true>,
  surveys: {
    organization_id: true,
    survey_id: true,
    name: true,
    kind: true,
    anonymous: true,
    default_language: true,
    languages: true,
    questions: true,
    created_at: true,
    archived_at: true,
  } satisfies Record<keyof SurveyTable, true>,
  waves: {
    organization_id: true,
    wave_id: true,
    survey_id: true,
    name: true,
    status: true,
    audience: true,
    reminder_days: true,
    scheduled_at: true,
    opened_at: true,
    closes_at: true,
    closed_at: true,
    created_at: true,
  } satisfies Record<keyof WaveTable, true>,
  invitations: {
    organization_id: true,
    invitation_id: true,
    wave_id: true,
    survey_id: true,
    contact_id: true,
    partner_id: true,
    token_hash: true,
    channel: true,
    event_type: true,
    event_id: true,
    status: true,
    sent_at: true,
    delivered_at: true,
    bounced_at: true,
    clicked_at: true,
    responded_at: true,
    reminders_sent: true,
    last_reminded_at: true,
    sending_at: true,
    unsubscribed_at: true,
    complained_at: true,
    language: true,
    created_at: true,
  } satisfies Record<keyof InvitationTable, true>,
  responses: {
    organization_id: true,
    response_id: true,
    partner_id: true,
    contact_id: true,
    invitation_id: true,
    survey_id: true,
    wave_id: true,
    external_id: true,
    score: true,
    category: true,
    comment: true,
    answers: true,
    language: true,
    channel: true,
    source: true,
    submitted_at: true,
    period_month: true,
    partner_tier: true,
    partner_type: true,
    partner_region: true,
    partner_country: true,
    partner_industry: true,
    partner_size: true,
    owner_user_id: true,
    contact_role: true,
    import_id: true,
    created_at: true,
    updated_at: true,
  } satisfies Record<keyof ResponseTable, true>,
  operationalMetrics: {
    organization_id: true,
    metric_id: true,
    partner_id: true,
    metric: true,
    period: true,
    value: true,
    created_at: true,
  } satisfies Record<keyof OperationalMetricTable, true>,
  themes: {
    organization_id: true,
    theme_id: true,
    name: true,
    keywords: true,
    created_at: true,
  } satisfies Record<keyof ThemeTable, true>,
};

function nps(scores: readonly number[]): number {
  const promoters = scores.filter((s) => s >= 9).length;
  const detractors = scores.filter((s) => s <= 6).length;
  return (100 * (promoters - detractors)) / scores.length;
}

function tierAt(partner: PartnerTable, at: string): string | null {
  const history =
    (JSON.parse(partner.custom) as { tier_history?: { tier: string; until: string }[] }).tier_history ?? [];
  for (const step of history) if (at < step.until) return step.tier;
  return partner.tier;
}

// Collects row-level problems so one assertion reports them instead of a hundred thousand expect() calls.
function collector() {
  const problems: string[] = [];
  return {
    problems,
    ok(condition: boolean, label: string) {
      if (!condition) problems.push(label);
    },
    same(actual: unknown, expected: unknown, label: string) {
      if (actual !== expected) problems.push(`${label}: ${String(actual)} ≠ ${String(expected)}`);
    },
  };
}

let dataset: DemoDataset;

beforeAll(() => {
  dataset = generateDemoDataset({ seed: 1, organizationId: ORG });
});

describe("generateDemoDataset", () => {
  it("is deterministic per seed and differs between seeds", () => {
    expect(generateDemoDataset({ seed: 1, organizationId: ORG, referenceDate: REFERENCE })).toEqual(dataset);
    const other = generateDemoDataset({ seed: 2, organizationId: ORG });
    expect(other.partners.map((p) => p.name)).not.toEqual(dataset.partners.map((p) => p.name));
    expect(other.responses.map((r) => r.score)).not.toEqual(dataset.responses.map((r) => r.score));
  });

  it("fills every column of every row, scoped to the organization", () => {
    const problems: string[] = [];
    for (const [table, columns] of Object.entries(COLUMNS)) {
      const value = dataset[table as keyof DemoDataset];
      const rows = (Array.isArray(value) ? value : [value]) as unknown as Record<string, unknown>[];
      expect(rows.length, table).toBeGreaterThan(0);
      const expected = Object.keys(columns).sort().join(",");
      for (const row of rows) {
        if (Object.keys(row).sort().join(",") !== expected)
          problems.push(`${table}: columns ${Object.keys(row)}`);
        if (row.organization_id !== ORG)
          problems.push(`${table}: organization ${String(row.organization_id)}`);
        for (const [column, cell] of Object.entries(row))
          if (cell === undefined) problems.push(`${table}.${column}`);
      }
    }
    expect(problems.slice(0, 5)).toEqual([]);
  });

  it("has the brief's sizes", () => {
    expect(dataset.partners).toHaveLength(400);
    expect(dataset.contacts.length).toBeGreaterThanOrEqual(1300);
    expect(dataset.contacts.length).toBeLessThanOrEqual(1700);
    expect(dataset.responses.length).toBeGreaterThanOrEqual(6000);
    expect(dataset.responses.length).toBeLessThanOrEqual(9000);
    expect(dataset.waves).toHaveLength(12);
    expect(dataset.surveys.map((s) => s.kind).sort()).toEqual(["relationship", "transactional"]);
    expect(generateDemoDataset({ seed: 3, organizationId: ORG, partners: 50 }).partners).toHaveLength(50);
  });

  it("uses unique ids and unique token hashes that look like SHA-256", () => {
    const unique = (values: readonly string[]) => new Set(values).size === values.length;
    expect(unique(dataset.users.map((u) => u.user_id))).toBe(true);
    expect(unique(dataset.users.map((u) => u.email))).toBe(true);
    expect(unique(dataset.partners.map((p) => p.partner_id))).toBe(true);
    expect(unique(dataset.partners.map((p) => p.name))).toBe(true);
    expect(unique(dataset.contacts.map((c) => c.contact_id))).toBe(true);
    expect(unique(dataset.invitations.map((i) => i.invitation_id))).toBe(true);
    expect(unique(dataset.invitations.map((i) => i.token_hash))).toBe(true);
    expect(unique(dataset.responses.map((r) => r.response_id))).toBe(true);
    expect(unique(dataset.operationalMetrics.map((m) => m.metric_id))).toBe(true);
    for (const invitation of dataset.invitations) expect(invitation.token_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("seeds the organization, its settings and its users", () => {
    expect(dataset.organization.company_name).toBe("Northwind Cloud");
    const settings = JSON.parse(dataset.organization.settings);
    expect(settings).toMatchObject({
      intervalMethod: "adjusted-wald",
      smallSampleThreshold: 30,
      timeZone: "Europe/Paris",
      roleWeights: { executive_sponsor: 2, decision_maker: 2 },
      defaultRoleWeight: 1,
      fatigue: { minDaysBetweenSurveys: 60 },
    });
    const byRole = (role: string) => dataset.users.filter((u) => u.role === role);
    expect(byRole("admin")).toHaveLength(1);
    expect(byRole("analyst")).toHaveLength(2);
    expect(byRole("viewer")).toHaveLength(1);
    const managers = dataset.users.filter((u) => u.user_id.startsWith("demo-u-pm-"));
    expect(managers).toHaveLength(12);
    const userIds = new Set(dataset.users.map((u) => u.user_id));
    for (const manager of managers) {
      expect(manager.role).toBe("partner_manager");
      expect(manager.lead_user_id).toMatch(/^demo-u-head-/);
      expect(userIds.has(manager.lead_user_id!)).toBe(true);
    }
    for (const user of dataset.users) {
      expect(user.email).toMatch(/^[a-z.]+@example\.com$/);
      expect(user.password_hash).toBeNull();
    }
    const owners = new Set(dataset.partners.map((p) => p.owner_user_id));
    expect([...owners].every((id) => id?.startsWith("demo-u-pm-"))).toBe(true);
  });

  it("makes partners plausible: fewer at the top, richer at the top, platinum strategic", () => {
    const count = (tier: string) => dataset.partners.filter((p) => p.tier === tier).length;
    expect(count("platinum")).toBeLessThan(count("gold"));
    expect(count("gold")).toBeLessThan(count("silver"));
    expect(count("silver")).toBeLessThan(count("registered"));
    const median = (tier: string) => {
      const values = dataset.partners.filter((p) => p.tier === tier).map((p) => p.annual_revenue ?? 0);
      values.sort((a, b) => a - b);
      return values[Math.floor(values.length / 2)]!;
    };
    expect(median("platinum")).toBeGreaterThan(median("gold"));
    expect(median("gold")).toBeGreaterThan(median("silver"));
    expect(median("silver")).toBeGreaterThan(median("registered"));
    for (const partner of dataset.partners) {
      if (partner.tier === "platinum") expect(partner.strategic).toBe(1);
      if (partner.tier === "silver" || partner.tier === "registered") expect(partner.strategic).toBe(0);
      expect(["EMEA", "North America", "LATAM", "APAC"]).toContain(partner.region);
      const custom = JSON.parse(partner.custom);
      expect(typeof custom.certifications).toBe("number");
      expect(typeof custom.partner_since).toBe("number");
    }
    expect(dataset.partners.find((p) => p.country === "Germany")?.region).toBe("EMEA");
    const renewals = dataset.partners.map((p) => Date.parse(p.renewal_date!));
    expect(Math.min(...renewals)).toBeLessThan(Date.parse(REFERENCE) - 200 * DAY);
    expect(Math.max(...renewals)).toBeGreaterThan(Date.parse(REFERENCE) + 400 * DAY);
  });

  it("gives contacts roles and languages that match their country", () => {
    const partners = new Map(dataset.partners.map((p) => [p.partner_id, p]));
    const perPartner = new Map<string, number>();
    for (const contact of dataset.contacts) {
      perPartner.set(contact.partner_id, (perPartner.get(contact.partner_id) ?? 0) + 1);
      const country = partners.get(contact.partner_id)!.country;
      if (contact.language === "de") expect(["Germany", "Austria", "Switzerland"]).toContain(country);
      if (contact.language === "fr")
        expect(["France", "Belgium", "Switzerland", "Canada"]).toContain(country);
      if (contact.language === "es")
        expect(["Spain", "Mexico", "Argentina", "Colombia", "Chile"]).toContain(country);
    }
    expect(Math.min(...perPartner.values())).toBeGreaterThanOrEqual(2);
    expect(Math.max(...perPartner.values())).toBeLessThanOrEqual(6);
    const languages = dataset.contacts.map((c) => c.language);
    expect(languages.filter((l) => l === "en").length).toBeGreaterThan(dataset.contacts.length / 2);
    for (const language of ["fr", "de", "es"]) expect(languages).toContain(language);
    for (const role of [
      "executive_sponsor",
      "decision_maker",
      "sales",
      "technical",
      "marketing",
      "operations",
    ]) {
      expect(
        dataset.contacts.some((c) => c.role === role),
        role,
      ).toBe(true);
    }
    expect(dataset.contacts.filter((c) => c.unsubscribed_at).length).toBeGreaterThan(5);
    expect(dataset.contacts.filter((c) => c.bounced_at).length).toBeGreaterThan(5);
  });

  it("runs twelve quarterly waves, the latest still open with unanswered invitations", () => {
    const waves = dataset.waves;
    for (let i = 1; i < waves.length; i++) {
      const gap = Date.parse(waves[i]!.opened_at!) - Date.parse(waves[i - 1]!.opened_at!);
      expect(gap).toBeGreaterThanOrEqual(88 * DAY);
      expect(gap).toBeLessThanOrEqual(93 * DAY);
    }
    expect(waves[0]!.wave_id).toBe("demo-w-2024-q1");
    const latest = waves[waves.length - 1]!;
    expect(latest.wave_id).toBe("demo-w-2026-q4");
    expect(latest.status).toBe("open");
    expect(latest.closed_at).toBeNull();
    expect(latest.closes_at! > REFERENCE).toBe(true);
    expect(
      waves
        .slice(0, -1)
        .every((w) => w.status === "closed" && w.closed_at !== null && w.closed_at <= REFERENCE),
    ).toBe(true);
    const latestInvitations = dataset.invitations.filter((i) => i.wave_id === latest.wave_id);
    expect(latestInvitations.filter((i) => i.status === "sent").length).toBeGreaterThan(100);
    expect(latestInvitations.filter((i) => i.status === "responded").length).toBeGreaterThan(100);
    const closedIds = new Set(waves.slice(0, -1).map((w) => w.wave_id));
    for (const invitation of dataset.invitations) {
      if (closedIds.has(invitation.wave_id!)) expect(invitation.status).not.toBe("sent");
    }
  });

  it("never surveys a contact twice within 60 days, nor after a bounce, an unsubscribe or churn", () => {
    const check = collector();
    const contacts = new Map(dataset.contacts.map((c) => [c.contact_id, c]));
    const partners = new Map(dataset.partners.map((p) => [p.partner_id, p]));
    const lastSent = new Map<string, number>();
    for (const invitation of dataset.invitations) {
      const id = invitation.invitation_id;
      const sent = Date.parse(invitation.sent_at!);
      const previous = lastSent.get(invitation.contact_id);
      if (previous !== undefined) check.ok(sent - previous >= 60 * DAY, `${id} fatigue`);
      lastSent.set(invitation.contact_id, sent);
      const contact = contacts.get(invitation.contact_id)!;
      check.same(contact.partner_id, invitation.partner_id, `${id} partner`);
      check.ok(invitation.sent_at! >= contact.created_at, `${id} before contact existed`);
      if (contact.bounced_at) check.ok(invitation.sent_at! <= contact.bounced_at, `${id} after bounce`);
      if (contact.unsubscribed_at)
        check.ok(invitation.sent_at! < contact.unsubscribed_at, `${id} after unsubscribe`);
      const partner = partners.get(invitation.partner_id)!;
      if (partner.archived_at) check.ok(invitation.sent_at! < partner.archived_at, `${id} after churn`);
      if (invitation.status === "bounced")
        check.same(contact.bounced_at, invitation.bounced_at, `${id} bounce`);
    }
    expect(check.problems.slice(0, 5)).toEqual([]);
  });

  it("keeps every timestamp at or before the reference date", () => {
    const stamps: (string | null)[] = [];
    for (const p of dataset.partners) stamps.push(p.created_at, p.updated_at, p.archived_at);
    for (const c of dataset.contacts)
      stamps.push(c.created_at, c.updated_at, c.unsubscribed_at, c.bounced_at);
    for (const i of dataset.invitations) {
      stamps.push(
        i.created_at,
        i.sent_at,
        i.delivered_at,
        i.bounced_at,
        i.clicked_at,
        i.responded_at,
        i.last_reminded_at,
      );
    }
    for (const r of dataset.responses) stamps.push(r.submitted_at, r.created_at, r.updated_at);
    for (const m of dataset.operationalMetrics) stamps.push(m.created_at);
    expect(stamps.filter((stamp) => stamp !== null && stamp > REFERENCE)).toEqual([]);
  });

  it("links each response to its responded invitation, inside its wave and quarter", () => {
    const check = collector();
    const invitations = new Map(dataset.invitations.map((i) => [i.invitation_id, i]));
    const waves = new Map(dataset.waves.map((w) => [w.wave_id, w]));
    for (const response of dataset.responses) {
      const id = response.response_id;
      const invitation = invitations.get(response.invitation_id!)!;
      check.same(invitation.status, "responded", `${id} status`);
      check.same(invitation.responded_at, response.submitted_at, `${id} responded_at`);
      check.same(invitation.contact_id, response.contact_id, `${id} contact`);
      check.same(invitation.partner_id, response.partner_id, `${id} partner`);
      check.same(invitation.wave_id, response.wave_id, `${id} wave`);
      const wave = waves.get(response.wave_id!)!;
      check.ok(response.submitted_at > invitation.sent_at!, `${id} before sending`);
      check.ok(response.submitted_at < wave.closes_at!, `${id} after closing`);
      const [year, quarter] = wave.wave_id.replace("demo-w-", "").split("-q");
      check.same(response.period_month.slice(0, 4), year, `${id} year`);
      check.same(Math.ceil(Number(response.period_month.slice(5, 7)) / 3), Number(quarter), `${id} quarter`);
      check.same(response.period_month, response.submitted_at.slice(0, 7), `${id} period_month`);
      check.same(response.channel, "email", `${id} channel`);
      check.same(response.source, "demo", `${id} source`);
    }
    expect(check.problems.slice(0, 5)).toEqual([]);
    const responded = dataset.invitations.filter((i) => i.status === "responded").length;
    expect(responded).toBe(dataset.responses.length);
  });

  it("gives every response the category of its score and the snapshot of its partner and contact", () => {
    const check = collector();
    const partners = new Map(dataset.partners.map((p) => [p.partner_id, p]));
    const contacts = new Map(dataset.contacts.map((c) => [c.contact_id, c]));
    let tierChanges = 0;
    for (const r of dataset.responses) {
      const id = r.response_id;
      check.ok(Number.isInteger(r.score) && r.score >= 0 && r.score <= 10, `${id} score`);
      check.same(
        r.category,
        r.score >= 9 ? "promoter" : r.score >= 7 ? "passive" : "detractor",
        `${id} category`,
      );
      const partner = partners.get(r.partner_id)!;
      const contact = contacts.get(r.contact_id!)!;
      check.same(r.partner_tier, tierAt(partner, r.submitted_at), `${id} tier`);
      if (r.partner_tier !== partner.tier) tierChanges += 1;
      check.same(r.partner_type, partner.type, `${id} type`);
      check.same(r.partner_region, partner.region, `${id} region`);
      check.same(r.partner_country, partner.country, `${id} country`);
      check.same(r.partner_industry, partner.industry, `${id} industry`);
      check.same(r.partner_size, partner.size, `${id} size`);
      check.same(r.owner_user_id, partner.owner_user_id, `${id} owner`);
      check.same(r.contact_role, contact.role, `${id} role`);
      check.same(r.language, contact.language, `${id} language`);
      const answers = JSON.parse(r.answers) as { drivers: Record<string, number> };
      for (const rating of Object.values(answers.drivers))
        check.ok(rating >= 1 && rating <= 5, `${id} rating`);
    }
    expect(check.problems.slice(0, 5)).toEqual([]);
    // Some partners changed tier during the period, so snapshots must differ from today's tier.
    expect(tierChanges).toBeGreaterThan(0);
  });

  it("answers at a realistic rate, more at the top tiers, with comments on about 45 %", () => {
    const partners = new Map(dataset.partners.map((p) => [p.partner_id, p]));
    const closed = new Set(dataset.waves.filter((w) => w.status === "closed").map((w) => w.wave_id));
    const delivered = dataset.invitations.filter((i) => i.status !== "bounced" && closed.has(i.wave_id!));
    const rate = (list: InvitationTable[]) =>
      list.filter((i) => i.status === "responded").length / list.length;
    expect(rate(delivered)).toBeGreaterThan(0.35);
    expect(rate(delivered)).toBeLessThan(0.55);
    const ofTier = (tier: string) => delivered.filter((i) => partners.get(i.partner_id)!.tier === tier);
    expect(rate(ofTier("platinum"))).toBeGreaterThan(rate(ofTier("registered")));
    const commented = dataset.responses.filter((r) => r.comment).length / dataset.responses.length;
    expect(commented).toBeGreaterThan(0.38);
    expect(commented).toBeLessThan(0.52);
    const commentLanguages = new Set(dataset.responses.filter((r) => r.comment).map((r) => r.language));
    expect([...commentLanguages].sort()).toEqual(["de", "en", "es", "fr"]);
    const comments = dataset.responses.flatMap((r) => (r.comment ? [r.comment] : []));
    expect(new Set(comments).size).toBeGreaterThan(comments.length * 0.6);
  });

  it("lands the program NPS around 25–40, platinum above registered", () => {
    const overall = nps(dataset.responses.map((r) => r.score));
    expect(overall).toBeGreaterThanOrEqual(25);
    expect(overall).toBeLessThanOrEqual(40);
    const ofTier = (tier: string) =>
      nps(dataset.responses.filter((r) => r.partner_tier === tier).map((r) => r.score));
    expect(ofTier("platinum")).toBeGreaterThan(ofTier("registered") + 10);
  });

  it("records operational metrics per partner and quarter, and renewals only for past renewal dates", () => {
    const metrics = new Set(dataset.operationalMetrics.map((m) => m.metric));
    expect([...metrics].sort()).toEqual(
      [
        "deal_registration_days",
        "mdf_payment_days",
        "pipeline",
        "renewed",
        "revenue",
        "support_response_hours",
      ].sort(),
    );
    const partners = new Map(dataset.partners.map((p) => [p.partner_id, p]));
    const check = collector();
    for (const metric of dataset.operationalMetrics) {
      const id = metric.metric_id;
      if (metric.metric === "renewed") {
        const partner = partners.get(metric.partner_id)!;
        check.same(metric.period, partner.renewal_date, `${id} period`);
        check.ok(metric.period <= REFERENCE.slice(0, 10), `${id} future renewal`);
        check.ok(metric.value === 0 || metric.value === 1, `${id} value`);
        if (metric.value === 0) check.ok(partner.archived_at !== null, `${id} churned but not archived`);
      } else {
        check.ok(/^\d{4}-(01|04|07|10)$/.test(metric.period), `${id} period ${metric.period}`);
        check.ok(Number.isFinite(metric.value) && metric.value >= 0, `${id} value`);
      }
    }
    expect(check.problems.slice(0, 5)).toEqual([]);
  });

  it("works for other reference dates without producing anything after them", () => {
    for (const referenceDate of [
      "2025-02-10T12:00:00Z",
      "2025-01-05T00:00:00Z",
      new Date("2027-06-30T00:00:00Z"),
    ]) {
      const small = generateDemoDataset({ seed: 5, organizationId: ORG, referenceDate, partners: 60 });
      const limit = new Date(referenceDate).toISOString();
      const latest = small.waves[small.waves.length - 1]!;
      expect(latest.status).toBe("open");
      expect(latest.opened_at! < limit && latest.closes_at! > limit).toBe(true);
      for (const r of small.responses) expect(r.submitted_at < limit).toBe(true);
      for (const i of small.invitations) expect(i.sent_at! < limit).toBe(true);
      for (const m of small.operationalMetrics) expect(m.created_at <= limit).toBe(true);
    }
  });

  it("rejects a missing organization id and a bad partner count", () => {
    expect(() => generateDemoDataset({ organizationId: "" })).toThrow();
    expect(() => generateDemoDataset({ organizationId: ORG, partners: 0 })).toThrow();
  });
});
