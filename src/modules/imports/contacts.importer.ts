import type { Insertable, Selectable } from "kysely";
import { parseBoolean, parseEmail, type ValueResult } from "../../core/csv/values.js";
import { newId } from "../../core/ids.js";
import type { ContactTable } from "../../db/schema.js";
import { updateContact } from "../contacts/contact.repository.js";
import { type FieldErrors, languageCode, optionalText, readField } from "./field-reader.js";
import type { Importer } from "./import.js";
import { PartnerDirectory, unknownPartnerReason } from "./partner-directory.js";
import { changedFields, upsertBatch } from "./upsert-batch.js";

interface ContactImportRow {
  /** Mapped contact columns only: an unmapped field never blanks what is stored. */
  attributes: Partial<
    Pick<ContactTable, "external_id" | "name" | "email" | "role" | "language" | "unsubscribed_at">
  >;
  unsubscribed: boolean | null;
  partnerExternalId: string | null;
  partnerName: string | null;
}

const keyOf = (row: ContactImportRow): string | null =>
  row.attributes.external_id
    ? `id:${row.attributes.external_id}`
    : row.attributes.email
      ? `email:${row.attributes.email}`
      : null;

export function createContactsImporter(organizationId: string): Importer<ContactImportRow> {
  const partners = new PartnerDirectory(organizationId);
  return {
    kind: "contacts",
    fields: [
      { name: "external_id", aliases: ["contact id", "id"] },
      { name: "partner_external_id", aliases: ["partner id", "account id"] },
      { name: "partner", aliases: ["partner name", "account", "account name", "company"] },
      { name: "name", aliases: ["contact name", "full name"] },
      { name: "email", aliases: ["email address", "e-mail"] },
      { name: "role", aliases: ["contact role", "job role"] },
      { name: "language", aliases: ["lang", "locale"] },
      { name: "unsubscribed", aliases: ["opted out", "unsubscribe"] },
    ],
    checkMapping(columns, options) {
      if (!columns.external_id && !columns.email)
        return "Contacts need an external_id or an email column to be matched on re-import";
      return columns.partner || columns.partner_external_id || options.partnerName
        ? null
        : "Contacts must belong to a partner: map a partner or partner_external_id column, or pass --partner NAME";
    },
    parse(values) {
      const errors: FieldErrors = [];
      const readers: Record<string, (raw: string) => ValueResult<unknown>> = {
        external_id: optionalText(200),
        name: optionalText(300),
        email: (raw) => {
          const email = parseEmail(raw);
          return email.ok ? { ok: true, value: email.value.toLowerCase() } : email;
        },
        role: optionalText(100),
        language: languageCode,
      };
      const attributes: Record<string, unknown> = {};
      for (const [field, reader] of Object.entries(readers)) {
        if (field in values) attributes[field] = readField(values, field, reader, errors);
      }
      const row: ContactImportRow = {
        attributes,
        unsubscribed:
          "unsubscribed" in values ? readField(values, "unsubscribed", parseBoolean, errors) : null,
        partnerExternalId: readField(values, "partner_external_id", optionalText(200), errors),
        partnerName: readField(values, "partner", optionalText(300), errors),
      };
      if (!row.attributes.external_id && !row.attributes.email && !errors.length) {
        errors.push({ field: "email", reason: "a contact needs an external_id or an email" });
      }
      return errors.length ? { errors } : { value: row };
    },
    keyOf,
    async persist(batch, context) {
      await partners.load(context.trx);
      const fixed = context.options.partnerName
        ? await partners.ensureNamed(context.trx, context.options.partnerName, context.now)
        : null;
      const ids = batch.map((b) => b.value.attributes.external_id).filter((v): v is string => !!v);
      const emails = batch.map((b) => b.value.attributes.email).filter((v): v is string => !!v);
      const rows = await context.trx
        .selectFrom("contacts")
        .selectAll()
        .where("organization_id", "=", organizationId)
        .where((eb) => eb.or([eb("external_id", "in", ["", ...ids]), eb("email", "in", ["", ...emails])]))
        .execute();
      const existing = new Map<string, Selectable<ContactTable>>();
      for (const row of rows) {
        if (row.external_id) existing.set(`id:${row.external_id}`, row);
        if (row.email && !existing.has(`email:${row.email}`)) existing.set(`email:${row.email}`, row);
      }
      const partnerOf = (value: ContactImportRow) =>
        fixed ?? partners.find({ externalId: value.partnerExternalId, name: value.partnerName });
      const unsubscribedAt = (value: ContactImportRow, current: string | null) =>
        value.unsubscribed === null ? current : value.unsubscribed ? (current ?? context.now) : null;
      return upsertBatch<
        ContactImportRow,
        Selectable<ContactTable>,
        Insertable<ContactTable>,
        Partial<Selectable<ContactTable>>
      >(batch, {
        existing,
        keyOf,
        toInsert: (value, row) => {
          const partner = partnerOf(value);
          if (!partner) {
            return {
              row,
              column: null,
              reason: unknownPartnerReason({ externalId: value.partnerExternalId, name: value.partnerName }),
            };
          }
          return {
            organization_id: organizationId,
            contact_id: newId(),
            partner_id: partner.partner_id,
            external_id: value.attributes.external_id ?? null,
            name: value.attributes.name ?? null,
            email: value.attributes.email ?? null,
            role: value.attributes.role ?? null,
            language: value.attributes.language ?? null,
            consent: 1,
            unsubscribed_at: unsubscribedAt(value, null),
            bounced_at: null,
            custom: "{}",
            archived_at: null,
            created_at: context.now,
            updated_at: context.now,
          };
        },
        toUpdate: (value, current, row) => {
          const hasPartner = value.partnerExternalId || value.partnerName || fixed;
          const partner = hasPartner ? partnerOf(value) : undefined;
          if (hasPartner && !partner) {
            return {
              row,
              column: null,
              reason: unknownPartnerReason({ externalId: value.partnerExternalId, name: value.partnerName }),
            };
          }
          return changedFields(current, {
            ...value.attributes,
            ...(partner ? { partner_id: partner.partner_id } : {}),
            unsubscribed_at: unsubscribedAt(value, current.unsubscribed_at),
          });
        },
        insert: (inserts) => context.database.bulkInsert(context.trx, "contacts", inserts),
        update: (current, changes) =>
          updateContact(context.trx, organizationId, current.contact_id, {
            ...changes,
            updated_at: context.now,
          }),
      });
    },
  };
}
