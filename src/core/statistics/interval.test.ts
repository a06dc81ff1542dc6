import { describe, expect, it } from "vitest";
import {
  InvalidConfidenceError,
  InvalidCountsError,
  InvalidMethodError,
  InvalidParameterError,
} from "./errors.js";
import { computeNps } from "./interval.js";
import { DEFAULT_PSEUDO_COUNTS } from "./interval-wald.js";
import type { NpsCounts } from "./types.js";

// A published figure printed with k decimals of a proportion is only known to half a unit in its last digit.
function expectPublished(actual: number | undefined, published: number, decimalsInSource: number): void {
  const tolerance = Math.max(0.01, 0.5 * 10 ** (2 - decimalsInSource));
  expect(actual).toBeDefined();
  expect(Math.abs((actual ?? Number.NaN) - published)).toBeLessThanOrEqual(tolerance + 1e-9);
}

// Paired 2x2 table c(a, b, c, d) in NPS terms: b (yes/no) = promoters, c (no/yes) = detractors, a + d = passives.
function fromPairedTable(a: number, b: number, c: number, d: number): NpsCounts {
  return { promoters: b, passives: a + d, detractors: c };
}

describe("Tango score interval (published values for Tango's paired-difference interval)", () => {
  it("matches Cavo et al. (2012) in Fagerland, Lydersen & Laake, ch. 8", () => {
    // ocbe-uio/contingencytables tests/testthat/test-ch8.R: "estimate = -0.0621 (95% CI -0.1240 to -0.0054)".
    const result = computeNps(fromPairedTable(59, 6, 16, 80), { method: "tango" });
    expectPublished(result.nps ?? undefined, -6.21, 4);
    expectPublished(result.interval?.low, -12.4, 4);
    expectPublished(result.interval?.high, -0.54, 4);
  });

  it("matches Tango (1998) example 1, as pinned in petelaud/ratesci tests/testthat (pairbinci x = c(4, 9, 3, 16))", () => {
    const result = computeNps(fromPairedTable(4, 9, 3, 16), { method: "tango" });
    // ratesci test: c(-0.027, 0.390) at 95 %.
    expectPublished(result.interval?.low, -2.7, 3);
    expectPublished(result.interval?.high, 39.0, 3);
  });

  it("matches Tango (1998) example 2 at 90 % (pairbinci x = c(43, 0, 1, 0), level = 0.90)", () => {
    const result = computeNps(fromPairedTable(43, 0, 1, 0), { method: "tango", confidence: 0.9 });
    // petelaud/ratesci tests/testthat: c(-0.096, 0.037).
    expectPublished(result.interval?.low, -9.6, 3);
    expectPublished(result.interval?.high, 3.7, 3);
  });

  it("matches the Agresti & Min (2005) example (pairbinci x = c(53, 16, 8, 9))", () => {
    const result = computeNps(fromPairedTable(53, 16, 8, 9), { method: "tango" });
    // petelaud/ratesci tests/testthat "paired methods examples from Agresti & Min 2005": c(-0.020, 0.207).
    expectPublished(result.interval?.low, -2.0, 3);
    expectPublished(result.interval?.high, 20.7, 3);
  });

  it("matches Fagerland et al. (2014) Bentur data (pairbinci x = c(1, 1, 7, 12))", () => {
    const result = computeNps(fromPairedTable(1, 1, 7, 12), { method: "tango" });
    // petelaud/ratesci tests/testthat "paired methods examples from Fagerland et al 2014": c(-0.517, -0.026).
    expectPublished(result.interval?.low, -51.7, 3);
    expectPublished(result.interval?.high, -2.6, 3);
  });

  it("matches the Tang (2010) example (pairbinci x = c(8, 3, 1, 2), Score_closed)", () => {
    const result = computeNps(fromPairedTable(8, 3, 1, 2), { method: "tango" });
    // petelaud/ratesci tests/testthat "Tang(ML) RD 2010 example - Tang matches": c(-0.1670, 0.4327).
    expectPublished(result.interval?.low, -16.7, 4);
    expectPublished(result.interval?.high, 43.27, 4);
  });

  it("matches the Chang (2024) example (pairbinci x = c(7, 25, 2, 68), Score_closed)", () => {
    const result = computeNps(fromPairedTable(7, 25, 2, 68), { method: "tango" });
    // petelaud/ratesci tests/testthat "Chang 2024 RD example": c(0.139, 0.321).
    expectPublished(result.interval?.low, 13.9, 3);
    expectPublished(result.interval?.high, 32.1, 3);
  });

  it("uses z = Φ⁻¹(1 − α/2), not R's qnorm(alpha) from nps_test_(test = 'iterative')", () => {
    const result = computeNps(fromPairedTable(59, 6, 16, 80), { method: "tango" });
    // With R's negative z the interval collapses onto the estimate; a real interval has width.
    expect((result.interval?.high ?? 0) - (result.interval?.low ?? 0)).toBeGreaterThan(10);
  });
});

describe("Wald interval (published values)", () => {
  it("matches the paired Wald CI for Cavo et al. (2012)", () => {
    // ocbe-uio/contingencytables tests/testthat/test-ch8.R: "The Wald CI: estimate = -0.0621 (95% CI -0.1184 to -0.0058)".
    const result = computeNps(fromPairedTable(59, 6, 16, 80), { method: "wald" });
    expectPublished(result.interval?.low, -11.84, 4);
    expectPublished(result.interval?.high, -0.58, 4);
    expect(result.center).toBeCloseTo(result.nps ?? Number.NaN, 10);
  });

  it("matches whuber's worked example: p = (1/2, 1/3, 1/6), n = 324 gives NPS ≈ 33 % with SE ≈ 4.1 %", () => {
    // stats.stackexchange.com/a/18609 (question 18603): "NPS of about 33 % with a standard error of about 4.1 %".
    const result = computeNps({ promoters: 162, passives: 108, detractors: 54 }, { method: "wald" });
    expect(result.nps_rounded).toBe(33);
    expectPublished(result.se ?? undefined, 4.1, 3);
  });

  it("matches CYBAEA's rule of thumb: at p = d = 1/3 the 95 % full width is about 320/√n", () => {
    // cybaea.net/Journal/2016/01/14/NPS-confidence-intervals-stats: "CI ≈ 320/√n", so width 10 needs n ≈ 1024.
    const n = 1026;
    const result = computeNps({ promoters: 342, passives: 342, detractors: 342 }, { method: "wald" });
    const width = (result.interval?.high ?? 0) - (result.interval?.low ?? 0);
    expect(Math.abs(width * Math.sqrt(n) - 320)).toBeLessThan(0.5);
  });

  it("matches the talkstats.com thread: 291/476/395 of 1162 is NPS −9 with a 95 % margin of 4.4", () => {
    // talkstats.com/threads/net-promoter-score-calculating-confidence-intervals-and-margin-of-error.58500
    const result = computeNps({ promoters: 291, passives: 476, detractors: 395 }, { method: "wald" });
    expect(result.nps_rounded).toBe(-9);
    const margin = ((result.interval?.high ?? 0) - (result.interval?.low ?? 0)) / 2;
    expectPublished(margin, 4.4, 3);
  });
});

describe("adjusted-Wald interval", () => {
  it("defaults to Rocks' pseudo-observations c(0.75, 1.5, 0.75) (brendan-R/NPS R/nps_tests.R, nps_test_)", () => {
    expect(DEFAULT_PSEUDO_COUNTS).toEqual({ promoters: 0.75, passives: 1.5, detractors: 0.75 });
    expect(computeNps({ promoters: 40, passives: 30, detractors: 10 }).method).toBe("adjusted-wald");
  });

  it("with ½ per cell reproduces the published Agresti–Min (2005) interval for Cavo et al. (2012)", () => {
    // ocbe-uio/contingencytables test-ch8.R: Wald_CI_AgrestiMin_paired_2x2 "-0.0621 (95% CI -0.1182 to -0.0045)".
    const result = computeNps(fromPairedTable(59, 6, 16, 80), {
      pseudoCounts: { promoters: 0.5, passives: 1, detractors: 0.5 },
    });
    expectPublished(result.interval?.low, -11.82, 4);
    expectPublished(result.interval?.high, -0.45, 4);
  });

  it("keeps the raw NPS but centres on the adjusted estimate (one promoter: hand-computed from the definition)", () => {
    const result = computeNps({ promoters: 1, passives: 0, detractors: 0 });
    // Adjusted counts 1.75/1.5/0.75 of 4: centre (1.75 − 0.75)/4 = 25, v = 0.625 − 0.0625, SE = √(0.5625/4) = 0.375.
    expect(result.nps).toBe(100);
    expect(result.center).toBeCloseTo(25, 10);
    expect(result.se).toBeCloseTo(37.5, 10);
    expect(result.interval?.low).toBeCloseTo(25 - 1.959963984540054 * 37.5, 8);
    expect(result.interval?.high).toBeCloseTo(25 + 1.959963984540054 * 37.5, 8);
    // The interval may exclude the raw score when n is tiny (shared/research/statistics.md).
    expect(result.interval?.high ?? 0).toBeLessThan(100);
  });
});

describe("result shape and edge cases", () => {
  it("returns every field of the contract", () => {
    const result = computeNps({ promoters: 40, passives: 30, detractors: 10 }, { method: "wald" });
    expect(Object.keys(result).sort()).toEqual(
      [
        "center",
        "confidence",
        "detractors",
        "interval",
        "method",
        "n",
        "nps",
        "nps_rounded",
        "passives",
        "promoters",
        "se",
        "small_sample",
      ].sort(),
    );
    expect(result).toMatchObject({
      n: 80,
      nps: 37.5,
      nps_rounded: 38,
      confidence: 0.95,
      small_sample: false,
    });
  });

  it.each(["wald", "adjusted-wald", "tango", "bayes"] as const)("n = 0 gives no score with %s", (method) => {
    const result = computeNps({ promoters: 0, passives: 0, detractors: 0 }, { method });
    expect(result).toMatchObject({
      n: 0,
      nps: null,
      nps_rounded: null,
      center: null,
      se: null,
      interval: null,
      small_sample: true,
      method,
    });
  });

  it("flags small samples below the configurable threshold", () => {
    expect(computeNps({ promoters: 10, passives: 10, detractors: 9 }).small_sample).toBe(true);
    expect(computeNps({ promoters: 10, passives: 10, detractors: 10 }).small_sample).toBe(false);
    expect(
      computeNps({ promoters: 10, passives: 10, detractors: 10 }, { smallSampleThreshold: 100 }).small_sample,
    ).toBe(true);
  });

  it("Wald is degenerate for a single category and for n = 1, as documented", () => {
    const allPromoters = computeNps({ promoters: 12, passives: 0, detractors: 0 }, { method: "wald" });
    expect(allPromoters.interval).toEqual({ low: 100, high: 100 });
    const single = computeNps({ promoters: 0, passives: 0, detractors: 1 }, { method: "wald" });
    expect(single.interval).toEqual({ low: -100, high: -100 });
  });

  it("Tango reaches the boundary exactly when every answer is in one category", () => {
    const allPromoters = computeNps({ promoters: 5, passives: 0, detractors: 0 }, { method: "tango" });
    expect(allPromoters.interval?.high).toBe(100);
    expect(allPromoters.interval?.low ?? 100).toBeLessThan(100);
    const allDetractors = computeNps({ promoters: 0, passives: 0, detractors: 5 }, { method: "tango" });
    expect(allDetractors.interval?.low).toBe(-100);
  });

  it("clamps bounds to −100..100", () => {
    const result = computeNps({ promoters: 1, passives: 0, detractors: 1 }, { method: "wald" });
    expect(result.interval).toEqual({ low: -100, high: 100 });
  });

  it("rejects invalid input with typed domain errors", () => {
    const ok = { promoters: 1, passives: 1, detractors: 1 };
    expect(() => computeNps({ promoters: -1, passives: 1, detractors: 1 })).toThrow(InvalidCountsError);
    expect(() => computeNps({ promoters: 1.5, passives: 1, detractors: 1 })).toThrow(InvalidCountsError);
    expect(() => computeNps(ok, { confidence: 1 })).toThrow(InvalidConfidenceError);
    expect(() => computeNps(ok, { confidence: 0 })).toThrow(InvalidConfidenceError);
    expect(() => computeNps(ok, { confidence: Number.NaN })).toThrow(InvalidConfidenceError);
    expect(() => computeNps(ok, { method: "median" as never })).toThrow(InvalidMethodError);
    expect(() => computeNps(ok, { prior: { promoters: 0, passives: 1, detractors: 1 } })).toThrow(
      InvalidParameterError,
    );
    expect(() => computeNps(ok, { smallSampleThreshold: -1 })).toThrow(InvalidParameterError);
    expect(() => computeNps(ok, { confidence: 1.5 })).toThrow(
      expect.objectContaining({ code: "invalid_confidence", name: "InvalidConfidenceError" }),
    );
  });
});
