import type { Executor } from "../../db/database.js";
import type { ImportTable } from "../../db/schema.js";

export async function findSavedMapping(
  db: Executor,
  organizationId: string,
  kind: string,
  name: string,
): Promise<Record<string, string> | null> {
  const row = await db
    .selectFrom("saved_mappings")
    .select("mapping")
    .where("organization_id", "=", organizationId)
    .where("kind", "=", kind)
    .where("name", "=", name)
    .executeTakeFirst();
  return row ? (JSON.parse(row.mapping) as Record<string, string>) : null;
}

export async function saveMapping(
  db: Executor,
  row: {
    organization_id: string;
    mapping_id: string;
    kind: string;
    name: string;
    mapping: string;
    created_at: string;
  },
): Promise<void> {
  await db
    .insertInto("saved_mappings")
    .values(row)
    .onConflict((oc) => oc.columns(["organization_id", "kind", "name"]).doUpdateSet({ mapping: row.mapping }))
    .execute();
}

export async function listSavedMappings(db: Executor, organizationId: string) {
  return db
    .selectFrom("saved_mappings")
    .select(["kind", "name", "mapping", "created_at"])
    .where("organization_id", "=", organizationId)
    .orderBy("kind")
    .orderBy("name")
    .execute();
}

export async function insertImportRecord(db: Executor, row: ImportTable): Promise<void> {
  await db.insertInto("imports").values(row).execute();
}
