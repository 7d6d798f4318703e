/**
 * Complementary error function, Chebyshev fit `erfcc` of Press et al., Numerical Recipes in C,
 * 2nd ed. (1992), §6.2: fractional error below 1.2e-7 everywhere.
 */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const ans =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? ans : 2 - ans;
}

/** P(|Z| ≥ |z|) for a standard normal Z: erfc(|z| / √2). NaN gives 1 (nothing to report). */
export function normalTwoSidedP(z: number): number {
  if (Number.isNaN(z) || z === 0) return 1;
  return Math.min(1, erfc(Math.abs(z) / Math.SQRT2));
}

/** Φ(z), the standard normal distribution function. */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}
