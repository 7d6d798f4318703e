import type { PickingInfo } from '@deck.gl/core';
import { PolygonLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import { useCallback, useMemo } from 'react';
import type { PatrolTranslate } from './messages';
import { formatNumber, type Lang } from '../shared/i18n/format';
import type { LonLatBounds } from '../../core/geo/map-frame';
import type { CellGeometry } from '../../core/hotspots/grid-kinds';
import { BaseMap } from '../shared/map/BaseMap';
import type { BasemapSource } from '../shared/map/basemap-source';
import { SequentialLegend } from '../shared/map/legend';
import { MAP_FONT_FAMILY } from '../shared/map/fonts';
import { useDistrictLabels } from '../shared/map/use-district-labels';
import {
  COVERAGE_COLORS,
  coverageColor,
  DEMAND_COLOR,
  demandRadius,
  formatCoverageTooltip,
  GAP_OUTLINE,
  PLAN_OUTLINE,
  UNPATROLLED,
  type CoverageCell,
  type PlanRow,
} from './layers';

interface Props {
  cells: readonly CoverageCell[];
  geometry: CellGeometry | null;
  breaks: readonly number[];
  unit: 'day' | 'hour';
  plan: readonly PlanRow[];
  selectedId: string | null;
  onSelect(cell: CoverageCell): void;
  level: 'beijing' | 'national';
  bounds: LonLatBounds | null;
  basemap: BasemapSource | null;
  loading: boolean;
  /** months of track read, while the passes are being collected */
  progress: { done: number; total: number } | null;
  t: PatrolTranslate;
  lang: Lang;
}

interface CellPolygon {
  polygon: number[][][];
  cell: CoverageCell;
}

const rgb = (c: readonly number[]) => `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
const SELECTED: [number, number, number, number] = [20, 20, 20, 255];

function polygonsOf(geometry: CellGeometry, cells: readonly CoverageCell[]): CellPolygon[] {
  return cells.flatMap((cell) => geometry.cellPolygons(cell.index).map((polygon) => ({ polygon, cell })));
}

/** Coverage per cell (blue), demand as circles (orange), gap cells outlined red, plan cells outlined purple. */
export function CoverageMap(props: Props) {
  const {
    cells,
    geometry,
    breaks,
    unit,
    plan,
    selectedId,
    onSelect,
    level,
    bounds,
    basemap,
    loading,
    progress,
    t,
    lang,
  } = props;
  const districtLabels = useDistrictLabels(lang);
  const maxDemand = useMemo(() => cells.reduce((m, c) => Math.max(m, c.demand), 0), [cells]);
  const layers = useMemo(() => {
    if (!geometry) return [];
    const all = polygonsOf(geometry, cells);
    const pick = (info: PickingInfo<{ cell: CoverageCell }>) => info.object && onSelect(info.object.cell);
    const planPolygons = plan.flatMap((row) =>
      row.cells.flatMap((c) => geometry.cellPolygons(c).map((polygon) => ({ polygon, row }))),
    );
    const selected = cells.filter((c) => c.id === selectedId);
    return [
      new PolygonLayer<CellPolygon>({
        id: 'coverage',
        data: all,
        pickable: true,
        stroked: false,
        getPolygon: (d) => d.polygon,
        getFillColor: (d) => coverageColor(d.cell.coverage, breaks),
        updateTriggers: { getFillColor: breaks.join(',') },
        onClick: pick,
      }),
      new ScatterplotLayer<CoverageCell>({
        id: 'demand',
        data: cells.filter((c) => c.demand > 0),
        pickable: true,
        getPosition: (c) => [c.lon, c.lat],
        getRadius: (c) => demandRadius(c.demand, maxDemand),
        radiusUnits: 'pixels',
        getFillColor: DEMAND_COLOR,
        stroked: true,
        getLineColor: [255, 255, 255, 220],
        lineWidthMinPixels: 0.5,
        onClick: (info: PickingInfo<CoverageCell>) => info.object && onSelect(info.object),
      }),
      new PolygonLayer<CellPolygon>({
        id: 'gaps',
        data: all.filter((d) => d.cell.gap),
        filled: false,
        stroked: true,
        getPolygon: (d) => d.polygon,
        getLineColor: GAP_OUTLINE,
        lineWidthMinPixels: 1.5,
      }),
      new PolygonLayer<{ polygon: number[][][]; row: PlanRow }>({
        id: 'plan',
        data: planPolygons,
        filled: true,
        stroked: true,
        getPolygon: (d) => d.polygon,
        getFillColor: [106, 61, 154, 40],
        getLineColor: PLAN_OUTLINE,
        lineWidthMinPixels: 2.5,
      }),
      new TextLayer<PlanRow>({
        id: 'plan-rank',
        data: [...plan],
        getPosition: (r) => [r.lon, r.lat],
        getText: (r) => String(r.rank),
        getSize: 13,
        getColor: [60, 20, 100, 255],
        // the same font settings as the district names, so both share one glyph atlas
        fontFamily: MAP_FONT_FAMILY,
        outlineWidth: 3,
        outlineColor: [255, 255, 255, 230],
        fontSettings: { sdf: true },
        characterSet: 'auto',
        sizeUnits: 'pixels',
      }),
      new PolygonLayer<CellPolygon>({
        id: 'selected',
        data: polygonsOf(geometry, selected),
        filled: false,
        stroked: true,
        getPolygon: (d) => d.polygon,
        getLineColor: SELECTED,
        lineWidthMinPixels: 3,
      }),
    ];
  }, [geometry, cells, breaks, plan, selectedId, onSelect, maxDemand]);

  const getTooltip = useCallback(
    (info: PickingInfo) => {
      const d = info.object as { cell?: CoverageCell } | CoverageCell | undefined;
      if (!d) return null;
      const cell = 'cell' in d && d.cell ? d.cell : (d as CoverageCell);
      return cell.id ? formatCoverageTooltip(cell, unit, t, lang) : null;
    },
    [unit, t, lang],
  );

  const n = (v: number) => formatNumber(lang, v);
  const colours = COVERAGE_COLORS.slice(COVERAGE_COLORS.length - breaks.length);
  const legend = (
    <div className="pt-legend" data-testid="pt-legend">
      <SequentialLegend
        title={t(unit === 'day' ? 'patrols.legend.coverageDays' : 'patrols.legend.coverageHours')}
        colors={[rgb(UNPATROLLED), ...colours.map(rgb)]}
        labels={['0', ...breaks.map((b, i) => (i === breaks.length - 1 ? `${n(b)}+` : n(b)))]}
      />
      <div className="pt-legend-row">
        <span className="pt-legend-dot" style={{ background: rgb(DEMAND_COLOR) }} aria-hidden="true" />
        {t('patrols.legend.demand', { max: n(maxDemand) })}
      </div>
      <div className="pt-legend-row">
        <span className="pt-legend-box" style={{ borderColor: rgb(GAP_OUTLINE) }} aria-hidden="true" />
        {t('patrols.legend.gap')}
      </div>
      {plan.length > 0 && (
        <div className="pt-legend-row">
          <span className="pt-legend-box" style={{ borderColor: rgb(PLAN_OUTLINE) }} aria-hidden="true" />
          {t('patrols.legend.plan')}
        </div>
      )}
    </div>
  );

  return (
    <div className="pt-map" data-testid="coverage-map" aria-busy={loading}>
      <BaseMap
        level={level}
        lang={lang}
        layers={layers}
        labels={level === 'beijing' ? districtLabels : undefined}
        bounds={bounds}
        basemap={basemap}
        legend={geometry ? legend : undefined}
        ariaLabel={t('patrols.map.title')}
        getTooltip={getTooltip}
      />
      {loading && (
        <div className="hs-loading" role="status">
          {progress ? t('patrols.loadingTrack', { done: progress.done, total: progress.total }) : t('patrols.loading')}
        </div>
      )}
    </div>
  );
}
