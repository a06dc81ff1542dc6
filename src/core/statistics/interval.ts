import { bayesInterval, DEFAULT_PRIOR } from "./interval-bayes.js";
import { tangoInterval } from "./interval-tango.js";
import { adjustedWaldInterval, DEFAULT_PSEUDO_COUNTS, waldEstimate, waldInterval } from "./interval-wald.js";
import { roundHalfAwayFromZero } from "./nps.js";
import {
  type DirichletPrior,
  NPS_METHODS,
  type NpsCounts,
  type NpsMethod,
  type NpsResult,
  type PseudoCounts,
} from "./types.js";
import {
  assertConfidence,
  assertCounts,
  assertMethod,
  assertPositiveWeights,
  assertThreshold,
  totalOf,
} from "./validation.js";

export const DEFAULT_METHOD: NpsMethod = "adjusted-wald";
export const DEFAULT_CONFIDENCE = 0.95;
export const DEFAULT_SMALL_SAMPLE_THRESHOLD = 30;

export interface ComputeNpsOptions {
  method?: NpsMethod;
  confidence?: number;
  smallSampleThreshold?: number;
  prior?: DirichletPrior;
  pseudoCounts?: PseudoCounts;
  /** Accept non-integer effective counts (weighted figures); the formulas hold for real-valued counts. */
  allowFractionalCounts?: boolean;
}

export function clampPoints(value: number, limit = 100): number {
  return Math.min(limit, Math.max(-limit, value));
}

interface MethodOutput {
  center: number;
  se: number;
  low: number;
  high: number;
}

function runMethod(
  counts: NpsCounts,
  method: NpsMethod,
  confidence: number,
  prior: DirichletPrior,
  pseudo: PseudoCounts,
): MethodOutput {
  switch (method) {
    case "wald":
      return waldInterval(counts, confidence);
    case "adjusted-wald":
      return adjustedWaldInterval(counts, confidence, pseudo);
    case "tango": {
      // Tango has no closed-form SE; report the plug-in SE of the raw estimate beside the score interval.
      const { estimate, se } = waldEstimate(counts);
      return { center: estimate, se, ...tangoInterval(counts, confidence) };
    }
    case "bayes":
      return bayesInterval(counts, confidence, prior);
  }
}

// Figures are NPS points at full precision; only nps_rounded is for display.
export function computeNps(counts: NpsCounts, options: ComputeNpsOptions = {}): NpsResult {
  const method = options.method ?? DEFAULT_METHOD;
  const confidence = options.confidence ?? DEFAULT_CONFIDENCE;
  const threshold = options.smallSampleThreshold ?? DEFAULT_SMALL_SAMPLE_THRESHOLD;
  const prior = options.prior ?? DEFAULT_PRIOR;
  const pseudo = options.pseudoCounts ?? DEFAULT_PSEUDO_COUNTS;
  assertCounts(counts, "counts", options.allowFractionalCounts === true);
  assertMethod(method, NPS_METHODS);
  assertConfidence(confidence);
  assertThreshold(threshold);
  assertPositiveWeights(prior, "prior", false);
  assertPositiveWeights(pseudo, "pseudo-counts", true);

  const n = totalOf(counts);
  const base = {
    n,
    promoters: counts.promoters,
    passives: counts.passives,
    detractors: counts.detractors,
  };
  // n = 0 is all-null: a pseudo-count or prior-only interval would present an assumption as a measurement.
  if (n === 0) {
    return {
      ...base,
      nps: null,
      nps_rounded: null,
      center: null,
      se: null,
      interval: null,
      method,
      confidence,
      small_sample: n < threshold,
    };
  }

  const nps = (100 * (counts.promoters - counts.detractors)) / n;
  const output = runMethod(counts, method, confidence, prior, pseudo);
  return {
    ...base,
    nps,
    nps_rounded: roundHalfAwayFromZero(nps),
    center: 100 * output.center,
    se: 100 * output.se,
    interval: { low: clampPoints(100 * output.low), high: clampPoints(100 * output.high) },
    method,
    confidence,
    small_sample: n < threshold,
  };
}
