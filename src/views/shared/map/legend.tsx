import type { CSSProperties, ReactNode } from 'react';

export interface LegendItem {
  color: string;
  label: ReactNode;
}

const box: CSSProperties = {
  background: 'rgba(255, 255, 255, 0.92)',
  borderRadius: 4,
  boxShadow: '0 1px 3px rgba(0, 0, 0, 0.2)',
  padding: '6px 8px',
  font: '12px/1.4 "Noto Sans SC", sans-serif',
  color: '#333',
  maxWidth: 240,
};
const titleStyle: CSSProperties = { fontWeight: 600, marginBottom: 4 };
const swatch = (color: string): CSSProperties => ({
  display: 'inline-block',
  width: 12,
  height: 12,
  marginRight: 6,
  verticalAlign: '-2px',
  background: color,
  border: '1px solid rgba(0, 0, 0, 0.15)',
});

/** Swatch per category (channel, group, outcome…). */
export function CategoricalLegend({ title, items }: { title: ReactNode; items: readonly LegendItem[] }) {
  return (
    <div className="map-legend" style={box}>
      <div style={titleStyle}>{title}</div>
      <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {items.map((item, i) => (
          <li key={i}>
            <span style={swatch(item.color)} aria-hidden="true" />
            {item.label}
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * A colour ramp with its class breaks: `colors[i]` covers the interval between `labels[i]` and `labels[i + 1]`,
 * so `labels` has one entry more than `colors` (e.g. ['0', '5', '20', '50+'] for three classes).
 */
export function SequentialLegend({
  title,
  colors,
  labels,
}: {
  title: ReactNode;
  colors: readonly string[];
  labels: readonly ReactNode[];
}) {
  return (
    <div className="map-legend" style={box}>
      <div style={titleStyle}>{title}</div>
      <div style={{ display: 'flex' }}>
        {colors.map((c, i) => (
          <span key={i} style={{ flex: 1, height: 10, minWidth: 18, background: c }} aria-hidden="true" />
        ))}
      </div>
      <div style={{ display: 'flex', justifyContent: 'space-between', gap: 4, fontSize: 11 }}>
        {labels.map((l, i) => (
          <span key={i}>{l}</span>
        ))}
      </div>
    </div>
  );
}
