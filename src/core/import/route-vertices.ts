import { tableFromArrays, tableToIPC } from 'apache-arrow';
import type { DbConnector } from '../db/connector';
import { ident, sql, type SqlFragment } from '../sql/sql';
import { parseRoute } from './parse-route';

/** Parse failures as small codes in the vertex table (reject keys in SQL). */
export const PARSE_REJECTS = ['reject.routeUnreadable', 'reject.routeTooFewVertices'] as const;

/**
 * Parses the route cell of every row of `prep` (columns __row, route_raw) and writes two tables: `vertices`
 * (__row, part, vertex, lon_in, lat_in: 1-based part and vertex numbers, the file's datum) and `failures`
 * (__row, code: 1-based index into PARSE_REJECTS). WKT and GeoJSON are read here rather than in SQL: the engine
 * has no JSON or spatial extension, and a parser of its own gives exact reasons.
 */
export async function writeRouteVertices(
  db: DbConnector,
  prep: SqlFragment,
  vertices: string,
  failures: string,
): Promise<void> {
  const rows = await db.query<{ __row: number; route_raw: string }>(
    sql`SELECT __row, route_raw FROM ${prep} WHERE route_raw IS NOT NULL ORDER BY __row`.text,
  );
  const v = {
    row: [] as number[],
    part: [] as number[],
    vertex: [] as number[],
    lon: [] as number[],
    lat: [] as number[],
  };
  const f = { row: [] as number[], code: [] as number[] };
  for (const r of rows) {
    const parsed = parseRoute(r.route_raw);
    if ('error' in parsed) {
      f.row.push(r.__row);
      f.code.push(PARSE_REJECTS.indexOf(parsed.error) + 1);
      continue;
    }
    parsed.parts.forEach((part, p) =>
      part.forEach(([lon, lat], k) => {
        v.row.push(r.__row);
        v.part.push(p + 1);
        v.vertex.push(k + 1);
        v.lon.push(lon);
        v.lat.push(lat);
      }),
    );
  }
  await db.exec(`DROP TABLE IF EXISTS ${ident(vertices).text}`);
  await db.exec(`DROP TABLE IF EXISTS ${ident(failures).text}`);
  await db.exec(
    `CREATE TABLE ${ident(vertices).text} (__row INTEGER, part INTEGER, vertex INTEGER, lon_in DOUBLE, lat_in DOUBLE)`,
  );
  await db.exec(`CREATE TABLE ${ident(failures).text} (__row INTEGER, code INTEGER)`);
  if (v.row.length > 0) {
    const table = tableFromArrays({
      __row: Int32Array.from(v.row),
      part: Int32Array.from(v.part),
      vertex: Int32Array.from(v.vertex),
      lon_in: Float64Array.from(v.lon),
      lat_in: Float64Array.from(v.lat),
    });
    await db.insertArrowIPC(vertices, tableToIPC(table, 'stream'));
  }
  if (f.row.length > 0) {
    const table = tableFromArrays({ __row: Int32Array.from(f.row), code: Int32Array.from(f.code) });
    await db.insertArrowIPC(failures, tableToIPC(table, 'stream'));
  }
}
