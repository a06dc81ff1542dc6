import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeNps } from "./interval.js";
import type { NpsCounts, NpsMethod, NpsResult } from "./types.js";

const counts = (max: number): fc.Arbitrary<NpsCounts> =>
  fc.record({ promoters: fc.nat(max), passives: fc.nat(max), detractors: fc.nat(max) });
const confidence = fc.double({ min: 0.5, max: 0.999, noNaN: true });
const fastMethods = fc.constantFrom<NpsMethod>("wald", "adjusted-wald", "tango");
// Bayes integrates numerically (tens of ms per interval), so it gets fewer, smaller cases.
const bayesRuns = { numRuns: 25 };

// Tango's bisection stops at 1e-7 on the proportion scale; the Bayes quadrature is good to about 1e-8.
const MIRROR_TOLERANCE: Record<NpsMethod, number> = {
  wald: 1e-9,
  "adjusted-wald": 1e-9,
  tango: 1e-3,
  bayes: 1e-4,
};

function swap(c: NpsCounts): NpsCounts {
  return { promoters: c.detractors, passives: c.passives, detractors: c.promoters };
}

function checkBounds(result: NpsResult): void {
  if (result.interval === null) {
    expect(result.n).toBe(0);
    return;
  }
  const { low, high } = result.interval;
  expect(low).toBeGreaterThanOrEqual(-100);
  expect(high).toBeLessThanOrEqual(100);
  expect(low).toBeLessThanOrEqual(high);
  expect(Number.isFinite(result.se)).toBe(true);
  expect(result.se ?? -1).toBeGreaterThanOrEqual(0);
}

function checkMirror(method: NpsMethod, c: NpsCounts, level: number): void {
  const a = computeNps(c, { method, confidence: level });
  const b = computeNps(swap(c), { method, confidence: level });
  if (a.interval === null || b.interval === null) {
    expect(a.interval).toBeNull();
    expect(b.interval).toBeNull();
    return;
  }
  const tolerance = MIRROR_TOLERANCE[method];
  expect(b.nps).toBeCloseTo(-(a.nps ?? 0), 12);
  expect(Math.abs((b.center ?? 0) + (a.center ?? 0))).toBeLessThanOrEqual(1e-9);
  expect(Math.abs((b.se ?? 0) - (a.se ?? 0))).toBeLessThanOrEqual(1e-9);
  expect(Math.abs(b.interval.low + a.interval.high)).toBeLessThanOrEqual(tolerance);
  expect(Math.abs(b.interval.high + a.interval.low)).toBeLessThanOrEqual(tolerance);
}

describe("interval properties (fast-check)", () => {
  it("wald, adjusted-wald and tango stay within −100..100 with low ≤ high", () => {
    fc.assert(
      fc.property(fastMethods, counts(500), confidence, (method, c, level) => {
        checkBounds(computeNps(c, { method, confidence: level }));
      }),
    );
  });

  it("bayes stays within −100..100 with low ≤ center ≤ high", () => {
    fc.assert(
      fc.property(counts(60), confidence, (c, level) => {
        const result = computeNps(c, { method: "bayes", confidence: level });
        checkBounds(result);
        if (result.interval !== null) {
          expect(result.center ?? 0).toBeGreaterThanOrEqual(result.interval.low);
          expect(result.center ?? 0).toBeLessThanOrEqual(result.interval.high);
        }
      }),
      bayesRuns,
    );
  });

  it("swapping promoters and detractors negates the score and mirrors the interval", () => {
    fc.assert(
      fc.property(fastMethods, counts(300), confidence, (method, c, level) => checkMirror(method, c, level)),
    );
    fc.assert(
      fc.property(counts(40), confidence, (c, level) => checkMirror("bayes", c, level)),
      bayesRuns,
    );
  });

  it("wald and tango intervals contain the raw score; adjusted-wald contains its centre", () => {
    fc.assert(
      fc.property(fastMethods, counts(300), confidence, (method, c, level) => {
        const result = computeNps(c, { method, confidence: level });
        if (result.interval === null) return;
        const inside = method === "adjusted-wald" ? (result.center ?? 0) : (result.nps ?? 0);
        expect(inside).toBeGreaterThanOrEqual(result.interval.low - 1e-3);
        expect(inside).toBeLessThanOrEqual(result.interval.high + 1e-3);
      }),
    );
  });

  it("a higher confidence level never gives a narrower interval", () => {
    fc.assert(
      fc.property(fastMethods, counts(200), (method, c) => {
        const narrow = computeNps(c, { method, confidence: 0.8 }).interval;
        const wide = computeNps(c, { method, confidence: 0.99 }).interval;
        if (narrow === null || wide === null) return;
        expect(wide.low).toBeLessThanOrEqual(narrow.low + 1e-3);
        expect(wide.high).toBeGreaterThanOrEqual(narrow.high - 1e-3);
      }),
    );
  });

  it("n = 1 gives a valid result for every method and every category", () => {
    const singles: NpsCounts[] = [
      { promoters: 1, passives: 0, detractors: 0 },
      { promoters: 0, passives: 1, detractors: 0 },
      { promoters: 0, passives: 0, detractors: 1 },
    ];
    for (const method of ["wald", "adjusted-wald", "tango", "bayes"] as const) {
      for (const single of singles) {
        const result = computeNps(single, { method });
        expect(result.n).toBe(1);
        expect(result.small_sample).toBe(true);
        checkBounds(result);
      }
    }
  });

  it("all answers in one category give a valid result for every method", () => {
    fc.assert(
      fc.property(
        fc.constantFrom<NpsMethod>("wald", "adjusted-wald", "tango", "bayes"),
        fc.constantFrom<keyof NpsCounts>("promoters", "passives", "detractors"),
        fc.integer({ min: 1, max: 2000 }),
        (method, category, n) => {
          const c: NpsCounts = { promoters: 0, passives: 0, detractors: 0, [category]: n };
          const result = computeNps(c, { method });
          checkBounds(result);
          expect(result.nps).toBe(category === "promoters" ? 100 : category === "detractors" ? -100 : 0);
        },
      ),
      { numRuns: 40 },
    );
  });

  it("n = 0 is null for every method and confidence", () => {
    fc.assert(
      fc.property(
        fc.constantFrom<NpsMethod>("wald", "adjusted-wald", "tango", "bayes"),
        confidence,
        (method, level) => {
          const result = computeNps(
            { promoters: 0, passives: 0, detractors: 0 },
            { method, confidence: level },
          );
          expect(result.nps).toBeNull();
          expect(result.interval).toBeNull();
        },
      ),
    );
  });
});
