interface Props<T extends string | number> {
  /** the group's accessible name */
  label: string;
  options: readonly T[];
  value: T;
  labelOf(option: T): string;
  /** each button's test id is `${testIdPrefix}-${option}` */
  testIdPrefix: string;
  onSelect(option: T): void;
}

/** A row of joined buttons choosing one of a few options (a radio group). */
export function SegmentedControl<T extends string | number>({
  label,
  options,
  value,
  labelOf,
  testIdPrefix,
  onSelect,
}: Props<T>) {
  return (
    <div className="segments" role="radiogroup" aria-label={label}>
      {options.map((o) => (
        <button
          key={o}
          type="button"
          role="radio"
          aria-checked={value === o}
          className={value === o ? 'segment active' : 'segment'}
          data-testid={`${testIdPrefix}-${o}`}
          onClick={() => onSelect(o)}
        >
          {labelOf(o)}
        </button>
      ))}
    </div>
  );
}
