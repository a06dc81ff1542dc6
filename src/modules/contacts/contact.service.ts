import type { Updateable } from "kysely";
import { isoNow, systemClock } from "../../core/clock.js";
import { ConflictError, NotFoundError, ValidationError } from "../../core/errors.js";
import { newId } from "../../core/ids.js";
import { parseInput } from "../../core/validation.js";
import type { ContactTable } from "../../db/schema.js";
import { recordAudit } from "../audit/audit.repository.js";
import type { Executor } from "../organizations/organization.repository.js";
import { findPartner } from "../partners/partner.repository.js";
import type { ServiceContext } from "../partners/partner.service.js";
import type { OwnerScope } from "../partners/partner-scope.js";
import {
  type ContactView,
  contactInputSchema,
  contactListQuerySchema,
  contactUpdateSchema,
} from "./contact.js";
import {
  type ContactRow,
  findContact,
  findContactsByExternalIds,
  insertContacts,
  listContacts,
  updateContact,
} from "./contact.repository.js";

export function toContactView(row: ContactRow): ContactView {
  const { organization_id: _organization, ...rest } = row;
  return { ...rest, consent: row.consent === 1, custom: JSON.parse(row.custom) as Record<string, unknown> };
}

/** A partner outside a manager's scope reads as missing, so its id does not leak. */
async function assertPartnerExists(db: Executor, scope: OwnerScope, partnerId: string) {
  if (!(await findPartner(db, scope, partnerId))) {
    throw new ValidationError(`partner_id: no partner ${partnerId} in this organization`, [
      { field: "partner_id", message: "no such partner in this organization" },
    ]);
  }
}

async function assertExternalIdFree(
  db: Executor,
  organizationId: string,
  externalId: string,
  contactId?: string,
) {
  const [existing] = await findContactsByExternalIds(db, organizationId, [externalId]);
  if (existing && existing.contact_id !== contactId) {
    throw new ConflictError(`external_id ${externalId} is already used by contact ${existing.contact_id}`, {
      field: "external_id",
    });
  }
}

async function audit(context: ServiceContext, db: Executor, action: string, contactId: string, details = {}) {
  await recordAudit(
    db,
    {
      organizationId: context.organizationId,
      actor: context.actor,
      action,
      entityType: "contact",
      entityId: contactId,
      details,
    },
    context.clock,
  );
}

export async function createContact(context: ServiceContext, input: unknown): Promise<ContactView> {
  const data = parseInput(contactInputSchema, input, "contact");
  const clock = context.clock ?? systemClock;
  return context.db.transaction().execute(async (trx) => {
    await assertPartnerExists(trx, context, data.partner_id);
    if (data.external_id) await assertExternalIdFree(trx, context.organizationId, data.external_id);
    const now = isoNow(clock);
    const row: ContactRow = {
      organization_id: context.organizationId,
      contact_id: newId(clock.now().getTime()),
      partner_id: data.partner_id,
      external_id: data.external_id ?? null,
      name: data.name ?? null,
      email: data.email?.toLowerCase() ?? null,
      role: data.role ?? null,
      language: data.language ?? null,
      consent: data.consent === false ? 0 : 1,
      unsubscribed_at: data.unsubscribed ? now : null,
      bounced_at: null,
      custom: JSON.stringify(data.custom ?? {}),
      archived_at: null,
      created_at: now,
      updated_at: now,
    };
    await insertContacts(trx, [row]);
    await audit(context, trx, "contact.created", row.contact_id);
    return toContactView(row);
  });
}

export async function getContact(context: ServiceContext, contactId: string): Promise<ContactView> {
  const row = await findContact(context.db, context, contactId);
  if (!row) throw new NotFoundError("Contact", contactId);
  return toContactView(row);
}

export async function updateContactAttributes(
  context: ServiceContext,
  contactId: string,
  input: unknown,
): Promise<ContactView> {
  const data = parseInput(contactUpdateSchema, input, "contact");
  const clock = context.clock ?? systemClock;
  return context.db.transaction().execute(async (trx) => {
    const existing = await findContact(trx, context, contactId);
    if (!existing) throw new NotFoundError("Contact", contactId);
    if (data.partner_id) await assertPartnerExists(trx, context, data.partner_id);
    if (data.external_id)
      await assertExternalIdFree(trx, context.organizationId, data.external_id, contactId);
    const now = isoNow(clock);
    const { consent, unsubscribed, custom, email, ...rest } = data;
    const changes: Updateable<ContactTable> = { ...rest, updated_at: now };
    if (email !== undefined) changes.email = email?.toLowerCase() ?? null;
    if (consent !== undefined) changes.consent = consent ? 1 : 0;
    if (unsubscribed !== undefined)
      changes.unsubscribed_at = unsubscribed ? (existing.unsubscribed_at ?? now) : null;
    if (custom !== undefined) changes.custom = JSON.stringify(custom);
    await updateContact(trx, context.organizationId, contactId, changes);
    await audit(context, trx, "contact.updated", contactId, { fields: Object.keys(data) });
    return toContactView({ ...existing, ...(changes as Partial<ContactRow>) });
  });
}

export async function archiveContact(context: ServiceContext, contactId: string): Promise<ContactView> {
  const clock = context.clock ?? systemClock;
  return context.db.transaction().execute(async (trx) => {
    const existing = await findContact(trx, context, contactId);
    if (!existing) throw new NotFoundError("Contact", contactId);
    const now = isoNow(clock);
    const archived_at = existing.archived_at ?? now;
    await updateContact(trx, context.organizationId, contactId, { archived_at, updated_at: now });
    await audit(context, trx, "contact.archived", contactId);
    return toContactView({ ...existing, archived_at, updated_at: now });
  });
}

export async function searchContacts(context: ServiceContext, rawQuery: unknown) {
  const query = parseInput(contactListQuerySchema, rawQuery, "query");
  const { rows, total } = await listContacts(context.db, context, query);
  return { items: rows.map(toContactView), total, limit: query.limit, offset: query.offset };
}
