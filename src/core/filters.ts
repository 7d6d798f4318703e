import { inList, joinSql, raw, sql, type SqlFragment } from './sql/sql';

/**
 * The global filters every view honours (metrics.md, Counting). Dates are CST calendar days,
 * `from` inclusive and `to` inclusive, as 'YYYY-MM-DD'. Empty arrays mean "all".
 */
export interface GlobalFilters {
  from: string | null;
  to: string | null;
  districts: string[];
  channels: string[];
  groups: string[];
  sexes: string[];
  ageBands: string[];
  identity: string[];
}

export const EMPTY_FILTERS: GlobalFilters = {
  from: null,
  to: null,
  districts: [],
  channels: [],
  groups: [],
  sexes: [],
  ageBands: [],
  identity: [],
};

/** TRUE when the filters select every episode. */
export function isUnfiltered(f: GlobalFilters): boolean {
  return (
    !f.from &&
    !f.to &&
    [f.districts, f.channels, f.groups, f.sexes, f.ageBands, f.identity].every((values) => values.length === 0)
  );
}

/** WHERE conditions over `cases` (optionally aliased) for the filters; always a valid predicate. */
export function buildCaseFilter(f: GlobalFilters, alias = ''): SqlFragment {
  const c = (name: string) => raw(alias ? `${alias}.${name}` : name);
  const oneOf = (col: string, values: string[]) => (values.length ? sql`${c(col)} IN ${inList(values)}` : null);
  const parts = [
    f.from ? sql`${c('found_at')} >= CAST(${f.from} AS DATE)` : null,
    f.to ? sql`${c('found_at')} < CAST(${f.to} AS DATE) + INTERVAL 1 DAY` : null,
    oneOf('found_district', f.districts),
    oneOf('channel', f.channels),
    f.groups.length ? sql`list_has_any(${c('groups')}, ${f.groups})` : null,
    oneOf('sex', f.sexes),
    oneOf('age_band', f.ageBands),
    f.identity.length ? identityFilter(f.identity, c('identity_status')) : null,
  ];
  const where = joinSql(parts, ' AND ');
  return where.text ? where : raw('TRUE');
}

/** 'unknown' also matches an empty identity status: an unrecorded identity is not a known one. */
function identityFilter(values: string[], col: SqlFragment): SqlFragment {
  const known = values.includes('known') ? sql`${col} = 'known'` : null;
  const unknown = values.includes('unknown') ? sql`(${col} IS NULL OR ${col} = 'unknown')` : null;
  return sql`(${joinSql([known, unknown], ' OR ')})`;
}
