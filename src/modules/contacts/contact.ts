import { z } from "zod";

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => (v === "" ? null : v))
    .nullable()
    .optional();

export const contactRoles = [
  "executive_sponsor",
  "decision_maker",
  "sales",
  "technical",
  "marketing",
  "operations",
  "other",
] as const;

export const contactInputSchema = z.object({
  partner_id: z.string().min(1, "is required"),
  external_id: optionalText(200),
  name: optionalText(300),
  email: z.email("must be an email address").max(320).nullable().optional(),
  role: optionalText(100),
  language: z
    .string()
    .regex(/^[a-z]{2}(-[A-Z]{2})?$/, "must be a language code like en or fr-CA")
    .nullable()
    .optional(),
  consent: z.boolean().optional(),
  unsubscribed: z.boolean().optional(),
  custom: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
});
export type ContactInput = z.infer<typeof contactInputSchema>;

export const contactUpdateSchema = contactInputSchema.partial();

export const contactListQuerySchema = z.object({
  search: z.string().trim().max(200).optional(),
  partner_id: z.string().optional(),
  role: z.string().optional(),
  language: z.string().optional(),
  reachable: z.enum(["true", "false"]).optional(),
  include_archived: z.enum(["true", "false"]).optional(),
  sort: z.enum(["name", "email", "role", "created_at"]).default("name"),
  order: z.enum(["asc", "desc"]).default("asc"),
  limit: z.coerce.number().int().min(1).max(1000).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type ContactListQuery = z.infer<typeof contactListQuerySchema>;

export interface ContactView {
  contact_id: string;
  partner_id: string;
  external_id: string | null;
  name: string | null;
  email: string | null;
  role: string | null;
  language: string | null;
  consent: boolean;
  unsubscribed_at: string | null;
  bounced_at: string | null;
  custom: Record<string, unknown>;
  archived_at: string | null;
  created_at: string;
  updated_at: string;
}
