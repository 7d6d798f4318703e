/**
 * The `width` consecutive hours of the day (wrapping past midnight) with the most expected demand: when a
 * team's shift of that length finds the most people. Ties go to the earliest start. Returns the first hour
 * and the demand inside the window.
 */
export function findBestHours(hourly: ArrayLike<number>, width: number): { start: number; demand: number } {
  const w = Math.max(1, Math.min(24, Math.round(width)));
  let best = { start: 0, demand: -Infinity };
  for (let start = 0; start < 24; start++) {
    let sum = 0;
    for (let k = 0; k < w; k++) sum += (hourly[(start + k) % 24] as number) || 0;
    if (sum > best.demand + 1e-12) best = { start, demand: sum };
  }
  return best;
}
