import { ArcLayer, GeoJsonLayer } from '@deck.gl/layers';
import type { PickingInfo } from '@deck.gl/core';
import { memo, useCallback, useMemo } from 'react';
import type { OriginTranslate } from './messages';
import { formatNumber, type Lang } from '../shared/i18n/format';
import { boundsOf, type LonLatBounds } from '../../core/geo/map-frame';
import { BaseMap } from '../shared/map/BaseMap';
import { CategoricalLegend } from '../shared/map/legend';
import { FlowLegend } from './FlowLegend';
import {
  CHOROPLETH_COLORS,
  classOfValue,
  type Arc,
  type AreaFeature,
  type Choropleth,
  type ChoroplethArea,
} from './layers';

interface Props {
  choropleth: Choropleth | null;
  arcs: readonly Arc[];
  selected: string | null;
  /** the drill-down's areas (fit the view to them); null = the whole country */
  focus: readonly AreaFeature[] | null;
  metricLabel: string;
  per10k: boolean;
  nameOf(code: string | null): string;
  onSelect(code: string): void;
  t: OriginTranslate;
  lang: Lang;
}

type AreaProps = { code: string; name: string; area: ChoroplethArea };

const rgb = ([r, g, b]: readonly number[]) => `rgb(${r}, ${g}, ${b})`;
const ARC_FROM: [number, number, number, number] = [44, 127, 184, 190];
const ARC_TO: [number, number, number, number] = [215, 48, 39, 210];
/**
 * Arcs lie flat on the map (tilted a right angle), bowed sideways by 0.15 of their length: raised arcs seen in
 * perspective swung far outside the frame once a province filled the view.
 */
const ARC_TILT_DEG = 90;
const ARC_BOW = 0.3;

/** Origins as a choropleth, arcs to where people were found, a legend, click to drill down. */
export const OriginMap = memo(function OriginMap({
  choropleth,
  arcs,
  selected,
  focus,
  metricLabel,
  per10k,
  nameOf,
  onSelect,
  t,
  lang,
}: Props) {
  const n = useCallback((v: number | null, d = 0) => formatNumber(lang, v, d), [lang]);
  const breaks = useMemo(() => choropleth?.breaks ?? [], [choropleth]);
  const layers = useMemo(() => {
    const areas = choropleth?.areas ?? [];
    return [
      new GeoJsonLayer<AreaProps>({
        id: 'origin-areas',
        data: areas.map((a) => ({ ...a.feature, properties: { ...a.feature.properties, area: a } })) as never,
        filled: true,
        stroked: true,
        getFillColor: (f) => {
          const v = f.properties.area.value;
          return v && v > 0 ? [...CHOROPLETH_COLORS[classOfValue(v, breaks)]!, 210] : [0, 0, 0, 0];
        },
        getLineColor: (f) => (f.properties.code === selected ? [20, 20, 20, 255] : [120, 110, 100, 120]),
        getLineWidth: (f) => (f.properties.code === selected ? 2.5 : 0.5),
        lineWidthUnits: 'pixels',
        pickable: true,
        autoHighlight: true,
        highlightColor: [255, 255, 255, 90],
        onClick: (info: PickingInfo) => {
          const code = (info.object as { properties?: { code?: string } } | undefined)?.properties?.code;
          if (code) onSelect(code);
        },
        updateTriggers: { getFillColor: [breaks], getLineColor: [selected], getLineWidth: [selected] },
      }),
      new ArcLayer<Arc>({
        id: 'origin-flows',
        data: arcs as Arc[],
        getSourcePosition: (a) => a.source,
        getTargetPosition: (a) => a.targetPosition,
        getSourceColor: ARC_FROM,
        getTargetColor: ARC_TO,
        getWidth: (a) => a.width,
        getTilt: ARC_TILT_DEG,
        getHeight: ARC_BOW,
        widthUnits: 'pixels',
        greatCircle: false,
        pickable: true,
        autoHighlight: true,
      }),
    ];
  }, [choropleth, arcs, breaks, selected, onSelect]);

  const bounds: LonLatBounds | null = useMemo(() => (focus?.length ? boundsOf(focus) : null), [focus]);

  const tooltip = useCallback(
    (info: PickingInfo) => {
      const o = info.object as
        (Arc & { properties?: undefined }) | { properties: { code: string; area: ChoroplethArea } } | undefined;
      if (!o) return null;
      if ('source' in o) {
        return t('og.map.arcTooltip', {
          from: nameOf(o.region),
          to: o.target ?? t('og.flow.noPlace'),
          episodes: n(o.episodes),
          persons: n(o.persons),
        });
      }
      const f = o.properties.area.figures;
      const name = nameOf(o.properties.code);
      if (!f) return t('og.map.areaTooltipNone', { name });
      return t('og.map.areaTooltip', {
        name,
        episodes: n(f.row.episodes),
        persons: n(f.row.persons),
        per10k: f.per10k === null ? '—' : n(f.per10k, 2),
        poor: n(f.row.poor),
      });
    },
    [nameOf, t, n],
  );

  const labels = breaks.map((b, i) => {
    const lo = i === 0 ? (per10k ? 0 : 1) : breaks[i - 1]!;
    return per10k ? `${n(lo, 2)}–${n(b, 2)}` : lo >= b ? n(b) : `${n(i === 0 ? lo : lo + 1)}–${n(b)}`;
  });
  const legend = (
    <div className="og-legend" data-testid="og-legend">
      <CategoricalLegend
        title={`${metricLabel}${per10k ? t('og.map.per10kSuffix') : ''}`}
        items={[
          ...labels.map((label, i) => ({ color: rgb(CHOROPLETH_COLORS[i]!), label })),
          { color: '#f6f4ef', label: t('og.map.none') },
        ]}
      />
      {arcs.length > 0 && (
        <FlowLegend
          maxEpisodes={Math.max(...arcs.map((a) => a.episodes))}
          from={rgb(ARC_FROM)}
          to={rgb(ARC_TO)}
          t={t}
          lang={lang}
        />
      )}
    </div>
  );

  return (
    <BaseMap
      level="national"
      lang={lang}
      layers={layers}
      bounds={bounds}
      getTooltip={tooltip}
      legend={legend}
      style={{ height: 560 }}
      ariaLabel={t('og.map.title')}
    />
  );
});
