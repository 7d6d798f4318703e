import type { BriefingTranslate } from './messages';
import type { SvgProjection } from './svg-map';

const NICE_KM = [0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000];
const KM_PER_DEGREE = 111.32;

/** A scale bar at the lower right, measured along the map's middle latitude (Mercator: it holds there). */
export function ScaleBar({
  projection,
  t,
  maxPx = 70,
}: {
  projection: SvgProjection;
  t: BriefingTranslate;
  maxPx?: number;
}) {
  const { width, height } = projection;
  const middle = inverseLat(projection, height / 2);
  if (middle === null) return null;
  const [x0] = projection.project(0, middle);
  const [x1] = projection.project(1, middle);
  const pxPerKm = Math.abs(x1 - x0) / (KM_PER_DEGREE * Math.cos((middle * Math.PI) / 180));
  const km = [...NICE_KM].reverse().find((k) => k * pxPerKm <= maxPx);
  if (!km) return null;
  const len = km * pxPerKm;
  const x = width - 8 - len;
  const y = height - 8;
  return (
    <g className="bf-map-scale">
      <path d={`M${x} ${y - 4}V${y}H${x + len}V${y - 4}`} fill="none" stroke="#333" strokeWidth={1} />
      <text x={x + len / 2} y={y - 6} textAnchor="middle">
        {t('bf.map.scale', { km })}
      </text>
    </g>
  );
}

/** The latitude drawn at height `y`, found by bisection (the projection is monotonic in latitude). */
function inverseLat(p: SvgProjection, y: number): number | null {
  let lo = -85;
  let hi = 85;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (p.project(0, mid)[1] > y) lo = mid;
    else hi = mid;
  }
  const lat = (lo + hi) / 2;
  return Number.isFinite(lat) ? lat : null;
}
