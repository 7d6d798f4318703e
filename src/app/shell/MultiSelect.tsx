import { useEffect, useRef, useState } from 'react';

interface Option {
  value: string;
  label: string;
}

interface Props {
  label: string;
  allLabel: string;
  options: Option[];
  selected: string[];
  /** how a selected value that is not among the options reads (e.g. a district a link names but the data lack) */
  missingLabel(value: string): string;
  onChange(values: string[]): void;
}

/** A compact checkbox dropdown; nothing ticked means "all". It closes on a click outside it or on Escape. */
export function MultiSelect({ label, allLabel, options, selected, missingLabel, onChange }: Props) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    if (!open) return;
    const onPointer = (e: PointerEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);
  const known = new Set(options.map((o) => o.value));
  const missing = selected.filter((v) => !known.has(v));
  const summary = selected.length
    ? [...options.filter((o) => selected.includes(o.value)).map((o) => o.label), ...missing.map(missingLabel)].join(
        '、',
      )
    : allLabel;
  const shown = [...options, ...missing.map((value) => ({ value, label: missingLabel(value) }))];
  return (
    <details
      className="multi-select"
      ref={root}
      open={open}
      onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}
    >
      <summary>
        <span className="filter-label">{label}</span>
        <span className={missing.length ? 'filter-value missing' : 'filter-value'} title={summary}>
          {summary}
        </span>
      </summary>
      <div className="multi-select-menu">
        {shown.map((o) => (
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
