import { describe, expect, it } from "vitest";
import { formatDate, translator } from "./index.js";
import { de } from "./messages.de.js";
import { en } from "./messages.en.js";
import { es } from "./messages.es.js";
import { fr } from "./messages.fr.js";

describe("survey translations", () => {
  it("every language has every key, non-empty, with the same placeholders as English", () => {
    for (const catalog of [fr, de, es]) {
      for (const [key, text] of Object.entries(en)) {
        const translated = catalog[key as keyof typeof en];
        expect(translated, key).toBeTruthy();
        const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
        expect(placeholders(translated), key).toEqual(placeholders(text));
      }
    }
  });

  it("asks the NPS question with the company's name in each language", () => {
    expect(translator("en")("survey.nps", { company: "Northwind" })).toBe(
      "How likely are you to recommend Northwind as a partner to other businesses?",
    );
    expect(translator("fr")("survey.nps", { company: "Northwind" })).toContain("Northwind comme partenaire");
  });

  it("formats dates for the respondent's language", () => {
    expect(formatDate("2026-12-15T12:00:00Z", "en")).toBe("15 December 2026");
    expect(formatDate("2026-12-15T12:00:00Z", "fr")).toBe("15 décembre 2026");
  });
});
