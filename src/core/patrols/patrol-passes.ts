/**
 * The intermediate every coverage figure is computed from: one row per (cell, day, team, hour) in which a
 * team's patrol passed through the cell. GPS tracks give it through computeTrackPasses; patrol logs by grid
 * cell (team, start, end, grid id) and routes map onto the same rows (see docs/metrics.md, Patrol coverage).
 * Rows are sorted by cell, day, team, hour and unique, so that every count is one scan.
 */
export interface PassSet {
  cell: Int32Array;
  /** CST calendar day, days since 1970-01-01 */
  day: Int32Array;
  /** index into `teams` */
  team: Int32Array;
  /** hour of day 0–23 (CST) */
  hour: Uint8Array;
  teams: readonly string[];
  cellCount: number;
}

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;

/** Days since 1970 a pass may carry (to 2079): a fixed range keeps the row key of each pass fixed. */
const KEY_DAYS = 40_000;
const MAX_KEY = 2 ** 53;

/** Collects pass rows in any order, with repeats; `finish` sorts and deduplicates them. */
export class PassCollector {
  private keys = new Float64Array(1024);
  private n = 0;
  private readonly nTeams: number;

  constructor(
    readonly cellCount: number,
    readonly teams: readonly string[],
  ) {
    this.nTeams = Math.max(1, teams.length);
    if (cellCount * KEY_DAYS * this.nTeams * 24 >= MAX_KEY)
      throw new RangeError('too many cells × teams for pass keys');
  }

  /** A pass at CST wall-clock time `ms` (epoch milliseconds carrying CST in their UTC fields). */
  addAt(cell: number, team: number, ms: number): void {
    const day = Math.floor(ms / DAY_MS);
    this.add(cell, team, day, Math.floor((ms - day * DAY_MS) / HOUR_MS));
  }

  add(cell: number, team: number, day: number, hour: number): void {
    if (day < 0 || day >= KEY_DAYS) return;
    if (this.n === this.keys.length) {
      const grown = new Float64Array(this.keys.length * 2);
      grown.set(this.keys);
      this.keys = grown;
    }
    // one exact double per row: ((cell · days + day) · teams + team) · 24 + hour
    this.keys[this.n++] = ((cell * KEY_DAYS + day) * this.nTeams + team) * 24 + hour;
  }

  finish(): PassSet {
    const keys = this.keys.subarray(0, this.n).sort();
    let m = 0;
    for (let i = 0; i < keys.length; i++) if (i === 0 || keys[i] !== keys[i - 1]) keys[m++] = keys[i] as number;
    const out: PassSet = {
      cell: new Int32Array(m),
      day: new Int32Array(m),
      team: new Int32Array(m),
      hour: new Uint8Array(m),
      teams: this.teams,
      cellCount: this.cellCount,
    };
    for (let i = 0; i < m; i++) {
      let k = keys[i] as number;
      const hour = k % 24;
      k = (k - hour) / 24;
      const team = k % this.nTeams;
      k = (k - team) / this.nTeams;
      const day = k % KEY_DAYS;
      out.hour[i] = hour;
      out.team[i] = team;
      out.day[i] = day;
      out.cell[i] = (k - day) / KEY_DAYS;
    }
    this.keys = new Float64Array(1024);
    this.n = 0;
    return out;
  }
}
