import type { ValueResult } from "../../core/csv/values.js";
import type { FieldValues } from "./import.js";

export type FieldErrors = { field: string | null; reason: string }[];

/** Reads one mapped field with a strict parser, recording a reason (never coercing) when it fails. */
export function readField<T>(
  values: FieldValues,
  field: string,
  parse: (raw: string) => ValueResult<T>,
  errors: FieldErrors,
  required = false,
): T | null {
  const raw = values[field];
  if (raw === null || raw === undefined) {
    if (required) errors.push({ field, reason: `${field} is missing (the cell is empty or NA)` });
    return null;
  }
  const result = parse(raw);
  if (result.ok) return result.value;
  errors.push({
    field,
    reason: result.reason.startsWith(field) ? result.reason : `${field} ${result.reason}`,
  });
  return null;
}

/** Optional free text, trimmed, empty → null, limited in length. */
export function optionalText(max: number) {
  return (raw: string): ValueResult<string | null> => {
    const text = raw.trim().normalize("NFC");
    if (text === "") return { ok: true, value: null };
    // PostgreSQL text cannot hold U+0000 (the insert would fail mid-import), so refuse it as a row error.
    if (text.includes("\u0000")) return { ok: false, reason: "contains a NUL character (U+0000)" };
    if (text.length > max)
      return { ok: false, reason: `is ${text.length} characters long, above the limit of ${max}` };
    return { ok: true, value: text };
  };
}

export function languageCode(raw: string): ValueResult<string> {
  const code = raw.trim().toLowerCase().replace("_", "-");
  return /^[a-z]{2}(-[a-z]{2})?$/.test(code)
    ? { ok: true, value: code }
    : { ok: false, reason: `must be a language code such as en or fr, got "${raw.slice(0, 20)}"` };
}
