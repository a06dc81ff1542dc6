import { z } from "zod";
import { isoDate } from "../analytics/report-query.js";

export const partnerTableSortFields = [
  "name",
  "tier",
  "type",
  "region",
  "owner",
  "nps",
  "low",
  "high",
  "n",
  "trend",
  "lastResponseAt",
  "responseRate",
  "revenue",
] as const;
export type PartnerTableSort = (typeof partnerTableSortFields)[number];

const list = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => [v].flat().flatMap((x) => x.split(",").map((s) => s.trim())))
  .optional();

/** Filters are the partner's current attributes (it is a directory of partners, with their figures). */
export const partnerTableQuerySchema = z.object({
  tier: list,
  type: list,
  region: list,
  /** Owner user ids. */
  owner: list,
  /** Part of the partner's name. */
  q: z.string().trim().max(200).optional(),
  /** The answers counted (whole days, like the analytics). */
  from: isoDate.optional(),
  to: isoDate.optional(),
  sort: z.enum(partnerTableSortFields).default("name"),
  order: z.enum(["asc", "desc"]).default("asc"),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(1000).default(50),
});
export type PartnerTableQuery = z.infer<typeof partnerTableQuerySchema>;

export interface PartnerTableRow {
  partnerId: string;
  name: string;
  tier: string | null;
  type: string | null;
  region: string | null;
  strategic: boolean;
  annualRevenue: number | null;
  owner: { userId: string; name: string | null } | null;
  /** Role-weighted NPS (full precision) and its rounded form; null without answers. */
  nps: number | null;
  npsRounded: number | null;
  interval: { low: number; high: number } | null;
  /** Responses behind the figure. */
  n: number;
  effectiveN: number;
  smallSample: boolean;
  /** Latest quarter with answers against the quarter with answers before it. */
  trend: {
    period: string;
    fromPeriod: string;
    delta: number;
    p: number | null;
    significant: boolean;
  } | null;
  lastResponseAt: string | null;
  invited: number;
  responded: number;
  /** Answered / delivered invitations in the period; null when none were delivered. */
  responseRate: number | null;
}
