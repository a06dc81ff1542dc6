/**
 * Rollup keys for a response: the counts the analytics read instead of raw responses.
 * Two cubes are kept: per partner with its full segment snapshot (any filter, partner weighting),
 * and per single dimension (the small cube a dashboard widget reads in O(values × months)).
 */

export const rollupDimensions = [
  "all",
  "tier",
  "type",
  "region",
  "country",
  "industry",
  "owner",
  "partner",
  "role",
  "survey",
  "wave",
  "channel",
] as const;
export type RollupDimension = (typeof rollupDimensions)[number];

/** The response columns the rollups are built from (a response row or its snapshot). */
export interface RollupSource {
  partner_id: string;
  period_month: string;
  partner_tier: string | null;
  partner_type: string | null;
  partner_region: string | null;
  partner_country: string | null;
  partner_industry: string | null;
  owner_user_id: string | null;
  contact_role: string | null;
  survey_id: string | null;
  wave_id: string | null;
  channel: string;
  score: number;
}

export interface PartnerRollupKey {
  partner_id: string;
  period_month: string;
  tier: string;
  type: string;
  region: string;
  country: string;
  industry: string;
  owner_user_id: string;
  role: string;
  survey_id: string;
  wave_id: string;
  channel: string;
  score: number;
}

export interface ScoreRollupKey {
  dimension: RollupDimension;
  dimension_value: string;
  period_month: string;
  score: number;
}

export interface RollupDeltas {
  partner: Map<string, { key: PartnerRollupKey; delta: number }>;
  score: Map<string, { key: ScoreRollupKey; delta: number }>;
}

/** Missing values are stored as '' so they can be part of a primary key on both databases. */
export function dimensionValue(source: RollupSource, dimension: RollupDimension): string {
  switch (dimension) {
    case "all":
      return "";
    case "tier":
      return source.partner_tier ?? "";
    case "type":
      return source.partner_type ?? "";
    case "region":
      return source.partner_region ?? "";
    case "country":
      return source.partner_country ?? "";
    case "industry":
      return source.partner_industry ?? "";
    case "owner":
      return source.owner_user_id ?? "";
    case "partner":
      return source.partner_id;
    case "role":
      return source.contact_role ?? "";
    case "survey":
      return source.survey_id ?? "";
    case "wave":
      return source.wave_id ?? "";
    case "channel":
      return source.channel;
  }
}

export function emptyDeltas(): RollupDeltas {
  return { partner: new Map(), score: new Map() };
}

/** Adds (sign +1) or removes (sign −1) responses from the deltas; import batches aggregate before writing. */
export function accumulateRollups(
  sources: Iterable<RollupSource>,
  sign: 1 | -1,
  deltas = emptyDeltas(),
): RollupDeltas {
  for (const source of sources) {
    const key: PartnerRollupKey = {
      partner_id: source.partner_id,
      period_month: source.period_month,
      tier: source.partner_tier ?? "",
      type: source.partner_type ?? "",
      region: source.partner_region ?? "",
      country: source.partner_country ?? "",
      industry: source.partner_industry ?? "",
      owner_user_id: source.owner_user_id ?? "",
      role: source.contact_role ?? "",
      survey_id: source.survey_id ?? "",
      wave_id: source.wave_id ?? "",
      channel: source.channel,
      score: source.score,
    };
    const partnerKey = Object.values(key).join("\u0001");
    const existing = deltas.partner.get(partnerKey);
    if (existing) existing.delta += sign;
    else deltas.partner.set(partnerKey, { key, delta: sign });

    for (const dimension of rollupDimensions) {
      const value = dimensionValue(source, dimension);
      const scoreKey = `${dimension}\u0001${value}\u0001${source.period_month}\u0001${source.score}`;
      const current = deltas.score.get(scoreKey);
      if (current) current.delta += sign;
      else
        deltas.score.set(scoreKey, {
          key: { dimension, dimension_value: value, period_month: source.period_month, score: source.score },
          delta: sign,
        });
    }
  }
  return deltas;
}
