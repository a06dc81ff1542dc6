import { accumulateRollups, emptyDeltas, type RollupDeltas } from "../../core/rollups.js";
import { foldForSearch } from "../../core/search-text.js";
import type { AppDatabase, Executor } from "../../db/database.js";
import { applyRollupDeltas } from "../rollups/rollup.repository.js";
import type { ResponseRow } from "./response.repository.js";

/**
 * Writes new responses and their rollup counts in the caller's transaction: the analytics never see
 * a response without its counts, nor counts without the response.
 */
export async function insertResponsesWithRollups(
  database: AppDatabase,
  trx: Executor,
  organizationId: string,
  rows: ResponseRow[],
): Promise<void> {
  if (rows.length === 0) return;
  const deltas = emptyDeltas();
  await insertResponses(database, trx, rows, deltas);
  await applyRollupDeltas(trx, organizationId, deltas, database.features);
}

/**
 * Writes new responses and adds their counts to `deltas`, which the caller applies (`applyRollupDeltas`)
 * before its transaction commits: an import sums its counts over many batches and writes each key once.
 */
export async function insertResponses(
  database: AppDatabase,
  trx: Executor,
  rows: ResponseRow[],
  deltas: RollupDeltas,
): Promise<void> {
  if (rows.length === 0) return;
  await database.bulkInsert(trx, "responses", rows.map(withCommentSearch));
  accumulateRollups(rows, 1, deltas);
}

/** Replaces responses by their new versions (same ids), moving their counts between rollup keys. */
export async function replaceResponsesWithRollups(
  database: AppDatabase,
  trx: Executor,
  organizationId: string,
  changes: { before: ResponseRow; after: ResponseRow }[],
): Promise<void> {
  if (changes.length === 0) return;
  const deltas = emptyDeltas();
  await replaceResponses(trx, changes, deltas);
  await applyRollupDeltas(trx, organizationId, deltas, database.features);
}

/** Replaces responses by their new versions and moves their counts in `deltas`, which the caller applies. */
export async function replaceResponses(
  trx: Executor,
  changes: { before: ResponseRow; after: ResponseRow }[],
  deltas: RollupDeltas,
): Promise<void> {
  if (changes.length === 0) return;
  accumulateRollups(
    changes.map((c) => c.before),
    -1,
    deltas,
  );
  accumulateRollups(
    changes.map((c) => c.after),
    1,
    deltas,
  );
  for (const { after } of changes) {
    const { organization_id, response_id, created_at, ...rest } = withCommentSearch(after);
    await trx
      .updateTable("responses")
      .set(rest)
      .where("organization_id", "=", organization_id)
      .where("response_id", "=", response_id)
      .execute();
  }
}

/** Every write derives the search column here, so no writer can forget it or fold it differently. */
export function withCommentSearch(row: ResponseRow): ResponseRow & { comment_search: string | null } {
  return { ...row, comment_search: row.comment === null ? null : foldForSearch(row.comment) };
}
