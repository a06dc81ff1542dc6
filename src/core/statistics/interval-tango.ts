import { zForConfidence } from "./normal.js";
import type { NpsCounts } from "./types.js";
import { totalOf } from "./validation.js";

// Port of iterative() in brendan-R/NPS R/nps_interval_estimators.R, except z: R passes alpha, so qnorm(0.05) < 0.
export function tangoInterval(counts: NpsCounts, confidence: number): { low: number; high: number } {
  const n = totalOf(counts);
  const z = zForConfidence(confidence);
  const c = counts.promoters;
  const b = counts.detractors;
  const pa = 2 * n;
  // Tango's score statistic at a hypothesised NPS delta, with q21 the restricted MLE of the detractor share.
  const score = (delta: number): number => {
    const pb = -b - c + (2 * n - c + b) * delta;
    const pc = -b * delta * (1 - delta);
    const q21 = (Math.sqrt(Math.max(0, pb * pb - 4 * pa * pc)) - pb) / (2 * pa);
    return (c - b - n * delta) / Math.sqrt(n * (2 * q21 + delta * (1 - delta)));
  };

  // R mutates `nps` in the upper search and starts the lower search from there; kept for fidelity.
  let nps = (c - b) / n;

  let upper = 1;
  if (c !== n) {
    let dp = 1 - nps;
    for (let iteration = 1; iteration <= 50; iteration += 1) {
      dp *= 0.5;
      const up2 = nps + dp;
      const s = score(up2);
      if (Math.abs(s) < z) nps = up2;
      upper = up2;
      if (dp < 0.0000001 || Math.abs(z - s) < 0.000001) break;
    }
  }

  let lower = -1;
  if (b !== n) {
    let dp = 1 + nps;
    for (let iteration = 1; iteration <= 50; iteration += 1) {
      dp *= 0.5;
      const low2 = nps - dp;
      const s = score(low2);
      if (Math.abs(s) < z) nps = low2;
      lower = low2;
      if (dp < 0.0000001 || Math.abs(z - s) < 0.000001) break;
    }
  }

  return { low: lower, high: upper };
}
