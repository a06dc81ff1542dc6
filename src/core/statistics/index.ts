export { assertScore, classifyScore, countScores } from "./classification.js";
export { type CompareNpsOptions, compareNps } from "./compare.js";
export {
  DomainError,
  InvalidConfidenceError,
  InvalidCountsError,
  InvalidMethodError,
  InvalidParameterError,
  InvalidScoreError,
  type InvalidScoreReason,
} from "./errors.js";
export {
  type ComputeNpsOptions,
  computeNps,
  DEFAULT_CONFIDENCE,
  DEFAULT_METHOD,
  DEFAULT_SMALL_SAMPLE_THRESHOLD,
} from "./interval.js";
export {
  bayesInterval,
  DEFAULT_PRIOR,
  type DirichletPosterior,
  differenceCdf,
  differenceQuantile,
  posteriorMoments,
  posteriorOf,
} from "./interval-bayes.js";
export { tangoInterval } from "./interval-tango.js";
export { adjustedWaldInterval, DEFAULT_PSEUDO_COUNTS, waldEstimate, waldInterval } from "./interval-wald.js";
export { normalCdf, normalQuantile, normalSurvival, twoSidedPValue, zForConfidence } from "./normal.js";
export { npsPoints, perResponseVariance, roundHalfAwayFromZero } from "./nps.js";
export {
  COMPARE_METHODS,
  type CompareMethod,
  type DirichletPrior,
  NPS_METHODS,
  type NpsCategory,
  type NpsComparison,
  type NpsCounts,
  type NpsInterval,
  type NpsMethod,
  type NpsResult,
  type PseudoCounts,
} from "./types.js";
