export interface KpiRow {
  episodes: number;
  persons: number;
  minors: number;
  elderly: number;
  returned_home: number;
  median_stay_days: number | null;
  unmappable: number;
}

export interface TrendRow {
  month: number;
  episodes: number;
  persons: number;
}

export interface DensityRow {
  lon: number;
  lat: number;
  n: number;
}

export interface TrendPoint extends TrendRow {
  /** episodes in the same month a year earlier; null before the data begin */
  lastYear: number | null;
}

/**
 * The months of the period (from `from`, 'YYYY-MM-DD', when given) with last year's episodes beside
 * each: rows reach twelve months further back (buildTrendWithLastYearQuery). Months before the data's
 * first month have no last-year value.
 */
export function buildTrendSeries(rows: TrendRow[], from: string | null): TrendPoint[] {
  const filled = fillMonthlySeries(rows);
  const byMonth = new Map(filled.map((r) => [r.month, r.episodes]));
  const start = from ? Date.UTC(Number(from.slice(0, 4)), Number(from.slice(5, 7)) - 1, 1) : -Infinity;
  return filled
    .filter((r) => r.month >= start)
    .map((r) => {
      const d = new Date(r.month);
      const before = Date.UTC(d.getUTCFullYear() - 1, d.getUTCMonth(), 1);
      return { ...r, lastYear: byMonth.get(before) ?? null };
    });
}

/** One point per month, months without episodes filled with zero so the line does not skip them. */
export function fillMonthlySeries(rows: TrendRow[]): TrendRow[] {
  if (rows.length === 0) return [];
  const byMonth = new Map(rows.map((r) => [r.month, r]));
  const out: TrendRow[] = [];
  const first = new Date(rows[0]!.month);
  const last = rows[rows.length - 1]!.month;
  for (let d = first; d.getTime() <= last; d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1))) {
    out.push(byMonth.get(d.getTime()) ?? { month: d.getTime(), episodes: 0, persons: 0 });
  }
  return out;
}

/** Bounds [[minLon, minLat], [maxLon, maxLat]] of the density bins, or null when nothing is mappable. */
export function densityBounds(rows: DensityRow[]): [[number, number], [number, number]] | null {
  if (rows.length === 0) return null;
  let minLon = Infinity;
  let minLat = Infinity;
  let maxLon = -Infinity;
  let maxLat = -Infinity;
  for (const r of rows) {
    minLon = Math.min(minLon, r.lon);
    maxLon = Math.max(maxLon, r.lon);
    minLat = Math.min(minLat, r.lat);
    maxLat = Math.max(maxLat, r.lat);
  }
  return [
    [minLon, minLat],
    [maxLon, maxLat],
  ];
}

/** Sequential colour ramp (YlOrRd, ColorBrewer) for the density layer and its legend. */
export const DENSITY_COLORS: [number, number, number][] = [
  [255, 255, 178],
  [254, 204, 92],
  [253, 141, 60],
  [240, 59, 32],
  [189, 0, 38],
];

/**
 * Upper bounds of the density classes. Counts per cell are heavily skewed (most cells hold one or two
 * episodes, a railway station hundreds), so classes grow geometrically: 1, 3, 10, 30, 100 … capped at
 * the maximum, the last k kept.
 */
export function densityBreaks(max: number, k = DENSITY_COLORS.length): number[] {
  if (!(max >= 1)) return [];
  const breaks: number[] = [];
  for (let b = 1, i = 0; b < max; b = i % 2 === 0 ? b * 3 : (b / 3) * 10, i++) breaks.push(b);
  breaks.push(max);
  return breaks.length > k ? [...breaks.slice(0, k - 1), max] : breaks;
}

/** Range labels for the legend: "1", "2–3", "4–10" … */
export function breakLabels(breaks: number[], format: (n: number) => string): string[] {
  return breaks.map((b, i) => {
    const lo = i === 0 ? 1 : breaks[i - 1]! + 1;
    return lo >= b ? format(b) : `${format(lo)}–${format(b)}`;
  });
}

export function classOf(value: number, breaks: number[]): number {
  const i = breaks.findIndex((b) => value <= b);
  return i === -1 ? breaks.length - 1 : i;
}

/** The square of a density bin as a polygon ring, for a pickable cell layer. */
export function binPolygon(r: DensityRow, binDegrees: number): [number, number][] {
  const h = binDegrees / 2;
  return [
    [r.lon - h, r.lat - h],
    [r.lon + h, r.lat - h],
    [r.lon + h, r.lat + h],
    [r.lon - h, r.lat + h],
  ];
}
