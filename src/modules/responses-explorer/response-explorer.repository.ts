import { type SqlBool, sql } from "kysely";
import { foldForSearch } from "../../core/search-text.js";
import type { Executor } from "../../db/database.js";
import { segmentConditions } from "../analytics/report.repository.js";
import { type OwnerScope, whereOwnedBy } from "../partners/partner-scope.js";
import type { ExplorerQuery } from "./response-explorer.js";

const sortColumn = {
  respondedAt: "r.submitted_at",
  score: "r.score",
  partner: "p.name",
  category: "r.category",
} as const;

/** Every word of the search must appear in the folded comment (accents and case ignored). */
function searchConditions(q: string | undefined) {
  const words = foldForSearch(q ?? "")
    .split(" ")
    .filter(Boolean);
  return words.map((word) => {
    const pattern = `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    return sql<SqlBool>`r.comment_search like ${pattern} escape '\\'`;
  });
}

function dayStart(date: string): string {
  return `${date}T00:00:00.000Z`;
}

function nextDayStart(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString();
}

/** The filtered responses with partner, contact, survey and wave joined; one query text for both databases. */
function filteredResponses(db: Executor, scope: OwnerScope, query: ExplorerQuery) {
  let base = db
    .selectFrom("responses as r")
    .innerJoin("partners as p", (j) =>
      j.onRef("p.organization_id", "=", "r.organization_id").onRef("p.partner_id", "=", "r.partner_id"),
    )
    .leftJoin("contacts as c", (j) =>
      j.onRef("c.organization_id", "=", "r.organization_id").onRef("c.contact_id", "=", "r.contact_id"),
    )
    .leftJoin("surveys as s", (j) =>
      j.onRef("s.organization_id", "=", "r.organization_id").onRef("s.survey_id", "=", "r.survey_id"),
    )
    .leftJoin("waves as w", (j) =>
      j.onRef("w.organization_id", "=", "r.organization_id").onRef("w.wave_id", "=", "r.wave_id"),
    )
    .where("r.organization_id", "=", scope.organizationId);
  base = whereOwnedBy(base, scope, "r.partner_id");
  const conditions = [...segmentConditions(query.filters, "responses", "r."), ...searchConditions(query.q)];
  for (const condition of conditions) base = base.where(condition);
  if (query.from) base = base.where("r.submitted_at", ">=", dayStart(query.from));
  if (query.to) base = base.where("r.submitted_at", "<", nextDayStart(query.to));
  if (query.category?.length) base = base.where("r.category", "in", query.category);
  if (query.ids?.length) base = base.where("r.response_id", "in", query.ids);
  if (query.withComment) base = base.where("r.comment", "is not", null).where("r.comment", "!=", "");
  return base;
}

export type ExplorerRow = Awaited<ReturnType<typeof fetchExplorerRows>>[number];

export function fetchExplorerRows(
  db: Executor,
  scope: OwnerScope,
  query: ExplorerQuery,
  limit: number,
  offset: number,
) {
  const direction = query.order;
  return filteredResponses(db, scope, query)
    .select([
      "r.response_id",
      "r.partner_id",
      "p.name as partner_name",
      "r.partner_tier",
      "r.contact_id",
      "c.name as contact_name",
      "r.contact_role",
      "r.score",
      "r.category",
      "r.comment",
      "r.submitted_at",
      "r.survey_id",
      "s.name as survey_name",
      "s.anonymous as survey_anonymous",
      "r.wave_id",
      "w.name as wave_name",
      "r.language",
    ])
    .orderBy(sortColumn[query.sort], direction)
    .orderBy("r.response_id", direction)
    .limit(limit)
    .offset(offset)
    .execute();
}

export async function countExplorerRows(db: Executor, scope: OwnerScope, query: ExplorerQuery) {
  const row = await filteredResponses(db, scope, query)
    .select((eb) => eb.fn.countAll<number>().as("total"))
    .executeTakeFirstOrThrow();
  return Number(row.total);
}
