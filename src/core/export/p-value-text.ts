/**
 * A p-value for an export: four significant digits from 0.001 up, scientific notation below (so a Gi* or
 * Mann–Kendall p of 3.2e-12 keeps its size), never "0": a p that underflowed the doubles prints as
 * "<1e-300". Empty for NaN.
 */
export function formatPValueText(p: number): string {
  if (Number.isNaN(p)) return '';
  if (p <= 0) return '<1e-300';
  if (p < 0.001) return p.toExponential(2);
  return String(Number(p.toPrecision(4)));
}
