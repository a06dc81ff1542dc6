import { z } from "zod";

const list = z.array(z.string().min(1)).max(1000).optional();

/** Who a wave targets: partner attributes and contact attributes; empty means everyone reachable. */
export const audienceSchema = z.object({
  tier: list,
  type: list,
  region: list,
  country: list,
  owner: list,
  partner_ids: list,
  strategic: z.boolean().optional(),
  roles: list,
  languages: list,
});
export type Audience = z.infer<typeof audienceSchema>;

const isoTimestamp = z.iso.datetime({
  offset: true,
  message: "must be an ISO date-time such as 2026-12-15T17:00:00Z",
});

export const waveInputSchema = z
  .object({
    survey_id: z.string().min(1, "is required"),
    name: z.string().trim().min(1, "is required").max(200),
    audience: audienceSchema.default({}),
    reminder_days: z.array(z.number().int().min(1).max(60)).max(5).default([4, 9]),
    scheduled_at: isoTimestamp.nullable().optional(),
    closes_at: isoTimestamp,
  })
  .refine((w) => !w.scheduled_at || w.scheduled_at < w.closes_at, {
    message: "must be after scheduled_at",
    path: ["closes_at"],
  });
export type WaveInput = z.infer<typeof waveInputSchema>;
