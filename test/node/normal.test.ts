import { describe, expect, it } from 'vitest';
import { erfc, normalCdf, normalTwoSidedP, normalUpperTail } from '../../src/core/analytics/normal';

/*
 * Reference values computed here in exact binary fixed point (BigInt, 1,400 fraction bits), independently of
 * the code under test, from the everywhere-convergent series with positive terms (Abramowitz & Stegun 7.1.6,
 * 26.2.11):
 *   erf(x)      = (2/√π) · e^(−x²) · Σ 2ⁿ x^(2n+1) / (1·3·…·(2n+1))
 *   Φ(z) − 1/2  = e^(−z²/2) / √(2π) · Σ z^(2n+1) / (1·3·…·(2n+1))
 * with π from Machin's formula, e^a from its Taylor series and √ by integer Newton steps. The inputs are the
 * exact values of the doubles passed to the code, so the only error left is the code's own. At z = 37 the
 * tail 5.7e-300 is the difference of two numbers near 1/2, resolved with ~400 bits to spare.
 */
const BITS = 1400n;
const ONE = 1n << BITS;
const mul = (a: bigint, b: bigint) => (a * b) >> BITS;
const div = (a: bigint, b: bigint) => (a << BITS) / b;

function fixedFromDouble(x: number): bigint {
  let m = x;
  let e = 0n;
  while (!Number.isInteger(m)) {
    m *= 2; // exact: a power-of-two scaling of a double
    e += 1n;
  }
  return (BigInt(m) << BITS) >> e;
}

function doubleFromFixed(a: bigint): number {
  if (a < 0n) return -doubleFromFixed(-a);
  if (a === 0n) return 0;
  const shift = a.toString(2).length - 64;
  const top = shift > 0 ? a >> BigInt(shift) : a << BigInt(-shift);
  // Two power-of-two steps, each exact, so that no intermediate falls below the normal range.
  const exponent = shift - Number(BITS);
  return Number(top) * 2 ** Math.ceil(exponent / 2) * 2 ** Math.floor(exponent / 2);
}

/** arctan(1/n) = Σ (−1)ᵏ / ((2k+1) n^(2k+1)) */
function arctanOfInverse(n: bigint): bigint {
  let power = ONE / n;
  let sum = 0n;
  for (let k = 0n; power !== 0n; k++) {
    sum += (k % 2n === 0n ? 1n : -1n) * (power / (2n * k + 1n));
    power /= n * n;
  }
  return sum;
}

const PI = 16n * arctanOfInverse(5n) - 4n * arctanOfInverse(239n);

function sqrtFixed(a: bigint): bigint {
  const target = a << BITS;
  let x = 1n << (BigInt(target.toString(2).length) / 2n + 1n);
  for (;;) {
    const next = (x + target / x) / 2n;
    if (next >= x) return x;
    x = next;
  }
}

function expFixed(a: bigint): bigint {
  let term = ONE;
  let sum = ONE;
  for (let n = 1n; term !== 0n; n++) {
    term = mul(term, a) / n;
    sum += term;
  }
  return sum;
}

/** Σ cⁿ x^(2n+1) / (1·3·…·(2n+1)) */
function oddFactorialSeries(x: bigint, c: bigint): bigint {
  const step = c * mul(x, x);
  let term = x;
  let sum = x;
  for (let n = 1n; term !== 0n; n++) {
    term = mul(term, step) / (2n * n + 1n);
    sum += term;
  }
  return sum;
}

/** erfc(x) of the exact double x, for x ≥ 0 */
function referenceErfc(x: number): bigint {
  const fx = fixedFromDouble(x);
  const erf = div(2n * oddFactorialSeries(fx, 2n), mul(sqrtFixed(PI), expFixed(mul(fx, fx))));
  return ONE - erf;
}

/** P(Z ≥ z) of the exact double z, for z ≥ 0 */
function referenceUpperTail(z: number): bigint {
  const fz = fixedFromDouble(z);
  const half = ONE / 2n;
  const centre = div(oddFactorialSeries(fz, 1n), mul(sqrtFixed(2n * PI), expFixed(mul(fz, fz) / 2n)));
  return half - centre;
}

const relativeError = (actual: number, expected: number) => Math.abs(actual - expected) / Math.abs(expected);

describe('the fixed-point reference itself', () => {
  it('reproduces π and published erf values', () => {
    // π to 30 decimals; erf(1), erf(2) to 15 decimals from Abramowitz & Stegun, Table 7.1.
    const piDigits = (PI * 10n ** 30n) >> BITS;
    expect(piDigits.toString()).toBe('3141592653589793238462643383279');
    expect(Math.abs(1 - doubleFromFixed(referenceErfc(1)) - 0.842700792949715)).toBeLessThan(6e-16);
    expect(Math.abs(1 - doubleFromFixed(referenceErfc(2)) - 0.995322265018953)).toBeLessThan(6e-16);
  });
});

describe('erfc to 1e-13 relative (Cody 1969)', () => {
  // Both sides of Cody's interval ends 0.46875 and 4, and out to where erfc nears the smallest normal double.
  it.each([0.01, 0.1, 0.3, 0.46875, 0.5, 1, 1.5, 2, 3, 3.99, 4, 4.01, 5, 6, 8, 10, 15, 20, 25, 26.5])(
    'erfc(±%f)',
    (x) => {
      const upper = referenceErfc(x);
      expect(relativeError(erfc(x), doubleFromFixed(upper))).toBeLessThan(1e-13);
      expect(relativeError(erfc(-x), doubleFromFixed(2n * ONE - upper))).toBeLessThan(1e-13);
    },
  );

  it('erfc(0) = 1, erfc(±∞) = 0 and 2, NaN stays NaN', () => {
    expect(erfc(0)).toBe(1);
    expect(erfc(Infinity)).toBe(0);
    expect(erfc(-Infinity)).toBe(2);
    expect(erfc(Number.NaN)).toBeNaN();
  });
});

describe('normal tails to 1e-13 relative, p down to 1e-300', () => {
  it.each([
    0.1, 0.5, 0.6629, 1, 1.6448536269514722, 1.959963984540054, 2.5758293035489004, 3, 5, 8.3, 10, 20, 30, 37, 37.5,
  ])('z = %f', (z) => {
    const upper = referenceUpperTail(z);
    const q = doubleFromFixed(upper);
    expect(relativeError(normalUpperTail(z), q)).toBeLessThan(1e-13);
    expect(relativeError(normalCdf(-z), q)).toBeLessThan(1e-13);
    expect(relativeError(normalTwoSidedP(z), 2 * q)).toBeLessThan(1e-13);
    expect(relativeError(normalTwoSidedP(-z), 2 * q)).toBeLessThan(1e-13);
    expect(relativeError(normalCdf(z), doubleFromFixed(ONE - upper))).toBeLessThan(1e-13);
    expect(relativeError(normalUpperTail(-z), doubleFromFixed(ONE - upper))).toBeLessThan(1e-13);
  });

  it('z = 37 gives p ≈ 1.1e-299, not 0', () => {
    expect(normalTwoSidedP(37)).toBeGreaterThan(1e-299);
    expect(normalTwoSidedP(37)).toBeLessThan(1.2e-299);
  });

  it('quantiles z₀.₉₅, z₀.₉₇₅, z₀.₉₉₅ give two-sided p 0.10, 0.05, 0.01; z = 0 and NaN give 1', () => {
    expect(normalTwoSidedP(1.6448536269514722)).toBeCloseTo(0.1, 14);
    expect(normalTwoSidedP(1.959963984540054)).toBeCloseTo(0.05, 14);
    expect(normalTwoSidedP(2.5758293035489004)).toBeCloseTo(0.01, 14);
    expect(normalTwoSidedP(0)).toBe(1);
    expect(normalTwoSidedP(Number.NaN)).toBe(1);
    expect(normalCdf(0)).toBe(0.5);
  });
});
