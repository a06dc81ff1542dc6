import { type DecodedText, decodeBytes } from "./decode.js";
import {
  type CsvDelimiter,
  type DelimiterDetection,
  detectDelimiter,
  wrongDelimiterHint,
} from "./delimiter.js";
import { CsvError } from "./errors.js";
import { CsvTokenizer, type EmitRecord, type RawProblem } from "./tokenizer.js";

/**
 * Records: header + data rows as objects keyed by column name.
 *
 * Row numbers are spreadsheet rows: the header is row 1 and the first data row is row 2. Each CSV record is
 * one row, so a record whose quoted cell spans three physical lines is still one row (as in Excel/LibreOffice),
 * and `line` gives the physical line where it starts. Blank lines and rows whose cells are all empty (a common
 * Excel export artefact) count as rows but are skipped.
 */

export interface CsvReadOptions {
  /** `auto` (default) or a supported delimiter (`,` `;` tab, or comma/semicolon/tab). */
  delimiter?: string;
  /**
   * Cell values read as null after trimming, quoted or not (default `NA`, `N/A`); empty and whitespace-only
   * cells are always null.
   */
  nullValues?: readonly string[];
  /** Longest accepted cell, in characters; longer cells make a row error naming the column. */
  maxCellLength?: number;
  /** Trims non-null values (default false: value parsers see the cell exactly as written). */
  trim?: boolean;
}

export const DEFAULT_NULL_VALUES: readonly string[] = ["NA", "N/A"];
export const DEFAULT_MAX_CELL_LENGTH = 100_000;

export interface CsvRecord {
  ok: true;
  row: number;
  line: number;
  values: Record<string, string | null>;
}

export interface CsvRowError {
  ok: false;
  row: number;
  line: number;
  /** The column concerned, or null when the problem is the row's shape. */
  column: string | null;
  reason: string;
}

export type CsvItem = CsvRecord | CsvRowError;

/** Header names: trimmed, empty ones become `column_N` (1-based); duplicates are a CsvError. */
export function normalizeHeader(cells: readonly string[]): string[] {
  const names = cells.map((cell, index) => {
    const name = cell.replace(/^\uFEFF/, "").trim();
    return name === "" ? `column_${index + 1}` : name;
  });
  const seen = new Map<string, number>();
  names.forEach((name, index) => {
    const first = seen.get(name);
    if (first !== undefined) {
      throw new CsvError(
        "duplicate_header",
        `Duplicate column name "${name}" (columns ${first + 1} and ${index + 1}): rename one of them`,
        { name, columns: [first + 1, index + 1] },
      );
    }
    seen.set(name, index);
  });
  return names;
}

const isSpace = (code: number): boolean =>
  code <= 32 || code === 0xa0 || code === 0xfeff || (code >= 0x2000 && code <= 0x200a) || code === 0x202f;

const SNIFF_CHARS = 65_536;

/**
 * Incremental reader: push decoded text in chunks of any size, get records back. With `delimiter: "auto"` it
 * buffers the first 64 KiB to detect the delimiter. The header is available once the first record is read.
 */
export class CsvRecordReader {
  header: readonly string[] | undefined = undefined;
  headerRow = 0;
  detection: DelimiterDetection | undefined = undefined;
  readonly warnings: string[] = [];
  private tokenizer: CsvTokenizer | undefined = undefined;
  private pending = "";
  private row = 0;
  private readonly nulls: Set<string>;
  private readonly longestNull: number;
  private readonly maxCellLength: number;
  private readonly trim: boolean;
  private readonly emitRecord: EmitRecord;
  private out: CsvItem[] = [];
  private protoSafe = false;

  constructor(options: CsvReadOptions = {}) {
    this.nulls = new Set(options.nullValues ?? DEFAULT_NULL_VALUES);
    this.longestNull = Math.max(0, ...[...this.nulls].map((value) => value.length));
    this.maxCellLength = options.maxCellLength ?? DEFAULT_MAX_CELL_LENGTH;
    if (!(this.maxCellLength > 0)) {
      throw new CsvError("invalid_option", "maxCellLength must be a positive number of characters");
    }
    this.trim = options.trim ?? false;
    this.emitRecord = (cells, line, problem) => this.onRecord(cells, line, problem);
    const given = options.delimiter ?? "auto";
    if (given.trim().toLowerCase() !== "auto") this.start(detectDelimiter("", given));
  }

  get delimiter(): CsvDelimiter | undefined {
    return this.detection?.delimiter;
  }

  push(chunk: string): CsvItem[] {
    if (this.tokenizer === undefined) {
      this.pending += chunk;
      if (this.pending.length < SNIFF_CHARS) return [];
      this.start(detectDelimiter(this.pending, "auto"));
      chunk = this.pending;
      this.pending = "";
    }
    this.tokenizer!.push(chunk, this.emitRecord);
    return this.drain();
  }

  end(): CsvItem[] {
    if (this.tokenizer === undefined) {
      this.start(detectDelimiter(this.pending, "auto"));
      this.tokenizer!.push(this.pending, this.emitRecord);
      this.pending = "";
    }
    this.tokenizer!.end(this.emitRecord);
    if (this.header === undefined)
      throw new CsvError("empty_file", "The file is empty: no header row was found");
    return this.drain();
  }

  private start(detection: DelimiterDetection): void {
    this.detection = detection;
    this.tokenizer = new CsvTokenizer({ delimiter: detection.delimiter, maxCellLength: this.maxCellLength });
  }

  private drain(): CsvItem[] {
    const items = this.out;
    this.out = [];
    return items;
  }

  private onRecord(cells: string[], line: number, problem: RawProblem | undefined): void {
    this.row++;
    if (cells.length === 0) return;
    if (this.header === undefined) {
      this.readHeader(cells, problem);
      return;
    }
    const header = this.header;
    if (problem !== undefined) {
      const column = header[problem.cell] ?? `column_${problem.cell + 1}`;
      const reason =
        problem.kind === "cell_too_long"
          ? `cell is ${problem.length} characters long, above the limit of ${this.maxCellLength}`
          : problem.kind === "unclosed_quote"
            ? `unclosed quote: the file seems truncated (row starting on line ${line})`
            : "unexpected text after the closing quote of the cell";
      this.out.push({ ok: false, row: this.row, line, column, reason });
      return;
    }
    if (cells.length !== header.length) {
      if (cells.every((cell) => cell.trim() === "")) return;
      const reason = `expected ${header.length} cells, found ${cells.length}`;
      this.out.push({ ok: false, row: this.row, line, column: null, reason });
      return;
    }
    const values: Record<string, string | null> = {};
    let blank = true;
    for (let i = 0; i < header.length; i++) {
      const value = this.clean(cells[i]!);
      if (value !== null) blank = false;
      else if (cells[i]!.length > 0 && cells[i]!.trim() !== "") blank = false;
      if (this.protoSafe)
        Object.defineProperty(values, header[i]!, { value, enumerable: true, writable: true });
      else values[header[i]!] = value;
    }
    if (blank) return;
    this.out.push({ ok: true, row: this.row, line, values });
  }

  private readHeader(cells: string[], problem: RawProblem | undefined): void {
    if (problem?.kind === "unclosed_quote") {
      throw new CsvError("invalid_header", "The header row has an unclosed quote: no data can be read");
    }
    if (problem?.kind === "cell_too_long") {
      throw new CsvError(
        "invalid_header",
        `Header cell ${problem.cell + 1} is too long: is this a CSV file?`,
      );
    }
    this.header = normalizeHeader(cells);
    this.headerRow = this.row;
    this.protoSafe = this.header.includes("__proto__");
    const hint = wrongDelimiterHint(this.header, this.detection!.delimiter);
    if (hint !== undefined) this.warnings.push(hint);
  }

  /** null for empty, whitespace-only and configured null markers; the cell (trimmed if asked) otherwise. */
  private clean(cell: string): string | null {
    const length = cell.length;
    if (length === 0) return null;
    if (length <= this.longestNull && this.nulls.has(cell)) return null;
    if (!isSpace(cell.charCodeAt(0)) && !isSpace(cell.charCodeAt(length - 1))) return cell;
    const trimmed = cell.trim();
    if (trimmed === "" || this.nulls.has(trimmed)) return null;
    return this.trim ? trimmed : cell;
  }
}

export interface CsvTable {
  delimiter: DelimiterDetection;
  header: readonly string[];
  headerRow: number;
  /** Non-fatal observations, such as a probably wrong delimiter. */
  warnings: readonly string[];
  /** Data rows and row errors, in file order, produced lazily. */
  records: IterableIterator<CsvItem>;
}

const SLICE_CHARS = 1 << 16;

/** Reads decoded text: the header is read eagerly, the records lazily in 1 MiB slices. */
export function readCsv(text: string, options: CsvReadOptions = {}): CsvTable {
  const reader = new CsvRecordReader(options);
  let offset = 0;
  let first: CsvItem[] = [];
  while (reader.header === undefined && offset < text.length) {
    first = first.concat(reader.push(text.slice(offset, offset + SLICE_CHARS)));
    offset += SLICE_CHARS;
  }
  const ended = offset >= text.length;
  if (ended) first = first.concat(reader.end());
  function* records(): IterableIterator<CsvItem> {
    yield* first;
    if (ended) return;
    for (; offset < text.length; offset += SLICE_CHARS)
      yield* reader.push(text.slice(offset, offset + SLICE_CHARS));
    yield* reader.end();
  }
  return {
    delimiter: reader.detection!,
    header: reader.header!,
    headerRow: reader.headerRow,
    warnings: reader.warnings,
    records: records(),
  };
}

export interface CsvFile extends CsvTable {
  encoding: Omit<DecodedText, "text">;
}

/** Decodes file bytes (see decodeBytes) and reads them; `encoding` defaults to `auto`. */
export function readCsvBytes(
  bytes: Uint8Array,
  options: CsvReadOptions & { encoding?: string } = {},
): CsvFile {
  const { text, ...encoding } = decodeBytes(bytes, options.encoding ?? "auto");
  return { ...readCsv(text, options), encoding };
}

export type StreamOptions = CsvReadOptions & {
  onHeader?: (header: readonly string[], reader: CsvRecordReader) => void;
};

/**
 * Streams text chunks into batches of items, one batch per chunk (empty batches are skipped). Prefer this
 * for large files: an async generator pays a promise per yield, so batching is about twice as fast.
 */
export async function* readCsvStreamBatches(
  chunks: AsyncIterable<string> | Iterable<string>,
  options: StreamOptions = {},
): AsyncGenerator<CsvItem[]> {
  const reader = new CsvRecordReader(options);
  let announced = false;
  const announce = (): void => {
    if (!announced && reader.header !== undefined) {
      announced = true;
      options.onHeader?.(reader.header, reader);
    }
  };
  for await (const chunk of chunks) {
    const items = reader.push(chunk);
    announce();
    if (items.length > 0) yield items;
  }
  const last = reader.end();
  announce();
  if (last.length > 0) yield last;
}

/** Streams text chunks (e.g. a TextDecoderStream over a file) into items, one at a time. */
export async function* readCsvStream(
  chunks: AsyncIterable<string> | Iterable<string>,
  options: StreamOptions = {},
): AsyncGenerator<CsvItem> {
  for await (const batch of readCsvStreamBatches(chunks, options)) yield* batch;
}
