interface Props {
  label: string;
  value: string;
  unit?: string;
  note?: string;
  testId?: string;
}

export function KpiCard({ label, value, unit, note, testId }: Props) {
  return (
    <div className="kpi-card" data-testid={testId}>
      <div className="kpi-label">{label}</div>
      <div className="kpi-value">
        {value}
        {unit && <span className="kpi-unit">{unit}</span>}
      </div>
      {note && <div className="kpi-note">{note}</div>}
    </div>
  );
}
