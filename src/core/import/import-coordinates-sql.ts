import type { DbConnector } from '../db/connector';
import type { Crs } from '../geo/coords';
import { ident, raw, sql, type SqlFragment } from '../sql/sql';
import type { UnmappedLabel } from './vocabularies';

/**
 * Per-row datum labels → 'WGS84' | 'GCJ02' | 'BD09' (NULL when empty or unknown). Labels compare lower-case
 * without spaces, '-', '_', '.', and without a trailing 坐标系/坐标/地图: 'WGS-84', '火星坐标', '高德地图' ….
 * CGCS2000 (天地图) differs from WGS-84 by centimetres, so it counts as WGS-84.
 */
export const CRS_LABELS: Readonly<Record<Crs, readonly string[]>> = {
  WGS84: ['wgs84', 'wgs', 'gps', 'wgs1984', 'epsg4326', '4326', 'cgcs2000', '天地图', '大地'],
  GCJ02: ['gcj02', 'gcj', '火星', '高德', '腾讯', '国测局', 'amap', 'gaode', 'tencent', 'qq'],
  BD09: ['bd09', 'bd09ll', 'bd', '百度', 'baidu'],
};

function crsKeySql(expr: SqlFragment): string {
  return `regexp_replace(regexp_replace(lower(trim(${expr.text})), '[\\s\\-_.]', '', 'g'), '(坐标系|坐标|地图)$', '')`;
}

/** The row's datum from its crs cell, or NULL: callers coalesce with the file's default. */
export function normalizeCrsSql(expr: SqlFragment): SqlFragment {
  const whens = (Object.keys(CRS_LABELS) as Crs[]).map(
    (crs) => `WHEN ${crsKeySql(expr)} IN (${CRS_LABELS[crs].map((l) => sql`${l}`.text).join(', ')}) THEN '${crs}'`,
  );
  return raw(`(CASE ${whens.join(' ')} END)`);
}

/** A trimmed coordinate cell as DOUBLE, NULL when empty or unreadable. */
export function parseCoordinateSql(expr: SqlFragment): SqlFragment {
  return raw(`TRY_CAST(${expr.text} AS DOUBLE)`);
}

/** Mappable input: both numbers present, not (0,0) and inside China's box (needs installCoordinateMacros). */
export function isMappableSql(lon: SqlFragment, lat: SqlFragment): SqlFragment {
  return raw(
    `(${lon.text} IS NOT NULL AND ${lat.text} IS NOT NULL AND NOT (${lon.text} = 0 AND ${lat.text} = 0)` +
      ` AND coalesce(in_china(${lon.text}, ${lat.text}), FALSE))`,
  );
}

/** Loaded rows with a usable position by input datum, and those without one. */
export async function countCoordinates(
  db: DbConnector,
  table: SqlFragment,
  where: SqlFragment,
): Promise<{ coordinatesConverted: Partial<Record<Crs, number>>; coordinatesUnmappable: number }> {
  const ok = isMappableSql(raw('lon_in'), raw('lat_in'));
  const rows = await db.query<{ crs: Crs; ok: boolean; n: number }>(
    sql`SELECT crs, ${ok} AS ok, count(*) AS n FROM ${table} WHERE ${where} GROUP BY ALL ORDER BY ALL`.text,
  );
  const coordinatesConverted: Partial<Record<Crs, number>> = {};
  let coordinatesUnmappable = 0;
  for (const r of rows) {
    if (r.ok) coordinatesConverted[r.crs] = (coordinatesConverted[r.crs] ?? 0) + r.n;
    else coordinatesUnmappable += r.n;
  }
  return { coordinatesConverted, coordinatesUnmappable };
}

/** Datum labels no rule recognised (the rows fell back to the file's default datum). */
export async function findCrsLabels(
  db: DbConnector,
  table: string,
  header: string,
  index: number,
  where: SqlFragment,
): Promise<UnmappedLabel[]> {
  const cell = raw(`nullif(trim(${ident(`c${index}`).text}), '')`);
  const rows = await db.query<{ label: string; n: number }>(
    sql`SELECT ${cell} AS label, count(*) AS n FROM ${ident(table)}
      WHERE ${where} AND ${cell} IS NOT NULL AND ${normalizeCrsSql(cell)} IS NULL GROUP BY 1 ORDER BY n DESC, label`
      .text,
  );
  return rows.map((r) => ({ column: header, label: r.label, count: r.n }));
}
