import { clampPoints, DEFAULT_CONFIDENCE } from "./interval.js";
import { addPseudoCounts, DEFAULT_PSEUDO_COUNTS, waldEstimate } from "./interval-wald.js";
import { twoSidedPValue, zForConfidence } from "./normal.js";
import {
  COMPARE_METHODS,
  type CompareMethod,
  type NpsComparison,
  type NpsCounts,
  type PseudoCounts,
} from "./types.js";
import {
  assertConfidence,
  assertCounts,
  assertMethod,
  assertPositiveWeights,
  totalOf,
} from "./validation.js";

export interface CompareNpsOptions {
  method?: CompareMethod;
  confidence?: number;
  pseudoCounts?: PseudoCounts;
  /** Accept effective (fractional) counts of weighted figures. */
  allowFractionalCounts?: boolean;
}

// Keeps the sign of NPS(a) − NPS(b) (Rocks' nps_test reports |Δ|); adjusted-wald uses adjusted estimates as nps_test_ does.
export function compareNps(a: NpsCounts, b: NpsCounts, options: CompareNpsOptions = {}): NpsComparison {
  const method = options.method ?? "adjusted-wald";
  const confidence = options.confidence ?? DEFAULT_CONFIDENCE;
  const pseudo = options.pseudoCounts ?? DEFAULT_PSEUDO_COUNTS;
  assertCounts(a, "a", options.allowFractionalCounts === true);
  assertCounts(b, "b", options.allowFractionalCounts === true);
  assertMethod(method, COMPARE_METHODS);
  assertConfidence(confidence);
  assertPositiveWeights(pseudo, "pseudo-counts", true);

  // An empty sample has no score, so there is nothing to compare.
  if (totalOf(a) === 0 || totalOf(b) === 0) {
    return { difference: null, se: null, z: null, p: null, interval: null, method, confidence };
  }
  const adjust = (counts: NpsCounts): NpsCounts =>
    method === "adjusted-wald" ? addPseudoCounts(counts, pseudo) : counts;
  const first = waldEstimate(adjust(a));
  const second = waldEstimate(adjust(b));
  const difference = first.estimate - second.estimate;
  const se = Math.sqrt(first.variance / first.n + second.variance / second.n);
  const half = zForConfidence(confidence) * se;
  // Zero SE (Wald on single-category samples) makes z undefined rather than infinite.
  const z = se > 0 ? difference / se : null;
  return {
    difference: 100 * difference,
    se: 100 * se,
    z,
    p: z === null ? null : twoSidedPValue(z),
    // A difference of two scores spans −200..200 points.
    interval: {
      low: clampPoints(100 * (difference - half), 200),
      high: clampPoints(100 * (difference + half), 200),
    },
    method,
    confidence,
  };
}
