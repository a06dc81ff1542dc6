import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalCdf, normalQuantile, twoSidedPValue, zForConfidence } from "./normal.js";

describe("normal distribution", () => {
  it("gives the tabulated critical values (Abramowitz & Stegun table 26.5, Wichura AS241)", () => {
    // A&S 26.5: upper 2.5 % point 1.959963985, 5 % point 1.644853627, 0.5 % point 2.575829304.
    expect(zForConfidence(0.95)).toBeCloseTo(1.959963985, 9);
    expect(zForConfidence(0.9)).toBeCloseTo(1.644853627, 9);
    expect(zForConfidence(0.99)).toBeCloseTo(2.575829304, 9);
  });

  it("never uses the 1.645 bug at 95 %", () => {
    expect(zForConfidence(0.95)).toBeGreaterThan(1.95);
  });

  it("gives tabulated CDF values (A&S table 26.1)", () => {
    // A&S 26.1: P(1) = 0.8413447461, P(2) = 0.9772498681, P(3) = 0.9986501020.
    expect(normalCdf(1)).toBeCloseTo(0.8413447461, 10);
    expect(normalCdf(2)).toBeCloseTo(0.9772498681, 10);
    expect(normalCdf(-3)).toBeCloseTo(1 - 0.998650102, 10);
    // A&S 26.2.… tail: Q(5) = 2.866515719e-7.
    expect(normalCdf(-5) / 2.866515719e-7).toBeCloseTo(1, 8);
  });

  it("quantile and CDF are inverses across the range", () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-12, max: 1 - 1e-12, noNaN: true }), (p) => {
        expect(normalCdf(normalQuantile(p)) / p).toBeCloseTo(1, 9);
      }),
    );
  });

  it("two-sided p is 0.05 at z = 1.959964 and 1 at z = 0", () => {
    expect(twoSidedPValue(1.959963984540054)).toBeCloseTo(0.05, 12);
    expect(twoSidedPValue(0)).toBe(1);
    expect(twoSidedPValue(-1.959963984540054)).toBeCloseTo(0.05, 12);
  });
});
