import type { Kysely, Updateable } from "kysely";
import { type Clock, isoNow, systemClock } from "../../core/clock.js";
import { ConflictError, NotFoundError, ValidationError } from "../../core/errors.js";
import { newId } from "../../core/ids.js";
import { parseInput } from "../../core/validation.js";
import type { Database, PartnerTable } from "../../db/schema.js";
import { recordAudit } from "../audit/audit.repository.js";
import type { Executor } from "../organizations/organization.repository.js";
import {
  type PartnerListQuery,
  type PartnerView,
  partnerInputSchema,
  partnerListQuerySchema,
  partnerUpdateSchema,
} from "./partner.js";
import {
  findPartner,
  findPartnersByExternalIds,
  insertPartners,
  listPartners,
  type PartnerRow,
  updatePartner,
} from "./partner.repository.js";

export interface ServiceContext {
  db: Kysely<Database>;
  organizationId: string;
  actor: string;
  clock?: Clock;
  /**
   * Set for a partner manager: every read and write is limited to the partners this user owns
   * (partners.owner_user_id). Null or absent means the whole organization.
   */
  ownerUserId?: string | null;
}

export function toPartnerView(row: PartnerRow): PartnerView {
  const { organization_id: _organization, ...rest } = row;
  return {
    ...rest,
    strategic: row.strategic === 1,
    custom: JSON.parse(row.custom) as Record<string, unknown>,
  };
}

async function assertOwnerExists(
  db: Executor,
  organizationId: string,
  ownerUserId: string | null | undefined,
) {
  if (!ownerUserId) return;
  const owner = await db
    .selectFrom("users")
    .select("user_id")
    .where("organization_id", "=", organizationId)
    .where("user_id", "=", ownerUserId)
    .executeTakeFirst();
  if (!owner) {
    throw new ValidationError(`owner_user_id: no user ${ownerUserId} in this organization`, [
      { field: "owner_user_id", message: "no such user in this organization" },
    ]);
  }
}

async function assertExternalIdFree(
  db: Executor,
  organizationId: string,
  externalId: string,
  partnerId?: string,
) {
  const [existing] = await findPartnersByExternalIds(db, organizationId, [externalId]);
  if (existing && existing.partner_id !== partnerId) {
    throw new ConflictError(`external_id ${externalId} is already used by partner ${existing.partner_id}`, {
      field: "external_id",
    });
  }
}

function assertOwnOwner(ownerUserId: string, requested: string | null | undefined) {
  if (requested !== undefined && requested !== null && requested !== ownerUserId) {
    throw new ValidationError("owner_user_id: a partner manager creates partners they own", [
      { field: "owner_user_id", message: "must be your own user id" },
    ]);
  }
}

export async function createPartner(context: ServiceContext, input: unknown): Promise<PartnerView> {
  const data = parseInput(partnerInputSchema, input, "partner");
  const clock = context.clock ?? systemClock;
  if (context.ownerUserId) assertOwnOwner(context.ownerUserId, data.owner_user_id);
  return context.db.transaction().execute(async (trx) => {
    await assertOwnerExists(trx, context.organizationId, data.owner_user_id);
    if (data.external_id) await assertExternalIdFree(trx, context.organizationId, data.external_id);
    const now = isoNow(clock);
    const row: PartnerRow = {
      organization_id: context.organizationId,
      partner_id: newId(clock.now().getTime()),
      external_id: data.external_id ?? null,
      name: data.name,
      type: data.type ?? null,
      tier: data.tier ?? null,
      region: data.region ?? null,
      country: data.country ?? null,
      industry: data.industry ?? null,
      size: data.size ?? null,
      // A partner manager's new partner is theirs, or they could not see what they just created.
      owner_user_id: data.owner_user_id ?? context.ownerUserId ?? null,
      annual_revenue: data.annual_revenue ?? null,
      renewal_date: data.renewal_date ?? null,
      strategic: data.strategic ? 1 : 0,
      custom: JSON.stringify(data.custom ?? {}),
      archived_at: null,
      created_at: now,
      updated_at: now,
    };
    await insertPartners(trx, [row]);
    await recordAudit(
      trx,
      {
        organizationId: context.organizationId,
        actor: context.actor,
        action: "partner.created",
        entityType: "partner",
        entityId: row.partner_id,
      },
      clock,
    );
    return toPartnerView(row);
  });
}

export async function getPartner(context: ServiceContext, partnerId: string): Promise<PartnerView> {
  const row = await findPartner(context.db, context, partnerId);
  if (!row) throw new NotFoundError("Partner", partnerId);
  return toPartnerView(row);
}

export async function updatePartnerAttributes(
  context: ServiceContext,
  partnerId: string,
  input: unknown,
): Promise<PartnerView> {
  const data = parseInput(partnerUpdateSchema, input, "partner");
  const clock = context.clock ?? systemClock;
  return context.db.transaction().execute(async (trx) => {
    const existing = await findPartner(trx, context, partnerId);
    if (!existing) throw new NotFoundError("Partner", partnerId);
    await assertOwnerExists(trx, context.organizationId, data.owner_user_id);
    if (data.external_id)
      await assertExternalIdFree(trx, context.organizationId, data.external_id, partnerId);
    const { strategic, custom, ...rest } = data;
    const changes: Updateable<PartnerTable> = { ...rest, updated_at: isoNow(clock) };
    if (strategic !== undefined) changes.strategic = strategic ? 1 : 0;
    if (custom !== undefined) changes.custom = JSON.stringify(custom);
    await updatePartner(trx, context.organizationId, partnerId, changes);
    await recordAudit(
      trx,
      {
        organizationId: context.organizationId,
        actor: context.actor,
        action: "partner.updated",
        entityType: "partner",
        entityId: partnerId,
        details: { fields: Object.keys(data) },
      },
      clock,
    );
    return toPartnerView({ ...existing, ...(changes as Partial<PartnerRow>) });
  });
}

export async function archivePartner(context: ServiceContext, partnerId: string): Promise<PartnerView> {
  const clock = context.clock ?? systemClock;
  return context.db.transaction().execute(async (trx) => {
    const existing = await findPartner(trx, context, partnerId);
    if (!existing) throw new NotFoundError("Partner", partnerId);
    const now = isoNow(clock);
    const archived_at = existing.archived_at ?? now;
    await updatePartner(trx, context.organizationId, partnerId, { archived_at, updated_at: now });
    await recordAudit(
      trx,
      {
        organizationId: context.organizationId,
        actor: context.actor,
        action: "partner.archived",
        entityType: "partner",
        entityId: partnerId,
      },
      clock,
    );
    return toPartnerView({ ...existing, archived_at, updated_at: now });
  });
}

export async function searchPartners(
  context: ServiceContext,
  rawQuery: unknown,
): Promise<{ items: PartnerView[]; total: number; limit: number; offset: number }> {
  const query: PartnerListQuery = parseInput(partnerListQuerySchema, rawQuery, "query");
  const { rows, total } = await listPartners(context.db, context, query);
  return { items: rows.map(toPartnerView), total, limit: query.limit, offset: query.offset };
}
