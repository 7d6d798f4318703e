import type { PickingInfo } from '@deck.gl/core';
import { HeatmapLayer } from '@deck.gl/aggregation-layers';
import { PolygonLayer } from '@deck.gl/layers';
import { SmallCellDotLayer } from './small-cell-dot-layer';
import { useCallback, useMemo } from 'react';
import type { HotspotTranslate } from './messages';
import { formatNumber, type Lang } from '../shared/i18n/format';
import type { LonLatBounds } from '../../core/geo/map-frame';
import { BaseMap } from '../shared/map/BaseMap';
import { CategoricalLegend, SequentialLegend } from '../shared/map/legend';
import { useDistrictLabels } from '../shared/map/use-district-labels';
import type { CellGeometry } from '../../core/hotspots/grid-kinds';
import type { HotspotMode } from './hotspot-settings';
import {
  buildCellDotLayerProps,
  buildDensityLayerProps,
  buildHotspotLayerProps,
  buildHotspotLegend,
  formatHotspotTooltip,
  type HotspotCell,
  type PlaceLookup,
  type PolygonDatum,
  type Rgba,
} from './layers';

/** ColorBrewer YlOrRd, 6 classes (deck.gl's heatmap default), for the density layer and its legend. */
const DENSITY_RANGE: [number, number, number][] = [
  [255, 255, 178],
  [254, 217, 118],
  [254, 178, 76],
  [253, 141, 60],
  [240, 59, 32],
  [189, 0, 38],
];
const DENSITY_DECIMALS = 3;
const OUTLINE: Rgba = [120, 0, 20, 150];
const SELECTED: Rgba = [20, 20, 20, 255];
const GRID_LINE: Rgba = [96, 108, 120, 200];

export interface DensityBin {
  bx: number;
  by: number;
  n: number;
}

interface Props {
  mode: HotspotMode;
  cells: readonly HotspotCell[];
  geometry: CellGeometry | null;
  density: readonly DensityBin[] | null;
  selected: HotspotCell | null;
  onSelect(cell: HotspotCell): void;
  level: 'beijing' | 'national';
  bounds: LonLatBounds | null;
  /** draw the cells that are not significant too (a user's grid of a few hundred cells) */
  includeNone: boolean;
  loading: boolean;
  /** the places of the cells whose profiles are loaded, for the tooltip */
  places: PlaceLookup;
  t: HotspotTranslate;
  lang: Lang;
}

const rgb = (c: readonly number[]) => `rgb(${c[0]}, ${c[1]}, ${c[2]})`;

/** The hot spot map: Gi* classes or emerging categories per cell, or the density of the points. */
export function HotspotMap(props: Props) {
  const { mode, cells, geometry, density, selected, onSelect, level, bounds, includeNone, loading, places, t, lang } =
    props;
  const districtLabels = useDistrictLabels(lang);
  const layers = useMemo(() => {
    if (!geometry) return [];
    const out = [];
    if (mode === 'density') {
      if (density) {
        out.push(
          new HeatmapLayer({
            ...buildDensityLayerProps(density, DENSITY_DECIMALS),
            colorRange: DENSITY_RANGE,
            intensity: 2,
            threshold: 0.03,
          }),
        );
      }
      const hot = cells.filter((c) => c.bin > 0);
      out.push(
        new PolygonLayer<PolygonDatum>({
          ...buildHotspotLayerProps(geometry, hot, { mode: 'classes', id: 'hotspots-outline' }),
          filled: false,
          getLineColor: OUTLINE,
          lineWidthMinPixels: 1,
          onClick: (info: PickingInfo<PolygonDatum>) => info.object && onSelect(info.object.cell),
        }),
      );
    } else {
      const dotMode = mode === 'emerging' ? 'emerging' : 'classes';
      out.push(
        new SmallCellDotLayer<HotspotCell>({
          ...buildCellDotLayerProps(geometry, cells, dotMode),
          onClick: (info: PickingInfo<HotspotCell>) => info.object && onSelect(info.object),
        }),
      );
      out.push(
        new PolygonLayer<PolygonDatum>({
          ...buildHotspotLayerProps(geometry, cells, {
            mode: mode === 'emerging' ? 'emerging' : 'classes',
            includeNone,
          }),
          // every cell drawn: grey outlines, so that the grid shows where nothing is significant
          ...(includeNone ? { getLineColor: GRID_LINE, lineWidthMinPixels: 1 } : {}),
          onClick: (info: PickingInfo<PolygonDatum>) => info.object && onSelect(info.object.cell),
        }),
      );
    }
    if (selected) {
      out.push(
        new PolygonLayer<PolygonDatum>({
          ...buildHotspotLayerProps(geometry, [selected], {
            mode: 'classes',
            includeNone: true,
            id: 'hotspots-selected',
          }),
          filled: false,
          pickable: false,
          getLineColor: SELECTED,
          lineWidthMinPixels: 2.5,
        }),
      );
    }
    return out;
  }, [mode, cells, geometry, density, selected, onSelect, includeNone]);

  const legend = useMemo(() => {
    if (mode === 'density') {
      return (
        <div className="hs-legend-stack">
          <SequentialLegend
            title={t('hotspots.density.legend')}
            colors={DENSITY_RANGE.map(rgb)}
            labels={[t('hotspots.density.low'), t('hotspots.density.high')]}
          />
          <div className="hs-outline-legend">
            <span className="hs-outline-swatch" aria-hidden="true" />
            {t('hotspots.density.outline')}
          </div>
        </div>
      );
    }
    const entries = buildHotspotLegend(cells, mode === 'emerging' ? 'emerging' : 'classes', t).filter(
      (e) => mode !== 'emerging' || e.count > 0 || e.key === 'none',
    );
    return (
      <CategoricalLegend
        title={t(mode === 'emerging' ? 'hotspots.legend.emergingTitle' : 'hotspots.legend.title')}
        items={entries.map((e) => ({
          color: rgb(e.color),
          label: (
            <span className="hs-legend-row" data-testid="hs-legend-item">
              <span>{e.label}</span>
              <span className="hs-legend-count">{formatNumber(lang, e.count)}</span>
            </span>
          ),
        }))}
      />
    );
  }, [mode, cells, t, lang]);

  const getTooltip = useCallback(
    (info: PickingInfo) => {
      // a polygon's datum holds its cell; a dot's datum is the cell
      const d = info.object as PolygonDatum | HotspotCell | undefined;
      const cell = d && 'cell' in d ? d.cell : d;
      return cell ? formatHotspotTooltip(cell, t, places) : null;
    },
    [t, places],
  );

  return (
    <div className="hs-map" data-testid="hotspot-map" aria-busy={loading}>
      <BaseMap
        level={level}
        lang={lang}
        layers={layers}
        labels={level === 'beijing' ? districtLabels : undefined}
        bounds={bounds}
        legend={geometry ? legend : undefined}
        ariaLabel={t('hotspots.map.title')}
        getTooltip={getTooltip}
      />
      {loading && (
        <div className="hs-loading" role="status">
          {t('hotspots.loading')}
        </div>
      )}
    </div>
  );
}
