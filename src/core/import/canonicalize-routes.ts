import type { DbConnector } from '../db/connector';
import type { Crs } from '../geo/coords';
import { withWgs84Sql } from '../geo/coords-sql';
import { CREATE_PATROL_POINTS } from '../schema';
import { ident, joinSql, raw, sql, type SqlFragment } from '../sql/sql';
import type { StagedRef } from './source-file';
import { defaultDateRange, type DateRange } from './date-range';
import type { PatrolMapping } from './header-aliases';
import { isMappableSql, normalizeCrsSql } from './import-coordinates-sql';
import { beginCanonicalize, countRun, findLoadedCrsLabels, LOADED } from './canonicalize-steps';
import type { CanonicalizeResult } from './import-report';
import { cellSql, dropQuietly, headerSql } from './mapped-columns';
import { parseTimestampSql } from './parse-dates-sql';
import type { PatrolImportOptions } from './canonicalize-patrols';
import { writeRouteVertices } from './route-vertices';

/** A patrol shift longer than this is a typing error in start or end, not a patrol (docs/data-formats.md). */
export const MAX_PATROL_HOURS = 24;

function prepColumns(m: PatrolMapping, opts: PatrolImportOptions): SqlFragment {
  return joinSql([
    raw('__row'),
    sql`${cellSql(m.team_id)} AS team_id`,
    sql`${cellSql(m.patrol_id)} AS patrol_in`,
    sql`${cellSql(m.start_at)} AS start_raw`,
    sql`${parseTimestampSql(cellSql(m.start_at))} AS start_at`,
    sql`${cellSql(m.end_at)} AS end_raw`,
    sql`${parseTimestampSql(cellSql(m.end_at))} AS end_at`,
    sql`${cellSql(m.route)} AS route_raw`,
    sql`coalesce(${normalizeCrsSql(cellSql(m.crs))}, ${opts.defaultCrs ?? 'WGS84'}) AS crs`,
  ]);
}

/** The reasons a patrol log row (route or grid cell) is refused for its team and times, in order. */
export function shiftRejectSql(range: DateRange): SqlFragment {
  return sql`WHEN team_id IS NULL THEN 'reject.missingTeam'
    WHEN start_at IS NULL THEN 'reject.badStartAt'
    WHEN end_at IS NULL THEN 'reject.badEndAt'
    WHEN start_at < ${range.min} OR start_at >= ${range.max} THEN 'reject.startAtOutOfRange'
    WHEN end_at < start_at THEN 'reject.endBeforeStart'
    WHEN end_at > start_at + INTERVAL ${raw(String(MAX_PATROL_HOURS))} HOUR THEN 'reject.patrolTooLong'`;
}

/**
 * One row per route with its status. A route is refused for its team or times, or when its cell is empty, does
 * not parse, has a line of fewer than two vertices or a vertex outside China (the first such vertex is kept for
 * the report). The same team, start and end (and patrol id) loaded before or earlier in the file is a duplicate.
 */
function statusSql(base: SqlFragment, vertices: SqlFragment, failures: SqlFragment, range: DateRange): SqlFragment {
  const mappable = isMappableSql(raw('lon_in'), raw('lat_in'));
  return sql`SELECT *, CASE WHEN reject IS NOT NULL THEN 'rejected'
      WHEN __row > min(__row) OVER (PARTITION BY route_key, reject IS NULL)
        OR route_key || '#1' IN (SELECT patrol_id FROM patrol_points WHERE drawn_route) THEN 'duplicate'
      ELSE 'loaded' END AS status
    FROM (SELECT b.*, o.bad_vertex, CASE ${shiftRejectSql(range)}
        WHEN route_raw IS NULL THEN 'reject.missingRoute'
        WHEN f.code = 1 THEN 'reject.routeUnreadable'
        WHEN f.code = 2 THEN 'reject.routeTooFewVertices'
        WHEN o.bad_vertex IS NOT NULL THEN 'reject.routeOutsideChina' END AS reject,
        'route:' || coalesce(patrol_in || '|', '') || team_id || '|' || strftime(start_at, '%Y-%m-%d %H:%M:%S')
          || '|' || strftime(end_at, '%Y-%m-%d %H:%M:%S') AS route_key
      FROM ${base} b LEFT JOIN ${failures} f USING (__row)
      LEFT JOIN (SELECT __row, arg_min('#' || vertex || ': ' || lon_in || ' ' || lat_in, part * 1000000 + vertex)
          AS bad_vertex FROM ${vertices} WHERE NOT ${mappable} GROUP BY __row) o USING (__row))`;
}

/** Great-circle metres between two WGS-84 points (haversine, mean Earth radius), as in distanceMetres. */
function metresSql(lon1: string, lat1: string, lon2: string, lat2: string): string {
  return `2 * 6371008.8 * asin(sqrt(pow(sin(radians(${lat2} - ${lat1}) / 2), 2)
    + cos(radians(${lat1})) * cos(radians(${lat2})) * pow(sin(radians(${lon2} - ${lon1}) / 2), 2)))`;
}

/**
 * The vertices of the loaded routes in WGS-84, each with its time: start + (end − start) × the share of the
 * route's length (its lines in order, the jumps between lines not counted) walked to reach it. A route without
 * length spreads its vertices evenly in time.
 */
function timedVerticesSql(vertices: SqlFragment, routes: SqlFragment): SqlFragment {
  const joined = sql`(SELECT v.__row, v.part, v.vertex, v.lon_in, v.lat_in, r.crs, r.team_id, r.start_at,
      r.end_at, r.route_key FROM ${vertices} v JOIN ${routes} r USING (__row) WHERE r.${LOADED})`;
  const wgs = raw(`(${withWgs84Sql(joined.text)})`);
  const seg = metresSql('lag(wgs_lon) OVER w', 'lag(wgs_lat) OVER w', 'wgs_lon', 'wgs_lat');
  return sql`SELECT team_id, route_key || '#' || part AS patrol_id,
      start_at + to_microseconds(CAST(round((epoch_us(end_at) - epoch_us(start_at))
        * CASE WHEN total > 0 THEN cum / total WHEN n > 1 THEN (k - 1) / (n - 1) ELSE 0 END) AS BIGINT)) AS recorded_at,
      wgs_lon, wgs_lat, __row
    FROM (SELECT *, sum(seg) OVER (PARTITION BY __row ORDER BY part, vertex) AS cum,
        sum(seg) OVER (PARTITION BY __row) AS total,
        row_number() OVER (PARTITION BY __row ORDER BY part, vertex) AS k, count(*) OVER (PARTITION BY __row) AS n
      FROM (SELECT *, coalesce(${raw(seg)}, 0) AS seg FROM ${wgs}
        WINDOW w AS (PARTITION BY __row, part ORDER BY vertex)))`;
}

/**
 * Staged drawn routes (路线) → `patrol_points`, one point a vertex with `drawn_route` set, each line of a route its
 * own patrol; run inside the caller's transaction.
 */
export async function canonicalizeRoutes(
  db: DbConnector,
  staged: StagedRef,
  mapping: PatrolMapping,
  opts: PatrolImportOptions = {},
): Promise<CanonicalizeResult> {
  const { fileName, headers } = staged;
  await beginCanonicalize(db, 'patrols', staged, mapping, CREATE_PATROL_POINTS);
  const base = ident(`${staged.table}__route_rows`);
  const vertices = `${staged.table}__vertices`;
  const failures = `${staged.table}__failures`;
  const prep = ident(`${staged.table}__routes`);
  try {
    await db.exec(
      sql`CREATE OR REPLACE TEMP TABLE ${base} AS SELECT ${prepColumns(mapping, opts)} FROM ${ident(staged.table)}`
        .text,
    );
    await writeRouteVertices(db, base, vertices, failures);
    await db.exec(
      sql`CREATE OR REPLACE TEMP TABLE ${prep} AS ${statusSql(
        base,
        ident(vertices),
        ident(failures),
        opts.dateRange ?? defaultDateRange(),
      )}`.text,
    );
    const header = (i: number | undefined) => headerSql(headers, i);
    await db.exec(
      sql`INSERT INTO import_rejects SELECT ${fileName}, __row,
        CASE WHEN reject = 'reject.missingTeam' THEN ${header(mapping.team_id)}
          WHEN reject IN ('reject.badEndAt', 'reject.endBeforeStart') THEN ${header(mapping.end_at)}
          WHEN reject = 'reject.missingRoute' OR reject LIKE 'reject.route%' THEN ${header(mapping.route)}
          ELSE ${header(mapping.start_at)} END,
        reject, CASE WHEN reject IN ('reject.missingTeam', 'reject.missingRoute') THEN NULL
          WHEN reject IN ('reject.badEndAt', 'reject.endBeforeStart') THEN end_raw
          WHEN reject = 'reject.patrolTooLong' THEN start_raw || ' – ' || end_raw
          WHEN reject = 'reject.routeOutsideChina' THEN bad_vertex
          WHEN reject LIKE 'reject.route%' THEN left(route_raw, 200)
          ELSE start_raw END
      FROM ${prep} WHERE status = 'rejected' ORDER BY __row`.text,
    );
    await db.exec(
      sql`INSERT INTO patrol_points SELECT team_id, patrol_id, recorded_at, wgs_lon, wgs_lat, ${fileName}, __row, TRUE
        FROM (${timedVerticesSql(ident(vertices), prep)}) ORDER BY __row, recorded_at`.text,
    );
    const { counts, extra } = await countRun(db, fileName, prep, [
      sql`count(*) FILTER (reject = 'reject.routeOutsideChina') AS outside`,
    ]);
    const byCrs = await db.query<{ crs: Crs; n: number }>(
      sql`SELECT crs, count(*) AS n FROM ${prep} WHERE ${LOADED} GROUP BY 1 ORDER BY 1`.text,
    );
    return {
      ...counts,
      coordinatesConverted: Object.fromEntries(byCrs.map((r) => [r.crs, r.n])),
      coordinatesUnmappable: extra.outside ?? 0,
      unmappedLabels: await findLoadedCrsLabels(db, staged, mapping.crs, prep),
      warnings: [],
    };
  } finally {
    await dropQuietly(db, [base, prep, ident(vertices), ident(failures)]);
  }
}
