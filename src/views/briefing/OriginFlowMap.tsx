import { useId, useMemo } from 'react';
import { SUPPRESSION_K } from '../../core/export/suppression';
import type { Gb2260Index } from '../../core/geo/gb2260';
import { NATIONAL_BOUNDS } from '../../core/geo/map-frame';
import { BASE_COLORS } from '../shared/map/base-style';
import { buildArcs, CHOROPLETH_COLORS, classOfValue, computeBreaks, type AreaFeature } from '../origins/layers';
import type { OriginFlowRow, OriginTableRow } from '../origins/queries';
import { formatNumber } from '../shared/i18n/format';
import type { BriefingTranslate } from './messages';
import { arcPath, fitProjection, geometryPath } from './svg-map';

interface Props {
  provinces: readonly AreaFeature[] | null;
  /** the South China Sea inset, already placed in the national frame (kind 'frame' and 'land') */
  inset: readonly AreaFeature[] | null;
  rows: readonly OriginTableRow[] | null;
  flows: readonly OriginFlowRow[] | null;
  index: Gb2260Index | null;
  /** internal use: small counts and the flows they make are drawn too */
  exact: boolean;
  width: number;
  height: number;
  lang: 'zh' | 'en';
  t: BriefingTranslate;
}

const rgb = ([r, g, b]: readonly number[]) => `rgb(${r},${g},${b})`;
const FLOW_COLOR = '#08519c';
/** Width of a legend line in the map's 8 px type: CJK characters a full em, others about 0.56 em. */
const textWidth = (text: string) =>
  [...text].reduce((w, ch) => w + (/[\u2E80-\u9FFF\uFF00-\uFFEF]/.test(ch) ? 8 : 4.5), 0);
/** Print widths, 0.6–3.2 px by √person-times relative to the largest flow drawn (as the app's map, thinner). */
const flowWidthOf = (episodes: number, max: number) => 0.6 + 2.6 * Math.sqrt(episodes / max);

/**
 * Provinces of origin shaded by episodes, with the top flows to where people were found, drawn as SVG for print.
 * Suppressed (the default), the lowest class is "1–4" whatever the data, and flows of fewer than 5 episodes are
 * left out, so no small count can be read off the map.
 */
export function OriginFlowMap({ provinces, inset, rows, flows, index, exact, width, height, lang, t }: Props) {
  const clip = useId().replace(/:/g, '');
  const projection = useMemo(() => fitProjection(NATIONAL_BOUNDS, width, height, 2), [width, height]);
  const episodes = useMemo(
    () => new Map((rows ?? []).filter((r) => !r.is_total && r.region).map((r) => [r.region!, r.episodes])),
    [rows],
  );
  const breaks = useMemo(() => {
    const b = computeBreaks([...episodes.values()], true);
    if (exact) return b;
    // the lowest class is 1–4, then at most four classes above it (as many colours as the ramp has)
    const above = b.filter((x) => x > SUPPRESSION_K - 1).slice(-(CHOROPLETH_COLORS.length - 1));
    return [SUPPRESSION_K - 1, ...above];
  }, [episodes, exact]);
  const fillOf = (code: string | undefined) => {
    const v = code ? (episodes.get(code) ?? 0) : 0;
    return v > 0 && breaks.length ? rgb(CHOROPLETH_COLORS[classOfValue(v, breaks)]!) : BASE_COLORS.land;
  };
  const areas = useMemo(
    () => (provinces ?? []).map((f) => ({ code: f.properties.code, d: geometryPath(f.geometry, projection, 0.7) })),
    [provinces, projection],
  );
  const insetParts = useMemo(
    () =>
      (inset ?? []).map((f, i) => ({
        key: `${f.properties.code ?? 'frame'}-${i}`,
        code: f.properties.code as string | undefined,
        frame: (f.properties as { kind?: string }).kind === 'frame',
        d: geometryPath(f.geometry, projection, 0.5),
      })),
    [inset, projection],
  );
  const arcs = useMemo(() => {
    const all = index && flows ? buildArcs(flows, index) : [];
    const drawn = exact ? all : all.filter((a) => a.episodes >= SUPPRESSION_K);
    const max = Math.max(1, ...drawn.map((a) => a.episodes));
    return drawn.map((a) => ({
      key: `${a.region}-${a.target ?? ''}`,
      d: arcPath(projection.project(...a.source), projection.project(...a.targetPosition)),
      episodes: a.episodes,
      width: flowWidthOf(a.episodes, max),
      end: projection.project(...a.targetPosition),
    }));
  }, [flows, index, exact, projection]);
  const legend = breaks.map((b, i) => {
    const low = i === 0 ? 1 : breaks[i - 1]! + 1;
    const fmt = (v: number) => formatNumber(lang, v);
    return { color: rgb(CHOROPLETH_COLORS[i]!), label: low >= b ? fmt(b) : `${fmt(low)}–${fmt(b)}` };
  });
  const maxEpisodes = Math.max(0, ...arcs.map((a) => a.episodes));
  const maxWidth = Math.max(0, ...arcs.map((a) => a.width));
  const [lx, ly] = [6, 10];
  const flowLabel = t('bf.origin.flows', { max: formatNumber(lang, maxEpisodes) });
  const legendRows = legend.length + (arcs.length > 0 ? 1 : 0);
  const legendWidth =
    14 + Math.max(textWidth(t('bf.origin.legend')) - 12, ...(arcs.length ? [textWidth(flowLabel)] : []));
  return (
    <svg
      className="bf-map"
      viewBox={`0 0 ${width} ${height}`}
      width={width}
      height={height}
      role="img"
      aria-label={t('bf.origin.legend')}
      data-testid="bf-origin-map"
    >
      <defs>
        <clipPath id={`${clip}-frame`}>
          <rect width={width} height={height} />
        </clipPath>
      </defs>
      <rect width={width} height={height} fill={BASE_COLORS.sea} />
      <g clipPath={`url(#${clip}-frame)`}>
        {areas.map((a) => (
          <path key={a.code} d={a.d} fill={fillOf(a.code)} stroke={BASE_COLORS.provinceLine} strokeWidth={0.4} />
        ))}
      </g>
      {insetParts.map((p) =>
        p.frame ? (
          <path key={p.key} d={p.d} fill={BASE_COLORS.sea} stroke={BASE_COLORS.insetFrame} strokeWidth={0.6} />
        ) : (
          <path key={p.key} d={p.d} fill={fillOf(p.code)} stroke={BASE_COLORS.provinceLine} strokeWidth={0.3} />
        ),
      )}
      {arcs.map((a) => (
        <path key={a.key} d={a.d} fill="none" stroke={FLOW_COLOR} strokeOpacity={0.75} strokeWidth={a.width} />
      ))}
      {arcs.slice(0, 1).map((a) => (
        <circle key="end" cx={a.end[0]} cy={a.end[1]} r={2.2} fill={FLOW_COLOR} />
      ))}
      <g className="bf-map-legend" transform={`translate(${lx},${ly})`}>
        <rect x={-3} y={-9} width={legendWidth} height={12 + legendRows * 10} fill="rgba(255,255,255,0.8)" />
        <text y={0}>{t('bf.origin.legend')}</text>
        {legend.map((l, i) => (
          <g key={i} transform={`translate(0,${10 + i * 10})`}>
            <rect y={-7} width={9} height={7} fill={l.color} stroke="rgba(0,0,0,0.15)" strokeWidth={0.5} />
            <text x={12}>{l.label}</text>
          </g>
        ))}
        {arcs.length > 0 && (
          <g transform={`translate(0,${10 + legend.length * 10 + 2})`} data-testid="bf-origin-flow-legend">
            <line x1={0} x2={9} y1={-3.5} y2={-3.5} stroke={FLOW_COLOR} strokeOpacity={0.75} strokeWidth={maxWidth} />
            <text x={12}>{flowLabel}</text>
          </g>
        )}
      </g>
    </svg>
  );
}
