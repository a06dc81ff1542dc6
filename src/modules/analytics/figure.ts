import { computeNps } from "../../core/statistics/interval.js";
import type { NpsCounts, NpsResult } from "../../core/statistics/types.js";
import type { StatisticsOptions } from "./report-shape.js";

/** The core's NPS with interval; weighted programs pass effective (fractional) counts. */
export function computeFigure(
  counts: NpsCounts,
  options: StatisticsOptions & { fractional: boolean },
): NpsResult {
  return computeNps(counts, {
    method: options.method,
    confidence: options.confidence,
    smallSampleThreshold: options.smallSampleThreshold,
    allowFractionalCounts: options.fractional,
  });
}
