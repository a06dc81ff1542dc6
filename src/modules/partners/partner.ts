import { z } from "zod";

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => (v === "" ? null : v))
    .nullable()
    .optional();

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date like 2026-12-31")
  // Date.parse rolls 2026-02-30 over to March, so the parsed day must round-trip to the same text.
  .refine((v) => {
    const day = new Date(`${v}T00:00:00Z`);
    return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === v;
  }, "is not a real date");

/** Partner attributes a user may set; ids and timestamps are the system's. */
export const partnerInputSchema = z.object({
  external_id: optionalText(200),
  name: z.string().trim().min(1, "is required").max(300),
  type: optionalText(100),
  tier: optionalText(100),
  region: optionalText(100),
  country: optionalText(100),
  industry: optionalText(200),
  size: optionalText(100),
  owner_user_id: optionalText(100),
  annual_revenue: z.number().finite().min(0, "must not be negative").nullable().optional(),
  renewal_date: isoDate.nullable().optional(),
  strategic: z.boolean().optional(),
  custom: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
});
export type PartnerInput = z.infer<typeof partnerInputSchema>;

export const partnerUpdateSchema = partnerInputSchema.partial();
export type PartnerUpdate = z.infer<typeof partnerUpdateSchema>;

export const partnerSortFields = [
  "name",
  "tier",
  "type",
  "region",
  "annual_revenue",
  "renewal_date",
  "created_at",
] as const;

export const partnerListQuerySchema = z.object({
  search: z.string().trim().max(200).optional(),
  tier: z.string().optional(),
  type: z.string().optional(),
  region: z.string().optional(),
  country: z.string().optional(),
  owner_user_id: z.string().optional(),
  strategic: z.enum(["true", "false"]).optional(),
  include_archived: z.enum(["true", "false"]).optional(),
  sort: z.enum(partnerSortFields).default("name"),
  order: z.enum(["asc", "desc"]).default("asc"),
  limit: z.coerce.number().int().min(1).max(1000).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type PartnerListQuery = z.infer<typeof partnerListQuerySchema>;

/** The partner as the API shows it: JSON columns parsed, flags as booleans. */
export interface PartnerView {
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
  custom: Record<string, unknown>;
  archived_at: string | null;
  created_at: string;
  updated_at: string;
}
