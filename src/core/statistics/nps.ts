import type { NpsCounts } from "./types.js";
import { assertCounts, totalOf } from "./validation.js";

// n = 0 has no score at all; returning 0 would read as "as many promoters as detractors".
export function npsPoints(counts: NpsCounts): number | null {
  assertCounts(counts);
  const n = totalOf(counts);
  if (n === 0) return null;
  return (100 * (counts.promoters - counts.detractors)) / n;
}

// Per-response variance of the +1/0/−1 coding on the proportion scale, divided by n (not n − 1) as in Rocks.
export function perResponseVariance(counts: NpsCounts): number | null {
  const n = totalOf(counts);
  if (n === 0) return null;
  const p = counts.promoters / n;
  const d = counts.detractors / n;
  return Math.max(0, p + d - (p - d) ** 2);
}

// Strips binary noise (2.675 is stored as 2.67499…) so decimal halves round the way a person expects.
function cleanDecimal(x: number): number {
  return Number.parseFloat(x.toPrecision(15));
}

export function roundHalfAwayFromZero(x: number, digits = 0): number {
  if (!Number.isInteger(digits) || digits < 0 || digits > 15) {
    throw new RangeError(`digits must be a whole number from 0 to 15, got ${digits}`);
  }
  if (!Number.isFinite(x)) return x;
  const factor = 10 ** digits;
  const scaled = cleanDecimal(cleanDecimal(Math.abs(x)) * factor);
  const rounded = Math.floor(scaled + 0.5) / factor;
  // Normalises −0 so a display never shows "-0".
  if (rounded === 0) return 0;
  return x < 0 ? -rounded : rounded;
}
