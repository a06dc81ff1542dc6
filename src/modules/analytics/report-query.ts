import { z } from "zod";
import { ValidationError } from "../../core/errors.js";
import { NPS_METHODS } from "../../core/statistics/types.js";

export const periodFields = ["quarter", "month", "year"] as const;
export const segmentFields = [
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
export const reportFields = [...periodFields, ...segmentFields] as const;
export type PeriodField = (typeof periodFields)[number];
export type SegmentField = (typeof segmentFields)[number];
export type ReportField = (typeof reportFields)[number];

export const weightings = ["responses", "partners", "revenue"] as const;
export type Weighting = (typeof weightings)[number];

/** A real day: the pattern alone let 2026-13-15 crash Date (HTTP 500) and 2026-02-30 roll into March. */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date like 2026-01-31")
  .refine((v) => {
    const day = new Date(`${v}T00:00:00Z`);
    return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === v;
  }, "is not a real date");

export const npsReportQuerySchema = z.object({
  groupBy: z.array(z.enum(reportFields)).max(4).default([]),
  from: isoDate.optional(),
  to: isoDate.optional(),
  filters: z.partialRecord(z.enum(segmentFields), z.array(z.string()).min(1)).default({}),
  method: z.enum(NPS_METHODS).optional(),
  confidence: z.number().gt(0).lt(1).optional(),
  weighting: z.enum(weightings).default("responses"),
  smallSampleThreshold: z.number().int().min(1).optional(),
});
export type NpsReportQuery = z.infer<typeof npsReportQuerySchema>;

/** Reads `field=value` filter strings (CLI `--filter`, query `filter=`), repeated fields meaning "any of". */
export function parseFilterStrings(values: string[]): Record<string, string[]> {
  const filters: Record<string, string[]> = {};
  for (const raw of values) {
    const at = raw.indexOf("=");
    if (at <= 0) {
      throw new ValidationError(`Filter "${raw}" must look like field=value`, [
        { field: "filter", message: raw },
      ]);
    }
    const field = raw.slice(0, at).trim();
    const value = raw.slice(at + 1).trim();
    filters[field] = [...(filters[field] ?? []), value];
  }
  return filters;
}

/** Splits `--group-by tier,quarter` (and repeated options) into a field list. */
export function parseFieldList(values: string | string[] | undefined): string[] {
  if (!values) return [];
  return (Array.isArray(values) ? values : [values]).flatMap((v) =>
    v
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
  );
}
