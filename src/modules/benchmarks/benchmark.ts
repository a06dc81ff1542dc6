import { z } from "zod";

/** A published reference figure the team records itself (none are shipped: no invented benchmarks). */
export const benchmarkInputSchema = z.object({
  name: z.string().trim().min(1, "is required").max(200),
  source: z.string().trim().min(1, "name the source (publication, survey, URL)").max(500),
  year: z.number().int().min(1990).max(2100).nullable().optional(),
  segment: z.string().trim().max(200).nullable().optional(),
  statistic: z.enum(["nps", "median_nps", "top_quartile_nps", "response_rate"]).default("nps"),
  value: z.number().finite().min(-100).max(100),
});
export type BenchmarkInput = z.infer<typeof benchmarkInputSchema>;
