import type { PeriodOption } from './view-data';

interface Props {
  label: string;
  /** the first option, for no bound */
  noneLabel: string;
  value: string | null;
  periods: readonly PeriodOption[];
  testId: string;
  onSelect(value: string | null): void;
}

/** One end of a range of cohort periods; the empty option leaves that end open. */
export function PeriodSelect({ label, noneLabel, value, periods, testId, onSelect }: Props) {
  return (
    <label>
      {label}{' '}
      <select value={value ?? ''} data-testid={testId} onChange={(e) => onSelect(e.target.value || null)}>
        <option value="">{noneLabel}</option>
        {periods.map((p) => (
          <option key={p.value} value={p.value}>
            {p.label}
          </option>
        ))}
      </select>
    </label>
  );
}
