import { compareNps } from "../../core/statistics/compare.js";
import type { CompareMethod, NpsComparison, NpsCounts, NpsMethod } from "../../core/statistics/types.js";

export type FlaggedComparison = NpsComparison & { significant: boolean };

/** Tango and Bayes have no two-sample test here; their comparisons use the adjusted Wald test. */
export function comparisonMethod(method: NpsMethod): CompareMethod {
  return method === "wald" ? "wald" : "adjusted-wald";
}

/** Two figures compared (a − b, sign kept) and flagged significant at the report's confidence level. */
export function compareFigures(
  a: NpsCounts,
  b: NpsCounts,
  method: NpsMethod,
  confidence: number,
): FlaggedComparison | null {
  const comparison = compareNps(a, b, {
    method: comparisonMethod(method),
    confidence,
    allowFractionalCounts: true,
  });
  if (comparison.difference === null) return null;
  return { ...comparison, significant: comparison.p !== null && comparison.p < 1 - confidence };
}

export function countsOf(figure: NpsCounts): NpsCounts {
  return { promoters: figure.promoters, passives: figure.passives, detractors: figure.detractors };
}
