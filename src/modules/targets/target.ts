import { z } from "zod";
import { isoDate, segmentFields } from "../analytics/report-query.js";

/** "From 25 to 45 within 6 months" (the source page's case study), for the program or one segment. */
export const targetInputSchema = z
  .object({
    name: z.string().trim().min(1, "is required").max(200),
    segment: z.partialRecord(z.enum(segmentFields), z.array(z.string()).min(1)).default({}),
    start_value: z.number().min(-100).max(100),
    target_value: z.number().min(-100).max(100),
    start_date: isoDate,
    due_date: isoDate,
  })
  .refine((t) => t.due_date > t.start_date, { message: "must be after start_date", path: ["due_date"] })
  .refine((t) => t.target_value !== t.start_value, {
    message: "must differ from start_value",
    path: ["target_value"],
  });
export type TargetInput = z.infer<typeof targetInputSchema>;

export type TargetStatus = "achieved" | "on_track" | "behind" | "missed" | "no_data";

export interface TargetProgressInput {
  start_value: number;
  target_value: number;
  start_date: string;
  due_date: string;
  current: number | null;
  today: string;
}

/**
 * Progress is the share of the planned change achieved so far; "on track" compares it with the share
 * of the time elapsed (a straight line from start to due date).
 */
export function targetProgress(input: TargetProgressInput) {
  const span = Date.parse(input.due_date) - Date.parse(input.start_date);
  const elapsed = Math.min(1, Math.max(0, (Date.parse(input.today) - Date.parse(input.start_date)) / span));
  const expected = input.start_value + (input.target_value - input.start_value) * elapsed;
  if (input.current === null) return { progress: null, elapsed, expected, status: "no_data" as TargetStatus };
  const progress = (input.current - input.start_value) / (input.target_value - input.start_value);
  const ahead =
    input.target_value > input.start_value ? input.current >= expected : input.current <= expected;
  const status: TargetStatus =
    progress >= 1 ? "achieved" : elapsed >= 1 ? "missed" : ahead ? "on_track" : "behind";
  return { progress, elapsed, expected, status };
}
