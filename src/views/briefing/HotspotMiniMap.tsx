import { useMemo } from 'react';
import { HOTSPOT_CLASSES, type HotspotClass } from '../../core/analytics/hotspot-classes';
import { computeLabelPoint } from '../../core/geo/label-point';
import { BEIJING_BOUNDS, type LonLatBounds } from '../../core/geo/map-frame';
import type { Shape } from '../../core/geo/shared-arcs';
import type { CellGeometry } from '../../core/hotspots/grid-kinds';
import { BASE_COLORS } from '../shared/map/base-style';
import { HOTSPOT_CLASS_COLORS, type HotspotCell } from '../hotspots/layers';
import type { AreaFeature } from '../origins/layers';
import type { BriefingHotspot } from './hotspot-adapter';
import type { BriefingTranslate } from './messages';
import { fitProjection, geometryPath, padBounds, ringsPath, type SvgProjection } from './svg-map';
import { ScaleBar } from './ScaleBar';
import { chooseLegendCorner, placeMarkers, type Point } from './map-marks';

interface Props {
  significant: readonly HotspotCell[];
  top: readonly BriefingHotspot[];
  geometry: CellGeometry | null;
  districts: readonly AreaFeature[] | null;
  width: number;
  height: number;
  lang: 'zh' | 'en';
  t: BriefingTranslate;
}

const rgb = ([r, g, b]: readonly number[]) => `rgb(${r},${g},${b})`;

/** The box of the listed hot cells (else of every significant cell, else the city), with room around it. */
function frameOf(top: readonly BriefingHotspot[], significant: readonly HotspotCell[]): LonLatBounds {
  const cells = top.length ? top.map((h) => h.cell) : significant.filter((c) => c.bin > 0);
  if (cells.length === 0) return BEIJING_BOUNDS;
  const lons = cells.map((c) => c.lon);
  const lats = cells.map((c) => c.lat);
  const box: LonLatBounds = [
    [Math.min(...lons), Math.min(...lats)],
    [Math.max(...lons), Math.max(...lats)],
  ];
  return padBounds(box, 0.35, 0.12);
}

function isInside(p: SvgProjection, [x, y]: [number, number]): boolean {
  return x > 8 && y > 8 && x < p.width - 8 && y < p.height - 8;
}

/** The period's significant cells over the districts, the listed ones numbered: SVG, sharp in print. */
export function HotspotMiniMap({ significant, top, geometry, districts, width, height, lang, t }: Props) {
  const projection = useMemo(
    () => fitProjection(frameOf(top, significant), width, height, 2),
    [top, significant, width, height],
  );
  const districtPaths = useMemo(
    () =>
      (districts ?? []).map((f) => {
        const point = computeLabelPoint(
          (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates) as Shape,
        );
        return {
          code: f.properties.code,
          d: geometryPath(f.geometry, projection, 0.8),
          name: lang === 'en' ? String(f.properties.name_en ?? f.properties.name) : f.properties.name,
          at: point ? projection.project(point[0]!, point[1]!) : null,
        };
      }),
    [districts, projection, lang],
  );
  const cells = useMemo(
    () =>
      geometry
        ? significant.map((c) => ({
            id: c.id,
            cls: c.hotspotClass,
            d: ringsPath(geometry.cellPolygons(c.index), projection),
          }))
        : [],
    [geometry, significant, projection],
  );
  const shownClasses = HOTSPOT_CLASSES.filter((k) => k !== 'none' && cells.some((c) => c.cls === k));
  // the number sits at the cell's upper right corner, so that a small cell stays visible beside it; numbers that
  // would overlap (neighbouring listed cells) move aside with a leader line
  const anchors = top.map((h) => cornerOf(h, geometry, projection));
  const markers = placeMarkers(anchors, MARKER_R, width, height);
  const legendBox = { w: 72, h: 11 * shownClasses.length + 6 };
  const legend = chooseLegendCorner(
    [...significant.map((c) => projection.project(c.lon, c.lat)), ...markers],
    legendBox.w,
    legendBox.h,
    width,
    height,
    ['bottom-left', 'top-left', 'top-right'],
  );
  return (
    <svg
      className="bf-map"
      viewBox={`0 0 ${width} ${height}`}
      width={width}
      height={height}
      role="img"
      aria-label={t('bf.hot.legend')}
      data-testid="bf-hot-map"
    >
      <rect width={width} height={height} fill={BASE_COLORS.landOutside} />
      {districtPaths.map((p) => (
        <path key={p.code} d={p.d} fill={BASE_COLORS.land} stroke={BASE_COLORS.districtLine} strokeWidth={0.7} />
      ))}
      {cells.map((c) => (
        <path key={c.id} d={c.d} fill={rgb(HOTSPOT_CLASS_COLORS[c.cls])} stroke="#fff" strokeWidth={0.3} />
      ))}
      {districtPaths.map(
        (p) =>
          p.at &&
          isInside(projection, p.at) && (
            <text key={`l${p.code}`} x={p.at[0]} y={p.at[1]} className="bf-map-label" textAnchor="middle">
              {p.name}
            </text>
          ),
      )}
      {top.map((h, i) => {
        const [ax, ay] = anchors[i]!;
        const [x, y] = markers[i]!;
        const moved = Math.hypot(x - ax, y - ay) > 0.5;
        return (
          <g key={h.cell.id}>
            {moved && <line x1={ax} y1={ay} x2={x} y2={y} stroke="#67000d" strokeWidth={0.8} />}
            <g transform={`translate(${x.toFixed(1)},${y.toFixed(1)})`}>
              <circle r={MARKER_R} fill="#fff" stroke="#67000d" strokeWidth={1} />
              <text className="bf-map-rank" textAnchor="middle" dy="0.35em">
                {h.rank}
              </text>
            </g>
          </g>
        );
      })}
      <HotspotLegend classes={shownClasses} t={t} x={legend.x + 3} y={legend.y + 11} width={legendBox.w} />
      <ScaleBar projection={projection} t={t} />
    </svg>
  );
}

const MARKER_R = 6.5;

/** The upper right corner of a listed cell on the map (its centre when the outline is unknown). */
function cornerOf(h: BriefingHotspot, geometry: CellGeometry | null, p: SvgProjection): Point {
  let x = -Infinity;
  let y = Infinity;
  for (const polygon of geometry?.cellPolygons(h.cell.index) ?? []) {
    for (const [lon, lat] of (polygon[0] ?? []) as [number, number][]) {
      const [px, py] = p.project(lon, lat);
      x = Math.max(x, px);
      y = Math.min(y, py);
    }
  }
  return Number.isFinite(x) && Number.isFinite(y) ? [x + 3, y - 3] : p.project(h.cell.lon, h.cell.lat);
}

function HotspotLegend(props: { classes: HotspotClass[]; t: BriefingTranslate; x: number; y: number; width: number }) {
  const { classes, t, x, y, width } = props;
  if (classes.length === 0) return null;
  return (
    <g transform={`translate(${x},${y})`} className="bf-map-legend">
      <rect x={-3} y={-11} width={width} height={11 * classes.length + 6} fill="rgba(255,255,255,0.88)" />
      {classes.map((k, i) => (
        <g key={k} transform={`translate(0,${i * 11})`}>
          <rect y={-7} width={9} height={7} fill={rgb(HOTSPOT_CLASS_COLORS[k])} />
          <text x={12}>{t(`bf.hot.class.${k}`)}</text>
        </g>
      ))}
    </g>
  );
}
