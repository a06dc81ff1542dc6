/**
 * Incremental RFC 4180 tokenizer: text arrives in chunks of any size and complete records come out.
 *
 * Hand-written rather than csv-parse because the importer streams million-row files and csv-parse runs at
 * roughly a third of the speed; tokenizer.test.ts checks it against csv-parse on fuzzed input.
 *
 * - Fields are separated by a one-character delimiter, records by `\n`, `\r\n` or a lone `\r`.
 * - A field starting with `"` is quoted: it runs to the next lone `"`, `""` stands for one `"`, and it may
 *   contain delimiters and line breaks. A `"` inside an unquoted field is kept literally (like csv-parse's
 *   relax_quotes). Text between a closing quote and the next delimiter is kept but flags the record.
 * - An empty line yields a record with no cells (the record layer skips it but counts it as a row).
 * - A cell longer than `maxCellLength` is not accumulated (its length is still counted) and flags the record,
 *   so a 10 MB field costs no memory.
 * - A quote still open at the end of the input flags the last record as truncated.
 */

export interface RawRecord {
  /** Cell texts; an oversized cell is replaced by "". */
  cells: string[];
  /** 1-based physical line where the record starts. */
  line: number;
  /** First problem found in the record, with the 0-based index of the cell concerned. */
  problem?: RawProblem;
}

export type RawProblem =
  | { kind: "cell_too_long"; cell: number; length: number }
  | { kind: "text_after_quote"; cell: number }
  | { kind: "unclosed_quote"; cell: number };

/** Receives each record: its cells (empty for a blank line), its first line, and its first problem if any. */
export type EmitRecord = (cells: string[], line: number, problem: RawProblem | undefined) => void;

export interface TokenizerOptions {
  delimiter: string;
  maxCellLength: number;
}

// Parser states: at the start of a field, inside an unquoted field, inside quotes, just after a quote in quotes.
const FIELD_START = 0;
const UNQUOTED = 1;
const QUOTED = 2;
const QUOTE_IN_QUOTED = 3;
type State = 0 | 1 | 2 | 3;

const QUOTE = 34;
const LF = 10;
const CR = 13;

export class CsvTokenizer {
  private readonly delimiter: number;
  private readonly maxCellLength: number;
  private state: State = FIELD_START;
  private field = "";
  private fieldLength = 0;
  private cells: string[] = [];
  private problem: RawProblem | undefined = undefined;
  private recordStarted = false;
  private skipLf = false;
  private line = 1;
  private recordLine = 1;

  constructor(options: TokenizerOptions) {
    if (options.delimiter.length !== 1) throw new RangeError("The delimiter must be a single character");
    const code = options.delimiter.charCodeAt(0);
    if (code === QUOTE || code === LF || code === CR)
      throw new RangeError("The delimiter cannot be a quote or newline");
    this.delimiter = code;
    this.maxCellLength = options.maxCellLength;
  }

  /** Feeds a chunk; calls `emit` for every record completed inside it. */
  push(chunk: string, emit: EmitRecord): void {
    const delimiter = this.delimiter;
    const length = chunk.length;
    let i = 0;
    if (this.skipLf && length > 0) {
      this.skipLf = false;
      if (chunk.charCodeAt(0) === LF) i = 1;
    }
    while (i < length) {
      switch (this.state) {
        case FIELD_START: {
          const c = chunk.charCodeAt(i);
          if (c === QUOTE) {
            this.recordStarted = true;
            this.state = QUOTED;
            i++;
          } else if (c === delimiter) {
            this.recordStarted = true;
            this.endField();
            i++;
          } else if (c === LF || c === CR) {
            i = this.endLine(chunk, i, c, emit);
          } else {
            this.recordStarted = true;
            this.state = UNQUOTED;
          }
          break;
        }
        case UNQUOTED: {
          let j = i;
          let c = 0;
          while (j < length) {
            c = chunk.charCodeAt(j);
            if (c === delimiter || c === LF || c === CR) break;
            j++;
          }
          this.append(chunk, i, j);
          if (j === length) return;
          if (c === delimiter) {
            this.endField();
            this.state = FIELD_START;
            i = j + 1;
          } else {
            i = this.endLine(chunk, j, c, emit);
          }
          break;
        }
        case QUOTED: {
          const j = chunk.indexOf('"', i);
          const end = j === -1 ? length : j;
          this.countLines(chunk, i, end);
          this.append(chunk, i, end);
          if (j === -1) return;
          this.state = QUOTE_IN_QUOTED;
          i = j + 1;
          break;
        }
        case QUOTE_IN_QUOTED: {
          const c = chunk.charCodeAt(i);
          if (c === QUOTE) {
            this.append(chunk, i, i + 1);
            this.state = QUOTED;
            i++;
          } else if (c === delimiter) {
            this.endField();
            this.state = FIELD_START;
            i++;
          } else if (c === LF || c === CR) {
            i = this.endLine(chunk, i, c, emit);
          } else {
            this.problem ??= { kind: "text_after_quote", cell: this.cells.length };
            this.state = UNQUOTED;
          }
          break;
        }
      }
    }
  }

  /** Flushes the last record (a final line without a line break, or an unclosed quote). */
  end(emit: EmitRecord): void {
    if (this.state === QUOTED) this.problem ??= { kind: "unclosed_quote", cell: this.cells.length };
    if (this.recordStarted) this.endRecord(emit);
    this.state = FIELD_START;
  }

  private append(chunk: string, from: number, to: number): void {
    if (to === from) return;
    this.fieldLength += to - from;
    if (this.fieldLength > this.maxCellLength) {
      this.field = "";
      return;
    }
    this.field = this.field.length === 0 ? chunk.slice(from, to) : this.field + chunk.slice(from, to);
  }

  private countLines(chunk: string, from: number, to: number): void {
    let k = chunk.indexOf("\n", from);
    while (k !== -1 && k < to) {
      this.line++;
      k = chunk.indexOf("\n", k + 1);
    }
  }

  private endField(): void {
    if (this.fieldLength > this.maxCellLength) {
      this.problem ??= { kind: "cell_too_long", cell: this.cells.length, length: this.fieldLength };
    }
    this.cells.push(this.field);
    this.field = "";
    this.fieldLength = 0;
  }

  /** Ends the record (or blank line) at the line break `c` found at `i`; returns the next position. */
  private endLine(chunk: string, i: number, c: number, emit: EmitRecord): number {
    if (this.recordStarted) this.endRecord(emit);
    else emit([], this.recordLine, undefined);
    this.line++;
    this.recordLine = this.line;
    this.state = FIELD_START;
    if (c === CR) {
      if (i + 1 < chunk.length) return chunk.charCodeAt(i + 1) === LF ? i + 2 : i + 1;
      this.skipLf = true;
    }
    return i + 1;
  }

  private endRecord(emit: EmitRecord): void {
    this.endField();
    emit(this.cells, this.recordLine, this.problem);
    this.cells = [];
    this.problem = undefined;
    this.recordStarted = false;
  }
}

/** Tokenizes a whole text at once; convenient for tests and small files. */
export function tokenize(text: string, options: TokenizerOptions): RawRecord[] {
  const records: RawRecord[] = [];
  const tokenizer = new CsvTokenizer(options);
  const emit: EmitRecord = (cells, line, problem) => {
    records.push(problem === undefined ? { cells, line } : { cells, line, problem });
  };
  tokenizer.push(text, emit);
  tokenizer.end(emit);
  return records;
}
