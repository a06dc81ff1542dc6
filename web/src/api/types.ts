/** Shapes of the server's JSON answers the dashboard reads (from src/modules/analytics and targets);
 * where the server declares a view type, it is imported as a type (erased from the bundle), not copied. */
import type { CaseStatus } from "../../../src/core/cases/case-lifecycle";
import type { CaseView } from "../../../src/modules/cases/case";
import type { PartnerTableRow } from "../../../src/modules/partners/partner-table";

export type NpsMethod = "wald" | "adjusted-wald" | "tango" | "bayes";

export interface NpsFigure {
  n: number;
  promoters: number;
  passives: number;
  detractors: number;
  nps: number | null;
  nps_rounded: number | null;
  center: number | null;
  se: number | null;
  interval: { low: number; high: number } | null;
  method: NpsMethod;
  confidence: number;
  small_sample: boolean;
  weighting: "responses" | "partners" | "revenue";
  responses: number;
  effective_n: number;
}

export interface Band {
  key: string;
  label: string;
  min: number;
  inclusive: boolean;
  advice: string;
}

export interface Comparison {
  difference: number | null;
  se: number | null;
  z: number | null;
  p: number | null;
  interval: { low: number; high: number } | null;
  method: string;
  confidence: number;
  significant: boolean;
}

export interface CoverageFigures {
  invited: number;
  delivered: number;
  bounced: number;
  responded: number;
  response_rate: number | null;
  partners_invited: number;
  partners_responded: number;
  partner_coverage: number | null;
  revenue_invited: number;
  revenue_responded: number;
  revenue_coverage: number | null;
}

export interface Headline {
  nps: NpsFigure;
  band: Band | null;
  bands: Band[];
  coverage: CoverageFigures;
  silent_strategic_partners: number;
}

export interface TrendPoint extends NpsFigure {
  period: string;
  change: (Comparison & { from_period: string }) | null;
}

export interface Trend {
  period: "quarter" | "month" | "year";
  series: string | null;
  overall: NpsFigure;
  lines: { key: string | null; points: TrendPoint[] }[];
}

export interface SegmentCell extends NpsFigure {
  value: string | null;
  period: string | null;
  vs_rest: Comparison | null;
}

export interface Segments {
  dimension: string;
  period: string | null;
  overall: NpsFigure;
  segments: SegmentCell[];
  periods: { period: string; figure: NpsFigure }[];
  cells: SegmentCell[];
}

export interface Distribution {
  n: number;
  scores: { score: number; responses: number; share: number | null }[];
  groups: { detractors: number; passives: number; promoters: number };
}

export interface PartnerScore extends NpsFigure {
  partner_id: string;
  name: string;
  tier: string | null;
  type: string | null;
  region: string | null;
  owner_user_id: string | null;
  annual_revenue: number | null;
  strategic: boolean;
  last_response_at: string | null;
}

export interface PartnerScores {
  items: PartnerScore[];
  total: number;
  limit: number;
  offset: number;
}

export interface SilentPartner {
  partner_id: string;
  name: string;
  tier: string | null;
  region: string | null;
  owner_user_id: string | null;
  annual_revenue: number | null;
  contacts_invited: number;
  last_response_at: string | null;
}

export interface Coverage {
  overall: CoverageFigures;
  waves: (CoverageFigures & { wave_id: string; name: string; status: string })[];
  silent_strategic_partners: SilentPartner[];
}

export type TargetStatus = "achieved" | "on_track" | "behind" | "missed" | "no_data";

export interface Target {
  target_id: string;
  name: string;
  segment: Record<string, string[]>;
  start_value: number;
  target_value: number;
  start_date: string;
  due_date: string;
  current: NpsFigure;
  progress: number | null;
  elapsed: number;
  expected: number;
  status: TargetStatus;
}

export interface Benchmark {
  benchmark_id: string;
  name: string;
  source: string;
  year: number | null;
  segment: string | null;
  statistic: "nps" | "median_nps" | "top_quartile_nps" | "response_rate";
  value: number;
}

export interface Settings {
  bands: Band[];
  roleWeights: Record<string, number>;
  defaultRoleWeight: number;
  intervalMethod: NpsMethod;
  confidence: number;
  smallSampleThreshold: number;
  timeZone: string;
}

export interface Partner {
  partner_id: string;
  external_id: string | null;
  name: string;
  type: string | null;
  tier: string | null;
  region: string | null;
  country: string | null;
  industry: string | null;
  size: string | null;
  owner_user_id: string | null;
  annual_revenue: number | null;
  renewal_date: string | null;
  strategic: boolean;
  archived_at: string | null;
}

export interface Survey {
  survey_id: string;
  name: string;
  kind: string;
  archived_at: string | null;
}

export interface ListOf<T> {
  items: T[];
  total?: number;
}

/** GET /api/v1/partners/table rows: the server's own type (type-only import, erased from the bundle). */
export type { PartnerTableRow };

export interface PartnerTable {
  items: PartnerTableRow[];
  total: number;
  page: number;
  pageSize: number;
  method: NpsMethod;
  confidence: number;
}

export interface ScorecardComment {
  responseId: string;
  contact: { contactId: string; name: string | null; role: string | null } | null;
  score: number;
  category: "promoter" | "passive" | "detractor";
  comment: string | null;
  respondedAt: string;
  survey: { surveyId: string; name: string } | null;
  wave: { waveId: string; name: string } | null;
  language: string | null;
}

/** GET /api/v1/partners/:id/scorecard (src/modules/partners/scorecard.service.ts). */
export interface Scorecard {
  partner: {
    partnerId: string;
    name: string;
    tier: string | null;
    type: string | null;
    region: string | null;
    country: string | null;
    strategic: boolean;
    annualRevenue: number | null;
    renewalDate: string | null;
    owner: { userId: string; name: string | null } | null;
  };
  nps: NpsFigure;
  band: Band | null;
  trend: TrendPoint[];
  contacts: {
    role: string | null;
    contacts: {
      contactId: string;
      name: string | null;
      email: string | null;
      latest: { score: number; category: string; respondedAt: string } | null;
    }[];
  }[];
  comments: ScorecardComment[];
  responseRates: {
    waveId: string;
    name: string;
    status: string;
    openedAt: string | null;
    invited: number;
    delivered: number;
    responded: number;
    responseRate: number | null;
  }[];
  cases: {
    caseId: string;
    status: string;
    rule: string | null;
    ownerUserId: string | null;
    dueAt: string | null;
    firstContactAt: string | null;
    createdAt: string;
  }[];
  roleWeights: Record<string, number>;
}

/* ---- Follow-up cases (src/modules/cases/case.ts, case.service.ts, case-metrics) ---- */

/** GET /api/v1/cases items: the server's own type (type-only import, erased from the bundle). */
export type { CaseStatus, CaseView };

export interface CaseList {
  items: CaseView[];
  total: number;
  page: number;
  limit: number;
}

/** GET /api/v1/cases/:id: the case plus the answers behind it, its notes and a merged timeline. */
export interface CaseDetail extends CaseView {
  responses: {
    id: string;
    score: number;
    category: "promoter" | "passive" | "detractor";
    comment: string | null;
    submittedAt: string;
    contactId: string | null;
    waveId: string | null;
  }[];
  notes: {
    id: string;
    kind: "note" | "contact" | "status";
    body: string;
    userId: string | null;
    userName: string | null;
    createdAt: string;
  }[];
  timeline: { at: string; kind: string; text: string; userName: string | null }[];
}

/** GET /api/v1/cases/metrics: shares are 0–1, null when nothing is decided yet. */
export interface CaseMetrics {
  contactedWithinSlaShare: number | null;
  contactedWithinSla: number;
  slaDecided: number;
  medianHoursToFirstContact: number | null;
  open: number;
  overdue: number;
  recoveryRate: number | null;
  recovered: number;
  recoveryEligible: number;
  from: string | null;
  to: string | null;
}

export interface RootCause {
  id: string;
  name: string;
  description: string | null;
  archived: boolean;
}

export interface Initiative {
  id: string;
  title: string;
  description: string | null;
  status: "planned" | "in_progress" | "done";
  themeIds: string[];
  caseIds: string[];
  ownerUserId: string | null;
  doneAt: string | null;
}

/** GET /api/v1/responses items (src/modules/responses-explorer/response-explorer.ts). */
export interface ResponseRecord extends ScorecardComment {
  partner: { partnerId: string; name: string; tier: string | null };
}

/** GET /api/v1/users (admins only). */
export interface UserSummary {
  userId: string;
  email: string;
  name: string;
  role: "admin" | "analyst" | "partner_manager" | "viewer";
  disabled: boolean;
}
