/**
 * Patrol GPS tracks: evening and morning patrols per team, more in winter and around the Spring Festival,
 * one point every ~interval seconds along a random walk on a street grid around the team's beat.
 */
import { DAY_MS, formatDay, formatTime, parseDay, springFestivalOffset, winterness } from './calendar';
import type { Place } from './places';
import { Rng, WeightedTable, hashSeed } from './prng';
import type { Team } from './teams';

export const PATROL_HEADERS = ['巡查组', '巡查编号', '定位时间', '经度', '纬度'] as const;

export interface PatrolOptions {
  seed: string | number;
  from: string;
  to: string;
  teams: readonly Team[];
  /** Seconds between points (default 120). */
  interval: number;
  /** Multiplier on the chance of a patrol each day (default 1). */
  rate: number;
}

export interface PatrolSummary {
  points: number;
  patrols: number;
}

/** Street spacing of the walk grid, metres (Beijing's blocks are roughly axis-aligned). */
const BLOCK = 300;
const HEADINGS = [
  [1, 0],
  [0, 1],
  [-1, 0],
  [0, -1],
] as const;

interface Shift {
  tag: 'M' | 'E';
  startMin: number;
  startMax: number;
  durMin: number;
  durMax: number;
}
const MORNING: Shift = { tag: 'M', startMin: 5.5 * 3600, startMax: 7 * 3600, durMin: 50 * 60, durMax: 100 * 60 };
const EVENING: Shift = { tag: 'E', startMin: 19 * 3600, startMax: 21.5 * 3600, durMin: 80 * 60, durMax: 180 * 60 };

export function generatePatrols(
  opts: PatrolOptions,
  places: readonly Place[],
  emit: (fields: readonly string[]) => void,
): PatrolSummary {
  const fromMs = parseDay(opts.from);
  const toMs = parseDay(opts.to);
  const days = Math.round((toMs - fromMs) / DAY_MS) + 1;
  const rng = new Rng(hashSeed(opts.seed, 'patrols'));
  const byName = new Map(places.map((p) => [p.name, p]));
  const teams = opts.teams.map((team) => {
    const beats = team.beats.map(([name, w]) => {
      const place = byName.get(name);
      if (!place) throw new Error(`team ${team.code}: unknown beat ${name}`);
      return { place, w };
    });
    return { team, beats, table: new WeightedTable(beats.map((b) => b.w)) };
  });
  let points = 0;
  let patrols = 0;

  for (let d = 0; d < days; d++) {
    const dayMs = fromMs + d * DAY_MS;
    const day = formatDay(dayMs);
    const w = winterness(dayMs);
    const sf = springFestivalOffset(dayMs);
    const festive = sf !== null && sf >= -15 && sf <= 15 ? 1 : 0;
    const pEvening = (0.3 + 0.55 * w + 0.25 * festive) * opts.rate;
    const pMorning = (0.08 + 0.4 * w + 0.2 * festive) * opts.rate;
    const compact = day.replaceAll('-', '');
    for (const { team, beats, table } of teams) {
      for (const [shift, p] of [
        [MORNING, pMorning],
        [EVENING, pEvening],
      ] as const) {
        if (!rng.chance(Math.min(1, p * team.activity))) continue;
        const beat = beats[table.draw(rng)];
        if (!beat) continue;
        patrols++;
        const patrolId = `XC${compact}${team.code}${shift.tag}`;
        points += walkPatrol(rng, beat.place, team.radius, shift, opts.interval, (second, lon, lat) => {
          emit([team.name, patrolId, formatTime(day, second), lon.toFixed(6), lat.toFixed(6)]);
        });
      }
    }
  }
  return { points, patrols };
}

/** One patrol: a vehicle moving along the grid with stops and short walks, pulled back when it leaves its beat. */
function walkPatrol(
  rng: Rng,
  place: Place,
  radius: number,
  shift: Shift,
  interval: number,
  emit: (second: number, lon: number, lat: number) => void,
): number {
  const start = Math.round(rng.range(shift.startMin, shift.startMax));
  const end = Math.min(86_399, start + Math.round(rng.range(shift.durMin, shift.durMax)));
  const metresPerLon = 111_320 * Math.cos((place.lat * Math.PI) / 180);
  let x = Math.round(rng.range(-radius, radius) / 2 / BLOCK) * BLOCK;
  let y = Math.round(rng.range(-radius, radius) / 2 / BLOCK) * BLOCK;
  let heading = rng.int(4);
  let mode: 'drive' | 'walk' | 'stop' = 'drive';
  let t = start;
  let n = 0;
  while (t <= end) {
    const gx = x + 6 * rng.normal();
    const gy = y + 6 * rng.normal();
    emit(t, place.lon + gx / metresPerLon, place.lat + gy / 111_320);
    n++;
    const dt = Math.round(interval * rng.range(0.85, 1.15));
    const r = rng.next();
    if (mode === 'drive') mode = r < 0.18 ? 'stop' : 'drive';
    else if (mode === 'stop') mode = r < 0.35 ? 'walk' : r < 0.7 ? 'drive' : 'stop';
    else mode = r < 0.4 ? 'drive' : 'walk';
    const speed = mode === 'drive' ? rng.range(3, 6.5) : mode === 'walk' ? rng.range(0.9, 1.4) : 0;
    let remaining = speed * dt;
    while (remaining > 0) {
      const h = HEADINGS[heading] ?? HEADINGS[0];
      // Distance to the next intersection along the current heading.
      const along = h[0] !== 0 ? x * h[0] : y * h[1];
      const toNext = BLOCK - (((along % BLOCK) + BLOCK) % BLOCK);
      const step = Math.min(remaining, toNext);
      x += h[0] * step;
      y += h[1] * step;
      remaining -= step;
      if (step === toNext) {
        if (h[0] !== 0) x = Math.round(x / BLOCK) * BLOCK;
        else y = Math.round(y / BLOCK) * BLOCK;
        heading = chooseHeading(rng, heading, x, y, radius);
      }
    }
    t += dt;
  }
  return n;
}

function chooseHeading(rng: Rng, heading: number, x: number, y: number, radius: number): number {
  if (Math.hypot(x, y) > radius) {
    // Turn towards the beat centre along the axis with the larger offset.
    if (Math.abs(x) > Math.abs(y)) return x > 0 ? 2 : 0;
    return y > 0 ? 3 : 1;
  }
  const r = rng.next();
  if (r < 0.2) return (heading + 1) % 4;
  if (r < 0.4) return (heading + 3) % 4;
  return heading;
}
