/*
 * erfc and normal tail probabilities to full double precision, after W. J. Cody, "Rational Chebyshev
 * approximations for the error function", Math. Comp. 23 (1969), 631–637, with the intervals and
 * coefficients of his CALERF (SPECFUN, netlib, 1990): erf on |x| ≤ 0.46875, exp(x²)·erfc(x) on
 * 0.46875 < x ≤ 4 and on x > 4 (in 1/x²). Tails are computed directly, never as 1 − (a number near 1).
 */

const THRESHOLD = 0.46875;

/* eslint-disable no-loss-of-precision -- Cody's coefficients as published (18 digits), so that they can be
   checked against the paper; their rounding to doubles is intended. */
const INV_SQRT_PI = 0.56418958354775628695;

const A = [3.1611237438705656, 113.864154151050156, 377.485237685302021, 3209.37758913846947, 0.185777706184603153];
const B = [23.6012909523441209, 244.024637934444173, 1282.61652607737228, 2844.23683343917062];
const C = [
  0.564188496988670089, 8.88314979438837594, 66.1191906371416295, 298.635138197400131, 881.95222124176909,
  1712.04761263407058, 2051.07837782607147, 1230.33935479799725, 2.15311535474403846e-8,
];
const D = [
  15.7449261107098347, 117.693950891312499, 537.181101862009858, 1621.38957456669019, 3290.79923573345963,
  4362.61909014324716, 3439.36767414372164, 1230.33935480374942,
];
const P = [
  0.305326634961232344, 0.360344899949804439, 0.125781726111229246, 0.0160837851487422766, 6.58749161529837803e-4,
  0.0163153871373020978,
];
const Q = [
  2.56852019228982242, 1.87295284992346047, 0.527905102951428412, 0.0605183413124413191, 0.00233520497626869185,
];
/* eslint-enable no-loss-of-precision */

/** erf(x) for |x| ≤ 0.46875. */
function erfNearZero(x: number): number {
  const xsq = x * x;
  let num = A[4]! * xsq;
  let den = xsq;
  for (let i = 0; i < 3; i++) {
    num = (num + A[i]!) * xsq;
    den = (den + B[i]!) * xsq;
  }
  return (x * (num + A[3]!)) / (den + B[3]!);
}

/** exp(y²)·erfc(y) for y > 0.46875: a smooth factor, so a rounded y costs no more than its own rounding. */
function scaledErfc(y: number): number {
  if (y <= 4) {
    let num = C[8]! * y;
    let den = y;
    for (let i = 0; i < 7; i++) {
      num = (num + C[i]!) * y;
      den = (den + D[i]!) * y;
    }
    return (num + C[7]!) / (den + D[7]!);
  }
  const ysq = 1 / (y * y);
  let num = P[5]! * ysq;
  let den = ysq;
  for (let i = 0; i < 4; i++) {
    num = (num + P[i]!) * ysq;
    den = (den + Q[i]!) * ysq;
  }
  return (INV_SQRT_PI - (ysq * (num + P[4]!)) / (den + Q[4]!)) / y;
}

/**
 * exp(−s·u²) with u split as CALERF does: h = ⌊16u⌋/16 has few bits, so s·h² is exact and the rounding of
 * u² (amplified by u² ≈ 700 near the underflow) never reaches the result.
 */
function expNegScaledSquare(u: number, s: number): number {
  const h = Math.trunc(u * 16) / 16;
  return Math.exp(-s * h * h) * Math.exp(-s * (u - h) * (u + h));
}

/** Complementary error function erfc(x) = 1 − erf(x), relative error near 1e-16 over the doubles. */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  const y = Math.abs(x);
  if (y <= THRESHOLD) return 1 - erfNearZero(x);
  // erfc(27.3) is below the smallest subnormal double.
  if (y > 27.3) return x < 0 ? 2 : 0;
  const upper = expNegScaledSquare(y, 1) * scaledErfc(y);
  return x < 0 ? 2 - upper : upper;
}

/**
 * P(Z ≥ z) for a standard normal Z. For z > 0 the factor exp(−z²/2) is taken from z itself, not from
 * (z/√2)², so that p near 1e-300 (z ≈ 37) keeps its 15 digits.
 */
export function normalUpperTail(z: number): number {
  if (Number.isNaN(z)) return Number.NaN;
  const y = z / Math.SQRT2;
  if (Math.abs(y) <= THRESHOLD) return 0.5 - 0.5 * erfNearZero(y);
  if (z < 0) return 1 - normalUpperTail(-z);
  // P(Z ≥ 38.6) is below the smallest subnormal double.
  if (z > 38.6) return 0;
  return 0.5 * expNegScaledSquare(z, 0.5) * scaledErfc(y);
}

/** P(|Z| ≥ |z|) for a standard normal Z. NaN gives 1 (nothing to report). */
export function normalTwoSidedP(z: number): number {
  if (Number.isNaN(z) || z === 0) return 1;
  return Math.min(1, 2 * normalUpperTail(Math.abs(z)));
}

/** Φ(z), the standard normal distribution function; its lower tail is computed directly. */
export function normalCdf(z: number): number {
  return normalUpperTail(-z);
}
