import { type RawBuilder, type SqlBool, sql } from "kysely";
import type { Executor } from "../../db/database.js";
import { ownedPartnerCondition } from "../partners/partner-scope.js";
import type { ReportPlan } from "./report-plan.js";
import type { SegmentField } from "./report-query.js";

/** One grouped count: the segment values, the month (when periods are asked for), a score and how many. */
export interface ScoreCount {
  segments: Partial<Record<SegmentField, string | null>>;
  period_month: string | null;
  partner_id: string | null;
  role: string | null;
  score: number;
  n: number;
}

export const responseColumn: Record<SegmentField, string> = {
  tier: "partner_tier",
  type: "partner_type",
  region: "partner_region",
  country: "partner_country",
  industry: "partner_industry",
  owner: "owner_user_id",
  partner: "partner_id",
  role: "contact_role",
  survey: "survey_id",
  wave: "wave_id",
  channel: "channel",
};

const rollupColumn: Record<SegmentField, string> = {
  tier: "tier",
  type: "type",
  region: "region",
  country: "country",
  industry: "industry",
  owner: "owner_user_id",
  partner: "partner_id",
  role: "role",
  survey: "survey_id",
  wave: "wave_id",
  channel: "channel",
};

/** Rollups store a missing value as ''; reports show it as null. */
function fromStored(value: unknown): string | null {
  return value === "" || value === null || value === undefined ? null : String(value);
}

/**
 * The segment filters as SQL conditions on `responses` or `response_rollups` (any of the values; ''
 * means missing), shared with the responses explorer so a URL filter means the same everywhere.
 */
export function segmentConditions(
  filters: Partial<Record<SegmentField, string[]>>,
  table: "responses" | "response_rollups",
  qualifier = "",
): RawBuilder<SqlBool>[] {
  const raw = table === "responses";
  const columns = raw ? responseColumn : rollupColumn;
  const conditions: RawBuilder<SqlBool>[] = [];
  for (const [field, values] of Object.entries(filters) as [SegmentField, string[]][]) {
    const column = sql.ref(`${qualifier}${columns[field]}`);
    // '' in a filter means "missing": rollups store it as '', raw responses as NULL.
    const present = values.filter((v) => v !== "");
    const parts = present.length ? [sql`${column} in (${sql.join(present)})`] : [];
    if (values.includes("")) parts.push(raw ? sql`${column} is null` : sql`${column} = ''`);
    conditions.push(sql<SqlBool>`(${sql.join(parts, sql` or `)})`);
  }
  return conditions;
}

/** Reads grouped score counts for a plan; the same query text runs on SQLite and PostgreSQL. */
export async function fetchScoreCounts(
  db: Executor,
  organizationId: string,
  plan: ReportPlan,
): Promise<ScoreCount[]> {
  const withPeriod = plan.periodGroups.length > 0;
  if (plan.source === "score_rollups") {
    const field = (plan.segmentGroups[0] ?? Object.keys(plan.filters)[0] ?? null) as SegmentField | null;
    let query = db
      .selectFrom("score_rollups")
      .select(["dimension_value", "score", (eb) => eb.fn.sum<number>("responses").as("n")])
      .where("organization_id", "=", organizationId)
      .where("dimension", "=", field ?? "all")
      .groupBy(["dimension_value", "score"]);
    if (withPeriod) query = query.select("period_month").groupBy("period_month");
    if (field && plan.filters[field]) query = query.where("dimension_value", "in", plan.filters[field]!);
    if (plan.monthFrom) query = query.where("period_month", ">=", plan.monthFrom);
    if (plan.monthTo) query = query.where("period_month", "<=", plan.monthTo);
    const rows = await query.execute();
    return rows.map((row) => ({
      segments:
        field && plan.segmentGroups.includes(field) ? { [field]: fromStored(row.dimension_value) } : {},
      period_month: withPeriod ? String((row as { period_month?: string }).period_month) : null,
      partner_id: null,
      role: null,
      score: Number(row.score),
      n: Number(row.n),
    }));
  }

  const raw = plan.source === "responses";
  const table = raw ? "responses" : "response_rollups";
  const columns = raw ? responseColumn : rollupColumn;
  const groupColumns = plan.segmentGroups.map((f) => columns[f]);
  if (withPeriod) groupColumns.push("period_month");
  if (plan.perPartner) groupColumns.push(columns.partner, columns.role);
  const uniqueColumns = [...new Set(groupColumns)];
  const counted = raw ? sql<number>`count(*)` : sql<number>`sum(responses)`;
  const selections = [...uniqueColumns.map((c) => sql.ref(c)), sql.ref("score"), counted.as("n")];
  const conditions = [
    sql`organization_id = ${organizationId}`,
    ...segmentConditions(plan.filters, raw ? "responses" : "response_rollups"),
  ];
  const owned = ownedPartnerCondition({ organizationId, ownerUserId: plan.ownerUserId }, columns.partner);
  if (owned) conditions.push(owned);
  if (plan.monthFrom) conditions.push(sql`period_month >= ${plan.monthFrom}`);
  if (plan.monthTo) conditions.push(sql`period_month <= ${plan.monthTo}`);
  if (plan.timeFrom) conditions.push(sql`submitted_at >= ${plan.timeFrom}`);
  if (plan.timeTo) conditions.push(sql`submitted_at < ${plan.timeTo}`);
  const groupBy = [...uniqueColumns.map((c) => sql.ref(c)), sql.ref("score")];
  const result = await sql<Record<string, unknown>>`select ${sql.join(selections)} from ${sql.table(table)}
    where ${sql.join(conditions, sql` and `)} group by ${sql.join(groupBy)}`.execute(db);
  return result.rows.map((row) => {
    const segments: Partial<Record<SegmentField, string | null>> = {};
    for (const field of plan.segmentGroups) segments[field] = fromStored(row[columns[field]]);
    return {
      segments,
      period_month: withPeriod ? String(row.period_month) : null,
      partner_id: plan.perPartner ? fromStored(row[columns.partner]) : null,
      role: plan.perPartner ? fromStored(row[columns.role]) : null,
      score: Number(row.score),
      n: Number(row.n),
    };
  });
}

/** Current annual revenue per partner, for revenue-weighted programs. */
export async function fetchPartnerRevenue(
  db: Executor,
  organizationId: string,
): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom("partners")
    .select(["partner_id", "annual_revenue"])
    .where("organization_id", "=", organizationId)
    .execute();
  return new Map(rows.map((r) => [r.partner_id, Number(r.annual_revenue ?? 0)]));
}
