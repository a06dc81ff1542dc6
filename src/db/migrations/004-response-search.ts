import { type Kysely, sql } from "kysely";
import { foldForSearch } from "../../core/search-text.js";

const BATCH = 1_000;

/**
 * Full-text search in comments: a folded copy (lower case, no accents) written with each response, so
 * "echange" finds "Échange" with one LIKE on both databases. Existing comments are folded here.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("responses").addColumn("comment_search", "text").execute();
  // Keyset pages keep memory flat on large tables; every row is visited once.
  let after = { organization_id: "", response_id: "" };
  for (;;) {
    const page = await sql<{ organization_id: string; response_id: string; comment: string }>`
      select organization_id, response_id, comment from responses
      where comment is not null
        and (organization_id > ${after.organization_id}
          or (organization_id = ${after.organization_id} and response_id > ${after.response_id}))
      order by organization_id, response_id limit ${BATCH}`.execute(db);
    for (const row of page.rows) {
      await sql`update responses set comment_search = ${foldForSearch(row.comment)}
        where organization_id = ${row.organization_id} and response_id = ${row.response_id}`.execute(db);
    }
    const last = page.rows.at(-1);
    if (!last || page.rows.length < BATCH) break;
    after = { organization_id: last.organization_id, response_id: last.response_id };
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("responses").dropColumn("comment_search").execute();
}
