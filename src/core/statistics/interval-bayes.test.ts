import { describe, expect, it } from "vitest";
import { computeNps } from "./interval.js";
import type { DirichletPosterior } from "./interval-bayes.js";
import { differenceCdf, posteriorMoments, posteriorOf } from "./interval-bayes.js";
import { createRandom, sampleDirichlet } from "./seeded-random.js";

// Independent bisection for hand-derived closed forms, so expected values never come from the code under test.
function solveDecreasing(f: (t: number) => number, target: number, low: number, high: number): number {
  let a = low;
  let b = high;
  for (let i = 0; i < 200; i += 1) {
    const mid = (a + b) / 2;
    if (f(mid) > target) a = mid;
    else b = mid;
  }
  return (a + b) / 2;
}

function monteCarlo(posterior: DirichletPosterior, draws: number, seed: number): number[] {
  const random = createRandom(seed);
  const alphas = [posterior.promoters, posterior.passives, posterior.detractors];
  const values = new Array<number>(draws);
  for (let i = 0; i < draws; i += 1) {
    const [p = 0, , d = 0] = sampleDirichlet(random, alphas);
    values[i] = p - d;
  }
  return values;
}

describe("Bayesian Dirichlet posterior: exact results", () => {
  it("one promoter under the uniform prior: Dirichlet(2, 1, 1) has mean 1/4 and variance 11/80", () => {
    // Hand-derived from the brief's formulas: (2 − 1)/4; [2·2 + 1·3 + 2·2·1]/(16·5).
    const result = computeNps({ promoters: 1, passives: 0, detractors: 0 }, { method: "bayes" });
    expect(result.center).toBeCloseTo(25, 10);
    expect(result.se).toBeCloseTo(100 * Math.sqrt(11 / 80), 10);
  });

  it("Dirichlet(2, 1, 1): CDF is (1 + t)³/4 below 0 and 1 − 3(1 + t)(1 − t)²/4 above (density 6p on the simplex)", () => {
    const posterior = posteriorOf({ promoters: 1, passives: 0, detractors: 0 });
    for (const t of [-0.9, -0.5, -0.1, 0])
      expect(differenceCdf(posterior, t)).toBeCloseTo((1 + t) ** 3 / 4, 9);
    for (const t of [0.1, 0.5, 0.9]) {
      expect(differenceCdf(posterior, t)).toBeCloseTo(1 - (3 * (1 + t) * (1 - t) ** 2) / 4, 9);
    }
  });

  it("Dirichlet(2, 1, 1): the 95 % equal-tailed interval solves those closed forms", () => {
    const result = computeNps({ promoters: 1, passives: 0, detractors: 0 }, { method: "bayes" });
    const low = 0.1 ** (1 / 3) - 1;
    const high = solveDecreasing((t) => (3 * (1 + t) * (1 - t) ** 2) / 4, 0.025, 0, 1);
    expect(result.interval?.low).toBeCloseTo(100 * low, 6);
    expect(result.interval?.high).toBeCloseTo(100 * high, 6);
  });

  it("honours a configurable prior", () => {
    const jeffreys = computeNps(
      { promoters: 1, passives: 0, detractors: 0 },
      { method: "bayes", prior: { promoters: 0.5, passives: 0.5, detractors: 0.5 } },
    );
    // Dirichlet(1.5, 0.5, 0.5): mean (1.5 − 0.5)/2.5 = 40.
    expect(jeffreys.center).toBeCloseTo(40, 10);
  });

  it("is deterministic", () => {
    const counts = { promoters: 13, passives: 9, detractors: 4 };
    expect(computeNps(counts, { method: "bayes" })).toEqual(computeNps(counts, { method: "bayes" }));
  });
});

describe("Bayesian Dirichlet posterior against a seeded Monte-Carlo simulation", () => {
  const draws = 200_000;
  const cases: Array<[string, DirichletPosterior]> = [
    ["typical survey 40/30/10 + uniform prior", posteriorOf({ promoters: 40, passives: 30, detractors: 10 })],
    ["small skewed sample 2/0/7 + uniform prior", posteriorOf({ promoters: 2, passives: 0, detractors: 7 })],
    [
      "sparse prior with singular corners",
      posteriorOf(
        { promoters: 0, passives: 1, detractors: 0 },
        { promoters: 0.3, passives: 0.6, detractors: 0.2 },
      ),
    ],
  ];

  it.each(cases)("%s: mean and SD within Monte-Carlo error", (_label, posterior) => {
    const values = monteCarlo(posterior, draws, 20260101);
    const mean = values.reduce((sum, v) => sum + v, 0) / draws;
    const sd = Math.sqrt(values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (draws - 1));
    const exact = posteriorMoments(posterior);
    // 5 Monte-Carlo standard errors: sd/√N for the mean, about sd/√(2N) (× kurtosis slack) for the SD.
    expect(Math.abs(mean - exact.mean)).toBeLessThan((5 * exact.sd) / Math.sqrt(draws));
    expect(Math.abs(sd - exact.sd)).toBeLessThan((5 * 2 * exact.sd) / Math.sqrt(2 * draws));
  });

  it.each(cases)(
    "%s: numerical CDF matches empirical quantiles within binomial error",
    (_label, posterior) => {
      const values = monteCarlo(posterior, draws, 7).sort((x, y) => x - y);
      for (const q of [0.025, 0.25, 0.5, 0.75, 0.975]) {
        const empirical = values[Math.floor(q * draws)] ?? Number.NaN;
        const tolerance = 5 * Math.sqrt((q * (1 - q)) / draws);
        expect(Math.abs(differenceCdf(posterior, empirical) - q)).toBeLessThan(tolerance);
      }
    },
  );
});
