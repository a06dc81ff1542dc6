import { integrate } from "./quadrature.js";
import { logBeta, regularizedBeta } from "./special.js";
import type { DirichletPrior, NpsCounts } from "./types.js";

// Uniform Dirichlet(1, 1, 1): every promoter/passive/detractor split equally likely before any answer.
export const DEFAULT_PRIOR: DirichletPrior = Object.freeze({ promoters: 1, passives: 1, detractors: 1 });

export interface DirichletPosterior {
  promoters: number;
  passives: number;
  detractors: number;
}

export function posteriorOf(counts: NpsCounts, prior: DirichletPrior = DEFAULT_PRIOR): DirichletPosterior {
  return {
    promoters: prior.promoters + counts.promoters,
    passives: prior.passives + counts.passives,
    detractors: prior.detractors + counts.detractors,
  };
}

// Exact moments of p − d; the covariance term is why independent Betas for p and d would be too narrow.
export function posteriorMoments(posterior: DirichletPosterior): { mean: number; sd: number } {
  const aP = posterior.promoters;
  const aD = posterior.detractors;
  const total = aP + posterior.passives + aD;
  const mean = (aP - aD) / total;
  const variance = (aP * (total - aP) + aD * (total - aD) + 2 * aP * aD) / (total * total * (total + 1));
  return { mean, sd: Math.sqrt(variance) };
}

// Offsets (in posterior SDs of s = p + d) where the outer integral is split, so a narrow peak is never skipped.
const SPLIT_OFFSETS = [-10, -6, -3, -1.5, 0, 1.5, 3, 6, 10];

// s = p + d ~ Beta(a_P + a_D, a_A) and u = p/s ~ Beta(a_P, a_D) are independent, so P(p − d ≤ t) = E_s[I_{(s+t)/2s}(a_P, a_D)].
export function differenceCdf(posterior: DirichletPosterior, t: number): number {
  if (t <= -1) return 0;
  if (t >= 1) return 1;
  const aP = posterior.promoters;
  const aD = posterior.detractors;
  const alpha = aP + aD;
  const beta = posterior.passives;
  const logNorm = logBeta(alpha, beta);
  const inner = (s: number): number => regularizedBeta((s + t) / (2 * s), aP, aD);

  const mean = alpha / (alpha + beta);
  const sd = Math.sqrt((alpha * beta) / ((alpha + beta) ** 2 * (alpha + beta + 1)));
  const cuts = new Set<number>([0, 1]);
  for (const k of SPLIT_OFFSETS) {
    const point = mean + k * sd;
    if (point > 0 && point < 1) cuts.add(point);
  }
  // The inner probability has a kink at s = |t|, where the line p − d = t leaves the simplex edge.
  if (Math.abs(t) > 0 && Math.abs(t) < 1) cuts.add(Math.abs(t));
  const points = [...cuts].sort((x, y) => x - y);

  let total = 0;
  for (let i = 0; i + 1 < points.length; i += 1) {
    const from = points[i] ?? 0;
    const to = points[i + 1] ?? 1;
    if (from === 0 && alpha < 1) {
      // y = s^α absorbs the integrable s^(α−1) singularity at 0.
      total +=
        integrate(
          (y) => {
            const s = y ** (1 / alpha);
            return Math.exp((beta - 1) * Math.log1p(-s) - logNorm) * inner(s);
          },
          0,
          to ** alpha,
        ) / alpha;
    } else if (to === 1 && beta < 1) {
      // y = (1 − s)^β absorbs the (1 − s)^(β−1) singularity at 1.
      total +=
        integrate(
          (y) => {
            const s = 1 - y ** (1 / beta);
            return Math.exp((alpha - 1) * Math.log(s) - logNorm) * inner(s);
          },
          0,
          (1 - from) ** beta,
        ) / beta;
    } else {
      total += integrate(
        (s) => Math.exp((alpha - 1) * Math.log(s) + (beta - 1) * Math.log1p(-s) - logNorm) * inner(s),
        from,
        to,
      );
    }
  }
  return Math.min(1, Math.max(0, total));
}

// Bisection on the monotone CDF inside mean ± 12 SD (clipped to −1..1), to 1e-10 on the proportion scale.
export function differenceQuantile(posterior: DirichletPosterior, probability: number): number {
  const { mean, sd } = posteriorMoments(posterior);
  let low = Math.max(-1, mean - 12 * sd);
  let high = Math.min(1, mean + 12 * sd);
  if (differenceCdf(posterior, low) > probability) low = -1;
  if (differenceCdf(posterior, high) < probability) high = 1;
  while (high - low > 1e-10) {
    const mid = (low + high) / 2;
    if (differenceCdf(posterior, mid) < probability) low = mid;
    else high = mid;
  }
  return (low + high) / 2;
}

export function bayesInterval(
  counts: NpsCounts,
  confidence: number,
  prior: DirichletPrior = DEFAULT_PRIOR,
): { center: number; se: number; low: number; high: number } {
  const posterior = posteriorOf(counts, prior);
  const { mean, sd } = posteriorMoments(posterior);
  const tail = (1 - confidence) / 2;
  return {
    center: mean,
    se: sd,
    low: differenceQuantile(posterior, tail),
    high: differenceQuantile(posterior, 1 - tail),
  };
}
