import type { Selectable } from "kysely";
import type { ResponseTable } from "../../db/schema.js";
import type { Executor } from "../organizations/organization.repository.js";

/** A response as the writers build it; `comment_search` is derived from `comment` by response.service. */
export type ResponseRow = Selectable<ResponseTable>;

export function findResponsesByExternalIds(
  db: Executor,
  organizationId: string,
  externalIds: string[],
): Promise<ResponseRow[]> {
  if (externalIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("responses")
    .selectAll()
    .where("organization_id", "=", organizationId)
    .where("external_id", "in", externalIds)
    .execute();
}

export async function countResponses(db: Executor, organizationId: string): Promise<number> {
  const row = await db
    .selectFrom("responses")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("organization_id", "=", organizationId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
