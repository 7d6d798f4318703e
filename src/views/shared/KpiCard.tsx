import type { ChangeText } from './period-change-text';

interface Props {
  label: string;
  value: string;
  unit?: string;
  note?: string;
  testId?: string;
  /** the change against a comparison period, with what it is compared to (同比 …) */
  change?: { against: string } & ChangeText;
}

export function KpiCard({ label, value, unit, note, testId, change }: Props) {
  return (
    <div className="kpi-card" data-testid={testId}>
      <div className="kpi-label">{label}</div>
      <div className="kpi-value">
        {value}
        {unit && <span className="kpi-unit">{unit}</span>}
      </div>
      {change && (
        <div className={`kpi-change ${change.direction}`} data-testid={testId && `${testId}-change`}>
          {change.against} {change.text}
        </div>
      )}
      {note && <div className="kpi-note">{note}</div>}
    </div>
  );
}
