import type { OrganizationTable, SurveyTable, ThemeTable, UserTable } from "../../db/schema.js";
import { defaultSettings, type OrganizationSettings } from "../settings.js";
import { DEMO_THEMES, DRIVER_AREAS } from "./comment-templates.js";
import type { DemoRegion } from "./word-lists.js";
import { asciiSlug } from "./word-lists.js";

export const DEMO_COMPANY_NAME = "Northwind Cloud";
export const RELATIONSHIP_SURVEY_ID = "demo-s-relationship";
export const TRANSACTIONAL_SURVEY_ID = "demo-s-transactional";

/** The organization settings the demo seeds; the product's defaults, written out in full. */
/** The product's default settings (source-page bands, role weights 2/2/1, adjusted Wald), in Paris time. */
export const DEMO_ORGANIZATION_SETTINGS: OrganizationSettings = {
  ...defaultSettings,
  timeZone: "Europe/Paris",
  fatigue: { minDaysBetweenSurveys: 60, maxInvitationsPerPartnerPerQuarter: 10 },
};

export interface DemoManager {
  userId: string;
  name: string;
  female: boolean;
  region: DemoRegion;
  leadUserId: string;
  /** Relative share of the region's partners this manager owns. */
  portfolioWeight: number;
}

const HEAD_EMEA_LATAM = "demo-u-head-1";
const HEAD_AMERICAS_APAC = "demo-u-head-2";

export const DEMO_MANAGERS: readonly DemoManager[] = [
  {
    userId: "demo-u-pm-01",
    name: "Camille Dubois",
    female: true,
    region: "EMEA",
    leadUserId: HEAD_EMEA_LATAM,
    portfolioWeight: 1,
  },
  {
    userId: "demo-u-pm-02",
    name: "Lukas Hoffmann",
    female: false,
    region: "EMEA",
    leadUserId: HEAD_EMEA_LATAM,
    portfolioWeight: 1,
  },
  {
    userId: "demo-u-pm-03",
    name: "Olivia Bennett",
    female: true,
    region: "EMEA",
    leadUserId: HEAD_EMEA_LATAM,
    portfolioWeight: 1,
  },
  {
    userId: "demo-u-pm-04",
    name: "Lucía Fernández",
    female: true,
    region: "EMEA",
    leadUserId: HEAD_EMEA_LATAM,
    portfolioWeight: 0.8,
  },
  {
    userId: "demo-u-pm-05",
    name: "Ryan Mitchell",
    female: false,
    region: "North America",
    leadUserId: HEAD_AMERICAS_APAC,
    portfolioWeight: 1,
  },
  {
    userId: "demo-u-pm-06",
    name: "Jessica Alvarez",
    female: true,
    region: "North America",
    leadUserId: HEAD_AMERICAS_APAC,
    portfolioWeight: 1,
  },
  {
    userId: "demo-u-pm-07",
    name: "Kevin Brooks",
    female: false,
    region: "North America",
    leadUserId: HEAD_AMERICAS_APAC,
    portfolioWeight: 0.6,
  },
  {
    userId: "demo-u-pm-08",
    name: "Émilie Tremblay",
    female: true,
    region: "North America",
    leadUserId: HEAD_AMERICAS_APAC,
    portfolioWeight: 1,
  },
  {
    userId: "demo-u-pm-09",
    name: "Mateo Rojas",
    female: false,
    region: "LATAM",
    leadUserId: HEAD_EMEA_LATAM,
    portfolioWeight: 1,
  },
  {
    userId: "demo-u-pm-10",
    name: "Beatriz Costa",
    female: true,
    region: "LATAM",
    leadUserId: HEAD_EMEA_LATAM,
    portfolioWeight: 1,
  },
  {
    userId: "demo-u-pm-11",
    name: "Kenji Watanabe",
    female: false,
    region: "APAC",
    leadUserId: HEAD_AMERICAS_APAC,
    portfolioWeight: 1,
  },
  {
    userId: "demo-u-pm-12",
    name: "Chloe Tan",
    female: true,
    region: "APAC",
    leadUserId: HEAD_AMERICAS_APAC,
    portfolioWeight: 1,
  },
];

const OTHER_USERS: readonly {
  userId: string;
  name: string;
  role: UserTable["role"];
  leadUserId: string | null;
}[] = [
  { userId: "demo-u-admin", name: "Sophie Laurent", role: "admin", leadUserId: null },
  { userId: "demo-u-analyst-1", name: "Thomas Becker", role: "analyst", leadUserId: null },
  { userId: "demo-u-analyst-2", name: "Priya Natarajan", role: "analyst", leadUserId: null },
  // Heads of partnerships are partner managers without a portfolio: the escalation target of their teams.
  { userId: HEAD_EMEA_LATAM, name: "Hélène Moreau", role: "partner_manager", leadUserId: "demo-u-admin" },
  { userId: HEAD_AMERICAS_APAC, name: "Marcus Reid", role: "partner_manager", leadUserId: "demo-u-admin" },
];

const VIEWER = { userId: "demo-u-viewer", name: "Jonas Weber", role: "viewer" as const, leadUserId: null };

function userEmail(name: string): string {
  return `${asciiSlug(name, ".")}@example.com`;
}

export function buildOrganization(organizationId: string, createdAt: string): OrganizationTable {
  return {
    organization_id: organizationId,
    name: DEMO_COMPANY_NAME,
    slug: asciiSlug(DEMO_COMPANY_NAME, "-"),
    company_name: DEMO_COMPANY_NAME,
    settings: JSON.stringify(DEMO_ORGANIZATION_SETTINGS),
    // The loader sets a random secret and derives the invitations' token hashes from it.
    invitation_secret: null,
    created_at: createdAt,
  };
}

export function buildUsers(organizationId: string, createdAt: string): UserTable[] {
  const people = [
    ...OTHER_USERS,
    ...DEMO_MANAGERS.map((m) => ({
      userId: m.userId,
      name: m.name,
      role: "partner_manager" as const,
      leadUserId: m.leadUserId,
    })),
    VIEWER,
  ];
  return people.map((person) => ({
    organization_id: organizationId,
    user_id: person.userId,
    email: userEmail(person.name),
    name: person.name,
    role: person.role,
    password_hash: null,
    lead_user_id: person.leadUserId,
    created_at: createdAt,
    disabled_at: null,
  }));
}

export function buildSurveys(organizationId: string, createdAt: string): SurveyTable[] {
  const languages = JSON.stringify(["en", "fr", "de", "es"]);
  return [
    {
      organization_id: organizationId,
      survey_id: RELATIONSHIP_SURVEY_ID,
      name: "Quarterly partner relationship survey",
      kind: "relationship",
      anonymous: 0,
      default_language: "en",
      languages,
      questions: JSON.stringify({ reason: true, drivers: DRIVER_AREAS, custom: [] }),
      created_at: createdAt,
      archived_at: null,
    },
    {
      organization_id: organizationId,
      survey_id: TRANSACTIONAL_SURVEY_ID,
      name: "Partner touchpoint pulse",
      kind: "transactional",
      anonymous: 0,
      default_language: "en",
      languages,
      questions: JSON.stringify({
        reason: true,
        drivers: ["deal_registration", "technical_support", "enablement"],
        custom: [],
        triggers: ["onboarding_completed", "deal_registered", "support_case_closed", "qbr_held"],
      }),
      created_at: createdAt,
      archived_at: null,
    },
  ];
}

export function themeId(id: string): string {
  return `demo-t-${id.replaceAll("_", "-")}`;
}

export function buildThemes(organizationId: string, createdAt: string): ThemeTable[] {
  return DEMO_THEMES.map((theme) => ({
    organization_id: organizationId,
    theme_id: themeId(theme.id),
    name: theme.name,
    keywords: JSON.stringify(theme.keywords),
    created_at: createdAt,
  }));
}
