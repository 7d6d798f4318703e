import { formatNumber, type Lang } from '../shared/i18n/format';
import { arcWidthSamples } from './layers';
import type { OriginTranslate } from './messages';

interface Props {
  /** the largest drawn arc's person-times: the widths are relative to it, as on the map */
  maxEpisodes: number;
  from: string;
  to: string;
  t: OriginTranslate;
  lang: Lang;
}

/** The arcs' legend: direction as the colour ramp from origin to place found, and line widths with their counts. */
export function FlowLegend({ maxEpisodes, from, to, t, lang }: Props) {
  return (
    <div className="map-legend og-flow-legend" data-testid="og-flow-legend">
      <div className="og-flow-legend-title">{t('og.map.arcLegend')}</div>
      <div className="og-flow-legend-ramp" style={{ background: `linear-gradient(to right, ${from}, ${to})` }} />
      <div className="og-flow-legend-ends">
        <span>{t('og.map.arcFrom')}</span>
        <span>{t('og.map.arcTo')}</span>
      </div>
      <ul>
        {arcWidthSamples(maxEpisodes).map((s) => (
          <li key={s.episodes}>
            <svg width={30} height={12} aria-hidden="true">
              <line x1={1} x2={29} y1={6} y2={6} stroke={to} strokeOpacity={0.75} strokeWidth={s.width} />
            </svg>
            {t('og.map.arcWidthItem', { n: formatNumber(lang, s.episodes) })}
          </li>
        ))}
      </ul>
    </div>
  );
}
