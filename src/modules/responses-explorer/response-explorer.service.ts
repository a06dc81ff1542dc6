import { parseInput } from "../../core/validation.js";
import type { ServiceContext } from "../partners/partner.service.js";
import {
  type ExplorerItem,
  type ExplorerPage,
  type ExplorerQuery,
  explorerQuerySchema,
} from "./response-explorer.js";
import { countExplorerRows, type ExplorerRow, fetchExplorerRows } from "./response-explorer.repository.js";

/** Rows per round trip when an export walks every matching response. */
const EXPORT_BATCH = 2_000;

/**
 * Anonymous surveys hide who answered from partner managers (the people the feedback is about);
 * analysts and admins, who run the program, still see the contact.
 */
function hidesIdentity(context: ServiceContext, row: ExplorerRow): boolean {
  return !!context.ownerUserId && Number(row.survey_anonymous) === 1;
}

export function toExplorerItem(context: ServiceContext, row: ExplorerRow): ExplorerItem {
  const contact =
    row.contact_id && !hidesIdentity(context, row)
      ? { contactId: row.contact_id, name: row.contact_name ?? null, role: row.contact_role }
      : null;
  return {
    responseId: row.response_id,
    partner: { partnerId: row.partner_id, name: row.partner_name, tier: row.partner_tier },
    contact,
    score: Number(row.score),
    category: row.category,
    comment: row.comment,
    respondedAt: row.submitted_at,
    survey: row.survey_id ? { surveyId: row.survey_id, name: row.survey_name ?? row.survey_id } : null,
    wave: row.wave_id ? { waveId: row.wave_id, name: row.wave_name ?? row.wave_id } : null,
    language: row.language,
  };
}

/** One page of responses matching the filters, within the caller's partners. */
export async function listResponses(context: ServiceContext, rawQuery: unknown): Promise<ExplorerPage> {
  const query = parseInput(explorerQuerySchema, rawQuery, "responses query");
  const offset = (query.page - 1) * query.pageSize;
  const [rows, total] = await Promise.all([
    fetchExplorerRows(context.db, context, query, query.pageSize, offset),
    countExplorerRows(context.db, context, query),
  ]);
  return {
    items: rows.map((row) => toExplorerItem(context, row)),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** Parses the filters once, then walks every matching response (not one page) in batches. */
export function exportResponses(context: ServiceContext, rawQuery: unknown): AsyncIterable<ExplorerItem[]> {
  const query: ExplorerQuery = parseInput(explorerQuerySchema, rawQuery, "responses query");
  return (async function* () {
    for (let offset = 0; ; offset += EXPORT_BATCH) {
      const rows = await fetchExplorerRows(context.db, context, query, EXPORT_BATCH, offset);
      if (rows.length) yield rows.map((row) => toExplorerItem(context, row));
      if (rows.length < EXPORT_BATCH) return;
    }
  })();
}
