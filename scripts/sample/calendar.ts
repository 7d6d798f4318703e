/**
 * Time structure of the synthetic episodes: winter peak, cold waves, the Spring Festival travel pattern, night
 * hours. Times are China Standard Time wall-clock carried as epoch ms whose UTC fields are the CST time.
 */
import { SPRING_FESTIVAL } from '../../src/core/calendar/spring-festival';
import { Rng } from './prng';

export const DAY_MS = 86_400_000;

/** Relative frequency of finds by hour of day: night and early morning high, afternoon low. */
export const HOUR_WEIGHTS = [
  1.3, 1.2, 1.0, 0.9, 0.9, 1.1, 1.4, 1.5, 1.3, 1.0, 0.9, 0.8, 0.8, 0.7, 0.7, 0.7, 0.8, 0.9, 1.0, 1.2, 1.4, 1.5, 1.5,
  1.4,
] as const;

export function parseDay(text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) throw new Error(`expected a date YYYY-MM-DD, got ${text}`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (new Date(ms).toISOString().slice(0, 10) !== text) throw new Error(`not a calendar date: ${text}`);
  return ms;
}

export function formatDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** 'YYYY-MM-DD HH:MM:SS' for a day string and seconds since midnight. */
export function formatTime(day: string, secondOfDay: number): string {
  const h = Math.floor(secondOfDay / 3600);
  const m = Math.floor((secondOfDay % 3600) / 60);
  const s = secondOfDay % 60;
  return `${day} ${pad2(h)}:${pad2(m)}:${pad2(s)}`;
}

export function formatDateTime(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

/** Days from the nearest lunar new year (negative before it), or null when the table has no date near. */
export function springFestivalOffset(dayMs: number): number | null {
  const year = new Date(dayMs).getUTCFullYear();
  for (const y of [year, year + 1]) {
    const date = SPRING_FESTIVAL[y];
    if (!date) continue;
    const offset = Math.round((dayMs - parseDay(date)) / DAY_MS);
    if (offset >= -30 && offset <= 30) return offset;
  }
  return null;
}

/** Multiplier from the Spring Festival: departures before (spike), a quiet holiday week, the return wave after. */
export function springFestivalFactor(offset: number | null): number {
  if (offset === null || offset < -15 || offset > 15) return 1;
  if (offset < 0) return 1 + 0.75 * Math.exp(-(((offset + 6) / 4) ** 2));
  if (offset <= 6) return 0.55;
  return 1 + 0.4 * Math.exp(-(((offset - 10) / 3) ** 2));
}

/** 0 in high summer, 1 in deep winter (peak around 20 January). */
export function winterness(dayMs: number): number {
  const d = new Date(dayMs);
  const doy = (dayMs - Date.UTC(d.getUTCFullYear(), 0, 1)) / DAY_MS;
  return 0.5 + 0.5 * Math.cos((2 * Math.PI * (doy - 20)) / 365.25);
}

function seasonalFactor(dayMs: number): number {
  const d = new Date(dayMs);
  const doy = (dayMs - Date.UTC(d.getUTCFullYear(), 0, 1)) / DAY_MS;
  const heat = 0.08 * Math.exp(-(((doy - 205) / 20) ** 2));
  return 0.7 + 0.62 * winterness(dayMs) + heat;
}

/** Cold waves (寒潮): 3–5 per winter, 3–6 days each, lifting finds by 40–90 %. Keyed by day index. */
function buildColdWaves(fromMs: number, days: number, rng: Rng): Float64Array {
  const factor = new Float64Array(days).fill(1);
  const firstYear = new Date(fromMs).getUTCFullYear() - 1;
  const lastYear = new Date(fromMs + days * DAY_MS).getUTCFullYear();
  for (let y = firstYear; y <= lastYear; y++) {
    const seasonStart = Date.UTC(y, 10, 20);
    const count = 3 + rng.int(3);
    for (let k = 0; k < count; k++) {
      const start = seasonStart + rng.int(97) * DAY_MS;
      const length = 3 + rng.int(4);
      const amp = rng.range(0.4, 0.9);
      for (let j = 0; j < length; j++) {
        const i = Math.round((start - fromMs) / DAY_MS) + j;
        if (i < 0 || i >= days) continue;
        const shape = Math.sin((Math.PI * (j + 0.5)) / length);
        factor[i] = Math.max(factor[i] ?? 1, 1 + amp * shape);
      }
    }
  }
  return factor;
}

/**
 * Expected share of episodes per day: season × cold waves × Spring Festival × weekday × a mild upward trend ×
 * day-to-day noise. Returns integer counts per day summing exactly to `total`.
 */
export function buildDailyCounts(fromMs: number, days: number, total: number, rng: Rng): Int32Array {
  const cold = buildColdWaves(fromMs, days, rng);
  const weights = new Float64Array(days);
  let sum = 0;
  for (let i = 0; i < days; i++) {
    const dayMs = fromMs + i * DAY_MS;
    const dow = new Date(dayMs).getUTCDay();
    const weekday = dow === 0 || dow === 6 ? 1.06 : 1;
    const trend = 1 + 0.03 * (i / 365.25);
    const noise = Math.exp(0.12 * rng.normal());
    const w =
      seasonalFactor(dayMs) *
      (cold[i] ?? 1) *
      springFestivalFactor(springFestivalOffset(dayMs)) *
      weekday *
      trend *
      noise;
    weights[i] = w;
    sum += w;
  }
  const counts = new Int32Array(days);
  let cum = 0;
  let assigned = 0;
  for (let i = 0; i < days; i++) {
    cum += ((weights[i] ?? 0) / sum) * total;
    const upTo = i === days - 1 ? total : Math.min(total, Math.floor(cum + 0.5));
    counts[i] = upTo - assigned;
    assigned = upTo;
  }
  return counts;
}
