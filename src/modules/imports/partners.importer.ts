import type { Insertable, Selectable } from "kysely";
import { parseBoolean, parseDate, parseDecimal, type ValueResult } from "../../core/csv/values.js";
import { newId } from "../../core/ids.js";
import type { PartnerTable } from "../../db/schema.js";
import { updatePartner } from "../partners/partner.repository.js";
import { type FieldErrors, optionalText, readField } from "./field-reader.js";
import type { Importer } from "./import.js";
import { changedFields, upsertBatch } from "./upsert-batch.js";
import { loadUsers } from "./user-directory.js";

type PartnerAttributes = Omit<
  Insertable<PartnerTable>,
  "organization_id" | "partner_id" | "created_at" | "updated_at" | "custom" | "archived_at"
>;

interface PartnerImportRow {
  attributes: PartnerAttributes;
  owner: string | null;
  ownerMapped: boolean;
}

const attributeFields = ["type", "tier", "region", "country", "industry", "size"] as const;

export function createPartnersImporter(organizationId: string): Importer<PartnerImportRow> {
  return {
    kind: "partners",
    fields: [
      { name: "external_id", aliases: ["partner id", "account id", "id"] },
      {
        name: "name",
        aliases: ["partner name", "partner", "account name", "company", "company name"],
        required: true,
      },
      { name: "type", aliases: ["partner type"] },
      { name: "tier", aliases: ["partner tier", "level"] },
      { name: "region" },
      { name: "country" },
      { name: "industry", aliases: ["vertical"] },
      { name: "size", aliases: ["company size"] },
      { name: "owner", aliases: ["owner email", "partner manager", "account manager"] },
      { name: "annual_revenue", aliases: ["revenue", "annual revenue"] },
      { name: "renewal_date", aliases: ["renewal", "contract renewal"] },
      { name: "strategic", aliases: ["is strategic"] },
    ],
    parse(values, options) {
      const errors: FieldErrors = [];
      const readers: Record<string, (raw: string) => ValueResult<unknown>> = {
        external_id: optionalText(200),
        annual_revenue: (raw) => parseDecimal(raw, { min: 0, decimalComma: options.delimiter !== "," }),
        renewal_date: (raw) => parseDate(raw, { dayFirst: options.dayFirst === true }),
        strategic: (raw) => {
          const flag = parseBoolean(raw);
          return flag.ok ? { ok: true, value: flag.value ? 1 : 0 } : flag;
        },
      };
      for (const field of attributeFields) readers[field] = optionalText(100);
      // Only mapped columns are written: an unmapped field never blanks what is stored.
      const attributes: Record<string, unknown> = {
        name: readField(values, "name", optionalText(300), errors, true) ?? "",
      };
      for (const [field, reader] of Object.entries(readers)) {
        if (field in values) attributes[field] = readField(values, field, reader, errors);
      }
      if (attributes.strategic === null) attributes.strategic = 0;
      const owner = "owner" in values ? readField(values, "owner", optionalText(320), errors) : undefined;
      return errors.length
        ? { errors }
        : {
            value: {
              attributes: attributes as unknown as PartnerAttributes,
              owner: owner ?? null,
              ownerMapped: owner !== undefined,
            },
          };
    },
    keyOf: (row) =>
      row.attributes.external_id
        ? `id:${row.attributes.external_id}`
        : `name:${row.attributes.name.toLowerCase()}`,
    async persist(batch, context) {
      const users = await loadUsers(context.trx, organizationId);
      const existingRows = await context.trx
        .selectFrom("partners")
        .selectAll()
        .where("organization_id", "=", organizationId)
        .where((eb) =>
          eb.or([
            eb("external_id", "in", [
              "",
              ...batch.map((b) => b.value.attributes.external_id).filter((v): v is string => !!v),
            ]),
            eb("name", "in", [
              "",
              ...batch.filter((b) => !b.value.attributes.external_id).map((b) => b.value.attributes.name),
            ]),
          ]),
        )
        .execute();
      const existing = new Map<string, Selectable<PartnerTable>>();
      for (const row of existingRows) {
        if (row.external_id) existing.set(`id:${row.external_id}`, row);
        else existing.set(`name:${row.name.toLowerCase()}`, row);
      }
      const ownerOf = (owner: string | null, row: number) => {
        if (owner === null) return { ok: true as const, id: null };
        const id = users.get(owner.toLowerCase());
        return id
          ? { ok: true as const, id }
          : {
              ok: false as const,
              error: { row, column: "owner", reason: `no user "${owner}" in this organization` },
            };
      };
      return upsertBatch<
        PartnerImportRow,
        Selectable<PartnerTable>,
        Insertable<PartnerTable>,
        Partial<Selectable<PartnerTable>>
      >(batch, {
        existing,
        keyOf: (value) =>
          value.attributes.external_id
            ? `id:${value.attributes.external_id}`
            : `name:${value.attributes.name.toLowerCase()}`,
        toInsert: (value, row) => {
          const owner = ownerOf(value.owner, row);
          if (!owner.ok) return owner.error;
          return {
            organization_id: organizationId,
            partner_id: newId(),
            ...value.attributes,
            owner_user_id: owner.id,
            custom: "{}",
            archived_at: null,
            created_at: context.now,
            updated_at: context.now,
          } as Insertable<PartnerTable>;
        },
        toUpdate: (value, current, row) => {
          const owner = ownerOf(value.owner, row);
          if (!owner.ok) return owner.error;
          return changedFields(current, {
            ...value.attributes,
            ...(value.ownerMapped ? { owner_user_id: owner.id } : {}),
          } as Partial<Selectable<PartnerTable>>);
        },
        insert: (rows) => context.database.bulkInsert(context.trx, "partners", rows.map(normalizePartnerRow)),
        update: (current, changes) =>
          updatePartner(context.trx, organizationId, current.partner_id, {
            ...changes,
            updated_at: context.now,
          }),
      });
    },
  };
}

/** Gives every inserted row the same columns in the same order (bulk inserts reuse one statement). */
function normalizePartnerRow(row: Insertable<PartnerTable>): Insertable<PartnerTable> {
  return {
    organization_id: row.organization_id,
    partner_id: row.partner_id,
    external_id: row.external_id ?? null,
    name: row.name,
    type: row.type ?? null,
    tier: row.tier ?? null,
    region: row.region ?? null,
    country: row.country ?? null,
    industry: row.industry ?? null,
    size: row.size ?? null,
    owner_user_id: row.owner_user_id ?? null,
    annual_revenue: row.annual_revenue ?? null,
    renewal_date: row.renewal_date ?? null,
    strategic: row.strategic ?? 0,
    custom: row.custom ?? "{}",
    archived_at: null,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}
