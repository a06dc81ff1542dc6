import { parseDateTime, parseEmail, parseNpsScore } from "../../core/csv/values.js";
import { newId } from "../../core/ids.js";
import { periodMonthOf, snapshotOf } from "../../core/response-snapshot.js";
import { classifyScore } from "../../core/statistics/classification.js";
import { findResponsesByExternalIds, type ResponseRow } from "../responses/response.repository.js";
import { insertResponses, replaceResponses } from "../responses/response.service.js";
import { type FieldErrors, languageCode, optionalText, readField } from "./field-reader.js";
import type { BatchContext, BatchOutcome, Importer, ParsedRow, RowError } from "./import.js";
import { PartnerDirectory, type PartnerEntry, unknownPartnerReason } from "./partner-directory.js";

const MAX_COMMENT = 20_000;

interface ResponseImportRow {
  score: number;
  /** undefined when no column is mapped to comment: a re-import without comments keeps the stored ones. */
  comment: string | null | undefined;
  externalId: string | null;
  submittedAt: string | null;
  partnerExternalId: string | null;
  partnerName: string | null;
  contactExternalId: string | null;
  contactEmail: string | null;
  role: string | null;
  language: string | null;
  channel: string | null;
}

interface ContactMatch {
  contact_id: string;
  partner_id: string;
  role: string | null;
  language: string | null;
}

export function createResponsesImporter(organizationId: string): Importer<ResponseImportRow> {
  const partners = new PartnerDirectory(organizationId);
  let fixedPartner: PartnerEntry | null = null;

  return {
    kind: "responses",
    fields: [
      {
        name: "score",
        aliases: ["nps score", "nps", "likelihood to recommend", "recommend"],
        required: true,
      },
      { name: "comment", aliases: ["reason", "comments", "feedback", "verbatim"] },
      { name: "external_id", aliases: ["response id", "response_id"] },
      { name: "submitted_at", aliases: ["submitted", "response date", "date", "timestamp", "created at"] },
      { name: "partner_external_id", aliases: ["partner id", "account id"] },
      { name: "partner", aliases: ["partner name", "account", "account name", "company"] },
      { name: "contact_external_id", aliases: ["contact id"] },
      { name: "contact_email", aliases: ["email", "contact email"] },
      { name: "role", aliases: ["contact role", "job role"] },
      { name: "language", aliases: ["lang", "locale"] },
      { name: "channel", aliases: ["source channel"] },
    ],
    checkMapping(columns, options) {
      const hasPartner =
        columns.partner ||
        columns.partner_external_id ||
        columns.contact_external_id ||
        columns.contact_email;
      return hasPartner || options.partnerName
        ? null
        : "Responses must belong to a partner: map a partner, partner_external_id, contact_external_id or contact_email column, or pass --partner NAME";
    },
    parse(values) {
      const errors: FieldErrors = [];
      const score = readField(values, "score", parseNpsScore, errors, true);
      const submitted = readField(values, "submitted_at", parseDateTime, errors);
      const row: ResponseImportRow = {
        score: score ?? 0,
        comment:
          "comment" in values ? readField(values, "comment", optionalText(MAX_COMMENT), errors) : undefined,
        externalId: readField(values, "external_id", optionalText(200), errors),
        submittedAt: submitted ? submitted.toISOString() : null,
        partnerExternalId: readField(values, "partner_external_id", optionalText(200), errors),
        partnerName: readField(values, "partner", optionalText(300), errors),
        contactExternalId: readField(values, "contact_external_id", optionalText(200), errors),
        contactEmail: readField(values, "contact_email", parseEmail, errors),
        role: readField(values, "role", optionalText(100), errors),
        language: readField(values, "language", languageCode, errors),
        channel: readField(values, "channel", optionalText(50), errors),
      };
      if (submitted && submitted.getTime() > Date.now() + 86_400_000) {
        errors.push({ field: "submitted_at", reason: "submitted_at is in the future" });
      }
      return errors.length ? { errors } : { value: row };
    },
    keyOf: (row) => row.externalId,
    async persist(batch, context) {
      await partners.load(context.trx);
      if (context.options.partnerName && !fixedPartner) {
        fixedPartner = await partners.ensureNamed(context.trx, context.options.partnerName, context.now);
      }
      const contacts = await loadContacts(context, batch);
      const existing = new Map(
        (
          await findResponsesByExternalIds(
            context.trx,
            context.organizationId,
            batch.map((b) => b.value.externalId).filter((id): id is string => id !== null),
          )
        ).map((r) => [r.external_id!, r]),
      );
      const outcome: BatchOutcome = { inserted: 0, updated: 0, unchanged: 0, errors: [] };
      const fresh: ResponseRow[] = [];
      const changed: { before: ResponseRow; after: ResponseRow }[] = [];
      for (const { row, value } of batch) {
        const contact =
          (value.contactExternalId && contacts.byExternalId.get(value.contactExternalId)) ||
          (value.contactEmail && contacts.byEmail.get(value.contactEmail.toLowerCase())) ||
          null;
        if (
          (value.contactExternalId || value.contactEmail) &&
          !contact &&
          !fixedPartner &&
          !value.partnerName &&
          !value.partnerExternalId
        ) {
          outcome.errors.push(contactError(row, value));
          continue;
        }
        const partner =
          fixedPartner ??
          (value.partnerExternalId || value.partnerName
            ? partners.find({ externalId: value.partnerExternalId, name: value.partnerName })
            : contact
              ? partners.findById(contact.partner_id)
              : undefined);
        if (!partner) {
          outcome.errors.push({
            row,
            column: null,
            reason: unknownPartnerReason({ externalId: value.partnerExternalId, name: value.partnerName }),
          });
          continue;
        }
        const before = value.externalId ? existing.get(value.externalId) : undefined;
        if (before) {
          const after = updatedVersion(before, value, context.now);
          if (after) changed.push({ before, after });
          else outcome.unchanged++;
          continue;
        }
        const submittedAt = value.submittedAt ?? context.now;
        fresh.push({
          organization_id: context.organizationId,
          response_id: newId(),
          ...snapshotOf(partner, value.role ?? contact?.role ?? null),
          contact_id: contact?.contact_id ?? null,
          invitation_id: null,
          survey_id: null,
          wave_id: null,
          external_id: value.externalId,
          score: value.score,
          category: classifyScore(value.score),
          comment: value.comment ?? null,
          answers: "{}",
          language: value.language ?? contact?.language ?? null,
          channel: value.channel ?? "import",
          source: "import",
          submitted_at: submittedAt,
          period_month: periodMonthOf(submittedAt),
          import_id: context.importId,
          created_at: context.now,
          updated_at: context.now,
        });
      }
      await insertResponses(context.database, context.trx, fresh, context.rollups);
      await replaceResponses(context.trx, changed, context.rollups);
      outcome.inserted = fresh.length;
      outcome.updated = changed.length;
      return outcome;
    },
  };
}

function contactError(row: number, value: ResponseImportRow): RowError {
  return value.contactExternalId
    ? {
        row,
        column: null,
        reason: `no contact with external id "${value.contactExternalId}": import contacts first`,
      }
    : { row, column: null, reason: `no contact with email "${value.contactEmail}": import contacts first` };
}

/** The new version of an already imported response, or null when the file says the same as before. */
function updatedVersion(before: ResponseRow, value: ResponseImportRow, now: string): ResponseRow | null {
  const submittedAt = value.submittedAt ?? before.submitted_at;
  const comment = value.comment === undefined ? before.comment : value.comment;
  if (before.score === value.score && before.comment === comment && before.submitted_at === submittedAt)
    return null;
  return {
    ...before,
    score: value.score,
    category: classifyScore(value.score),
    comment,
    submitted_at: submittedAt,
    period_month: periodMonthOf(submittedAt),
    updated_at: now,
  };
}

async function loadContacts(context: BatchContext, batch: ParsedRow<ResponseImportRow>[]) {
  const externalIds = [
    ...new Set(batch.map((b) => b.value.contactExternalId).filter((v): v is string => !!v)),
  ];
  const emails = [
    ...new Set(batch.map((b) => b.value.contactEmail?.toLowerCase()).filter((v): v is string => !!v)),
  ];
  const byExternalId = new Map<string, ContactMatch>();
  const byEmail = new Map<string, ContactMatch>();
  if (externalIds.length || emails.length) {
    const rows = await context.trx
      .selectFrom("contacts")
      .select(["contact_id", "partner_id", "role", "language", "external_id", "email"])
      .where("organization_id", "=", context.organizationId)
      .where((eb) =>
        eb.or([
          ...(externalIds.length ? [eb("external_id", "in", externalIds)] : []),
          ...(emails.length ? [eb("email", "in", emails)] : []),
        ]),
      )
      .execute();
    for (const row of rows) {
      if (row.external_id) byExternalId.set(row.external_id, row);
      if (row.email) byEmail.set(row.email.toLowerCase(), row);
    }
  }
  return { byExternalId, byEmail };
}
