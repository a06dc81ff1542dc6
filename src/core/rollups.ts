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

/**
 * Count changes per partner-cube key. The score cube needs no deltas of its own: each of its dimension
 * values is a column of the partner key, so `scoreDeltas` sums the partner deltas per dimension when they
 * are written (twelve map updates per distinct key instead of per response).
 */
export interface RollupDeltas {
  partner: Map<string, { key: PartnerRollupKey; delta: number }>;
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

/** The value of a partner-cube key on a dimension of the score cube (as stored: '' when missing). */
export function keyDimensionValue(key: PartnerRollupKey, dimension: RollupDimension): string {
  switch (dimension) {
    case "all":
      return "";
    case "tier":
      return key.tier;
    case "type":
      return key.type;
    case "region":
      return key.region;
    case "country":
      return key.country;
    case "industry":
      return key.industry;
    case "owner":
      return key.owner_user_id;
    case "partner":
      return key.partner_id;
    case "role":
      return key.role;
    case "survey":
      return key.survey_id;
    case "wave":
      return key.wave_id;
    case "channel":
      return key.channel;
  }
}

export function emptyDeltas(): RollupDeltas {
  return { partner: new Map() };
}

/** Adds (sign +1) or removes (sign −1) responses from the deltas; import batches aggregate before writing. */
export function accumulateRollups(
  sources: Iterable<RollupSource>,
  sign: 1 | -1,
  deltas = emptyDeltas(),
): RollupDeltas {
  for (const source of sources) {
    const tier = source.partner_tier ?? "";
    const type = source.partner_type ?? "";
    const region = source.partner_region ?? "";
    const country = source.partner_country ?? "";
    const industry = source.partner_industry ?? "";
    const owner = source.owner_user_id ?? "";
    const role = source.contact_role ?? "";
    const survey = source.survey_id ?? "";
    const wave = source.wave_id ?? "";
    // One string per key, fields in primary-key order, separated by a character no value contains.
    const id =
      `${source.partner_id}\u0001${source.period_month}\u0001${tier}\u0001${type}\u0001${region}` +
      `\u0001${country}\u0001${industry}\u0001${owner}\u0001${role}\u0001${survey}\u0001${wave}` +
      `\u0001${source.channel}\u0001${source.score}`;
    const existing = deltas.partner.get(id);
    if (existing) {
      existing.delta += sign;
      continue;
    }
    const key: PartnerRollupKey = {
      partner_id: source.partner_id,
      period_month: source.period_month,
      tier,
      type,
      region,
      country,
      industry,
      owner_user_id: owner,
      role,
      survey_id: survey,
      wave_id: wave,
      channel: source.channel,
      score: source.score,
    };
    deltas.partner.set(id, { key, delta: sign });
  }
  return deltas;
}

/** The score-cube deltas the partner-cube deltas imply: per dimension, value, month and score. */
export function scoreDeltas(deltas: RollupDeltas): Map<string, { key: ScoreRollupKey; delta: number }> {
  const score = new Map<string, { key: ScoreRollupKey; delta: number }>();
  for (const { key, delta } of deltas.partner.values()) {
    if (delta === 0) continue;
    const suffix = `\u0001${key.period_month}\u0001${key.score}`;
    for (const dimension of rollupDimensions) {
      const value = keyDimensionValue(key, dimension);
      const id = `${dimension}\u0001${value}${suffix}`;
      const current = score.get(id);
      if (current) current.delta += delta;
      else
        score.set(id, {
          key: { dimension, dimension_value: value, period_month: key.period_month, score: key.score },
          delta,
        });
    }
  }
  return score;
}
