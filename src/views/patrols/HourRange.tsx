import type { PatrolTranslate } from './messages';

interface Props {
  label: string;
  /** selected hours, empty = all day */
  hours: readonly number[];
  onChange(hours: number[]): void;
  testId: string;
  t: PatrolTranslate;
}

/** The hours from `start` up to (not including) `end`, wrapping past midnight. */
export function hoursBetween(start: number, end: number): number[] {
  const out: number[] = [];
  for (let h = start; out.length < 24; h = (h + 1) % 24) {
    if (out.length > 0 && h === end) break;
    out.push(h);
  }
  return out;
}

/** An hour-of-day range (all day, or from … to, wrapping past midnight). */
export function HourRange({ label, hours, onChange, testId, t }: Props) {
  const all = hours.length === 0 || hours.length === 24;
  // a contiguous (possibly wrapping) range: its start is the hour whose predecessor is not in it
  const set = new Set(hours);
  const start = all ? 0 : (hours.find((h) => !set.has((h + 23) % 24)) ?? hours[0] ?? 0);
  const end = all ? 0 : (start + hours.length) % 24;
  const options = Array.from({ length: 24 }, (_, h) => h);
  const hh = (h: number) => `${String(h).padStart(2, '0')}:00`;
  return (
    <span className="control-field pt-hours" data-testid={testId}>
      <span className="filter-label">{label}</span>
      <select
        aria-label={label}
        value={all ? 'all' : String(start)}
        onChange={(e) =>
          onChange(
            e.target.value === 'all'
              ? []
              : hoursBetween(Number(e.target.value), end === start ? (Number(e.target.value) + 4) % 24 : end),
          )
        }
      >
        <option value="all">{t('patrols.hours.all')}</option>
        {options.map((h) => (
          <option key={h} value={h}>
            {t('patrols.hours.from', { hour: hh(h) })}
          </option>
        ))}
      </select>
      {!all && (
        <select
          aria-label={t('patrols.hours.toLabel')}
          value={String(end)}
          onChange={(e) => onChange(hoursBetween(start, Number(e.target.value)))}
        >
          {options
            .filter((h) => h !== start)
            .map((h) => (
              <option key={h} value={h}>
                {t('patrols.hours.to', { hour: hh(h) })}
              </option>
            ))}
        </select>
      )}
    </span>
  );
}
