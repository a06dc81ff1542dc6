import { newId } from "../../core/ids.js";
import type { PartnerSnapshotSource } from "../../core/response-snapshot.js";
import type { Executor } from "../../db/database.js";

export interface PartnerEntry extends PartnerSnapshotSource {
  external_id: string | null;
  name: string;
}

/**
 * The organization's partners, loaded once per import and looked up by external id or by name
 * (case-insensitive), so a million-row file does not query partners row by row.
 */
export class PartnerDirectory {
  private byExternalId = new Map<string, PartnerEntry>();
  private byName = new Map<string, PartnerEntry>();
  private byId = new Map<string, PartnerEntry>();
  private loaded = false;

  constructor(private readonly organizationId: string) {}

  async load(db: Executor): Promise<void> {
    if (this.loaded) return;
    const rows = await db
      .selectFrom("partners")
      .select([
        "partner_id",
        "external_id",
        "name",
        "tier",
        "type",
        "region",
        "country",
        "industry",
        "size",
        "owner_user_id",
      ])
      .where("organization_id", "=", this.organizationId)
      .execute();
    for (const row of rows) this.remember(row);
    this.loaded = true;
  }

  remember(entry: PartnerEntry): void {
    this.byId.set(entry.partner_id, entry);
    if (entry.external_id) this.byExternalId.set(entry.external_id, entry);
    const key = entry.name.trim().toLowerCase();
    if (!this.byName.has(key)) this.byName.set(key, entry);
  }

  find(reference: { externalId?: string | null; name?: string | null }): PartnerEntry | undefined {
    if (reference.externalId) return this.byExternalId.get(reference.externalId);
    if (reference.name) return this.byName.get(reference.name.trim().toLowerCase());
    return undefined;
  }

  findById(partnerId: string): PartnerEntry | undefined {
    return this.byId.get(partnerId);
  }

  /** Finds a partner by name or creates it (for `--partner NAME` on files without partner columns). */
  async ensureNamed(db: Executor, name: string, now: string): Promise<PartnerEntry> {
    await this.load(db);
    const found = this.find({ name });
    if (found) return found;
    const entry: PartnerEntry = {
      partner_id: newId(),
      external_id: null,
      name: name.trim(),
      tier: null,
      type: null,
      region: null,
      country: null,
      industry: null,
      size: null,
      owner_user_id: null,
    };
    await db
      .insertInto("partners")
      .values({
        organization_id: this.organizationId,
        ...entry,
        annual_revenue: null,
        renewal_date: null,
        strategic: 0,
        custom: "{}",
        archived_at: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    this.remember(entry);
    return entry;
  }
}

/** A row-level message for a partner reference that matches nobody. */
export function unknownPartnerReason(reference: {
  externalId?: string | null;
  name?: string | null;
}): string {
  return reference.externalId
    ? `no partner with external id "${reference.externalId}": import partners first`
    : `no partner named "${reference.name}": import partners first`;
}
