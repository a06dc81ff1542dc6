import { accumulateRollups, type RollupDeltas, type RollupSource, scoreDeltas } from "../../core/rollups.js";
import type { DialectFeatures } from "../../db/database.js";
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

/** Adds the deltas to both rollup tables in the caller's transaction (one upsert per chunk of keys). */
export async function applyRollupDeltas(
  db: Executor,
  organizationId: string,
  deltas: RollupDeltas,
  features: DialectFeatures,
): Promise<void> {
  const partnerRows = inKeyOrder(deltas.partner).map(({ key, delta }) => ({
    organization_id: organizationId,
    ...key,
    responses: delta,
  }));
  for (const rows of chunk(partnerRows, Math.floor(features.maxParameters / PARTNER_ROLLUP_COLUMNS))) {
    await db
      .insertInto("response_rollups")
      .values(rows)
      .onConflict((oc) =>
        oc
          .columns([
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
          ])
          .doUpdateSet((eb) => ({
            responses: eb("response_rollups.responses", "+", eb.ref("excluded.responses")),
          })),
      )
      .execute();
  }
  const scoreRows = inKeyOrder(scoreDeltas(deltas)).map(({ key, delta }) => ({
    organization_id: organizationId,
    ...key,
    responses: delta,
  }));
  for (const rows of chunk(scoreRows, Math.floor(features.maxParameters / SCORE_ROLLUP_COLUMNS))) {
    await db
      .insertInto("score_rollups")
      .values(rows)
      .onConflict((oc) =>
        oc
          .columns(["organization_id", "dimension", "dimension_value", "period_month", "score"])
          .doUpdateSet((eb) => ({
            responses: eb("score_rollups.responses", "+", eb.ref("excluded.responses")),
          })),
      )
      .execute();
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
