import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CsvError } from "./errors.js";
import {
  type CsvItem,
  CsvRecordReader,
  normalizeHeader,
  readCsv,
  readCsvBytes,
  readCsvStream,
  readCsvStreamBatches,
} from "./records.js";

const items = (text: string, options = {}): CsvItem[] => [...readCsv(text, options).records];
const valuesOf = (text: string, options = {}): Array<Record<string, string | null>> =>
  items(text, options).map((item) => (item.ok ? item.values : { error: item.reason }));

describe("header", () => {
  it("trims names, strips a BOM and names empty headers column_N", () => {
    expect(normalizeHeader(["\uFEFF", " id ", "score", ""])).toEqual(["column_1", "id", "score", "column_4"]);
  });

  it("rejects duplicate names with both positions", () => {
    expect(() => readCsv("id,score,Score,score\n1,2,3,4\n")).toThrow(
      'Duplicate column name "score" (columns 2 and 4): rename one of them',
    );
    expect(() => readCsv("id,score,id \n")).toThrow(CsvError);
  });

  it("reads a header-only file as no records and an empty file as an error", () => {
    const table = readCsv("id,score\n");
    expect(table.header).toEqual(["id", "score"]);
    expect([...table.records]).toEqual([]);
    expect(() => readCsv("")).toThrow(/empty/);
    expect(() => readCsv("\n\n")).toThrow(expect.objectContaining({ kind: "empty_file" }));
  });

  it("keeps a column named __proto__ as a plain value", () => {
    const [record] = items("__proto__,b\nx,y\n");
    expect(record).toMatchObject({ ok: true, values: { b: "y" } });
    expect(record?.ok && Object.keys(record.values)).toEqual(["__proto__", "b"]);
    expect(record?.ok && Object.getOwnPropertyDescriptor(record.values, "__proto__")?.value).toBe("x");
    expect(record?.ok && Object.getPrototypeOf(record.values)).toBe(Object.prototype);
  });
});

describe("values", () => {
  it("reads NA, N/A, empty and whitespace-only cells as null and keeps other text as written", () => {
    expect(valuesOf('a,b,c,d,e\nNA,N/A, ,"",x \n"NA", NA ,na,0, y\n')).toEqual([
      { a: null, b: null, c: null, d: null, e: "x " },
      { a: null, b: null, c: "na", d: "0", e: " y" },
    ]);
  });

  it("accepts a custom null list and trimming", () => {
    expect(valuesOf("a,b\n-, x \n", { nullValues: ["-"], trim: true })).toEqual([{ a: null, b: "x" }]);
    expect(valuesOf("a,b\nNA,1\n", { nullValues: [] })).toEqual([{ a: "NA", b: "1" }]);
  });
});

describe("rows", () => {
  it("numbers rows like a spreadsheet: header row 1, one row per record even across lines", () => {
    const text = 'id,comment\n1,"first\nsecond\nthird"\n\n2,plain\n,\n3,"a\r\nb"\n4,end';
    expect(items(text).map((item) => [item.row, item.line, item.ok && item.values.id])).toEqual([
      [2, 2, "1"],
      [4, 6, "2"],
      [6, 8, "3"],
      [7, 10, "4"],
    ]);
  });

  it("reports rows with the wrong number of cells instead of throwing", () => {
    const result = items("a,b,c\n1,2,3\n1,2\n1,2,3,4\n,,\n,\n7,8,9\n");
    expect(result).toEqual([
      { ok: true, row: 2, line: 2, values: { a: "1", b: "2", c: "3" } },
      { ok: false, row: 3, line: 3, column: null, reason: "expected 3 cells, found 2" },
      { ok: false, row: 4, line: 4, column: null, reason: "expected 3 cells, found 4" },
      { ok: true, row: 7, line: 7, values: { a: "7", b: "8", c: "9" } },
    ]);
  });

  it("reports a truncated last line with an unclosed quote on its row", () => {
    const result = items('id,comment,score\n1,"fine",9\n2,"cut in the mid');
    expect(result[1]).toEqual({
      ok: false,
      row: 3,
      line: 3,
      column: "comment",
      reason: "unclosed quote: the file seems truncated (row starting on line 3)",
    });
  });

  it("reports text after a closing quote on the cell's column", () => {
    expect(items('id,comment\n1,"a"b\n')[0]).toMatchObject({ ok: false, row: 2, column: "comment" });
  });

  it("survives a 10 MB cell, quoted or not, and reports it naming the column", () => {
    const huge = "x".repeat(10 * 1024 * 1024);
    const result = items(`id,comment,score\n1,"${huge}",9\n2,${huge},8\n3,ok,7\n`);
    const expected = {
      ok: false,
      column: "comment",
      reason: `cell is ${huge.length} characters long, above the limit of 100000`,
    };
    expect(result[0]).toMatchObject({ ...expected, row: 2 });
    expect(result[1]).toMatchObject({ ...expected, row: 3 });
    expect(result[2]).toMatchObject({ ok: true, row: 4, values: { id: "3", comment: "ok", score: "7" } });
    expect(items(`a,b\n1,${huge}\n`, { maxCellLength: 20_000_000 })[0]).toMatchObject({ ok: true });
  });

  it("rejects a non-positive cell limit", () => {
    expect(() => readCsv("a\n1\n", { maxCellLength: 0 })).toThrow(/maxCellLength/);
  });
});

describe("files", () => {
  it("reads UTF-8, UTF-8 with BOM and Windows-1252 bytes", () => {
    const utf8 = readCsvBytes(new TextEncoder().encode("id,comment\n1,Très bien\n"));
    expect(utf8.encoding.encoding).toBe("utf-8");
    expect([...utf8.records]).toMatchObject([{ values: { comment: "Très bien" } }]);
    const bom = readCsvBytes(new TextEncoder().encode("\uFEFFid,comment\n1,Zoë\n"));
    expect(bom.header).toEqual(["id", "comment"]);
    expect(bom.encoding.encoding).toBe("utf-8-bom");
    const cp1252 = readCsvBytes(
      new Uint8Array(Buffer.from("id;comment\n1;l\x92accueil \x93top\x94\n", "latin1")),
    );
    expect([...cp1252.records]).toMatchObject([{ values: { comment: "l’accueil “top”" } }]);
    expect(cp1252.delimiter.delimiter).toBe(";");
  });

  it("reads semicolon and tab files", () => {
    expect(valuesOf("id;montant\n1;12,85\n")).toEqual([{ id: "1", montant: "12,85" }]);
    expect(valuesOf("id\tcomment\n1\tavec, virgule\n")).toEqual([{ id: "1", comment: "avec, virgule" }]);
  });

  it("rejects an unsupported delimiter and warns about a wrong override", () => {
    expect(() => readCsv("id|score\n1|9\n2|3\n")).toThrow(
      expect.objectContaining({ kind: "unsupported_delimiter" }),
    );
    const table = readCsv("id,score,comment\n1,9,ok\n", { delimiter: ";" });
    expect(table.header).toEqual(["id,score,comment"]);
    expect(table.warnings[0]).toMatch(/is the delimiter wrong\?/);
  });
});

describe("streaming", () => {
  it("gives the same items whatever the chunking", () => {
    const text = 'id;comment;score\r\n1;"a;b\r\nc";9\r\n2;NA;\r\n\r\n3;"x""y";1\r\n4;short\r\n5;"open';
    const whole = items(text);
    fc.assert(
      fc.property(fc.array(fc.nat({ max: text.length }), { maxLength: 12 }), (cuts) => {
        const reader = new CsvRecordReader();
        const got: CsvItem[] = [];
        let previous = 0;
        for (const cut of [...cuts].sort((a, b) => a - b)) {
          got.push(...reader.push(text.slice(previous, cut)));
          previous = cut;
        }
        got.push(...reader.push(text.slice(previous)), ...reader.end());
        expect(got).toEqual(whole);
      }),
    );
  });

  it("streams async chunks and announces the header", async () => {
    async function* chunks(): AsyncGenerator<string> {
      yield "id,sco";
      yield "re\n1,9\n2,";
      yield "10\n";
    }
    let header: readonly string[] = [];
    const got: CsvItem[] = [];
    for await (const item of readCsvStream(chunks(), { onHeader: (names) => (header = names) }))
      got.push(item);
    expect(header).toEqual(["id", "score"]);
    expect(got.map((item) => item.ok && item.values.score)).toEqual(["9", "10"]);
  });

  it("streams batches, one per chunk that completes records (after the 64 KiB delimiter sniff)", async () => {
    const chunks = ["id\n1\n2", "\n3", "\n"];
    const rows = async (options = {}): Promise<number[][]> => {
      const batches: number[][] = [];
      for await (const batch of readCsvStreamBatches(chunks, options))
        batches.push(batch.map((item) => item.row));
      return batches;
    };
    expect(await rows({ delimiter: "," })).toEqual([[2], [3], [4]]);
    expect(await rows()).toEqual([[2, 3, 4]]);
  });
});
