import { CsvError } from "./errors.js";

/** The delimiters the importer accepts. */
export type CsvDelimiter = "," | ";" | "\t";

export const CSV_DELIMITERS: readonly CsvDelimiter[] = [",", ";", "\t"];

/** Separators we recognise only to reject them with a clear message. */
const REJECTED = ["|", ":", "^", "~"];

const NAMES: Record<string, CsvDelimiter> = {
  ",": ",",
  comma: ",",
  ";": ";",
  semicolon: ";",
  "\t": "\t",
  "\\t": "\t",
  tab: "\t",
};

export interface DelimiterDetection {
  delimiter: CsvDelimiter;
  /** How it was chosen: given by the caller, found consistently in the sample, or defaulted for one column. */
  source: "override" | "detected" | "single-column";
  /** Records of the sample (blank lines excluded) used for detection. */
  sampledRecords: number;
}

export const describeDelimiter = (delimiter: string): string =>
  delimiter === "\t"
    ? "tab"
    : delimiter === ","
      ? "comma"
      : delimiter === ";"
        ? "semicolon"
        : `"${delimiter}"`;

/** Normalises a caller's delimiter (`,` `;` tab, or the words comma/semicolon/tab); anything else is a CsvError. */
export function normalizeDelimiter(value: string): CsvDelimiter {
  const found = NAMES[value] ?? NAMES[value.trim().toLowerCase()];
  if (found === undefined) {
    throw new CsvError(
      "unsupported_delimiter",
      `Unsupported delimiter ${describeDelimiter(value)}: use comma, semicolon or tab`,
      { delimiter: value },
    );
  }
  return found;
}

const SAMPLE_CHARS = 65_536;
const SAMPLE_RECORDS = 50;

/** Counts each candidate outside quotes, per record, over the first records of the text. */
function countPerRecord(text: string, candidates: readonly string[]): number[][] {
  const sample = text.length > SAMPLE_CHARS ? text.slice(0, SAMPLE_CHARS) : text;
  const complete = sample.length === text.length;
  const codes = candidates.map((c) => c.charCodeAt(0));
  const rows: number[][] = [];
  let counts = codes.map(() => 0);
  let inQuotes = false;
  let empty = true;
  for (let i = 0; i < sample.length && rows.length < SAMPLE_RECORDS; i++) {
    const c = sample.charCodeAt(i);
    if (c === 34) inQuotes = !inQuotes;
    if (inQuotes) {
      empty = false;
      continue;
    }
    if (c === 10 || c === 13) {
      if (!empty) rows.push(counts);
      counts = codes.map(() => 0);
      empty = true;
      continue;
    }
    empty = false;
    const k = codes.indexOf(c);
    if (k !== -1) counts[k]!++;
  }
  // A last record cut by the sample limit would skew the counts.
  if (!empty && complete && rows.length < SAMPLE_RECORDS) rows.push(counts);
  return rows;
}

interface Candidate {
  delimiter: string;
  headerCount: number;
  consistency: number;
}

function rank(rows: number[][], candidates: readonly string[]): Candidate[] {
  return candidates
    .map((delimiter, k) => {
      const headerCount = rows[0]?.[k] ?? 0;
      const same = rows.filter((row) => row[k] === headerCount).length;
      return { delimiter, headerCount, consistency: rows.length === 0 ? 0 : same / rows.length };
    })
    .filter((candidate) => candidate.headerCount > 0)
    .sort((a, b) => b.consistency - a.consistency || b.headerCount - a.headerCount);
}

/**
 * Finds the delimiter from the first 50 records (quote-aware, so delimiters and line breaks inside quoted cells
 * do not count): the supported candidate present in the header that gives the same count on most records.
 * A file with none of them but a consistent `|`, `:`, `^` or `~` is rejected with CsvError("unsupported_delimiter");
 * a file with no separator at all is one column and reads as comma-separated.
 */
export function detectDelimiter(text: string, override?: string): DelimiterDetection {
  if (override !== undefined && override.trim().toLowerCase() !== "auto") {
    return { delimiter: normalizeDelimiter(override), source: "override", sampledRecords: 0 };
  }
  const all = [...CSV_DELIMITERS, ...REJECTED];
  const rows = countPerRecord(text, all);
  const ranked = rank(rows, all);
  const best = ranked.find((candidate) =>
    (CSV_DELIMITERS as readonly string[]).includes(candidate.delimiter),
  );
  const rejected = ranked.find((candidate) => REJECTED.includes(candidate.delimiter));
  if (rejected !== undefined && rejected.consistency === 1 && (best === undefined || best.consistency < 1)) {
    throw new CsvError(
      "unsupported_delimiter",
      `The file seems to use ${describeDelimiter(rejected.delimiter)} as delimiter; ` +
        "only comma, semicolon and tab are supported: export it again with one of those",
      { delimiter: rejected.delimiter },
    );
  }
  if (best === undefined) return { delimiter: ",", source: "single-column", sampledRecords: rows.length };
  return { delimiter: best.delimiter as CsvDelimiter, source: "detected", sampledRecords: rows.length };
}

/**
 * A hint when a header read as a single column contains another supported delimiter: the usual symptom of a
 * wrong delimiter override (a comma file read with `;`).
 */
export function wrongDelimiterHint(header: readonly string[], delimiter: CsvDelimiter): string | undefined {
  if (header.length !== 1) return undefined;
  const other = CSV_DELIMITERS.find((d) => d !== delimiter && (header[0] ?? "").includes(d));
  if (other === undefined) return undefined;
  return (
    `The header was read as a single column "${header[0]}" with the ${describeDelimiter(delimiter)} delimiter; ` +
    `it contains ${describeDelimiter(other)}: is the delimiter wrong?`
  );
}
