// Wichura (1988) AS 241 PPND16 coefficients (shortest round-trip doubles), lowest order first; ~1e-16 accurate.
const A = [
  3.3871328727963665, 133.14166789178438, 1971.5909503065513, 13731.69376550946, 45921.95393154987,
  67265.7709270087, 33430.57558358813, 2509.0809287301227,
];
const B = [
  1, 42.31333070160091, 687.1870074920579, 5394.196021424751, 21213.794301586597, 39307.89580009271,
  28729.085735721943, 5226.495278852854,
];
const C = [
  1.4234371107496835, 4.630337846156546, 5.769497221460691, 3.6478483247632045, 1.2704582524523684,
  0.2417807251774506, 0.022723844989269184, 0.0007745450142783414,
];
const D = [
  1, 2.053191626637759, 1.6763848301838038, 0.6897673349851, 0.14810397642748008, 0.015198666563616457,
  0.0005475938084995345, 1.0507500716444169e-9,
];
const E = [
  6.657904643501103, 5.463784911164114, 1.7848265399172913, 0.29656057182850487, 0.026532189526576124,
  0.0012426609473880784, 0.000027115555687434876, 2.0103343992922881e-7,
];
const F = [
  1, 0.599832206555888, 0.1369298809227358, 0.014875361290850615, 0.0007868691311456133,
  0.000018463183175100548, 1.421511758316446e-7, 2.0442631033899397e-15,
];

function horner(coefficients: readonly number[], x: number): number {
  let value = 0;
  for (let i = coefficients.length - 1; i >= 0; i -= 1) value = value * x + (coefficients[i] ?? 0);
  return value;
}

export function normalQuantile(p: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1) return Number.NaN;
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (q * horner(A, r)) / horner(B, r);
  }
  let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  let value: number;
  if (r <= 5) {
    r -= 1.6;
    value = horner(C, r) / horner(D, r);
  } else {
    r -= 5;
    value = horner(E, r) / horner(F, r);
  }
  return q < 0 ? -value : value;
}

// z = Φ⁻¹(1 − α/2) taken from the lower tail so 1 − α/2 is never rounded (and never Φ⁻¹(0.95) = 1.645).
export function zForConfidence(confidence: number): number {
  return -normalQuantile((1 - confidence) / 2);
}

const INV_SQRT_2PI = 0.3989422804014327;

function density(x: number): number {
  return INV_SQRT_2PI * Math.exp(-0.5 * x * x);
}

// Upper tail Q(x) for x ≥ 0: Marsaglia's series near the centre, Laplace's continued fraction in the tail.
function upperTail(x: number): number {
  if (x < 3) {
    const x2 = x * x;
    let term = x;
    let sum = x;
    for (let k = 3; sum + term !== sum; k += 2) {
      term = (term * x2) / k;
      sum += term;
    }
    return 0.5 - density(x) * sum;
  }
  let tail = 0;
  for (let k = 300; k >= 1; k -= 1) tail = k / (x + tail);
  return density(x) / (x + tail);
}

export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x === Number.POSITIVE_INFINITY) return 1;
  if (x === Number.NEGATIVE_INFINITY) return 0;
  return x >= 0 ? 1 - upperTail(x) : upperTail(-x);
}

export function normalSurvival(x: number): number {
  return normalCdf(-x);
}

export function twoSidedPValue(z: number): number {
  if (Number.isNaN(z)) return Number.NaN;
  if (!Number.isFinite(z)) return 0;
  return Math.min(1, 2 * upperTail(Math.abs(z)));
}
