import type { PassSet } from './patrol-passes';

export interface WeeklyCoverage {
  /** Monday of each week, days since 1970-01-01 */
  weeks: number[];
  /** per team (index into passes.teams), then the last row for all teams together: rate per week */
  rates: number[][];
}

/**
 * Weekly coverage rate of a set of cells (the top-demand cells), per team and for all teams: the covered
 * (cell, day) pairs of the week divided by cells × days of the week inside the period (metrics.md's coverage
 * rate over those cells). Weeks start on Monday (ISO), as the hot spot slices.
 */
export function computeWeeklyCoverage(
  passes: PassSet,
  cells: readonly number[],
  fromDay: number,
  toDay: number,
): WeeklyCoverage {
  const nTeams = passes.teams.length;
  // 1970-01-01 was a Thursday: Monday = day − ((day + 3) mod 7)
  const mondayOf = (d: number) => d - ((((d + 3) % 7) + 7) % 7);
  const firstWeek = mondayOf(fromDay);
  const nWeeks = toDay >= fromDay ? Math.floor((mondayOf(toDay) - firstWeek) / 7) + 1 : 0;
  const weeks = Array.from({ length: nWeeks }, (_, w) => firstWeek + 7 * w);
  const wanted = new Set(cells);
  const seen = new Set<string>();
  const hits = Array.from({ length: nTeams + 1 }, () => new Float64Array(nWeeks));
  for (let i = 0; i < passes.cell.length; i++) {
    const day = passes.day[i] as number;
    const cell = passes.cell[i] as number;
    if (day < fromDay || day > toDay || !wanted.has(cell)) continue;
    const w = Math.floor((mondayOf(day) - firstWeek) / 7);
    const team = passes.team[i] as number;
    for (const row of [team, nTeams]) {
      const key = `${row}:${cell}:${day}`;
      if (seen.has(key)) continue;
      seen.add(key);
      (hits[row] as Float64Array)[w] = ((hits[row] as Float64Array)[w] as number) + 1;
    }
  }
  const rates = hits.map((h) =>
    weeks.map((monday, w) => {
      const days = Math.min(toDay, monday + 6) - Math.max(fromDay, monday) + 1;
      return cells.length && days > 0 ? (h[w] as number) / (cells.length * days) : 0;
    }),
  );
  return { weeks, rates };
}
