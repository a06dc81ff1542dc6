import { segmentFields } from "./report-query.js";

type QueryString = Record<string, string | string[] | undefined>;

const list = (value: string | string[] | undefined): string[] =>
  value === undefined
    ? []
    : (Array.isArray(value) ? value : [value])
        .flatMap((v) => v.split(","))
        .map((v) => v.trim())
        .filter(Boolean);

const single = (value: string | string[] | undefined): string | undefined =>
  Array.isArray(value) ? value[0] : value;

/**
 * Turns a URL query (`?group_by=tier,quarter&tier=gold&tier=silver&from=2026-01-01`) into the analytics
 * query object; segment fields used as parameters are filters (repeated = any of).
 */
export function analyticsQueryFromUrl(query: QueryString): Record<string, unknown> {
  const filters: Record<string, string[]> = {};
  for (const field of segmentFields) {
    const values = query[field];
    // `tier=gold,platinum` and `tier=gold&tier=platinum` both mean "any of"; `tier=` alone means "missing".
    if (values !== undefined)
      filters[field] = (Array.isArray(values) ? values : [values]).flatMap((v) =>
        String(v)
          .split(",")
          .map((x) => x.trim()),
      );
  }
  const out: Record<string, unknown> = { filters };
  const groupBy = list(query.group_by);
  if (groupBy.length) out.groupBy = groupBy;
  for (const key of [
    "from",
    "to",
    "method",
    "weighting",
    "period",
    "series",
    "dimension",
    "sort",
    "order",
  ] as const) {
    const value = single(query[key]);
    if (value !== undefined) out[key] = value;
  }
  for (const [param, key] of [
    ["confidence", "confidence"],
    ["small_sample", "smallSampleThreshold"],
    ["limit", "limit"],
    ["offset", "offset"],
  ] as const) {
    const value = single(query[param]);
    if (value !== undefined) out[key] = Number(value);
  }
  return out;
}

/** Coverage filters are partner attributes and waves, lists by nature. */
export function coverageQueryFromUrl(query: QueryString): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of ["wave", "tier", "region", "type", "owner", "strategic_tiers"] as const) {
    const values = list(query[key]);
    if (values.length) out[key] = values;
  }
  for (const key of ["from", "to"] as const) {
    const value = single(query[key]);
    if (value !== undefined) out[key] = value;
  }
  return out;
}
