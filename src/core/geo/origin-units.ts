import { joinSql, raw, sql, type SqlFragment } from '../sql/sql';
import type { Gb2260Index, RollUpLevel } from './gb2260';

/**
 * The lookup table every origin query joins: one row per current and retired GB/T 2260 code with the code it
 * rolls up to at each level (`rollUpCode`, so municipalities, 重庆's 5002xx, county-level units under their
 * province and retired codes such as 莱芜 371202 → 济南 370116 roll up as the code table says). A code that is
 * not at a level's depth keeps its own code there: 凉山州 513400 is its own region on the county map, a text
 * that names only 四川省 is 510000 at every level.
 */
export const ORIGIN_UNITS_TABLE = 'origin_units';

export interface OriginUnitRow {
  code: string;
  county: string;
  prefecture: string;
  province: string;
}

export function buildOriginUnitRows(index: Gb2260Index): OriginUnitRow[] {
  const rows: OriginUnitRow[] = [];
  const seen = new Set<string>();
  for (const code of [...index.units.map((u) => u.code), ...index.changes.map((c) => c.code)]) {
    if (seen.has(code)) continue;
    seen.add(code);
    const county = index.rollUpCode(code, 'county');
    const prefecture = index.rollUpCode(code, 'prefecture');
    const province = index.rollUpCode(code, 'province');
    if (county && prefecture && province) rows.push({ code, county, prefecture, province });
  }
  return rows;
}

/** Creates (or replaces) the lookup table; the data do not change it, so once a session is enough. */
export function buildCreateOriginUnitsSql(index: Gb2260Index): string {
  const values = joinSql(
    buildOriginUnitRows(index).map((r) => sql`(${r.code}, ${r.county}, ${r.prefecture}, ${r.province})`),
    ',\n',
  );
  return sql`CREATE OR REPLACE TABLE ${raw(ORIGIN_UNITS_TABLE)} AS
    SELECT * FROM (VALUES ${values}) AS t(code, county, prefecture, province)`.text;
}

function column(level: RollUpLevel): SqlFragment {
  return raw(level);
}

/**
 * The origin region at `level` of a 6-digit code expression, NULL when unknown. A code in neither the table
 * nor its change list falls back to its prefecture (first four digits), then its province, as `migrateCode`
 * does, so an old county code missing from the change list still counts for its prefecture.
 */
export function originRegionSql(code: SqlFragment, level: RollUpLevel): SqlFragment {
  const lookup = (key: SqlFragment) =>
    sql`(SELECT u.${column(level)} FROM ${raw(ORIGIN_UNITS_TABLE)} u WHERE u.code = ${key})`;
  return sql`coalesce(${lookup(code)}, ${lookup(sql`substr(${code}, 1, 4) || '00'`)}, ${lookup(sql`substr(${code}, 1, 2) || '0000'`)})`;
}

/**
 * A CTE `name (code, region)` over the distinct origin codes of `cases`: joining it costs one small hash join
 * per query instead of three lookups per episode.
 */
export function buildOriginMapCte(level: RollUpLevel, name = 'origin_map'): SqlFragment {
  return sql`${raw(name)} AS (
      SELECT d.code, ${originRegionSql(raw('d.code'), level)} AS region
      FROM (SELECT DISTINCT CAST(origin_code AS VARCHAR) AS code FROM cases WHERE origin_code IS NOT NULL) d
    )`;
}
