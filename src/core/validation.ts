import type { z } from "zod";
import { ValidationError } from "./errors.js";

/** Parses input with a zod schema; failures become one ValidationError naming every bad field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what = "input"): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({
    field: issue.path.map(String).join(".") || what,
    message: issue.message,
  }));
  const summary = issues.map((i) => `${i.field}: ${i.message}`).join("; ");
  throw new ValidationError(`Invalid ${what}: ${summary}`, issues);
}
