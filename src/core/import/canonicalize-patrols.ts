import type { DbConnector } from '../db/connector';
import type { Crs } from '../geo/coords';
import { withWgs84Sql } from '../geo/coords-sql';
import { CREATE_PATROL_POINTS, PATROL_POINT_COLUMNS } from '../schema';
import { ident, joinSql, raw, sql, type SqlFragment } from '../sql/sql';
import type { StagedRef } from './source-file';
import { defaultDateRange, type DateRange } from './date-range';
import type { PatrolMapping } from './header-aliases';
import { countCoordinates, isMappableSql, normalizeCrsSql, parseCoordinateSql } from './import-coordinates-sql';
import { beginCanonicalize, countRun, findLoadedCrsLabels, LOADED } from './canonicalize-steps';
import type { CanonicalizeResult } from './import-report';
import { cellSql, dropQuietly, headerSql } from './mapped-columns';
import { parseTimestampSql } from './parse-dates-sql';

export interface PatrolImportOptions {
  defaultCrs?: Crs;
  /** accepted recorded_at; default 2000-01-01 … now + 1 day */
  dateRange?: DateRange;
}

function prepColumns(m: PatrolMapping, opts: PatrolImportOptions): SqlFragment {
  return joinSql([
    raw('__row'),
    sql`${cellSql(m.team_id)} AS team_id`,
    sql`${cellSql(m.patrol_id)} AS patrol_in`,
    sql`${cellSql(m.recorded_at)} AS time_raw`,
    sql`${parseTimestampSql(cellSql(m.recorded_at))} AS recorded_at`,
    sql`${parseCoordinateSql(cellSql(m.lon))} AS lon_in`,
    sql`${parseCoordinateSql(cellSql(m.lat))} AS lat_in`,
    sql`concat_ws(',', ${cellSql(m.lon)}, ${cellSql(m.lat)}) AS position_raw`,
    sql`coalesce(${normalizeCrsSql(cellSql(m.crs))}, ${opts.defaultCrs ?? 'WGS84'}) AS crs`,
  ]);
}

/**
 * A point without a team, a readable time or a position inside China carries no information and is
 * rejected; a second point of one team at one instant (within the file or already loaded) is skipped.
 */
function statusSql(prep: SqlFragment, range: DateRange): SqlFragment {
  const mappable = isMappableSql(raw('lon_in'), raw('lat_in'));
  return sql`SELECT *, CASE WHEN reject IS NOT NULL THEN 'rejected'
      WHEN __row > min(__row) OVER (PARTITION BY team_id, recorded_at, reject IS NULL)
        OR (team_id, recorded_at) IN (SELECT (team_id, recorded_at) FROM patrol_points WHERE drawn_route IS NULL) THEN 'duplicate'
      ELSE 'loaded' END AS status
    FROM (SELECT *, CASE WHEN team_id IS NULL THEN 'reject.missingTeam'
        WHEN recorded_at IS NULL THEN 'reject.badRecordedAt'
        WHEN recorded_at < ${range.min} OR recorded_at >= ${range.max} THEN 'reject.recordedAtOutOfRange'
        WHEN NOT ${mappable} THEN 'reject.noPosition' END AS reject
      FROM ${prep})`;
}

function pointValues(fileName: string): SqlFragment {
  const values: Record<(typeof PATROL_POINT_COLUMNS)[number][0], string> = {
    team_id: 'team_id',
    patrol_id: `coalesce(patrol_in, team_id || '|' || strftime(recorded_at, '%Y-%m-%d'))`,
    recorded_at: 'recorded_at',
    lon: 'wgs_lon',
    lat: 'wgs_lat',
    source_file: sql`${fileName}`.text,
    source_row: '__row',
    drawn_route: 'NULL',
  };
  return raw(PATROL_POINT_COLUMNS.map(([name]) => values[name]).join(', '));
}

/** Staged GPS track points → `patrol_points`; run inside the caller's transaction. */
export async function canonicalizePatrols(
  db: DbConnector,
  staged: StagedRef,
  mapping: PatrolMapping,
  opts: PatrolImportOptions = {},
): Promise<CanonicalizeResult> {
  const { fileName, headers } = staged;
  await beginCanonicalize(db, 'patrols', staged, mapping, CREATE_PATROL_POINTS);
  const prep = ident(`${staged.table}__points`);
  try {
    await db.exec(
      sql`CREATE OR REPLACE TEMP TABLE ${prep} AS ${statusSql(
        sql`(SELECT ${prepColumns(mapping, opts)} FROM ${ident(staged.table)})`,
        opts.dateRange ?? defaultDateRange(),
      )}`.text,
    );
    const header = (i: number | undefined) => headerSql(headers, i);
    await db.exec(
      sql`INSERT INTO import_rejects SELECT ${fileName}, __row,
        CASE reject WHEN 'reject.missingTeam' THEN ${header(mapping.team_id)}
          WHEN 'reject.noPosition' THEN concat_ws('/', ${header(mapping.lon)}, ${header(mapping.lat)})
          ELSE ${header(mapping.recorded_at)} END,
        reject, CASE reject WHEN 'reject.missingTeam' THEN NULL WHEN 'reject.noPosition' THEN position_raw
          ELSE time_raw END
      FROM ${prep} WHERE status = 'rejected' ORDER BY __row`.text,
    );
    await db.exec(
      sql`INSERT INTO patrol_points SELECT ${pointValues(fileName)} FROM (${raw(withWgs84Sql(prep.text))})
        WHERE ${LOADED} ORDER BY __row`.text,
    );
    const { counts, extra } = await countRun(db, fileName, prep, [
      sql`count(*) FILTER (reject = 'reject.noPosition') AS no_position`,
    ]);
    const unmappedLabels = await findLoadedCrsLabels(db, staged, mapping.crs, prep);
    const { coordinatesConverted } = await countCoordinates(db, prep, LOADED);
    return {
      ...counts,
      coordinatesConverted,
      coordinatesUnmappable: extra.no_position ?? 0,
      unmappedLabels,
      warnings: [],
    };
  } finally {
    await dropQuietly(db, [prep]);
  }
}
