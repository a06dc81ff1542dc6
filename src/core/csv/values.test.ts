import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  parseBoolean,
  parseDate,
  parseDateTime,
  parseDecimal,
  parseEmail,
  parseEnum,
  parseInteger,
  parseNpsScore,
  parseOptional,
  parseText,
  quoteRaw,
} from "./values.js";

const reasonOf = (result: { ok: boolean; reason?: string }): string | undefined =>
  result.ok ? undefined : result.reason;

describe("parseNpsScore", () => {
  it("accepts 0..10 written plainly", () => {
    for (let score = 0; score <= 10; score++)
      expect(parseNpsScore(String(score))).toEqual({ ok: true, value: score });
  });

  it("rejects everything else with a reason quoting the value", () => {
    const cases: Array<[string, string]> = [
      ["7.5", 'score must be a whole number from 0 to 10, got "7.5"'],
      ["11", 'score must be a whole number from 0 to 10, got "11"'],
      ["ten", 'score must be a whole number from 0 to 10, got "ten"'],
      ["-1", 'score must be a whole number from 0 to 10, got "-1"'],
      ["7 ", 'score must be a whole number from 0 to 10, got "7 " (remove the surrounding spaces)'],
      ["07", 'score must be a whole number from 0 to 10, got "07" (no leading zeros)'],
      ["", 'score must be a whole number from 0 to 10, got ""'],
      ["+7", 'score must be a whole number from 0 to 10, got "+7"'],
      ["7.0", 'score must be a whole number from 0 to 10, got "7.0"'],
      ["１", 'score must be a whole number from 0 to 10, got "１"'],
    ];
    for (const [raw, reason] of cases) expect(parseNpsScore(raw)).toEqual({ ok: false, reason });
  });

  it("accepts exactly the eleven canonical strings (fast-check)", () => {
    const canonical = new Set(Array.from({ length: 11 }, (_, score) => String(score)));
    fc.assert(
      fc.property(fc.string({ maxLength: 4 }), (raw) => {
        expect(parseNpsScore(raw).ok).toBe(canonical.has(raw));
      }),
    );
  });
});

describe("numbers", () => {
  it("parses integers strictly, with bounds", () => {
    expect(parseInteger("42")).toEqual({ ok: true, value: 42 });
    expect(parseInteger("-3")).toEqual({ ok: true, value: -3 });
    expect(parseInteger("007")).toEqual({ ok: true, value: 7 });
    expect(reasonOf(parseInteger("4.2"))).toBe('must be a whole number, got "4.2"');
    expect(reasonOf(parseInteger(" 4"))).toBe(
      'must be a whole number, got " 4" (remove the surrounding spaces)',
    );
    expect(reasonOf(parseInteger("99999999999999999999"))).toMatch(/too large/);
    expect(reasonOf(parseInteger("0", { min: 1 }))).toBe('must be at least 1, got "0"');
    expect(reasonOf(parseInteger("12", { max: 10 }))).toBe('must be at most 10, got "12"');
  });

  it("parses decimals with a point, and with a comma when the delimiter allows it", () => {
    expect(parseDecimal("12.85")).toEqual({ ok: true, value: 12.85 });
    expect(parseDecimal("-0.5")).toEqual({ ok: true, value: -0.5 });
    expect(parseDecimal("12")).toEqual({ ok: true, value: 12 });
    expect(parseDecimal("12,85", { decimalComma: true })).toEqual({ ok: true, value: 12.85 });
    expect(parseDecimal("12.85", { decimalComma: true })).toEqual({ ok: true, value: 12.85 });
    expect(reasonOf(parseDecimal("12,85"))).toBe(
      'must be a number such as 12.85, got "12,85" (decimal commas are only accepted in semicolon- or tab-separated files)',
    );
    for (const raw of ["1,234.5", "1 234,5", "1e3", ".5", "12.", "NaN", "Infinity", "12,85,1"]) {
      expect(parseDecimal(raw, { decimalComma: true }).ok).toBe(false);
    }
    expect(reasonOf(parseDecimal("-1", { min: 0 }))).toBe('must be at least 0, got "-1"');
  });
});

describe("dates", () => {
  it("parses ISO dates and checks the calendar", () => {
    expect(parseDate("2024-02-29")).toEqual({ ok: true, value: "2024-02-29" });
    expect(parseDate(" 2024-03-05 ")).toEqual({ ok: true, value: "2024-03-05" });
    expect(reasonOf(parseDate("2023-02-29"))).toBe('"2023-02-29" is not a calendar date');
    expect(reasonOf(parseDate("2024-13-01"))).toBe('"2024-13-01" is not a calendar date');
    expect(reasonOf(parseDate("March 5"))).toBe('must be a date written YYYY-MM-DD, got "March 5"');
  });

  it("reads DD/MM/YYYY only when asked, as slashed dates are ambiguous", () => {
    expect(reasonOf(parseDate("05/03/2024"))).toMatch(
      /ambiguous: write it as YYYY-MM-DD or enable day-first/,
    );
    expect(parseDate("05/03/2024", { dayFirst: true })).toEqual({ ok: true, value: "2024-03-05" });
    expect(parseDate("5/3/2024", { dayFirst: true })).toEqual({ ok: true, value: "2024-03-05" });
    expect(reasonOf(parseDate("31/02/2024", { dayFirst: true }))).toMatch(/not a calendar date/);
  });

  it("parses ISO date-times with offsets, fractions and a space separator", () => {
    const iso = (raw: string, options = {}): string | undefined => {
      const result = parseDateTime(raw, options);
      return result.ok ? result.value.toISOString() : result.reason;
    };
    expect(iso("2024-03-05T14:30:00Z")).toBe("2024-03-05T14:30:00.000Z");
    expect(iso("2024-03-05T14:30:00.25+01:00")).toBe("2024-03-05T13:30:00.250Z");
    expect(iso("2024-03-05 14:30")).toBe("2024-03-05T14:30:00.000Z");
    expect(iso("2024-03-05T23:30-0230")).toBe("2024-03-06T02:00:00.000Z");
    expect(iso("2024-03-05")).toBe("2024-03-05T00:00:00.000Z");
    expect(iso("05/03/2024 08:15", { dayFirst: true })).toBe("2024-03-05T08:15:00.000Z");
    expect(iso("2024-03-05T14:30", { assumeUtc: false })).toMatch(/has no time zone/);
    expect(iso("2024-03-05T24:00Z")).toMatch(/impossible time of day/);
    expect(iso("2024-03-05T10:00+15:00")).toMatch(/impossible time zone offset/);
    expect(iso("yesterday")).toMatch(/must be a date-time such as/);
  });
});

describe("text-like values", () => {
  it("parses emails", () => {
    expect(parseEmail(" Jane.Doe+nps@Example.COM ")).toEqual({ ok: true, value: "Jane.Doe+nps@example.com" });
    expect(parseEmail("élodie@société.fr").ok).toBe(true);
    for (const raw of [
      "jane",
      "jane@",
      "@example.com",
      "jane@example",
      "ja ne@example.com",
      "a@@b.com",
      "a..b@c.com",
    ]) {
      expect(parseEmail(raw).ok).toBe(false);
    }
    expect(reasonOf(parseEmail("jane"))).toBe(
      'must be an email address such as name@example.com, got "jane"',
    );
  });

  it("parses booleans in English and French", () => {
    for (const raw of ["true", "YES", "y", "1", "Oui", "vrai "])
      expect(parseBoolean(raw)).toEqual({ ok: true, value: true });
    for (const raw of ["false", "No", "n", "0", "non", "FAUX"])
      expect(parseBoolean(raw)).toEqual({ ok: true, value: false });
    expect(reasonOf(parseBoolean("maybe"))).toBe('must be yes or no (true/false, 1/0, oui/non), got "maybe"');
  });

  it("parses enumerations to their canonical spelling", () => {
    const types = ["reseller", "system_integrator", "isv"] as const;
    expect(parseEnum("System Integrator", types)).toEqual({ ok: true, value: "system_integrator" });
    expect(parseEnum(" ISV ", types)).toEqual({ ok: true, value: "isv" });
    expect(reasonOf(parseEnum("distributor", types))).toBe(
      'must be one of reseller, system_integrator, isv, got "distributor"',
    );
    expect(parseEnum("", ["", "x"]).ok).toBe(false);
  });

  it("trims and NFC-normalises text, with a maximum length in characters", () => {
    expect(parseText("  Cafe\u0301 ok ")).toEqual({ ok: true, value: "Café ok" });
    expect(parseText("😀😀", { maxLength: 2 })).toEqual({ ok: true, value: "😀😀" });
    expect(reasonOf(parseText("abcdef", { maxLength: 5 }))).toBe(
      "is 6 characters long, above the limit of 5",
    );
    expect(reasonOf(parseText("   "))).toBe("must not be empty");
  });

  it("lets null through for optional fields and shortens long values in messages", () => {
    expect(parseOptional(null, parseNpsScore)).toEqual({ ok: true, value: null });
    expect(parseOptional("9", parseNpsScore)).toEqual({ ok: true, value: 9 });
    expect(quoteRaw("x".repeat(1000))).toHaveLength(62);
  });
});
