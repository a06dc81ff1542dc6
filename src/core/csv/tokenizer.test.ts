import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CsvTokenizer, type RawRecord, tokenize } from "./tokenizer.js";

const options = { delimiter: ",", maxCellLength: 100_000 };
const cellsOf = (text: string, delimiter = ","): string[][] =>
  tokenize(text, { delimiter, maxCellLength: 100_000 }).map((record) => record.cells);

/** csv-parse configured to the same dialect: any line ending, ragged rows, literal quotes in unquoted cells. */
const reference = (text: string, delimiter: string): string[][] =>
  parse(text, {
    delimiter,
    record_delimiter: ["\r\n", "\n", "\r"],
    relax_column_count: true,
    relax_quotes: true,
  }) as string[][];

/** Our blank line (no cells) is csv-parse's one empty cell. */
const comparable = (records: RawRecord[]): string[][] =>
  records.map((record) => (record.cells.length === 0 ? [""] : record.cells));

describe("tokenize", () => {
  it("splits plain, quoted and escaped cells", () => {
    expect(cellsOf('a,"b,c","say ""hi""",\n1,2,3,4')).toEqual([
      ["a", "b,c", 'say "hi"', ""],
      ["1", "2", "3", "4"],
    ]);
  });

  it("accepts LF, CRLF and lone CR line endings, and a missing final newline", () => {
    expect(cellsOf("a,b\r\nc,d\re,f\ng,h")).toEqual([
      ["a", "b"],
      ["c", "d"],
      ["e", "f"],
      ["g", "h"],
    ]);
  });

  it("keeps line breaks inside quoted cells and reports the starting line of each record", () => {
    const records = tokenize('id,text\n1,"two\nlines"\n2,"three\r\nlines\nhere"\n3,x\n', options);
    expect(records.map((record) => [record.line, record.cells[1]])).toEqual([
      [1, "text"],
      [2, "two\nlines"],
      [4, "three\r\nlines\nhere"],
      [7, "x"],
    ]);
  });

  it("reports blank lines as records without cells", () => {
    expect(cellsOf("a\n\nb\n")).toEqual([["a"], [], ["b"]]);
  });

  it("keeps quotes inside unquoted cells literally", () => {
    expect(cellsOf('5" screen,ok\n')).toEqual([['5" screen', "ok"]]);
  });

  it("flags text after a closing quote", () => {
    const [record] = tokenize('"a"b,c\n', options);
    expect(record?.cells).toEqual(["ab", "c"]);
    expect(record?.problem).toEqual({ kind: "text_after_quote", cell: 0 });
  });

  it("flags an unclosed quote at the end of the input", () => {
    const records = tokenize('a,b\n1,"never closed\n', options);
    expect(records[1]?.problem).toEqual({ kind: "unclosed_quote", cell: 1 });
    expect(records[1]?.cells).toEqual(["1", "never closed\n"]);
  });

  it("does not accumulate a cell above the limit but counts its length", () => {
    const big = "x".repeat(5000);
    const records = tokenize(`a,b\n1,"${big}"\n2,${big}\n3,ok\n`, { delimiter: ",", maxCellLength: 1000 });
    expect(records[1]?.problem).toEqual({ kind: "cell_too_long", cell: 1, length: 5000 });
    expect(records[1]?.cells[1]).toBe("");
    expect(records[2]?.problem).toEqual({ kind: "cell_too_long", cell: 1, length: 5000 });
    expect(records[3]?.cells).toEqual(["3", "ok"]);
  });

  it("rejects a delimiter that is a quote or a line break", () => {
    expect(() => new CsvTokenizer({ delimiter: '"', maxCellLength: 10 })).toThrow(RangeError);
    expect(() => new CsvTokenizer({ delimiter: ",,", maxCellLength: 10 })).toThrow(RangeError);
  });
});

const cellText = fc.string({ unit: fc.constantFrom("a", "é", " ", ",", ";", "\t", '"', "\n", "\r", "x") });

/** Writes records as CSV, quoting where needed and sometimes where not. */
const csvDocument = fc
  .record({
    records: fc.array(
      fc.array(fc.record({ text: cellText, quote: fc.boolean() }), { minLength: 1, maxLength: 5 }),
      {
        minLength: 1,
        maxLength: 8,
      },
    ),
    delimiter: fc.constantFrom(",", ";", "\t"),
    newline: fc.constantFrom("\n", "\r\n", "\r"),
    finalNewline: fc.boolean(),
  })
  .map(({ records, delimiter, newline, finalNewline }) => {
    const needsQuotes = (text: string): boolean =>
      /["\r\n]/.test(text) || text.includes(delimiter) || text === "";
    const lines = records.map((cells) =>
      cells
        .map(({ text, quote }) => (quote || needsQuotes(text) ? `"${text.replace(/"/g, '""')}"` : text))
        .join(delimiter),
    );
    const text = lines.join(newline) + (finalNewline ? newline : "");
    return { text, delimiter, expected: records.map((cells) => cells.map((cell) => cell.text)) };
  });

/** Splits a text at arbitrary positions, to check chunk boundaries (mid-quote, between CR and LF…). */
const splitAt = (text: string, cuts: number[]): string[] => {
  const positions = [...new Set(cuts.map((cut) => cut % (text.length + 1)))].sort((a, b) => a - b);
  const chunks: string[] = [];
  let previous = 0;
  for (const position of positions) {
    chunks.push(text.slice(previous, position));
    previous = position;
  }
  chunks.push(text.slice(previous));
  return chunks;
};

describe("tokenizer against csv-parse (fast-check)", () => {
  it("reads well-formed documents exactly as written and as csv-parse does", () => {
    fc.assert(
      fc.property(csvDocument, ({ text, delimiter, expected }) => {
        const records = tokenize(text, { delimiter, maxCellLength: 100_000 });
        expect(records.every((record) => record.problem === undefined)).toBe(true);
        expect(records.map((record) => record.cells)).toEqual(expected);
        expect(comparable(records)).toEqual(reference(text, delimiter));
      }),
      { numRuns: 2000 },
    );
  });

  it("agrees with csv-parse on arbitrary input whenever neither reports a problem", () => {
    const anyText = fc.string({
      unit: fc.constantFrom("a", "b", ",", '"', "\n", "\r", " ", "é"),
      maxLength: 40,
    });
    fc.assert(
      fc.property(anyText, (text) => {
        const records = tokenize(text, options);
        let expected: string[][];
        try {
          expected = reference(text, ",");
        } catch {
          return;
        }
        if (records.some((record) => record.problem !== undefined)) return;
        expect(comparable(records)).toEqual(expected);
      }),
      { numRuns: 5000 },
    );
  });

  it("gives the same records whatever the chunk boundaries", () => {
    fc.assert(
      fc.property(csvDocument, fc.array(fc.nat(), { maxLength: 10 }), ({ text, delimiter }, cuts) => {
        const whole = tokenize(text, { delimiter, maxCellLength: 100_000 });
        const chunked: RawRecord[] = [];
        const tokenizer = new CsvTokenizer({ delimiter, maxCellLength: 100_000 });
        const emit = (cells: string[], line: number, problem: RawRecord["problem"]): void => {
          chunked.push(problem === undefined ? { cells, line } : { cells, line, problem });
        };
        for (const chunk of splitAt(text, cuts)) tokenizer.push(chunk, emit);
        tokenizer.end(emit);
        expect(chunked).toEqual(whole);
      }),
      { numRuns: 2000 },
    );
  });
});
