import type { Insertable, Selectable } from "kysely";
import { parseDecimal, type ValueResult } from "../../core/csv/values.js";
import { newId } from "../../core/ids.js";
import type { OperationalMetricTable } from "../../db/schema.js";
import { type FieldErrors, optionalText, readField } from "./field-reader.js";
import type { Importer, RowError } from "./import.js";
import { PartnerDirectory, unknownPartnerReason } from "./partner-directory.js";
import { changedFields, upsertBatch } from "./upsert-batch.js";

interface MetricImportRow {
  partnerExternalId: string | null;
  partnerName: string | null;
  metric: string;
  period: string;
  value: number;
}

/** A month (YYYY-MM) or a day (YYYY-MM-DD): operational metrics are reported per period. */
function parsePeriod(raw: string): ValueResult<string> {
  const text = raw.trim();
  if (/^\d{4}-(0[1-9]|1[0-2])$/.test(text)) return { ok: true, value: text };
  if (/^\d{4}-(0[1-9]|1[0-2])-\d{2}$/.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`))) {
    return { ok: true, value: text };
  }
  return {
    ok: false,
    reason: `must be a month (2026-03) or a date (2026-03-31), got "${text.slice(0, 30)}"`,
  };
}

function parseMetricName(raw: string): ValueResult<string> {
  const name = raw
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_|_$/g, "");
  return name
    ? { ok: true, value: name }
    : { ok: false, reason: "must name a metric, e.g. support_response_hours" };
}

const keyOf = (row: MetricImportRow) =>
  `${row.partnerExternalId ?? `name:${row.partnerName?.toLowerCase()}`}|${row.metric}|${row.period}`;

export function createMetricsImporter(organizationId: string): Importer<MetricImportRow> {
  const partners = new PartnerDirectory(organizationId);
  // First row per (partner id, metric, period): rows naming one partner differently (external id, name,
  // --partner) slip past keyOf and would otherwise break the unique constraint mid-import.
  const firstRowOf = new Map<string, number>();
  return {
    kind: "metrics",
    fields: [
      { name: "partner_external_id", aliases: ["partner id", "account id"] },
      { name: "partner", aliases: ["partner name", "account", "company"] },
      { name: "metric", aliases: ["metric name", "kpi"], required: true },
      { name: "period", aliases: ["month", "date"], required: true },
      { name: "value", aliases: ["amount"], required: true },
    ],
    checkMapping(columns, options) {
      return columns.partner || columns.partner_external_id || options.partnerName
        ? null
        : "Metrics must belong to a partner: map a partner or partner_external_id column, or pass --partner NAME";
    },
    parse(values, options) {
      const errors: FieldErrors = [];
      const row: MetricImportRow = {
        partnerExternalId: readField(values, "partner_external_id", optionalText(200), errors),
        partnerName: readField(values, "partner", optionalText(300), errors),
        metric: readField(values, "metric", parseMetricName, errors, true) ?? "",
        period: readField(values, "period", parsePeriod, errors, true) ?? "",
        value:
          readField(
            values,
            "value",
            (raw) => parseDecimal(raw, { decimalComma: options.delimiter !== "," }),
            errors,
            true,
          ) ?? 0,
      };
      return errors.length ? { errors } : { value: row };
    },
    keyOf,
    async persist(batch, context) {
      await partners.load(context.trx);
      const fixed = context.options.partnerName
        ? await partners.ensureNamed(context.trx, context.options.partnerName, context.now)
        : null;
      const partnerOf = (value: MetricImportRow) =>
        fixed ?? partners.find({ externalId: value.partnerExternalId, name: value.partnerName });
      const partnerIds = [
        ...new Set(batch.map((b) => partnerOf(b.value)?.partner_id).filter((v): v is string => !!v)),
      ];
      const rows = await context.trx
        .selectFrom("operational_metrics")
        .selectAll()
        .where("organization_id", "=", organizationId)
        .where("partner_id", "in", ["", ...partnerIds])
        .execute();
      const existing = new Map(rows.map((r) => [`${r.partner_id}|${r.metric}|${r.period}`, r]));
      const duplicates: RowError[] = [];
      const unique = batch.filter(({ row, value }) => {
        const partner = partnerOf(value);
        if (!partner) return true;
        const key = `${partner.partner_id}|${value.metric}|${value.period}`;
        const first = firstRowOf.get(key);
        if (first === undefined) {
          firstRowOf.set(key, row);
          return true;
        }
        duplicates.push({
          row,
          column: null,
          reason: `duplicate of row ${first} (same partner, metric and period)`,
        });
        return false;
      });
      const outcome = await upsertBatch<
        MetricImportRow,
        Selectable<OperationalMetricTable>,
        Insertable<OperationalMetricTable>,
        Partial<Selectable<OperationalMetricTable>>
      >(unique, {
        existing,
        keyOf: (value) => {
          const partner = partnerOf(value);
          return partner ? `${partner.partner_id}|${value.metric}|${value.period}` : null;
        },
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
            metric_id: newId(),
            partner_id: partner.partner_id,
            metric: value.metric,
            period: value.period,
            value: value.value,
            created_at: context.now,
          };
        },
        toUpdate: (value, current) => changedFields(current, { value: value.value }),
        insert: (inserts) => context.database.bulkInsert(context.trx, "operational_metrics", inserts),
        update: async (current, changes) => {
          await context.trx
            .updateTable("operational_metrics")
            .set(changes)
            .where("organization_id", "=", organizationId)
            .where("metric_id", "=", current.metric_id)
            .execute();
        },
      });
      outcome.errors.push(...duplicates);
      return outcome;
    },
  };
}
