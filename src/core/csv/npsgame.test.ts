import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type CsvRecord, readCsvBytes } from "./records.js";
import { parseDecimal, parseNpsScore } from "./values.js";

// Real B2C survey (French garden-centre chain, CC0), Latin-1 with cp850 bytes: see /work/shared/data/README.md.
const FILE = "/work/shared/data/npsgame-nps.csv";
const isText = (value: string | null | undefined): value is string => typeof value === "string";

describe("npsgame-nps.csv (real file, read as it is)", () => {
  const file = readCsvBytes(readFileSync(FILE));
  const items = [...file.records];
  const records = items.filter((item): item is CsvRecord => item.ok);
  const byRow = (row: number): Record<string, string | null> | undefined =>
    records.find((record) => record.row === row)?.values;

  it("is detected as Windows-1252 with cp850 repair, comma-separated", () => {
    expect(file.encoding).toEqual({ encoding: "windows-1252", mixedCp850: true, repairedBytes: 2491 });
    expect(file.delimiter.delimiter).toBe(",");
    expect(file.header).toEqual([
      "column_1",
      "id",
      "nps",
      "satisfaction",
      "intention",
      "explication",
      "NbPassageKS",
      "CaTicket",
      "t",
    ]);
  });

  it("has 13,954 records, no row errors, rows 2..13955", () => {
    expect(items).toHaveLength(13_954);
    expect(records).toHaveLength(13_954);
    expect(records[0]?.row).toBe(2);
    expect(records.at(-1)?.row).toBe(13_955);
    expect(records.at(-1)?.values.column_1).toBe("13954");
  });

  it("reads 342 NA scores as null and every other score as a valid 0..10 integer", () => {
    const scores = records.map((record) => record.values.nps);
    expect(scores.filter((score) => score === null)).toHaveLength(342);
    const invalid = scores.filter(isText).filter((score) => !parseNpsScore(score).ok);
    expect(invalid).toEqual([]);
  });

  it("reads the basket amounts as decimals", () => {
    expect(byRow(2)).toMatchObject({ id: "2368", nps: "10", explication: null, CaTicket: "12.85", t: "11" });
    const amounts = records.map((record) => record.values.CaTicket).filter(isText);
    expect(amounts.every((value) => parseDecimal(value).ok)).toBe(true);
  });

  it("decodes French comments with the right accents, whichever code page typed them", () => {
    expect(byRow(3)?.explication).toBe(
      "Il y a très peu de caisse ouverte et le délai d'attente est particulièrement long!!!!",
    );
    expect(byRow(5)?.explication).toBe(
      "j'ai acheté une vigne vierge qui ne se développe pasé jela ramène demain au magasin pour échange. " +
        "C'est la deuxième fois avec le même produit. L'an dernier  j'ai eu le même pb jen l'avais pas échangé " +
        "en espérant qu'il se développerait tout de même.",
    );
    expect(byRow(16)?.explication).toContain("un bon de réduction de 15€ que j'ai oublié");
    expect(byRow(6588)?.explication).toBe(
      "ÇA SERAIT BIEN SI VOUS FAISIEZ CADEAU DE QUELQUES POINTS DE FIDÉLITÉ À VOS CLIENTS QUI SE DONNENT " +
        "LA PEINE DE RÉPONDRE À VOS QUESTIONNAIRES .........",
    );
    expect(byRow(8587)?.explication).toMatch(/^L'ambiance «zen», l'accueil/);
    expect(byRow(2752)?.explication).toBe("PERSONNEL TRÈS SYMPATHIQUE.");
    expect(byRow(13905)?.explication).toMatch(/avec des produits déjeen promo DÉÇU$/);
  });

  it("has 3,839 comments, none with C1 control characters or replacement characters", () => {
    const comments = records.map((record) => record.values.explication).filter(isText);
    expect(comments).toHaveLength(3_839);
    expect(comments.filter((comment) => /[\u0080-\u009f\ufffd]/.test(comment))).toHaveLength(0);
    const accented = comments.filter((comment) => /[éèàçêâîôûùëïÉÈÀÇÊ]/.test(comment));
    expect(accented.length).toBeGreaterThan(2_000);
  });
});
