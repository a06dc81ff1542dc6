import { type PartnerModel, tierAt } from "./demo-partners.js";
import type { Quarter } from "./demo-timeline.js";
import { DECLINE_LATENT_SHIFTS, DECLINING_SEGMENT, RECENT_WAVES } from "./planted-effects.js";
import type { ContactRole, DemoRegion, PartnerType, Tier } from "./word-lists.js";

// The latent 0–10 feeling behind every score, so planted effects are shifts of one model, not special cases.

const MEAN = 8.05;
const TIER_EFFECT: Record<Tier, number> = { platinum: 0.7, gold: 0.35, silver: 0, registered: -0.25 };
const REGION_EFFECT: Record<DemoRegion, number> = { EMEA: 0, "North America": 0.1, LATAM: -0.15, APAC: 0.1 };
const TYPE_EFFECT: Record<PartnerType, number> = {
  reseller: 0,
  system_integrator: 0.05,
  isv: 0.1,
  technology_alliance: 0.1,
  distributor: -0.1,
  referral: -0.1,
};
export const ROLE_EFFECT: Record<ContactRole, number> = {
  executive_sponsor: 0.25,
  decision_maker: 0.1,
  sales: -0.15,
  technical: 0,
  marketing: -0.1,
  operations: -0.05,
};
const PROGRAM_TREND = [0, 0.05, 0.1, 0.1, 0.15, 0.2, 0.2, 0.25, 0.25, 0.15, 0.1, 0.05];

/** Position of a wave inside the recent window (0, 1, 2), or −1 before it. */
export function recentPosition(quarter: Quarter, waveCount: number): number {
  const position = quarter.index - (waveCount - RECENT_WAVES);
  return position >= 0 ? position : -1;
}

export function inDecliningSegment(partner: PartnerModel, quarter: Quarter, waveCount: number): boolean {
  return (
    recentPosition(quarter, waveCount) >= 0 &&
    partner.region === DECLINING_SEGMENT.region &&
    tierAt(partner, quarter.openedMs) === DECLINING_SEGMENT.tier
  );
}

export function partnerSentiment(partner: PartnerModel, quarter: Quarter, waveCount: number): number {
  const tier = tierAt(partner, quarter.openedMs);
  let value =
    MEAN +
    TIER_EFFECT[tier] +
    REGION_EFFECT[partner.region] +
    TYPE_EFFECT[partner.type] +
    partner.base +
    (partner.drift[quarter.index] ?? 0) +
    (PROGRAM_TREND[quarter.index] ?? 0);
  if (inDecliningSegment(partner, quarter, waveCount)) {
    value += DECLINE_LATENT_SHIFTS[recentPosition(quarter, waveCount)] ?? 0;
  }
  return value;
}

export function scoreFromLatent(latent: number): number {
  return Math.max(0, Math.min(10, Math.round(latent)));
}

export function categoryOf(score: number): "promoter" | "passive" | "detractor" {
  if (score >= 9) return "promoter";
  if (score >= 7) return "passive";
  return "detractor";
}
