import type { PassSet } from './patrol-passes';

export type CoverageUnit = 'day' | 'hour';

export interface CoverageOptions {
  /** first and last CST day of the period (days since 1970-01-01), inclusive */
  fromDay: number;
  toDay: number;
  unit: CoverageUnit;
  /** team indices to count; null = every team */
  teams?: readonly number[] | null;
  /** hours of day 0–23 to count; null = all 24 */
  hours?: readonly number[] | null;
}

export interface CellCoverage {
  /** distinct patrol-days (team × day), or patrol-hours (team × day × hour), with a pass */
  coverage: Float64Array;
  /** covered days / days in the period; in hour units covered (day, hour) / (days × hours counted) */
  rate: Float64Array;
  /** the last day with a pass, −1 when none */
  lastDay: Int32Array;
  /** cell c was passed by team t: teamFlags[c · teams + t] */
  teamFlags: Uint8Array;
  days: number;
  hoursCounted: number;
}

/**
 * Coverage of every cell over a period (metrics.md, Patrol coverage): the distinct patrol-days (or
 * patrol-hours) with a pass through the cell, and the coverage rate = covered days / days in the period.
 * A patrol-day is one team on one CST calendar day, so two shifts of a team on a day count once and two
 * teams on a day count twice; the rate counts calendar days, so it never passes 100 %.
 * One scan over the passes, which are sorted by cell, day, team, hour.
 */
export function computeCoverage(passes: PassSet, options: CoverageOptions): CellCoverage {
  const n = passes.cellCount;
  const nTeams = passes.teams.length;
  const teamOk = new Uint8Array(Math.max(1, nTeams)).fill(options.teams ? 0 : 1);
  for (const t of options.teams ?? []) teamOk[t] = 1;
  const hourOk = new Uint8Array(24).fill(options.hours ? 0 : 1);
  for (const h of options.hours ?? []) hourOk[h] = 1;
  const hoursCounted = hourOk.reduce((a, b) => a + b, 0);
  const days = Math.max(0, options.toDay - options.fromDay + 1);
  const coverage = new Float64Array(n);
  const covered = new Float64Array(n);
  const lastDay = new Int32Array(n).fill(-1);
  const teamFlags = new Uint8Array(n * nTeams);
  const hourUnit = options.unit === 'hour';
  let pCell = -1;
  let pDay = -1;
  let pTeam = -1;
  let pDayHourSeen = new Uint8Array(24);
  for (let i = 0; i < passes.cell.length; i++) {
    const day = passes.day[i] as number;
    const team = passes.team[i] as number;
    const hour = passes.hour[i] as number;
    if (day < options.fromDay || day > options.toDay || !teamOk[team] || !hourOk[hour]) continue;
    const cell = passes.cell[i] as number;
    const newCell = cell !== pCell;
    const newDay = newCell || day !== pDay;
    if (newDay) {
      covered[cell] = (covered[cell] as number) + (hourUnit ? 0 : 1);
      pDayHourSeen = new Uint8Array(24);
    }
    if (hourUnit && !pDayHourSeen[hour]) {
      pDayHourSeen[hour] = 1;
      covered[cell] = (covered[cell] as number) + 1;
    }
    const newTeam = newDay || team !== pTeam;
    // rows are unique per (cell, day, team, hour): in hour units each is one patrol-hour
    if (hourUnit || newTeam) coverage[cell] = (coverage[cell] as number) + 1;
    if (day > (lastDay[cell] as number)) lastDay[cell] = day;
    if (nTeams) teamFlags[cell * nTeams + team] = 1;
    pCell = cell;
    pDay = day;
    pTeam = team;
  }
  const slots = hourUnit ? days * hoursCounted : days;
  const rate = coverage.map((_, c) => (slots > 0 ? (covered[c] as number) / slots : 0));
  return { coverage, rate, lastDay, teamFlags, days, hoursCounted };
}
