import { describe, expect, it } from "vitest";
import { CsvError } from "./errors.js";
import {
  applyMapping,
  type FieldSpec,
  findColumn,
  normalizeColumnName,
  parseMapSpec,
  resolveMapping,
} from "./mapping.js";

const FIELDS: FieldSpec[] = [
  { name: "score", aliases: ["nps score", "nps", "rating", "likelihood to recommend"], required: true },
  { name: "partner", aliases: ["partner name", "company"], required: true },
  { name: "comment", aliases: ["explication", "feedback"] },
  { name: "submitted_at", aliases: ["date", "submitted"] },
];

describe("normalizeColumnName", () => {
  it("ignores case, accents, separators and camelCase", () => {
    for (const name of ["Partner Name", "partner_name", "partnerName", "PARTNER-NAME", " partner  name "]) {
      expect(normalizeColumnName(name)).toBe("partnername");
    }
    expect(normalizeColumnName("Société")).toBe("societe");
    expect(normalizeColumnName("NPS score")).toBe("npsscore");
  });
});

describe("parseMapSpec", () => {
  it("parses field=column pairs, quoted names and repeated flags", () => {
    expect(parseMapSpec("score=NPS, comment = Explication ")).toEqual({
      score: "NPS",
      comment: "Explication",
    });
    expect(parseMapSpec('comment="Why, briefly?",partner="Name ""legal"""')).toEqual({
      comment: "Why, briefly?",
      partner: 'Name "legal"',
    });
    expect(parseMapSpec(["score=a", "partner=b"])).toEqual({ score: "a", partner: "b" });
    expect(parseMapSpec("")).toEqual({});
  });

  it("reports syntax errors", () => {
    expect(() => parseMapSpec("score")).toThrow('Expected field=column in --map, got "score"');
    expect(() => parseMapSpec("score=")).toThrow(/Empty field or column name/);
    expect(() => parseMapSpec('score="NPS')).toThrow(/Unclosed quote/);
    expect(() => parseMapSpec('score="NPS"x')).toThrow(/Unexpected "x"/);
    expect(() => parseMapSpec("score=a,score=b")).toThrow(/mapped twice/);
  });
});

describe("findColumn", () => {
  const header = ["id", "NPS score", "Partner name", "c"];
  it("matches exactly, then after normalisation, then by #position", () => {
    expect(findColumn(header, "NPS score")).toBe("NPS score");
    expect(findColumn(header, "nps_score")).toBe("NPS score");
    expect(findColumn(header, "#3")).toBe("Partner name");
  });

  it("lists the available columns when nothing matches", () => {
    expect(() => findColumn(header, "Score", "score")).toThrow(
      'Column "Score" (mapped to field "score") is not in the header; ' +
        'available columns: "id", "NPS score", "Partner name", "c"',
    );
    expect(() => findColumn(header, "#9")).toThrow(CsvError);
  });
});

describe("resolveMapping", () => {
  it("auto-maps by normalised name and alias", () => {
    const result = resolveMapping(["ID", "Score", "partner_name", "Feedback", "Extra"], FIELDS);
    expect(result).toEqual({
      columns: { score: "Score", partner: "partner_name", comment: "Feedback" },
      sources: { score: "auto", partner: "auto", comment: "auto" },
      unmappedFields: ["submitted_at"],
      unusedColumns: ["ID", "Extra"],
    });
    expect(resolveMapping(["NPS score", "Partner"], FIELDS).columns).toEqual({
      score: "NPS score",
      partner: "Partner",
    });
  });

  it("lets explicit mappings (string or object) win over auto-mapping", () => {
    const header = ["nps", "intention", "Company", "explication"];
    const fromFlag = resolveMapping(header, FIELDS, "score=intention");
    expect(fromFlag.columns).toEqual({ score: "intention", partner: "Company", comment: "explication" });
    expect(fromFlag.sources.score).toBe("explicit");
    expect(resolveMapping(header, FIELDS, { score: "nps", partner: "#3" }).columns.partner).toBe("Company");
  });

  it("reports unknown fields, unknown columns and a column mapped twice", () => {
    const header = ["nps", "partner"];
    expect(() => resolveMapping(header, FIELDS, "scroe=nps")).toThrow(
      'Unknown field "scroe" in the mapping; fields: score, partner, comment, submitted_at',
    );
    expect(() => resolveMapping(header, FIELDS, "score=NPS score")).toThrow(
      /available columns: "nps", "partner"/,
    );
    expect(() => resolveMapping(header, FIELDS, "score=nps,partner=nps")).toThrow(/mapped to both/);
  });

  it("reports missing required fields with the available columns", () => {
    expect(() => resolveMapping(["id", "comment"], FIELDS)).toThrow(
      "No column found for required fields score, partner: map them with --map score=<column>,partner=<column>; " +
        'available columns: "id", "comment"',
    );
  });

  it("refuses to guess between two equally good columns", () => {
    expect(() => resolveMapping(["Score", "score ", "partner"], FIELDS)).toThrow(/matches several columns/);
    expect(resolveMapping(["score", "nps", "partner"], FIELDS).columns.score).toBe("score");
  });
});

describe("applyMapping", () => {
  it("picks mapped fields out of a record", () => {
    const mapping = resolveMapping(["nps", "Company", "x"], FIELDS);
    expect(applyMapping({ nps: "9", Company: "Acme", x: "y" }, mapping)).toEqual({
      score: "9",
      partner: "Acme",
    });
  });
});
