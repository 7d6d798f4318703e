interface Option {
  value: string;
  label: string;
}

interface Props {
  label: string;
  allLabel: string;
  options: Option[];
  selected: string[];
  onChange(values: string[]): void;
}

/** A compact checkbox dropdown; nothing ticked means "all". */
export function MultiSelect({ label, allLabel, options, selected, onChange }: Props) {
  const summary = selected.length
    ? options
        .filter((o) => selected.includes(o.value))
        .map((o) => o.label)
        .join('、')
    : allLabel;
  return (
    <details className="multi-select">
      <summary>
        <span className="filter-label">{label}</span>
        <span className="filter-value" title={summary}>
          {summary}
        </span>
      </summary>
      <div className="multi-select-menu">
        {options.map((o) => (
          <label key={o.value}>
            <input
              type="checkbox"
              checked={selected.includes(o.value)}
              onChange={(e) =>
                onChange(e.target.checked ? [...selected, o.value] : selected.filter((v) => v !== o.value))
              }
            />
            {o.label}
          </label>
        ))}
      </div>
    </details>
  );
}
