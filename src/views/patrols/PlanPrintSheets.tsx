import { createPortal } from 'react-dom';
import type { PatrolTranslate } from './messages';
import { formatNumber, type Lang } from '../shared/i18n/format';
import type { CellGeometry } from '../../core/hotspots/grid-kinds';
import type { DistrictCollection } from '../../core/patrols/patrol-area';
import { formatShift, type PlanRow } from './layers';

interface Props {
  rows: readonly PlanRow[];
  geometry: CellGeometry;
  districts: DistrictCollection | null;
  title: string;
  subtitle: string;
  t: PatrolTranslate;
  lang: Lang;
}

const W = 640;
const H = 420;

interface Frame {
  west: number;
  south: number;
  east: number;
  north: number;
}

/** The box of the rows' cells, padded and widened to the sheet map's aspect (local metres). */
function frameOf(rows: readonly PlanRow[], geometry: CellGeometry): Frame {
  let west = Infinity;
  let south = Infinity;
  let east = -Infinity;
  let north = -Infinity;
  for (const r of rows)
    for (const c of r.cells)
      for (const polygon of geometry.cellPolygons(c))
        for (const [lon, lat] of (polygon[0] ?? []) as [number, number][]) {
          west = Math.min(west, lon);
          east = Math.max(east, lon);
          south = Math.min(south, lat);
          north = Math.max(north, lat);
        }
  const k = Math.cos((((south + north) / 2) * Math.PI) / 180);
  // at least about 3 km across, plus a margin
  let w = Math.max((east - west) * 1.3, 0.035);
  let h = Math.max((north - south) * 1.3, 0.027);
  if ((w * k) / h > W / H) h = (w * k * H) / W;
  else w = (h * W) / H / k;
  const cx = (west + east) / 2;
  const cy = (south + north) / 2;
  return { west: cx - w / 2, east: cx + w / 2, south: cy - h / 2, north: cy + h / 2 };
}

function pathOf(rings: number[][][], f: Frame): string {
  const x = (lon: number) => ((lon - f.west) / (f.east - f.west)) * W;
  const y = (lat: number) => ((f.north - lat) / (f.north - f.south)) * H;
  return rings
    .map(
      (ring) =>
        ring
          .map(([lon, lat], i) => `${i ? 'L' : 'M'}${x(lon as number).toFixed(1)},${y(lat as number).toFixed(1)}`)
          .join('') + 'Z',
    )
    .join('');
}

function polygonsOfDistricts(districts: DistrictCollection | null): number[][][][] {
  const out: number[][][][] = [];
  for (const f of districts?.features ?? []) {
    const g = f.geometry as { type?: string; coordinates?: unknown };
    if (g?.type === 'Polygon') out.push(g.coordinates as number[][][]);
    if (g?.type === 'MultiPolygon') out.push(...(g.coordinates as number[][][][]));
  }
  return out;
}

/**
 * One A4 sheet per team for printing (map, list, hours): rendered into the page body, hidden on screen and
 * the only thing printed (patrols.css, @media print).
 */
export function PlanPrintSheets({ rows, geometry, districts, title, subtitle, t, lang }: Props) {
  const teams = [...new Set(rows.map((r) => r.team ?? t('patrols.print.noTeam')))];
  const outlines = polygonsOfDistricts(districts);
  return createPortal(
    <div className="pt-print-root" data-testid="pt-print">
      {teams.map((team) => {
        const mine = rows.filter((r) => (r.team ?? t('patrols.print.noTeam')) === team);
        const f = frameOf(mine, geometry);
        const toX = (lon: number) => ((lon - f.west) / (f.east - f.west)) * W;
        const toY = (lat: number) => ((f.north - lat) / (f.north - f.south)) * H;
        return (
          <section key={team} className="pt-sheet" data-testid="pt-sheet">
            <h1>
              {title} · {team}
            </h1>
            <p className="pt-sheet-sub">{subtitle}</p>
            <svg viewBox={`0 0 ${W} ${H}`} className="pt-sheet-map" role="img" aria-label={t('patrols.print.map')}>
              <rect width={W} height={H} fill="#f6f4ef" />
              {outlines.map((rings, i) => (
                <path key={i} d={pathOf(rings, f)} fill="none" stroke="#a39b8e" strokeWidth={1} />
              ))}
              {mine.map((r) =>
                r.cells.flatMap((c) =>
                  geometry
                    .cellPolygons(c)
                    .map((p, i) => (
                      <path
                        key={`${c}:${i}`}
                        d={pathOf(p, f)}
                        fill="rgba(106,61,154,0.25)"
                        stroke="#6a3d9a"
                        strokeWidth={2}
                      />
                    )),
                ),
              )}
              {mine.map((r) => (
                <text key={r.rank} x={toX(r.lon)} y={toY(r.lat) + 5} textAnchor="middle" className="pt-sheet-rank">
                  {r.rank}
                </text>
              ))}
            </svg>
            <table className="pt-sheet-table">
              <thead>
                <tr>
                  <th>{t('patrols.planCsv.rank')}</th>
                  <th>{t('patrols.planCsv.cells')}</th>
                  <th>{t('patrols.print.where')}</th>
                  <th>{t('patrols.planCsv.hours')}</th>
                  <th>{t('patrols.planCsv.expected')}</th>
                </tr>
              </thead>
              <tbody>
                {mine.map((r) => (
                  <tr key={r.rank}>
                    <td>{r.rank}</td>
                    <td>{r.ids.join(' ')}</td>
                    <td>{r.district ?? `${formatNumber(lang, r.lat, 4)}° N, ${formatNumber(lang, r.lon, 4)}° E`}</td>
                    <td>{formatShift(r.bestStart, r.bestHours)}</td>
                    <td>{formatNumber(lang, r.expected, 1)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="pt-sheet-note">{t('patrols.print.note')}</p>
          </section>
        );
      })}
    </div>,
    document.body,
  );
}
