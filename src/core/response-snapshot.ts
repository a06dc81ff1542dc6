/** The partner and contact attributes frozen onto a response when it is given. */
export interface PartnerSnapshotSource {
  partner_id: string;
  tier: string | null;
  type: string | null;
  region: string | null;
  country: string | null;
  industry: string | null;
  size: string | null;
  owner_user_id: string | null;
}

export interface ResponseSnapshot {
  partner_id: string;
  partner_tier: string | null;
  partner_type: string | null;
  partner_region: string | null;
  partner_country: string | null;
  partner_industry: string | null;
  partner_size: string | null;
  owner_user_id: string | null;
  contact_role: string | null;
}

export function snapshotOf(partner: PartnerSnapshotSource, contactRole: string | null): ResponseSnapshot {
  return {
    partner_id: partner.partner_id,
    partner_tier: partner.tier,
    partner_type: partner.type,
    partner_region: partner.region,
    partner_country: partner.country,
    partner_industry: partner.industry,
    partner_size: partner.size,
    owner_user_id: partner.owner_user_id,
    contact_role: contactRole,
  };
}

/** YYYY-MM of an ISO timestamp in UTC: the period key of the rollups. */
export function periodMonthOf(isoTimestamp: string): string {
  return new Date(isoTimestamp).toISOString().slice(0, 7);
}
