import { describe, expect, it } from "vitest";
import { csvCell, csvChunks, UTF8_BOM } from "./csv-export.js";
import type { ExportColumn } from "./table-export.js";
import { attachmentHeader } from "./table-export.js";

describe("CSV export", () => {
  it("defuses cells that a spreadsheet would run as a formula", () => {
    expect(csvCell("=SUM(A1:A9)", "text")).toBe("'=SUM(A1:A9)");
    expect(csvCell("+33 6 12", "text")).toBe("'+33 6 12");
    expect(csvCell("-2 points", "text")).toBe("'-2 points");
    expect(csvCell("@cmd", "text")).toBe("'@cmd");
    expect(csvCell("\t=1", "text")).toBe("'\t=1");
    expect(csvCell("a = b", "text")).toBe("a = b");
    // Numbers come from us, not from users: a negative number stays a number.
    expect(csvCell(-3, "number")).toBe("-3");
  });

  it("quotes separators, quotes and line breaks, doubling inner quotes", () => {
    expect(csvCell('dit "bonjour", puis', "text")).toBe('"dit ""bonjour"", puis"');
    expect(csvCell("ligne 1\nligne 2", "text")).toBe('"ligne 1\nligne 2"');
    expect(csvCell('=HYPERLINK("x")', "text")).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell(null, "text")).toBe("");
    expect(csvCell("Échange réussi", "text")).toBe("Échange réussi");
  });

  it("starts with a BOM and a header, then one CRLF line per row", async () => {
    const columns: ExportColumn<{ a: string; b: number }>[] = [
      { header: "Name", type: "text", value: (r) => r.a },
      { header: "Score", type: "number", value: (r) => r.b },
    ];
    async function* batches() {
      yield [{ a: "x", b: 1 }];
      yield [
        { a: "y,z", b: 10 },
        { a: "@me", b: 0 },
      ];
    }
    let text = "";
    for await (const chunk of csvChunks(columns, batches())) text += chunk;
    expect(text).toBe(`${UTF8_BOM}Name,Score\r\nx,1\r\n"y,z",10\r\n'@me,0\r\n`);
    expect(Buffer.from(text, "utf8").subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it("names the attachment with safe characters only", () => {
    expect(attachmentHeader('résumé"; x=1', "csv")).toBe('attachment; filename="r-sum-x-1.csv"');
    expect(attachmentHeader("responses-2026-03-01", "xlsx")).toBe(
      'attachment; filename="responses-2026-03-01.xlsx"',
    );
  });
});
