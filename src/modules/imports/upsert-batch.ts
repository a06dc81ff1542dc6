import type { BatchOutcome, ParsedRow, RowError } from "./import.js";

export interface UpsertPlan<Value, Existing, Insert, Changes> {
  /** Rows already stored, keyed as keyOf keys the file's rows. */
  existing: Map<string, Existing>;
  keyOf(value: Value): string | null;
  /** A new row to insert, or a row-level reason to refuse it. */
  toInsert(value: Value, row: number): Insert | RowError;
  /** The changes an existing row needs, null when it already says the same, or a reason to refuse. */
  toUpdate(value: Value, existing: Existing, row: number): Changes | null | RowError;
  insert(rows: Insert[]): Promise<void>;
  update(existing: Existing, changes: Changes): Promise<void>;
}

function isRowError(value: unknown): value is RowError {
  return typeof value === "object" && value !== null && "reason" in value && "row" in value;
}

/** The shared insert-or-update-or-leave step of the partner, contact and metric imports (idempotent by key). */
export async function upsertBatch<Value, Existing, Insert, Changes>(
  batch: ParsedRow<Value>[],
  plan: UpsertPlan<Value, Existing, Insert, Changes>,
): Promise<BatchOutcome> {
  const outcome: BatchOutcome = { inserted: 0, updated: 0, unchanged: 0, errors: [] };
  const inserts: Insert[] = [];
  for (const { row, value } of batch) {
    const key = plan.keyOf(value);
    const existing = key === null ? undefined : plan.existing.get(key);
    if (existing === undefined) {
      const insert = plan.toInsert(value, row);
      if (isRowError(insert)) outcome.errors.push(insert);
      else inserts.push(insert);
      continue;
    }
    const changes = plan.toUpdate(value, existing, row);
    if (changes === null) outcome.unchanged++;
    else if (isRowError(changes)) outcome.errors.push(changes);
    else {
      await plan.update(existing, changes);
      outcome.updated++;
    }
  }
  await plan.insert(inserts);
  outcome.inserted = inserts.length;
  return outcome;
}

/** Only the fields whose value differs, or null when none does. */
export function changedFields<T extends object>(current: T, next: Partial<T>): Partial<T> | null {
  const changes: Partial<T> = {};
  let any = false;
  for (const [field, value] of Object.entries(next) as [keyof T, T[keyof T]][]) {
    if (value !== undefined && current[field] !== value) {
      changes[field] = value;
      any = true;
    }
  }
  return any ? changes : null;
}
