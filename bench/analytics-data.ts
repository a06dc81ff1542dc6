/**
 * Data for the analytics benchmark: one organization with its partner managers and partners (tiers in
 * realistic proportions, regions, countries, industries, sizes, revenue), and responses over the twelve
 * quarters 2023-Q1 … 2025-Q4, written in chronological batches through the product's write path
 * (`insertResponsesWithRollups`), so the rollups are the product's own. Seeded: the same flags give the
 * same values (ids are the product's time-ordered ids, so they differ between generations).
 */
import { createRandom, type Random } from "../src/core/demo/random.js";
import { newId } from "../src/core/ids.js";
import { classifyScore } from "../src/core/statistics/classification.js";
import type { AppDatabase } from "../src/db/database.js";
import { migrateToLatest } from "../src/db/migrate.js";
import type { PartnerTable, UserTable } from "../src/db/schema.js";
import { createOrganization } from "../src/modules/organizations/organization.service.js";
import type { ResponseRow } from "../src/modules/responses/response.repository.js";
import { insertResponsesWithRollups } from "../src/modules/responses/response.service.js";

/** Bump when the generated data changes: cached databases of another version are not reused. */
export const GENERATOR_VERSION = 1;

/** The twelve quarters the responses cover, as the report's date range (whole months: rollups answer). */
export const PERIOD = { from: "2023-01-01", to: "2025-12-31", firstYear: 2023, quarters: 12 } as const;

interface TierProfile {
  tier: string;
  /** Share of the partners. */
  share: number;
  /** Relative number of responses per partner (more contacts surveyed at larger partners). */
  responseWeight: number;
  /** Mean of the latent score before rounding; higher tiers are a little happier. */
  scoreMean: number;
  /** Share of partners with an assigned partner manager. */
  managed: number;
  /** Median annual revenue. */
  revenue: number;
}

const TIERS: readonly TierProfile[] = [
  { tier: "Platinum", share: 0.02, responseWeight: 6, scoreMean: 8.5, managed: 1, revenue: 5_000_000 },
  { tier: "Gold", share: 0.08, responseWeight: 3, scoreMean: 8.1, managed: 1, revenue: 1_500_000 },
  { tier: "Silver", share: 0.25, responseWeight: 1.5, scoreMean: 7.7, managed: 0.6, revenue: 400_000 },
  { tier: "Registered", share: 0.65, responseWeight: 0.7, scoreMean: 7.2, managed: 0.1, revenue: 80_000 },
];
const TYPES = [
  ["Reseller", 45],
  ["Integrator", 25],
  ["MSP", 20],
  ["Distributor", 3],
  ["Referral", 7],
] as const;
const COUNTRIES: readonly (readonly [readonly [string, string], number])[] = [
  [["EMEA", "DE"], 10],
  [["EMEA", "FR"], 8],
  [["EMEA", "GB"], 8],
  [["EMEA", "NL"], 4],
  [["EMEA", "NO"], 2],
  [["EMEA", "ES"], 4],
  [["AMER", "US"], 28],
  [["AMER", "CA"], 4],
  [["AMER", "BR"], 5],
  [["AMER", "MX"], 3],
  [["APAC", "JP"], 6],
  [["APAC", "AU"], 5],
  [["APAC", "IN"], 7],
  [["APAC", "SG"], 2],
] as const;
const LANGUAGES: Record<string, string> = { DE: "de", FR: "fr", ES: "es", MX: "es" };
const INDUSTRIES = ["Manufacturing", "Retail", "Healthcare", "Public sector", "Finance", "Technology"];
const SIZES = [
  ["1-10", 30],
  ["11-50", 35],
  ["51-200", 20],
  ["201-1000", 10],
  ["1000+", 5],
] as const;
const ROLES = [
  ["executive_sponsor", 8],
  ["decision_maker", 14],
  ["sales", 32],
  ["technical", 26],
  ["marketing", 10],
  [null, 10],
] as const;
const COMMENTS = [
  "Great partner team",
  "Portal works well",
  "Support is slow, but the people are friendly",
  "Pricing is too high",
  "Onboarding took months",
  "Deal registration is painless",
  "Too many tools to log into",
  "Our channel manager changes every quarter",
];
const MANAGERS = 60;

export interface GeneratedPartner extends PartnerTable {
  /** Relative response volume of this partner. */
  weight: number;
  /** This partner's offset on the latent score (some partners are happier than others). */
  mood: number;
  scoreMean: number;
}

function generateManagers(organizationId: string, now: string): UserTable[] {
  return Array.from({ length: MANAGERS }, (_, i) => ({
    organization_id: organizationId,
    user_id: newId(),
    email: `manager${i + 1}@bench.example`,
    name: `Partner Manager ${i + 1}`,
    role: "partner_manager",
    password_hash: null,
    lead_user_id: null,
    created_at: now,
    disabled_at: null,
  }));
}

export function generatePartners(
  count: number,
  organizationId: string,
  managerIds: readonly string[],
  now: string,
): GeneratedPartner[] {
  const random = createRandom("bench-analytics-partners");
  const partners: GeneratedPartner[] = [];
  for (const profile of TIERS) {
    // The tier shares are exact (rounded), the last tier takes the remainder.
    const tierCount = profile === TIERS.at(-1) ? count - partners.length : Math.round(count * profile.share);
    for (let i = 0; i < tierCount; i++) {
      const [region, country] = random.weighted(COUNTRIES);
      const index = partners.length + 1;
      partners.push({
        organization_id: organizationId,
        partner_id: newId(),
        external_id: `P${String(index).padStart(6, "0")}`,
        name: `Partner ${String(index).padStart(6, "0")} ${random.pick(["GmbH", "SARL", "Inc.", "Ltd", "AS", "KK"])}`,
        type: random.weighted(TYPES),
        tier: profile.tier,
        region,
        country,
        industry: random.pick(INDUSTRIES),
        size: random.weighted(SIZES),
        owner_user_id: random.chance(profile.managed) ? random.pick(managerIds) : null,
        annual_revenue: Math.round(random.logNormal(profile.revenue, 0.6)),
        renewal_date: null,
        strategic: profile.tier === "Platinum" ? 1 : 0,
        custom: "{}",
        archived_at: null,
        created_at: now,
        updated_at: now,
        weight: profile.responseWeight * random.logNormal(1, 0.5),
        mood: random.normal(0, 0.8),
        scoreMean: profile.scoreMean,
      });
    }
  }
  return random.shuffle(partners);
}

/** Responses per month: quarterly waves (most answers in the wave's first month), 3% growth a quarter. */
function monthlyCounts(total: number): { month: string; start: number; end: number; count: number }[] {
  const weights: number[] = [];
  for (let q = 0; q < PERIOD.quarters; q++)
    for (const share of [0.55, 0.28, 0.17]) weights.push(share * 1.03 ** q);
  const sum = weights.reduce((a, b) => a + b, 0);
  let assigned = 0;
  let running = 0;
  return weights.map((weight, i) => {
    running += weight;
    const cumulative = Math.round((total * running) / sum);
    const count = cumulative - assigned;
    assigned = cumulative;
    const year = PERIOD.firstYear + Math.floor(i / 12);
    const month = i % 12;
    return {
      month: `${year}-${String(month + 1).padStart(2, "0")}`,
      start: Date.UTC(year, month, 1),
      end: Date.UTC(year, month + 1, 1),
      count,
    };
  });
}

/** Weighted partner choice by binary search over the cumulative weights. */
function partnerPicker(partners: readonly GeneratedPartner[], random: Random): () => GeneratedPartner {
  const cumulative = new Float64Array(partners.length);
  let sum = 0;
  partners.forEach((partner, i) => {
    sum += partner.weight;
    cumulative[i] = sum;
  });
  return () => {
    const target = random.next() * sum;
    let low = 0;
    let high = partners.length - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (cumulative[middle]! > target) high = middle;
      else low = middle + 1;
    }
    return partners[low]!;
  };
}

/**
 * `total` responses in chronological order, in batches of `batchSize`: a latent score per response
 * (tier mean + partner mood + a slow improvement over the three years + noise), rounded into 0–10.
 */
export function* responseBatches(
  organizationId: string,
  partners: readonly GeneratedPartner[],
  total: number,
  batchSize: number,
): Generator<ResponseRow[]> {
  const random = createRandom(`bench-analytics-responses-${total}`);
  const pickPartner = partnerPicker(partners, random);
  const span = Date.UTC(PERIOD.firstYear + 3, 0, 1) - Date.UTC(PERIOD.firstYear, 0, 1);
  let batch: ResponseRow[] = [];
  for (const { month, start, end, count } of monthlyCounts(total)) {
    const length = end - start;
    for (let k = 0; k < count; k++) {
      const time = start + Math.floor(((k + random.next()) / count) * length);
      const submittedAt = new Date(time).toISOString();
      const partner = pickPartner();
      const trend = (0.3 * (time - Date.UTC(PERIOD.firstYear, 0, 1))) / span;
      const latent = random.normal(partner.scoreMean + partner.mood + trend, 1.9);
      const score = Math.min(10, Math.max(0, Math.round(latent)));
      batch.push({
        organization_id: organizationId,
        response_id: newId(time),
        partner_id: partner.partner_id,
        contact_id: null,
        invitation_id: null,
        survey_id: null,
        wave_id: null,
        external_id: null,
        score,
        category: classifyScore(score),
        comment: random.chance(0.35) ? random.pick(COMMENTS) : null,
        answers: "{}",
        language: LANGUAGES[partner.country ?? ""] ?? "en",
        channel: random.chance(0.75) ? "email" : "link",
        source: "web",
        submitted_at: submittedAt,
        period_month: month,
        partner_tier: partner.tier,
        partner_type: partner.type,
        partner_region: partner.region,
        partner_country: partner.country,
        partner_industry: partner.industry,
        partner_size: partner.size,
        owner_user_id: partner.owner_user_id,
        contact_role: random.weighted(ROLES),
        import_id: null,
        created_at: submittedAt,
        updated_at: submittedAt,
      });
      if (batch.length === batchSize) {
        yield batch;
        batch = [];
      }
    }
  }
  if (batch.length > 0) yield batch;
}

export class TimeLimitError extends Error {}

export interface PopulateOptions {
  responses: number;
  partners: number;
  /** Responses per transaction. */
  batchSize: number;
  log(message: string): void;
  /** performance.now() after which the generation stops with an error (time-limited runs). */
  deadline?: number;
}

export interface Populated {
  organizationId: string;
  seconds: number;
}

/**
 * Migrates `database`, creates the organization (`createOrganization`), its partner managers and
 * partners, then writes the responses with their rollups, one transaction per batch.
 */
export async function populate(database: AppDatabase, options: PopulateOptions): Promise<Populated> {
  const start = performance.now();
  await migrateToLatest(database.db, database.schema);
  const organization = await createOrganization(database.db, { name: "Bench Analytics", slug: "bench" });
  const organizationId = organization.organization_id;
  const now = "2022-06-01T00:00:00.000Z";
  const managers = generateManagers(organizationId, now);
  const partners = generatePartners(
    options.partners,
    organizationId,
    managers.map((m) => m.user_id),
    now,
  );
  await database.db.transaction().execute(async (trx) => {
    await database.bulkInsert(trx, "users", managers);
    await database.bulkInsert(
      trx,
      "partners",
      partners.map(({ weight: _w, mood: _m, scoreMean: _s, ...row }) => row),
    );
  });
  let written = 0;
  let lastLog = performance.now();
  for (const batch of responseBatches(organizationId, partners, options.responses, options.batchSize)) {
    await database.db
      .transaction()
      .execute((trx) => insertResponsesWithRollups(database, trx, organizationId, batch));
    written += batch.length;
    if (options.deadline !== undefined && performance.now() > options.deadline && written < options.responses)
      throw new TimeLimitError(
        `time limit reached after ${written.toLocaleString("en-US")} of ${options.responses.toLocaleString("en-US")} responses`,
      );
    if (performance.now() - lastLog > 30_000 || written === options.responses) {
      lastLog = performance.now();
      const seconds = (lastLog - start) / 1000;
      options.log(
        `  ${written.toLocaleString("en-US")}/${options.responses.toLocaleString("en-US")} responses written (${Math.round(written / seconds).toLocaleString("en-US")} rows/s)`,
      );
    }
  }
  return { organizationId, seconds: (performance.now() - start) / 1000 };
}
