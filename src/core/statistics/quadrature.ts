const GAUSS_POINTS = 20;
const MAX_DEPTH = 30;
const TOLERANCE_FLOOR = 1e-15;

// Gauss–Legendre nodes and weights on [−1, 1] by Newton's method on P_n (Numerical Recipes' gauleg).
function gaussLegendre(order: number): { nodes: number[]; weights: number[] } {
  const nodes = new Array<number>(order).fill(0);
  const weights = new Array<number>(order).fill(0);
  const half = Math.floor((order + 1) / 2);
  for (let i = 0; i < half; i += 1) {
    let z = Math.cos((Math.PI * (i + 0.75)) / (order + 0.5));
    let derivative = 0;
    for (let iteration = 0; iteration < 100; iteration += 1) {
      let p1 = 1;
      let p2 = 0;
      for (let j = 1; j <= order; j += 1) {
        const p3 = p2;
        p2 = p1;
        p1 = ((2 * j - 1) * z * p2 - (j - 1) * p3) / j;
      }
      derivative = (order * (z * p1 - p2)) / (z * z - 1);
      const previous = z;
      z = previous - p1 / derivative;
      if (Math.abs(z - previous) < 1e-15) break;
    }
    const weight = 2 / ((1 - z * z) * derivative * derivative);
    nodes[i] = -z;
    nodes[order - 1 - i] = z;
    weights[i] = weight;
    weights[order - 1 - i] = weight;
  }
  return { nodes, weights };
}

const RULE = gaussLegendre(GAUSS_POINTS);

function gaussRule(f: (x: number) => number, a: number, b: number): number {
  const half = (b - a) / 2;
  const mid = (a + b) / 2;
  let sum = 0;
  for (let i = 0; i < GAUSS_POINTS; i += 1) {
    sum += (RULE.weights[i] ?? 0) * f(mid + half * (RULE.nodes[i] ?? 0));
  }
  return sum * half;
}

function refine(
  f: (x: number) => number,
  a: number,
  b: number,
  whole: number,
  tolerance: number,
  depth: number,
): number {
  const mid = (a + b) / 2;
  const left = gaussRule(f, a, mid);
  const right = gaussRule(f, mid, b);
  if (depth >= MAX_DEPTH || Math.abs(left + right - whole) <= tolerance) return left + right;
  // The floor stops the halved tolerance sinking below rounding error, where every panel would split.
  const next = Math.max(tolerance / 2, TOLERANCE_FLOOR);
  return refine(f, a, mid, left, next, depth + 1) + refine(f, mid, b, right, next, depth + 1);
}

// Adaptive Gauss–Legendre: bisects until a panel and its two halves agree to the tolerance.
export function integrate(f: (x: number) => number, a: number, b: number, tolerance = 1e-12): number {
  if (b <= a) return 0;
  return refine(f, a, b, gaussRule(f, a, b), tolerance, 0);
}
