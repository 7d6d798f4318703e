import { shiftDay, springFestivalWindow } from './spring-festival';

export type PeriodPreset =
  'all' | 'lastMonth' | 'lastQuarter' | 'lastYear' | 'lastWinter' | 'springFestival' | 'custom';

export const PERIOD_PRESETS: readonly PeriodPreset[] = [
  'all',
  'lastMonth',
  'lastQuarter',
  'lastYear',
  'lastWinter',
  'springFestival',
  'custom',
];

export interface DataSpan {
  /** first and last found_at day in the loaded data, 'YYYY-MM-DD' */
  first: string;
  last: string;
}

/**
 * Presets are anchored on the data's last day, not on today's date: an analyst looking at last
 * year's export wants "the latest month" to be that export's latest month, never an empty one.
 */
export function resolvePeriod(preset: PeriodPreset, span: DataSpan): { from: string; to: string } | null {
  const [y, m] = span.last.split('-').map(Number) as [number, number];
  switch (preset) {
    case 'all':
      return { from: span.first, to: span.last };
    case 'lastMonth':
      return { from: `${y}-${pad(m)}-01`, to: span.last };
    case 'lastQuarter': {
      const q0 = Math.floor((m - 1) / 3) * 3 + 1;
      return { from: `${y}-${pad(q0)}-01`, to: span.last };
    }
    case 'lastYear':
      return { from: `${y}-01-01`, to: span.last };
    case 'lastWinter': {
      // Winter = 12-01 .. end of February; the latest one that has started by the data's last day.
      const startYear = m === 12 ? y : y - 1;
      return { from: `${startYear}-12-01`, to: shiftDay(`${startYear + 1}-03-01`, -1) };
    }
    case 'springFestival': {
      for (let year = y; year >= y - 1; year--) {
        const w = springFestivalWindow(year);
        if (w && w.from <= span.last) return w;
      }
      return null;
    }
    case 'custom':
      return null;
  }
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
