import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { classifyScore, countScores } from "./classification.js";
import { DomainError, InvalidScoreError } from "./errors.js";

describe("classifyScore", () => {
  it("maps 9–10 to promoter, 7–8 to passive and 0–6 to detractor (shared/product.md Definitions)", () => {
    const expected = [
      "detractor",
      "detractor",
      "detractor",
      "detractor",
      "detractor",
      "detractor",
      "detractor",
      "passive",
      "passive",
      "promoter",
      "promoter",
    ];
    expect(Array.from({ length: 11 }, (_, score) => classifyScore(score))).toEqual(expected);
  });

  it.each([
    [-1, "out_of_range"],
    [11, "out_of_range"],
    [8.5, "not_an_integer"],
    [Number.NaN, "not_a_number"],
    [Number.POSITIVE_INFINITY, "not_an_integer"],
    ["9", "not_a_number"],
    [null, "not_a_number"],
    [undefined, "not_a_number"],
  ])("rejects %s with reason %s instead of coercing", (value, reason) => {
    let caught: unknown;
    try {
      classifyScore(value as number);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidScoreError);
    expect(caught).toBeInstanceOf(DomainError);
    expect(caught).toMatchObject({ code: "invalid_score", reason });
  });

  it("classifies every integer 0..10 and rejects every other number", () => {
    fc.assert(
      fc.property(fc.double(), (value) => {
        const valid = Number.isInteger(value) && value >= 0 && value <= 10;
        if (valid) expect(["promoter", "passive", "detractor"]).toContain(classifyScore(value));
        else expect(() => classifyScore(value)).toThrow(InvalidScoreError);
      }),
    );
  });
});

describe("countScores", () => {
  it("counts a list of scores into the three categories", () => {
    expect(countScores([10, 9, 9, 8, 7, 6, 0, 3])).toEqual({ promoters: 3, passives: 2, detractors: 3 });
    expect(countScores([])).toEqual({ promoters: 0, passives: 0, detractors: 0 });
  });

  it("rejects the whole list when one score is invalid", () => {
    expect(() => countScores([10, 9, 12])).toThrow(InvalidScoreError);
  });

  it("always sums to the number of scores", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10 })), (scores) => {
        const counts = countScores(scores);
        expect(counts.promoters + counts.passives + counts.detractors).toBe(scores.length);
      }),
    );
  });
});
