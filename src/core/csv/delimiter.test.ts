import { describe, expect, it } from "vitest";
import { detectDelimiter, normalizeDelimiter, wrongDelimiterHint } from "./delimiter.js";
import { CsvError } from "./errors.js";

describe("detectDelimiter", () => {
  it("finds comma, semicolon and tab", () => {
    expect(detectDelimiter("id,score,comment\n1,9,ok\n2,3,bad\n")).toEqual({
      delimiter: ",",
      source: "detected",
      sampledRecords: 3,
    });
    expect(detectDelimiter("id;montant;commentaire\n1;12,85;bien\n2;3,5;mal\n").delimiter).toBe(";");
    expect(detectDelimiter("id\tscore\n1\t9\n").delimiter).toBe("\t");
  });

  it("ignores delimiters and line breaks inside quoted cells", () => {
    const text = 'id;comment\n1;"a, b, c, d"\n2;"line one,\nline, two"\n3;plain\n';
    expect(detectDelimiter(text).delimiter).toBe(";");
  });

  it("prefers the candidate with a consistent count over the most frequent one", () => {
    const text = "name;amount\nAcme, Inc;1,5\nBlue;2\nCedar, SA;3,25\n";
    expect(detectDelimiter(text).delimiter).toBe(";");
  });

  it("rejects a file clearly separated by another character", () => {
    expect(() => detectDelimiter("id|score|comment\n1|9|ok\n2|3|bad\n")).toThrow(CsvError);
    expect(() => detectDelimiter("id|score\n1|9\n")).toThrow(/seems to use "\|" as delimiter/);
  });

  it("reads a file without any separator as one column", () => {
    expect(detectDelimiter("email\na@example.com\n")).toMatchObject({
      delimiter: ",",
      source: "single-column",
    });
    expect(detectDelimiter("")).toMatchObject({ delimiter: ",", source: "single-column", sampledRecords: 0 });
  });

  it("honours an override, by character or by name", () => {
    expect(detectDelimiter("a,b;c\n", ";")).toMatchObject({ delimiter: ";", source: "override" });
    expect(detectDelimiter("a\tb\n", "tab").delimiter).toBe("\t");
    expect(detectDelimiter("a\tb\n", "\\t").delimiter).toBe("\t");
    expect(detectDelimiter("a;b\n", "auto").delimiter).toBe(";");
    expect(normalizeDelimiter("Semicolon")).toBe(";");
    expect(() => detectDelimiter("a|b\n", "|")).toThrow(
      /Unsupported delimiter "\|": use comma, semicolon or tab/,
    );
  });
});

describe("wrongDelimiterHint", () => {
  it("explains a single-column header that contains another delimiter", () => {
    expect(wrongDelimiterHint(["id,score,comment"], ";")).toMatch(/contains comma: is the delimiter wrong\?/);
    expect(wrongDelimiterHint(["id", "score"], ",")).toBeUndefined();
    expect(wrongDelimiterHint(["email"], ",")).toBeUndefined();
  });
});
