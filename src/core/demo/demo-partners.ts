import type { ContactTable, PartnerTable } from "../../db/schema.js";
import { DEMO_MANAGERS, type DemoManager } from "./demo-organization.js";
import { DAY_MS, dateOnly, iso, type Timeline } from "./demo-timeline.js";
import type { Random } from "./random.js";
import {
  asciiSlug,
  COMPANY_CORES,
  COMPANY_PREFIXES,
  COUNTRIES,
  type ContactRole,
  type DemoCountry,
  type DemoLanguage,
  type DemoRegion,
  FIRST_NAMES,
  INDUSTRIES,
  JOB_TITLES,
  LAST_NAMES,
  LOCAL_CORES,
  type NameCulture,
  PARTNER_TYPE_WEIGHTS,
  type PartnerType,
  REGION_WEIGHTS,
  SIZE_WEIGHTS_BY_TIER,
  TIER_WEIGHTS,
  type Tier,
} from "./word-lists.js";

/** A partner row plus the hidden truth the simulation draws responses from. */
export interface PartnerModel {
  row: PartnerTable;
  region: DemoRegion;
  country: DemoCountry;
  type: PartnerType;
  tier: Tier;
  /** Tier before a promotion or demotion during the demo period, with the change time. */
  previousTier: Tier | null;
  tierChangeMs: number | null;
  manager: DemoManager;
  joinedMs: number;
  /** Partner-level sentiment offset and its quarterly drift, on the latent 0–10 scale. */
  base: number;
  drift: number[];
  renewalMs: number;
  churnedMs: number | null;
  contacts: ContactModel[];
  /** Scores answered so far (with the partner's true feeling behind them), for the renewal decision. */
  answered: { wave: number; submittedMs: number; trueScore: number }[];
}

export interface ContactModel {
  row: ContactTable;
  role: ContactRole;
  language: DemoLanguage;
  createdMs: number;
  /** Multiplies the tier and role response rate. */
  propensity: number;
  /** Personal offset on the latent score. */
  offset: number;
  bouncedMs: number | null;
  unsubscribedMs: number | null;
}

export function tierAt(partner: PartnerModel, ms: number): Tier {
  return partner.previousTier !== null && partner.tierChangeMs !== null && ms < partner.tierChangeMs
    ? partner.previousTier
    : partner.tier;
}

const REVENUE_MEDIAN: Record<Tier, number> = {
  platinum: 2_600_000,
  gold: 850_000,
  silver: 260_000,
  registered: 60_000,
};
const SIZE_REVENUE_FACTOR = { small: 0.6, medium: 0.9, large: 1.2, enterprise: 1.5 } as const;
const CERTIFICATIONS: Record<Tier, readonly [number, number]> = {
  platinum: [10, 24],
  gold: [5, 12],
  silver: [1, 6],
  registered: [0, 2],
};
const PARTNER_SINCE: Record<Tier, readonly [number, number]> = {
  platinum: [2009, 2017],
  gold: [2011, 2020],
  silver: [2013, 2022],
  registered: [2016, 2023],
};
const CONTACT_COUNT: Record<Tier, readonly [number, number]> = {
  platinum: [5, 6],
  gold: [4, 6],
  silver: [3, 5],
  registered: [2, 4],
};
const TIER_ORDER: readonly Tier[] = ["registered", "silver", "gold", "platinum"];

function companyName(random: Random, culture: NameCulture, type: PartnerType, used: Set<string>): string {
  for (let attempt = 0; attempt < 40; attempt++) {
    const local = LOCAL_CORES[culture];
    const isLocal = local !== undefined && random.chance(0.45);
    const core = isLocal ? random.pick(local) : random.pick(COMPANY_CORES[type]);
    const roll = random.next();
    let name: string;
    if (roll < 0.2) {
      name = `${random.pick(LAST_NAMES[culture])} ${core}`;
    } else if (roll < 0.35 && !isLocal && !core.includes(" ")) {
      // Compound brand names ("Cobaltlogic") only with English words.
      name = `${random.pick(COMPANY_PREFIXES)}${core.toLowerCase() === "it" ? " IT" : core.toLowerCase()}`;
    } else {
      name = `${random.pick(COMPANY_PREFIXES)} ${core}`;
    }
    if (attempt > 20) name = `${name} ${random.int(2, 99)}`;
    if (!used.has(name)) {
      used.add(name);
      return name;
    }
  }
  throw new Error("Could not find a free demo company name");
}

function cultureFor(country: DemoCountry, language: DemoLanguage): NameCulture {
  if (language === "fr" && country.culture !== "fr") return "fr";
  if (language === "de" && country.culture !== "de") return "de";
  return country.culture;
}

export function generatePartners(
  random: Random,
  organizationId: string,
  count: number,
  timeline: Timeline,
): PartnerModel[] {
  const usedNames = new Set<string>();
  const partners: PartnerModel[] = [];
  const firstWaveMs = timeline.quarters[0]!.startMs;
  const lastJoinMs = timeline.referenceMs - 100 * DAY_MS;
  let contactSequence = 0;

  for (let i = 0; i < count; i++) {
    const region = random.weighted(REGION_WEIGHTS);
    const country = random.weighted(COUNTRIES[region].map((c) => [c, c.weight] as const));
    const tier = random.weighted(TIER_WEIGHTS);
    const type = random.weighted(PARTNER_TYPE_WEIGHTS);
    const size = random.weighted(SIZE_WEIGHTS_BY_TIER[tier]);
    const industry = random.weighted(INDUSTRIES);
    const manager = random.weighted(
      DEMO_MANAGERS.filter((m) => m.region === region).map((m) => [m, m.portfolioWeight] as const),
    );
    const baseName = companyName(random, country.culture, type, usedNames);
    const name = `${baseName} ${random.pick(country.suffixes)}`;

    const joinsLater = random.chance(0.18);
    const joinedMs = joinsLater
      ? Math.floor(random.between(firstWaveMs, lastJoinMs) / 60_000) * 60_000
      : timeline.importMs + i * 1000;
    const partnerSince = joinsLater
      ? new Date(joinedMs).getUTCFullYear()
      : random.int(PARTNER_SINCE[tier][0], PARTNER_SINCE[tier][1]);

    let renewalMs = timeline.referenceMs + Math.floor(random.between(-365, 548)) * DAY_MS;
    if (renewalMs < joinedMs + 300 * DAY_MS) {
      renewalMs = timeline.referenceMs + Math.floor(random.between(1, 548)) * DAY_MS;
    }

    let previousTier: Tier | null = null;
    let tierChangeMs: number | null = null;
    if (!joinsLater && random.chance(0.08)) {
      const rank = TIER_ORDER.indexOf(tier);
      const promoted = rank === TIER_ORDER.length - 1 || (rank > 0 && random.chance(0.7));
      previousTier = TIER_ORDER[promoted ? rank - 1 : rank + 1]!;
      const quarter = timeline.quarters[random.int(2, timeline.quarters.length - 2)]!;
      tierChangeMs = quarter.startMs + random.int(0, 20) * DAY_MS;
    }

    const annualRevenue =
      Math.round((random.logNormal(REVENUE_MEDIAN[tier], 0.55) * SIZE_REVENUE_FACTOR[size]) / 1000) * 1000;
    const strategic = tier === "platinum" || (tier === "gold" && random.chance(0.3)) ? 1 : 0;
    const custom: Record<string, unknown> = {
      certifications: random.int(CERTIFICATIONS[tier][0], CERTIFICATIONS[tier][1]),
      partner_since: partnerSince,
    };
    if (previousTier !== null && tierChangeMs !== null) {
      custom.tier_history = [{ tier: previousTier, until: dateOnly(tierChangeMs) }];
    }

    // At-risk partners form a distinct low-sentiment group, as in real programs.
    const base = random.chance(0.11) ? random.normal(-2.4, 0.9) : random.normal(0.15, 0.7);
    const drift: number[] = [];
    let walk = 0;
    for (let q = 0; q < timeline.quarters.length; q++) {
      walk = q === 0 ? 0 : 0.75 * walk + random.normal(0, 0.3);
      drift.push(walk);
    }

    const partnerId = `demo-p-${String(i + 1).padStart(4, "0")}`;
    const createdAt = iso(joinedMs);
    const partner: PartnerModel = {
      row: {
        organization_id: organizationId,
        partner_id: partnerId,
        external_id: `CRM-ACC-${10001 + i}`,
        name,
        type,
        tier,
        region,
        country: country.name,
        industry,
        size,
        owner_user_id: manager.userId,
        annual_revenue: annualRevenue,
        renewal_date: dateOnly(renewalMs),
        strategic,
        custom: JSON.stringify(custom),
        archived_at: null,
        created_at: createdAt,
        updated_at: iso(Math.max(joinedMs, tierChangeMs ?? 0)),
      },
      region,
      country,
      type,
      tier,
      previousTier,
      tierChangeMs,
      manager,
      joinedMs,
      base,
      drift,
      renewalMs,
      churnedMs: null,
      contacts: [],
      answered: [],
    };

    const domain = `${asciiSlug(baseName)}.example`;
    const usedEmails = new Set<string>();
    const roles = contactRoles(random, tier, random.int(CONTACT_COUNT[tier][0], CONTACT_COUNT[tier][1]));
    roles.forEach((role, position) => {
      contactSequence += 1;
      const language = random.weighted(country.languages);
      const culture = cultureFor(country, language);
      const first = random.pick(FIRST_NAMES[culture]);
      const last = random.pick(LAST_NAMES[culture]);
      let email = `${asciiSlug(first, ".")}.${asciiSlug(last, ".")}@${domain}`;
      if (usedEmails.has(email))
        email = `${asciiSlug(first, ".")}.${asciiSlug(last, ".")}${position + 1}@${domain}`;
      usedEmails.add(email);
      // A few people join the partner after it was onboarded (new hires, replacements).
      const addedLater = position > 0 && random.chance(0.12);
      const createdMs = addedLater
        ? Math.max(
            joinedMs,
            Math.floor(random.between(firstWaveMs, timeline.referenceMs - 30 * DAY_MS) / 60_000) * 60_000,
          )
        : joinedMs + position * 1000;
      const contactCreatedAt = iso(createdMs);
      partner.contacts.push({
        row: {
          organization_id: organizationId,
          contact_id: `demo-c-${String(contactSequence).padStart(5, "0")}`,
          partner_id: partnerId,
          external_id: `CRM-CON-${200000 + contactSequence}`,
          name: `${first} ${last}`,
          email,
          role,
          language,
          consent: 1,
          unsubscribed_at: null,
          bounced_at: null,
          custom: JSON.stringify({ title: random.pick(JOB_TITLES[role]) }),
          archived_at: null,
          created_at: contactCreatedAt,
          updated_at: contactCreatedAt,
        },
        role,
        language,
        createdMs,
        propensity: Math.min(1.8, random.logNormal(1, 0.3)),
        offset: random.normal(0, 0.45),
        bouncedMs: null,
        unsubscribedMs: null,
      });
    });
    partners.push(partner);
  }
  return partners;
}

function contactRoles(random: Random, tier: Tier, count: number): ContactRole[] {
  const roles: ContactRole[] = ["decision_maker"];
  if (tier === "platinum" || tier === "gold" || (tier === "silver" && random.chance(0.5))) {
    roles.push("executive_sponsor");
  }
  while (roles.length < count) {
    roles.push(
      random.weighted<ContactRole>([
        ["sales", 30],
        ["technical", 30],
        ["marketing", 14],
        ["operations", 14],
        ["executive_sponsor", roles.includes("executive_sponsor") ? 0 : 6],
        ["decision_maker", 6],
      ]),
    );
  }
  return roles.slice(0, count);
}
