import { z } from "zod";
import type { ScoreCategory } from "../../db/schema.js";
import { analyticsQueryFromUrl } from "../analytics/analytics-query.js";
import { isoDate, segmentFields } from "../analytics/report-query.js";

export const explorerSortFields = ["respondedAt", "score", "partner", "category"] as const;
export const scoreCategories = ["detractor", "passive", "promoter"] as const;

/** The explorer's filters; segment filters, from and to mean exactly what they mean in the analytics. */
export const explorerQuerySchema = z.object({
  filters: z.partialRecord(z.enum(segmentFields), z.array(z.string()).min(1)).default({}),
  from: isoDate.optional(),
  to: isoDate.optional(),
  category: z.array(z.enum(scoreCategories)).optional(),
  /** Only these responses (a case page fetches the answers behind a case). */
  ids: z.array(z.string().min(1)).min(1).max(500).optional(),
  q: z.string().trim().max(200).optional(),
  /** Only responses with a comment (the scorecard's latest comments). */
  withComment: z.boolean().default(false),
  sort: z.enum(explorerSortFields).default("respondedAt"),
  order: z.enum(["asc", "desc"]).default("desc"),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
export type ExplorerQuery = z.infer<typeof explorerQuerySchema>;

type QueryString = Record<string, string | string[] | undefined>;

const single = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** URL → explorer query: the analytics parser reads the shared filters, this adds the explorer's own. */
export function explorerQueryFromUrl(query: QueryString): Record<string, unknown> {
  const shared = analyticsQueryFromUrl(query);
  const out: Record<string, unknown> = { filters: shared.filters };
  for (const key of ["from", "to", "sort", "order"] as const)
    if (shared[key] !== undefined) out[key] = shared[key];
  const category = [query.category ?? []].flat().flatMap((v) => v.split(",").map((x) => x.trim()));
  if (category.some(Boolean)) out.category = category.filter(Boolean);
  const ids = [query.ids ?? []].flat().flatMap((v) => v.split(",").map((x) => x.trim()));
  if (ids.some(Boolean)) out.ids = ids.filter(Boolean);
  for (const key of ["q", "page", "pageSize"] as const) {
    const value = single(query[key]);
    if (value !== undefined) out[key] = value;
  }
  return out;
}

export interface ExplorerItem {
  responseId: string;
  partner: { partnerId: string; name: string; tier: string | null };
  /** Null when the survey is anonymous and the caller is a partner manager, or no contact is known. */
  contact: { contactId: string; name: string | null; role: string | null } | null;
  score: number;
  category: ScoreCategory;
  comment: string | null;
  respondedAt: string;
  survey: { surveyId: string; name: string } | null;
  wave: { waveId: string; name: string } | null;
  language: string | null;
}

export interface ExplorerPage {
  items: ExplorerItem[];
  total: number;
  page: number;
  pageSize: number;
}
