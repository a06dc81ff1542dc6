import { CsvError } from "./errors.js";

/**
 * Column mapping: which CSV column feeds which import field.
 *
 * Explicit mappings (`--map score=NPS,comment="Why, briefly?"` or an object) name columns by header name;
 * an exact name wins, then a unique match after normalisation (case, accents, spaces, `_`/`-`, camelCase),
 * then `#N` for the N-th column (1-based). Fields left unmapped are auto-mapped when exactly one remaining
 * column's normalised name equals the field's name or one of its aliases (`NPS score`, `partner_name`).
 */

export interface FieldSpec {
  /** The import field, e.g. `score`. */
  name: string;
  /** Other header names accepted by auto-mapping, most specific first, e.g. `["nps score", "nps", "rating"]`. */
  aliases?: readonly string[];
  required?: boolean;
}

export interface ResolvedMapping {
  /** Field → header name, for the fields that found a column. */
  columns: Record<string, string>;
  /** How each mapped field was mapped. */
  sources: Record<string, "explicit" | "auto">;
  /** Optional fields that found no column. */
  unmappedFields: string[];
  /** Columns no field reads (reported so users notice a typo in a header). */
  unusedColumns: string[];
}

/** `Partner Name`, `partner_name`, `partnerName`, `PARTNER-NAME` all become `partnername`. */
export function normalizeColumnName(name: string): string {
  return name
    .replace(/([\p{Ll}\p{N}])(\p{Lu})/gu, "$1 $2")
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "");
}

const syntax = (message: string, spec: string): CsvError => new CsvError("mapping_syntax", message, { spec });

/** Splits `a=b,c="d, e"` into pairs; a double-quoted side may hold commas, `=` and `""` for a quote. */
function* mapPairs(spec: string): Generator<[string, string]> {
  let i = 0;
  const readPart = (stops: string): string => {
    while (spec[i] === " ") i++;
    if (spec[i] === '"') {
      let value = "";
      i++;
      for (;;) {
        if (i >= spec.length) throw syntax(`Unclosed quote in --map "${spec}"`, spec);
        if (spec[i] === '"') {
          if (spec[i + 1] !== '"') break;
          i++;
        }
        value += spec[i];
        i++;
      }
      i++;
      while (spec[i] === " ") i++;
      if (i < spec.length && !stops.includes(spec[i]!)) {
        throw syntax(`Unexpected "${spec[i]}" after a quoted name in --map "${spec}"`, spec);
      }
      return value;
    }
    const start = i;
    while (i < spec.length && !stops.includes(spec[i]!)) i++;
    return spec.slice(start, i).trim();
  };
  while (i < spec.length) {
    const field = readPart("=,");
    if (spec[i] !== "=") throw syntax(`Expected field=column in --map, got "${field}"`, spec);
    i++;
    const column = readPart(",");
    if (field === "" || column === "") throw syntax(`Empty field or column name in --map "${spec}"`, spec);
    yield [field, column];
    i++;
  }
}

/** Parses one or more `field=column,field=column` strings (repeated --map flags) into an object. */
export function parseMapSpec(spec: string | readonly string[]): Record<string, string> {
  // No prototype, so a field called "__proto__" is kept and then reported as unknown.
  const mapping: Record<string, string> = Object.create(null);
  for (const part of typeof spec === "string" ? [spec] : spec) {
    for (const [field, column] of mapPairs(part)) {
      if (Object.hasOwn(mapping, field)) throw syntax(`Field "${field}" is mapped twice in --map`, part);
      mapping[field] = column;
    }
  }
  return mapping;
}

const listColumns = (header: readonly string[]): string => header.map((name) => `"${name}"`).join(", ");

/** Finds the header name a user's column reference means, or throws listing the available columns. */
export function findColumn(header: readonly string[], reference: string, field?: string): string {
  if (header.includes(reference)) return reference;
  const wanted = normalizeColumnName(reference);
  const matches = header.filter((name) => normalizeColumnName(name) === wanted);
  if (matches.length === 1) return matches[0]!;
  const position = /^#(\d+)$/.exec(reference);
  const byIndex = position ? header[Number(position[1]) - 1] : undefined;
  if (byIndex !== undefined) return byIndex;
  const forField = field === undefined ? "" : ` (mapped to field "${field}")`;
  const why =
    matches.length > 1 ? `matches several columns (${listColumns(matches)})` : "is not in the header";
  throw new CsvError(
    "mapping_unknown_column",
    `Column "${reference}"${forField} ${why}; available columns: ${listColumns(header)}`,
    { column: reference, field, available: [...header] },
  );
}

/**
 * Resolves the mapping for a header: validates explicit entries (unknown fields or columns, one column feeding
 * two fields), auto-maps the rest, and throws CsvError("mapping_missing_required") naming what is missing.
 */
export function resolveMapping(
  header: readonly string[],
  fields: readonly FieldSpec[],
  explicit: string | readonly string[] | Record<string, string> = {},
): ResolvedMapping {
  const given = typeof explicit === "string" || Array.isArray(explicit) ? parseMapSpec(explicit) : explicit;
  const known = new Set(fields.map((field) => field.name));
  const columns: Record<string, string> = {};
  const sources: Record<string, "explicit" | "auto"> = {};
  const usedBy = new Map<string, string>();
  for (const [field, reference] of Object.entries(given)) {
    if (!known.has(field)) {
      throw new CsvError(
        "mapping_unknown_field",
        `Unknown field "${field}" in the mapping; fields: ${[...known].join(", ")}`,
        { field, fields: [...known] },
      );
    }
    const column = findColumn(header, reference, field);
    const other = usedBy.get(column);
    if (other !== undefined) {
      throw new CsvError(
        "mapping_ambiguous",
        `Column "${column}" is mapped to both "${other}" and "${field}"`,
        {
          column,
          fields: [other, field],
        },
      );
    }
    usedBy.set(column, field);
    columns[field] = column;
    sources[field] = "explicit";
  }
  for (const field of fields) {
    if (Object.hasOwn(columns, field.name)) continue;
    const column = autoColumn(header, field, usedBy);
    if (column === undefined) continue;
    usedBy.set(column, field.name);
    columns[field.name] = column;
    sources[field.name] = "auto";
  }
  const missing = fields.filter((field) => field.required && !Object.hasOwn(columns, field.name));
  if (missing.length > 0) {
    const names = missing.map((field) => field.name);
    const example = names.map((name) => `${name}=<column>`).join(",");
    throw new CsvError(
      "mapping_missing_required",
      `No column found for required field${names.length > 1 ? "s" : ""} ${names.join(", ")}: ` +
        `map ${names.length > 1 ? "them" : "it"} with --map ${example}; available columns: ${listColumns(header)}`,
      { fields: names, available: [...header] },
    );
  }
  return {
    columns,
    sources,
    unmappedFields: fields.filter((field) => !Object.hasOwn(columns, field.name)).map((field) => field.name),
    unusedColumns: header.filter((name) => !usedBy.has(name)),
  };
}

/** The column whose normalised name matches the field's earliest name/alias; several at that rank are ambiguous. */
function autoColumn(
  header: readonly string[],
  field: FieldSpec,
  usedBy: Map<string, string>,
): string | undefined {
  const names = [field.name, ...(field.aliases ?? [])].map(normalizeColumnName);
  const free = header.filter((name) => !usedBy.has(name));
  for (const name of names) {
    const matches = free.filter((column) => normalizeColumnName(column) === name);
    if (matches.length === 1) return matches[0];
    if (matches.length > 1) {
      throw new CsvError(
        "mapping_ambiguous",
        `Field "${field.name}" matches several columns (${listColumns(matches)}): ` +
          `choose one with --map ${field.name}=<column>`,
        { field: field.name, columns: matches },
      );
    }
  }
  return undefined;
}

/** Picks the mapped fields out of a record's values; unmapped fields are absent. */
export function applyMapping(
  values: Readonly<Record<string, string | null>>,
  mapping: Pick<ResolvedMapping, "columns">,
): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const [field, column] of Object.entries(mapping.columns)) out[field] = values[column] ?? null;
  return out;
}
