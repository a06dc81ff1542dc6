import type { NpsReportQuery, PeriodField, SegmentField } from "./report-query.js";

export type CountSource = "score_rollups" | "response_rollups" | "responses";

/** How a report will be answered: which table, which columns, which bounds. */
export interface ReportPlan {
  source: CountSource;
  /** Segment fields that must be read per row (grouped or filtered). */
  segmentGroups: SegmentField[];
  periodGroups: PeriodField[];
  filters: Partial<Record<SegmentField, string[]>>;
  /** Inclusive month bounds (YYYY-MM) when the date range is whole months. */
  monthFrom: string | null;
  monthTo: string | null;
  /** Exact timestamp bounds [from, to) when it is not (raw scan). */
  timeFrom: string | null;
  timeTo: string | null;
  /** Weighted programs need each partner's counts by contact role. */
  perPartner: boolean;
  /** A partner manager's reach: only partners this user owns now (null = the whole organization). */
  ownerUserId: string | null;
}

function isFirstOfMonth(date: string): boolean {
  return date.endsWith("-01");
}

function isLastOfMonth(date: string): boolean {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.getUTCDate() === 1;
}

function nextDay(date: string): string {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString();
}

/**
 * Chooses the smallest source that can answer exactly: the one-dimension cube, the per-partner
 * cube, or, only for date ranges that cut through a month, the raw responses. An owner-scoped report
 * never reads the one-dimension cube: it has no partner column, so it cannot be limited to the
 * owner's partners.
 */
export function planReport(query: NpsReportQuery, ownerUserId: string | null = null): ReportPlan {
  const periodGroups = query.groupBy.filter(
    (f): f is PeriodField => f === "quarter" || f === "month" || f === "year",
  );
  const segmentGroups = query.groupBy.filter(
    (f): f is SegmentField => !periodGroups.includes(f as PeriodField),
  );
  const filters = query.filters as Partial<Record<SegmentField, string[]>>;
  const usedSegments = new Set<SegmentField>([...segmentGroups, ...(Object.keys(filters) as SegmentField[])]);
  const wholeMonths = (!query.from || isFirstOfMonth(query.from)) && (!query.to || isLastOfMonth(query.to));
  const perPartner = query.weighting !== "responses";
  let source: CountSource;
  if (!wholeMonths) source = "responses";
  else if (!perPartner && usedSegments.size <= 1 && !ownerUserId) source = "score_rollups";
  else source = "response_rollups";
  return {
    source,
    segmentGroups,
    periodGroups,
    filters,
    monthFrom: wholeMonths && query.from ? query.from.slice(0, 7) : null,
    monthTo: wholeMonths && query.to ? query.to.slice(0, 7) : null,
    timeFrom: !wholeMonths && query.from ? `${query.from}T00:00:00.000Z` : null,
    timeTo: !wholeMonths && query.to ? nextDay(query.to) : null,
    perPartner,
    ownerUserId,
  };
}
