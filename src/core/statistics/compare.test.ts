import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareNps } from "./compare.js";
import { InvalidCountsError, InvalidMethodError } from "./errors.js";
import type { CompareMethod, NpsCounts } from "./types.js";

function expectPublished(
  actual: number | null | undefined,
  published: number,
  decimalsInSource: number,
): void {
  const tolerance = Math.max(0.01, 0.5 * 10 ** (2 - decimalsInSource));
  expect(actual).toBeTypeOf("number");
  expect(Math.abs((actual ?? Number.NaN) - published)).toBeLessThanOrEqual(tolerance + 1e-9);
}

// With no detractors an NPS is a plain proportion, so two-sample NPS tests reduce to the published 2x2 ones.
function proportion(successes: number, n: number): NpsCounts {
  return { promoters: successes, passives: n - successes, detractors: 0 };
}

describe("compareNps: published two-sample values", () => {
  it("Wald matches Perondi et al. (2004): 7/34 vs 1/34", () => {
    // ocbe-uio/contingencytables tests/testthat/test-ch4.R: Wald_CI_2x2 "estimate = 0.1765 (95% CI 0.0292 to 0.3238)".
    const result = compareNps(proportion(7, 34), proportion(1, 34), { method: "wald" });
    expectPublished(result.difference, 17.65, 4);
    expectPublished(result.interval?.low, 2.92, 4);
    expectPublished(result.interval?.high, 32.38, 4);
  });

  it("Wald z and p match the Z-unpooled test for Ritland et al. (2007), sign kept", () => {
    // ocbe-uio/contingencytables tests/testthat/test-ch4.R: "The Z-unpooled test: P = 0.00001, Z = -4.353".
    const result = compareNps(proportion(0, 16), proportion(15, 72), { method: "wald" });
    expect(Math.abs((result.z ?? 0) - -4.353)).toBeLessThanOrEqual(0.0005);
    expect(Math.abs((result.p ?? 1) - 0.00001)).toBeLessThanOrEqual(0.000005);
    expect(result.difference ?? 0).toBeLessThan(0);
  });

  it("adjusted-wald with pseudo-counts (1, 1, 0) reproduces the Agresti–Caffo interval for Perondi et al. (2004)", () => {
    // ocbe-uio/contingencytables test-ch4.R: AgrestiCaffo_CI_2x2 "estimate = 0.1765 (95% CI 0.0116 to 0.3217)".
    const result = compareNps(proportion(7, 34), proportion(1, 34), {
      method: "adjusted-wald",
      pseudoCounts: { promoters: 1, passives: 1, detractors: 0 },
    });
    expectPublished(result.interval?.low, 1.16, 4);
    expectPublished(result.interval?.high, 32.17, 4);
  });
});

describe("compareNps: definition and edge cases", () => {
  it("SE is √(v₁/n₁ + v₂/n₂) with n in the denominator, difference is NPS(a) − NPS(b)", () => {
    const a = { promoters: 50, passives: 30, detractors: 20 };
    const b = { promoters: 30, passives: 30, detractors: 40 };
    const result = compareNps(a, b, { method: "wald" });
    // Hand-computed: v_a = 0.7 − 0.09 = 0.61, v_b = 0.7 − 0.01 = 0.69, n = 100 each.
    expect(result.difference).toBeCloseTo(40, 10);
    expect(result.se).toBeCloseTo(100 * Math.sqrt(0.61 / 100 + 0.69 / 100), 10);
    expect(result.z).toBeCloseTo(0.4 / Math.sqrt(0.013), 10);
  });

  it("adjusted-wald uses the adjusted estimates with Rocks' default pseudo-counts (R/nps_tests.R)", () => {
    const a = { promoters: 3, passives: 1, detractors: 0 };
    const b = { promoters: 0, passives: 1, detractors: 3 };
    const result = compareNps(a, b);
    // Adjusted a: 3.75/2.5/0.75 of 7 → 3/7; b mirrors it → −3/7; difference 6/7.
    expect(result.method).toBe("adjusted-wald");
    expect(result.difference).toBeCloseTo((100 * 6) / 7, 10);
  });

  it("returns all-null figures when a sample is empty", () => {
    const empty = { promoters: 0, passives: 0, detractors: 0 };
    expect(compareNps(empty, { promoters: 1, passives: 0, detractors: 0 })).toMatchObject({
      difference: null,
      se: null,
      z: null,
      p: null,
      interval: null,
    });
  });

  it("gives null z and p when Wald has no variance in either sample", () => {
    const result = compareNps(proportion(5, 5), proportion(0, 5), { method: "wald" });
    expect(result).toMatchObject({
      difference: 100,
      se: 0,
      z: null,
      p: null,
      interval: { low: 100, high: 100 },
    });
  });

  it("rejects bad input", () => {
    const ok = { promoters: 1, passives: 1, detractors: 1 };
    expect(() => compareNps(ok, { promoters: -2, passives: 0, detractors: 0 })).toThrow(InvalidCountsError);
    expect(() => compareNps(ok, ok, { method: "tango" as never })).toThrow(InvalidMethodError);
  });

  it("swapping the samples negates difference and z and mirrors the interval (fast-check)", () => {
    const sample = fc.record({ promoters: fc.nat(300), passives: fc.nat(300), detractors: fc.nat(300) });
    fc.assert(
      fc.property(
        sample,
        sample,
        fc.constantFrom<CompareMethod>("wald", "adjusted-wald"),
        fc.double({ min: 0.5, max: 0.999, noNaN: true }),
        (a, b, method, confidence) => {
          const forward = compareNps(a, b, { method, confidence });
          const backward = compareNps(b, a, { method, confidence });
          if (forward.interval === null || backward.interval === null) {
            expect(backward.interval).toBeNull();
            return;
          }
          expect(Math.abs((backward.difference ?? 0) + (forward.difference ?? 0))).toBeLessThan(1e-9);
          expect(backward.se).toBeCloseTo(forward.se ?? Number.NaN, 10);
          expect(backward.p).toBe(forward.p);
          expect(Math.abs(backward.interval.low + forward.interval.high)).toBeLessThan(1e-9);
          expect(forward.interval.low).toBeGreaterThanOrEqual(-200);
          expect(forward.interval.high).toBeLessThanOrEqual(200);
          if (forward.p !== null) {
            expect(forward.p).toBeGreaterThanOrEqual(0);
            expect(forward.p).toBeLessThanOrEqual(1);
          }
        },
      ),
    );
  });
});
