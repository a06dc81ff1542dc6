import type { Compilable, Insertable } from "kysely";
import { accumulateRollups, type RollupDeltas, type RollupSource, scoreDeltas } from "../../core/rollups.js";
import type { DialectFeatures } from "../../db/database.js";
import { preparedQuery } from "../../db/prepared-query.js";
import type { ResponseRollupTable, ScoreRollupTable } from "../../db/schema.js";
import type { Executor } from "../organizations/organization.repository.js";

const PARTNER_ROLLUP_COLUMNS = 15;
const SCORE_ROLLUP_COLUMNS = 6;

/**
 * The non-zero deltas in key order (the map keys list the primary-key columns in order), so the upserts
 * walk the rollup indexes from one end to the other instead of touching pages at random.
 */
function inKeyOrder<K>(deltas: Map<string, { key: K; delta: number }>): { key: K; delta: number }[] {
  return [...deltas]
    .filter(([, entry]) => entry.delta !== 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, entry]) => entry);
}

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const PARTNER_KEY_COLUMNS = [
  "organization_id",
  "partner_id",
  "period_month",
  "tier",
  "type",
  "region",
  "country",
  "industry",
  "owner_user_id",
  "role",
  "survey_id",
  "wave_id",
  "channel",
  "score",
] as const;
const SCORE_KEY_COLUMNS = [
  "organization_id",
  "dimension",
  "dimension_value",
  "period_month",
  "score",
] as const;

type PartnerRollupRow = Insertable<ResponseRollupTable>;
type ScoreRollupRow = Insertable<ScoreRollupTable>;

function upsertPartnerRollups(db: Executor, rows: PartnerRollupRow[]) {
  return db
    .insertInto("response_rollups")
    .values(rows)
    .onConflict((oc) =>
      oc.columns([...PARTNER_KEY_COLUMNS]).doUpdateSet((eb) => ({
        responses: eb("response_rollups.responses", "+", eb.ref("excluded.responses")),
      })),
    );
}

function upsertScoreRollups(db: Executor, rows: ScoreRollupRow[]) {
  return db
    .insertInto("score_rollups")
    .values(rows)
    .onConflict((oc) =>
      oc.columns([...SCORE_KEY_COLUMNS]).doUpdateSet((eb) => ({
        responses: eb("score_rollups.responses", "+", eb.ref("excluded.responses")),
      })),
    );
}

/**
 * Up to this many rows, an upsert is compiled once per row count (a submit writes 1 + 12 keys, an edit up
 * to twice that): building a multi-row upsert costs more than running it. Larger batches (imports,
 * rebuilds) are built per call, where that cost is shared by many rows.
 */
const PREPARED_MAX_ROWS = 32;

/** The upsert of `count` rows as a prepared query whose params are the rows' values, row after row. */
function preparedUpsert<Row extends object>(
  upsert: (db: Executor, rows: Row[]) => Compilable<unknown>,
  columns: readonly string[],
  count: number,
) {
  return preparedQuery((db, values: unknown[]) =>
    upsert(
      db,
      Array.from(
        { length: count },
        (_, i) =>
          Object.fromEntries(columns.map((column, j) => [column, values[i * columns.length + j]])) as Row,
      ),
    ),
  );
}

function rowValues(rows: object[], columns: readonly string[]): unknown[] {
  const values: unknown[] = [];
  for (const row of rows) for (const column of columns) values.push((row as Record<string, unknown>)[column]);
  return values;
}

const PARTNER_ROW_COLUMNS = [...PARTNER_KEY_COLUMNS, "responses"] as const;
const SCORE_ROW_COLUMNS = [...SCORE_KEY_COLUMNS, "responses"] as const;
const preparedPartnerUpserts = new Map<number, ReturnType<typeof preparedUpsert>>();
const preparedScoreUpserts = new Map<number, ReturnType<typeof preparedUpsert>>();

async function writePartnerRollups(db: Executor, rows: PartnerRollupRow[]): Promise<void> {
  if (rows.length > PREPARED_MAX_ROWS) {
    await upsertPartnerRollups(db, rows).execute();
    return;
  }
  let prepared = preparedPartnerUpserts.get(rows.length);
  if (!prepared) {
    prepared = preparedUpsert(upsertPartnerRollups, PARTNER_ROW_COLUMNS, rows.length);
    preparedPartnerUpserts.set(rows.length, prepared);
  }
  await prepared(db, rowValues(rows, PARTNER_ROW_COLUMNS));
}

async function writeScoreRollups(db: Executor, rows: ScoreRollupRow[]): Promise<void> {
  if (rows.length > PREPARED_MAX_ROWS) {
    await upsertScoreRollups(db, rows).execute();
    return;
  }
  let prepared = preparedScoreUpserts.get(rows.length);
  if (!prepared) {
    prepared = preparedUpsert(upsertScoreRollups, SCORE_ROW_COLUMNS, rows.length);
    preparedScoreUpserts.set(rows.length, prepared);
  }
  await prepared(db, rowValues(rows, SCORE_ROW_COLUMNS));
}

/** Adds the deltas to both rollup tables in the caller's transaction (one upsert per chunk of keys). */
export async function applyRollupDeltas(
  db: Executor,
  organizationId: string,
  deltas: RollupDeltas,
  features: DialectFeatures,
): Promise<void> {
  const partnerRows: PartnerRollupRow[] = inKeyOrder(deltas.partner).map(({ key, delta }) => ({
    organization_id: organizationId,
    ...key,
    responses: delta,
  }));
  for (const rows of chunk(partnerRows, Math.floor(features.maxParameters / PARTNER_ROLLUP_COLUMNS))) {
    await writePartnerRollups(db, rows);
  }
  const scoreRows: ScoreRollupRow[] = inKeyOrder(scoreDeltas(deltas)).map(({ key, delta }) => ({
    organization_id: organizationId,
    ...key,
    responses: delta,
  }));
  for (const rows of chunk(scoreRows, Math.floor(features.maxParameters / SCORE_ROLLUP_COLUMNS))) {
    await writeScoreRollups(db, rows);
  }
}

const REBUILD_PAGE = 20_000;

/** Recomputes both rollups of an organization from its raw responses, in the caller's transaction. */
export async function rebuildRollups(
  db: Executor,
  organizationId: string,
  features: DialectFeatures,
): Promise<{ responses: number }> {
  await db.deleteFrom("response_rollups").where("organization_id", "=", organizationId).execute();
  await db.deleteFrom("score_rollups").where("organization_id", "=", organizationId).execute();
  let after = "";
  let total = 0;
  const deltas = accumulateRollups([], 1);
  for (;;) {
    const page: (RollupSource & { response_id: string })[] = await db
      .selectFrom("responses")
      .select([
        "response_id",
        "partner_id",
        "period_month",
        "partner_tier",
        "partner_type",
        "partner_region",
        "partner_country",
        "partner_industry",
        "owner_user_id",
        "contact_role",
        "survey_id",
        "wave_id",
        "channel",
        "score",
      ])
      .where("organization_id", "=", organizationId)
      .where("response_id", ">", after)
      .orderBy("response_id")
      .limit(REBUILD_PAGE)
      .execute();
    if (page.length === 0) break;
    accumulateRollups(page, 1, deltas);
    total += page.length;
    after = page[page.length - 1]!.response_id;
  }
  await applyRollupDeltas(db, organizationId, deltas, features);
  return { responses: total };
}
