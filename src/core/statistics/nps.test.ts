import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InvalidCountsError } from "./errors.js";
import { npsPoints, perResponseVariance, roundHalfAwayFromZero } from "./nps.js";

describe("npsPoints", () => {
  it("is 100 × (P − D)/n at full precision", () => {
    expect(npsPoints({ promoters: 40, passives: 30, detractors: 10 })).toBe(37.5);
    expect(npsPoints({ promoters: 1, passives: 1, detractors: 1 })).toBe(0);
    expect(npsPoints({ promoters: 2, passives: 1, detractors: 0 })).toBeCloseTo(200 / 3, 12);
  });

  it("gives no score (null, not 0) for n = 0", () => {
    expect(npsPoints({ promoters: 0, passives: 0, detractors: 0 })).toBeNull();
  });

  it("rejects negative or fractional counts", () => {
    expect(() => npsPoints({ promoters: -1, passives: 0, detractors: 0 })).toThrow(InvalidCountsError);
    expect(() => npsPoints({ promoters: 0.5, passives: 0, detractors: 0 })).toThrow(InvalidCountsError);
  });
});

describe("perResponseVariance", () => {
  it("is 5/9 for p = (1/2, 1/3, 1/6), as in whuber's answer (stats.stackexchange.com/a/18609)", () => {
    expect(perResponseVariance({ promoters: 3, passives: 2, detractors: 1 })).toBeCloseTo(5 / 9, 14);
  });

  it("equals p(1 − p) + d(1 − d) + 2pd (shared/research/statistics.md)", () => {
    fc.assert(
      fc.property(fc.nat(500), fc.nat(500), fc.nat(500), (promoters, passives, detractors) => {
        fc.pre(promoters + passives + detractors > 0);
        const n = promoters + passives + detractors;
        const p = promoters / n;
        const d = detractors / n;
        const v = perResponseVariance({ promoters, passives, detractors }) ?? Number.NaN;
        expect(v).toBeCloseTo(p * (1 - p) + d * (1 - d) + 2 * p * d, 12);
      }),
    );
  });
});

describe("roundHalfAwayFromZero", () => {
  it.each([
    [2.5, 0, 3],
    [-2.5, 0, -3],
    [0.5, 0, 1],
    [-0.5, 0, -1],
    [1.5, 0, 2],
    [2.4999, 0, 2],
    [-0.4, 0, 0],
    [37.5, 0, 38],
    [1.005, 2, 1.01],
    [2.675, 2, 2.68],
    [-1.005, 2, -1.01],
    [12.25, 1, 12.3],
    [-12.25, 1, -12.3],
    [100, 0, 100],
  ])("rounds %s to %s digits as %s", (value, digits, expected) => {
    expect(roundHalfAwayFromZero(value, digits)).toBe(expected);
  });

  it("never truncates: 200/3 rounds to 67 and −200/3 to −67", () => {
    expect(roundHalfAwayFromZero(200 / 3)).toBe(67);
    expect(roundHalfAwayFromZero(-200 / 3)).toBe(-67);
  });

  it("never shows −0", () => {
    expect(Object.is(roundHalfAwayFromZero(-0.2), 0)).toBe(true);
  });

  it("is odd-symmetric and within half a unit", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1000, max: 1000, noNaN: true }),
        fc.integer({ min: 0, max: 4 }),
        (x, digits) => {
          const rounded = roundHalfAwayFromZero(x, digits);
          expect(roundHalfAwayFromZero(-x, digits)).toBe(rounded === 0 ? 0 : -rounded);
          expect(Math.abs(rounded - x)).toBeLessThanOrEqual(0.5 * 10 ** -digits + 1e-9);
        },
      ),
    );
  });

  it("rejects a bad digits argument", () => {
    expect(() => roundHalfAwayFromZero(1, -1)).toThrow(RangeError);
    expect(() => roundHalfAwayFromZero(1, 1.5)).toThrow(RangeError);
  });
});
