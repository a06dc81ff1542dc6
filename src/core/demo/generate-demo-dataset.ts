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
import { generateOperationalMetrics } from "./demo-metrics.js";
import { buildOrganization, buildSurveys, buildThemes, buildUsers } from "./demo-organization.js";
import { generatePartners } from "./demo-partners.js";
import { buildTimeline, DAY_MS, DEFAULT_DEMO_REFERENCE_DATE, HOUR_MS, iso } from "./demo-timeline.js";
import { simulateWaves } from "./demo-waves.js";
import { createRandom } from "./random.js";

export interface GenerateDemoDatasetOptions {
  /** Same seed, same dataset; default 1. */
  seed?: number;
  organizationId: string;
  /** "Now" for the demo: the latest wave is open at this instant; default 2026-11-30T00:00:00Z. */
  referenceDate?: string | Date;
  /** Number of partners; default 400. */
  partners?: number;
}

/** Rows for every table the demo fills, in insertion order (parents before children). */
export interface DemoDataset {
  organization: OrganizationTable;
  users: UserTable[];
  partners: PartnerTable[];
  contacts: ContactTable[];
  surveys: SurveyTable[];
  waves: WaveTable[];
  invitations: InvitationTable[];
  responses: ResponseTable[];
  operationalMetrics: OperationalMetricTable[];
  themes: ThemeTable[];
}

/** A realistic, deterministic demo partner program: no I/O, no clock, no Math.random (docs/demo-data.md). */
export function generateDemoDataset(options: GenerateDemoDatasetOptions): DemoDataset {
  const {
    seed = 1,
    organizationId,
    referenceDate = DEFAULT_DEMO_REFERENCE_DATE,
    partners: partnerCount = 400,
  } = options;
  if (!organizationId) throw new Error("organizationId is required");
  if (!Number.isInteger(partnerCount) || partnerCount < 1)
    throw new Error("partners must be a positive integer");

  const random = createRandom(seed);
  const timeline = buildTimeline(referenceDate);
  const createdAt = iso(timeline.organizationCreatedMs);
  const setupAt = iso(timeline.organizationCreatedMs + DAY_MS + 10 * HOUR_MS);

  const partners = generatePartners(random.fork("partners"), organizationId, partnerCount, timeline);
  const simulation = simulateWaves(
    {
      invitations: random.fork("invitations"),
      scores: random.fork("scores"),
      answers: random.fork("answers"),
      comments: random.fork("comments"),
      tokens: random.fork("tokens"),
      renewals: random.fork("renewals"),
    },
    organizationId,
    partners,
    timeline,
  );
  const operationalMetrics = generateOperationalMetrics(
    random.fork("metrics"),
    organizationId,
    partners,
    simulation.renewals,
    timeline,
  );

  return {
    organization: buildOrganization(organizationId, createdAt),
    users: buildUsers(organizationId, createdAt),
    partners: partners.map((p) => p.row),
    contacts: partners.flatMap((p) => p.contacts.map((c) => c.row)),
    surveys: buildSurveys(organizationId, setupAt),
    waves: simulation.waves,
    invitations: simulation.invitations,
    responses: simulation.responses,
    operationalMetrics,
    themes: buildThemes(organizationId, setupAt),
  };
}
