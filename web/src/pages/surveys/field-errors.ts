/**
 * Field-level validation messages from the server's error body. The server sends
 * details {issues:[{field,message}]}; a bare array is accepted too so either shape shows next to its field.
 */
export interface FieldIssue {
  field: string;
  message: string;
}

export type FieldErrors = Record<string, string>;

function isIssue(value: unknown): value is FieldIssue {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as FieldIssue).field === "string" &&
    typeof (value as FieldIssue).message === "string"
  );
}

export function fieldIssues(details: unknown): FieldIssue[] {
  const list = Array.isArray(details)
    ? details
    : typeof details === "object" &&
        details !== null &&
        Array.isArray((details as { issues?: unknown }).issues)
      ? (details as { issues: unknown[] }).issues
      : [];
  return list.filter(isIssue);
}

/** Keyed by field path ("questions.custom.0.text.en"); the first message per field wins. */
export function fieldErrors(details: unknown): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of fieldIssues(details)) out[issue.field] ??= issue.message;
  return out;
}

/** Every message whose field starts with the prefix, for a group such as one custom question. */
export function errorsUnder(errors: FieldErrors, prefix: string): string[] {
  return Object.entries(errors)
    .filter(([field]) => field === prefix || field.startsWith(`${prefix}.`))
    .map(([field, message]) =>
      field === prefix ? message : `${field.slice(prefix.length + 1)}: ${message}`,
    );
}
