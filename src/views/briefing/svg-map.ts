import type { Geometry, Position } from 'geojson';
import type { LonLatBounds } from '../../core/geo/map-frame';

/**
 * Maps for print, drawn as SVG from the bundled boundaries (not a capture of a WebGL canvas), so they stay sharp
 * at any printer resolution. Web Mercator, as the app's maps, fitted to a frame; rings are thinned to what a
 * `tolerance` in pixels can show.
 */
export interface SvgProjection {
  width: number;
  height: number;
  project(lon: number, lat: number): [number, number];
}

const mercatorY = (lat: number) => Math.log(Math.tan(Math.PI / 4 + (Math.max(-85, Math.min(85, lat)) * Math.PI) / 360));
const toRad = (deg: number) => (deg * Math.PI) / 180;

/** A projection that fits `bounds` into width × height (less `padding` on every side), centred. */
export function fitProjection(bounds: LonLatBounds, width: number, height: number, padding = 4): SvgProjection {
  const [[w, s], [e, n]] = bounds;
  const x0 = toRad(w);
  const x1 = toRad(e);
  const y0 = mercatorY(s);
  const y1 = mercatorY(n);
  const scale = Math.min(
    (width - 2 * padding) / Math.max(x1 - x0, 1e-9),
    (height - 2 * padding) / Math.max(y1 - y0, 1e-9),
  );
  const offsetX = (width - (x1 - x0) * scale) / 2;
  const offsetY = (height - (y1 - y0) * scale) / 2;
  return {
    width,
    height,
    project: (lon, lat) => [offsetX + (toRad(lon) - x0) * scale, offsetY + (y1 - mercatorY(lat)) * scale],
  };
}

const round = (v: number) => Math.round(v * 10) / 10;

/** One ring as path commands, dropping points closer than `tolerance` px to the last kept one. */
function ringPath(ring: readonly Position[], p: SvgProjection, tolerance: number): string {
  let out = '';
  let last: [number, number] | null = null;
  let kept = 0;
  for (const [lon, lat] of ring) {
    if (lon === undefined || lat === undefined) continue;
    const xy = p.project(lon, lat);
    if (last && Math.hypot(xy[0] - last[0], xy[1] - last[1]) < tolerance) continue;
    out += `${kept === 0 ? 'M' : 'L'}${round(xy[0])} ${round(xy[1])}`;
    last = xy;
    kept++;
  }
  return kept >= 3 ? `${out}Z` : '';
}

/** The `d` of a (multi)polygon; other geometries draw nothing. */
export function geometryPath(geometry: Geometry | null, p: SvgProjection, tolerance = 0.6): string {
  if (!geometry) return '';
  const polygons =
    geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.type === 'MultiPolygon' ? geometry.coordinates : [];
  return polygons.map((poly) => poly.map((ring) => ringPath(ring, p, tolerance)).join('')).join('');
}

/** Polygon rings (as the hot spot grid gives them) as one `d`. */
export function ringsPath(polygons: readonly (readonly (readonly number[])[])[][], p: SvgProjection): string {
  return polygons.map((poly) => poly.map((ring) => ringPath(ring as Position[], p, 0)).join('')).join('');
}

/**
 * A flow as a gentle arc from `from` to `to` (a quadratic curve bowed to the left of its direction by a sixth of its
 * length), so flows into one place fan out instead of overlapping.
 */
export function arcPath(from: [number, number], to: [number, number]): string {
  const [x0, y0] = from;
  const [x1, y1] = to;
  const mx = (x0 + x1) / 2;
  const my = (y0 + y1) / 2;
  const dx = x1 - x0;
  const dy = y1 - y0;
  const cx = mx - dy / 6;
  const cy = my + dx / 6;
  return `M${round(x0)} ${round(y0)}Q${round(cx)} ${round(cy)} ${round(x1)} ${round(y1)}`;
}

/** The box around `bounds` grown by `factor` of its size on every side, at least `minSpan` degrees wide and high. */
export function padBounds(bounds: LonLatBounds, factor: number, minSpan = 0): LonLatBounds {
  const [[w, s], [e, n]] = bounds;
  const cx = (w + e) / 2;
  const cy = (s + n) / 2;
  const hw = Math.max((e - w) * (0.5 + factor), minSpan / 2);
  const hh = Math.max((n - s) * (0.5 + factor), minSpan / 2);
  return [
    [cx - hw, cy - hh],
    [cx + hw, cy + hh],
  ];
}
