import { type Expression, type RawBuilder, type SqlBool, sql } from "kysely";

/** Case-insensitive substring match written once for both databases (explicit ESCAPE: SQLite has none by default). */
export function containsText(column: Expression<string | null>, text: string): RawBuilder<SqlBool> {
  const pattern = `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<SqlBool>`lower(${column}) like ${pattern} escape '\\'`;
}
