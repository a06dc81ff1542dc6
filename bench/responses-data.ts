/**
 * Benchmark data: a fresh migrated database with one organization and its partners, and a generated
 * responses CSV (external_id, partner, score, comment, submitted_at) naming those partners. Seeded, so every
 * run imports the same file.
 */
import fs from "node:fs";
import { createRandom, type Random } from "../src/core/demo/random.js";
import { newId } from "../src/core/ids.js";
import { type AppDatabase, openDatabase } from "../src/db/database.js";
import { migrateToLatest } from "../src/db/migrate.js";
import type { PartnerTable } from "../src/db/schema.js";
import {
  insertOrganization,
  type Organization,
} from "../src/modules/organizations/organization.repository.js";
import { createOrganization } from "../src/modules/organizations/organization.service.js";

export interface BenchPartner {
  partner_id: string;
  name: string;
  tier: string;
  type: string;
  region: string;
  country: string;
  industry: string;
  size: string;
}

const PREFIXES = ["Acme", "Blue Fjord", "Cedar", "Dune", "Elm & Oak", "Fjell", "Granite", "Harbor", "Iris"];
const SUFFIXES = ["Integrations", "Systems", "Reseller SARL", "Consulting, Ltd", "GmbH", "AS", "Partners"];
const TIERS = ["Platinum", "Gold", "Silver", "Registered"];
const TYPES = ["Reseller", "Integrator", "MSP", "Distributor"];
const COUNTRIES = [
  ["EMEA", "FR"],
  ["EMEA", "DE"],
  ["EMEA", "NO"],
  ["EMEA", "GB"],
  ["AMER", "US"],
  ["AMER", "BR"],
  ["APAC", "JP"],
  ["APAC", "AU"],
] as const;
const INDUSTRIES = ["Manufacturing", "Retail", "Healthcare", "Public sector", "Finance"];
const SIZES = ["1-10", "11-50", "51-200", "201-1000", "1000+"];
const COMMENTS = [
  "Great partner team",
  "Portal works well",
  '"Support is slow, but the people are friendly"',
  '"Très bon accompagnement, délais à améliorer"',
  "Pricing is too high",
  '"They said ""next week"" three times"',
  "Onboarding took months",
  "Deal registration is painless",
];
const SCORE_WEIGHTS = [2, 1, 1, 2, 2, 4, 6, 14, 20, 24, 24] as const;

/** `count` partners with unique names (some with commas or ampersands) and varied segment attributes. */
export function generatePartners(count: number, seed = "bench-partners"): BenchPartner[] {
  const random = createRandom(seed);
  return Array.from({ length: count }, (_, i) => {
    const [region, country] = random.pick(COUNTRIES);
    return {
      partner_id: newId(),
      name: `${random.pick(PREFIXES)} ${String(i + 1).padStart(4, "0")} ${random.pick(SUFFIXES)}`,
      tier: random.pick(TIERS),
      type: random.pick(TYPES),
      region,
      country,
      industry: random.pick(INDUSTRIES),
      size: random.pick(SIZES),
    };
  });
}

function csvCell(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function drawScore(random: Random): number {
  const total = SCORE_WEIGHTS.reduce((sum, weight) => sum + weight, 0);
  let pick = random.next() * total;
  for (let score = 0; score < SCORE_WEIGHTS.length; score++) {
    pick -= SCORE_WEIGHTS[score]!;
    if (pick < 0) return score;
  }
  return 10;
}

/**
 * Writes a `rows`-row responses CSV: ~60% empty comments, short texts otherwise (some quoted), submitted_at
 * spread over the three years 2023–2025 (ISO, UTC). Returns the file size in bytes.
 */
export function writeResponsesCsv(file: string, rows: number, partners: readonly BenchPartner[]): number {
  const random = createRandom("bench-responses");
  const names = partners.map((partner) => csvCell(partner.name));
  const start = Date.UTC(2023, 0, 1);
  const span = Date.UTC(2026, 0, 1) - start;
  const fd = fs.openSync(file, "w");
  let bytes = 0;
  try {
    let chunk = "external_id,partner,score,comment,submitted_at\n";
    for (let i = 1; i <= rows; i++) {
      const comment = random.next() < 0.6 ? "" : random.pick(COMMENTS);
      const submitted = new Date(start + Math.floor(random.next() * span)).toISOString();
      chunk += `R${String(i).padStart(8, "0")},${random.pick(names)},${drawScore(random)},${comment},${submitted.slice(0, 19)}Z\n`;
      if (i % 20_000 === 0 || i === rows) {
        bytes += fs.writeSync(fd, chunk);
        chunk = "";
      }
    }
  } finally {
    fs.closeSync(fd);
  }
  return bytes;
}

export interface SeededDatabase {
  database: AppDatabase;
  organization: Organization;
}

/**
 * A fresh database (SQLite file, or PostgreSQL URL + schema), migrated, with the partners inserted directly
 * under a new organization (`createOrganization`), or under `organization` (same ids as another database).
 */
export async function seedDatabase(
  target: string,
  partners: readonly BenchPartner[],
  options: { schema?: string; organization?: Organization } = {},
): Promise<SeededDatabase> {
  const database = openDatabase(target, options.schema ? { schema: options.schema } : {});
  try {
    await migrateToLatest(database.db, database.schema);
    let organization = options.organization;
    if (organization) await insertOrganization(database.db, organization);
    else organization = await createOrganization(database.db, { name: "Bench Org", slug: "bench" });
    const now = new Date().toISOString();
    const rows: PartnerTable[] = partners.map((partner) => ({
      organization_id: organization.organization_id,
      external_id: null,
      owner_user_id: null,
      annual_revenue: null,
      renewal_date: null,
      strategic: 0,
      custom: "{}",
      archived_at: null,
      created_at: now,
      updated_at: now,
      ...partner,
    }));
    await database.db.transaction().execute((trx) => database.bulkInsert(trx, "partners", rows));
    return { database, organization };
  } catch (error) {
    await database.close();
    throw error;
  }
}
