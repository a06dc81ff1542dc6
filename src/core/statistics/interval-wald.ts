import { zForConfidence } from "./normal.js";
import type { NpsCounts, PseudoCounts } from "./types.js";
import { totalOf } from "./validation.js";

// Rocks' R package NPS (R/nps_tests.R): c(0.75, 1.5, 0.75) detractor/passive/promoter pseudo-observations.
export const DEFAULT_PSEUDO_COUNTS: PseudoCounts = Object.freeze({
  promoters: 0.75,
  passives: 1.5,
  detractors: 0.75,
});

// Estimate and standard error on the proportion scale (−1..1); counts may be fractional after adjustment.
export interface WaldEstimate {
  n: number;
  estimate: number;
  variance: number;
  se: number;
}

export function waldEstimate(counts: NpsCounts): WaldEstimate {
  const n = totalOf(counts);
  const p = counts.promoters / n;
  const d = counts.detractors / n;
  const variance = Math.max(0, p + d - (p - d) ** 2);
  return { n, estimate: p - d, variance, se: Math.sqrt(variance / n) };
}

export function addPseudoCounts(counts: NpsCounts, pseudo: PseudoCounts): NpsCounts {
  return {
    promoters: counts.promoters + pseudo.promoters,
    passives: counts.passives + pseudo.passives,
    detractors: counts.detractors + pseudo.detractors,
  };
}

export interface RawInterval {
  center: number;
  se: number;
  low: number;
  high: number;
}

export function waldInterval(counts: NpsCounts, confidence: number): RawInterval {
  const { estimate, se } = waldEstimate(counts);
  const half = zForConfidence(confidence) * se;
  return { center: estimate, se, low: estimate - half, high: estimate + half };
}

// Wald on the adjusted counts, so the interval is centred on the adjusted estimate, not the raw score.
export function adjustedWaldInterval(
  counts: NpsCounts,
  confidence: number,
  pseudo: PseudoCounts = DEFAULT_PSEUDO_COUNTS,
): RawInterval {
  return waldInterval(addPseudoCounts(counts, pseudo), confidence);
}
