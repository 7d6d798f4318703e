import type { Crs } from '../geo/coords';
import { withWgs84Sql } from '../geo/coords-sql';
import { GROUPS } from '../schema';
import { ident, joinSql, raw, sql, type SqlFragment } from '../sql/sql';
import type { DateRange } from './date-range';
import type { CaseField, CaseMapping } from './header-aliases';
import { isMappableSql, normalizeCrsSql, parseCoordinateSql } from './import-coordinates-sql';
import { hintedCellSql } from './mapped-columns';
import type { CellHints } from './source-file';
import { parseCommonTimestampSql } from './parse-dates-sql';
import type { VocabularyName } from './vocabularies';

/**
 * The one pass over a staged case file (issue 9): every mapped cell is trimmed and parsed once, the row's
 * reason for rejection is decided and coordinates are converted to WGS-84. What repeats across rows (labels
 * of a vocabulary, origin texts, districts) is kept as text here and mapped once per distinct value afterwards.
 */
export interface LabelInput {
  /** prep column holding the trimmed label (lbl0 …) */
  name: string;
  /** staged column index */
  index: number;
  vocabulary: VocabularyName;
  /** the yes/no column of one group (是否未成年人 …), else undefined */
  group?: (typeof GROUPS)[number];
  /** header text, for the report */
  header: string;
}

export interface CasePrepOptions {
  defaultCrs?: Crs;
  defaultStation?: string;
  dateRange: DateRange;
}

/** The label columns of a mapping, in the order the report lists unmapped labels. */
export function listLabelInputs(headers: readonly string[], m: CaseMapping): LabelInput[] {
  const out: LabelInput[] = [];
  const add = (f: CaseField, vocabulary: VocabularyName, group?: (typeof GROUPS)[number]) => {
    const index = m[f];
    if (index === undefined) return;
    out.push({ name: `lbl${out.length}`, index, vocabulary, header: headers[index] ?? f, ...(group ? { group } : {}) });
  };
  add('channel', 'channel');
  add('groups', 'groups');
  for (const g of GROUPS) add(`group_${g}`, 'yesno', g);
  add('sex', 'sex');
  add('age_band', 'age_band');
  add('poverty_registered', 'yesno');
  add('identity_status', 'identity_status');
  add('outcome', 'outcome');
  return out;
}

/** A whole number of years written as 37, 37岁, 37.5 or 37 周岁 (only the whole years count). */
function ageSql(cell: SqlFragment): SqlFragment {
  // Plain digits are the common case and skip the extraction.
  return sql`CASE WHEN regexp_full_match(${cell}, '\\d{1,3}') THEN CAST(${cell} AS INTEGER)
    ELSE TRY_CAST(nullif(regexp_extract(${cell}, '^(\\d{1,3})(\\.\\d+)?\\s*(周岁|岁)?$', 1), '') AS INTEGER) END`;
}

/** A valid code's first 6 digits: a code has 6, 9 or 12 digits (county, township, village), never 000000… */
function originCodeSql(code: SqlFragment): SqlFragment {
  return sql`CASE WHEN strlen(${code}) = 6 AND regexp_full_match(${code}, '\\d{6}') AND ${code} <> '000000' THEN ${code}
    WHEN regexp_full_match(${code}, '\\d{6}(\\d{3}|\\d{6})') AND NOT starts_with(${code}, '000000') THEN left(${code}, 6) END`;
}

/**
 * SELECT of the prep rows from `source` (c0… as text, __row): one row per staged row with __blank (no
 * value at all), the parsed and converted values and the labels (lbl…). Times in the common layouts are
 * parsed here; `completeTimestampsSql` parses the rest (found_raw / exit_raw hold their text) and
 * `caseRowsSql` decides each row's reason for rejection.
 */
export function buildCasePrepSql(
  source: SqlFragment,
  headers: readonly string[],
  m: CaseMapping,
  labels: readonly LabelInput[],
  opts: CasePrepOptions,
  hints?: CellHints,
): SqlFragment {
  // Inner projection: each mapped cell trimmed once ('' → NULL); the other cells as they are.
  const mapped = new Set(Object.values(m).filter((i): i is number => i !== undefined));
  const cells = joinSql([
    raw('__row'),
    ...headers.map((_, i) => (mapped.has(i) ? sql`${hintedCellSql(i, hints)} AS ${ident(`c${i}`)}` : ident(`c${i}`))),
  ]);
  const c = (f: CaseField) => (m[f] === undefined ? raw('CAST(NULL AS VARCHAR)') : ident(`c${m[f]}`));
  // coalesce stops at the first value, so a row is usually decided by its first mapped cell.
  const order = [...mapped, ...headers.map((_, i) => i).filter((i) => !mapped.has(i))];
  const anyValue = joinSql(order.map((i) => (mapped.has(i) ? ident(`c${i}`) : hintedCellSql(i, hints))));
  const parsed = joinSql([
    raw('__row'),
    sql`coalesce(${anyValue}) IS NULL AS __blank`,
    sql`${c('case_id')} AS case_id`,
    sql`${c('person_id')} AS person_id`,
    sql`${c('found_at')} AS found_text`,
    sql`${parseCommonTimestampSql(c('found_at'))} AS found_at`,
    sql`${c('exit_at')} AS exit_text`,
    sql`${parseCommonTimestampSql(c('exit_at'))} AS exit_in`,
    sql`${c('exit_at')} IS NOT NULL AS exit_given`,
    sql`${parseCoordinateSql(c('lon'))} AS lon_in`,
    sql`${parseCoordinateSql(c('lat'))} AS lat_in`,
    m.crs === undefined
      ? sql`${opts.defaultCrs ?? 'WGS84'} AS crs`
      : sql`coalesce(${normalizeCrsSql(c('crs'))}, ${opts.defaultCrs ?? 'WGS84'}) AS crs`,
    m.crs === undefined
      ? raw('CAST(NULL AS VARCHAR) AS crs_unknown')
      : sql`CASE WHEN ${normalizeCrsSql(c('crs'))} IS NULL THEN ${c('crs')} END AS crs_unknown`,
    sql`${c('found_place')} AS found_place`,
    sql`${c('found_district')} AS district_recorded`,
    sql`${c('found_street')} AS found_street`,
    ...labels.map((l) => sql`${ident(`c${l.index}`)} AS ${ident(l.name)}`),
    sql`${ageSql(c('age'))} AS age_in`,
    sql`TRY_CAST(nullif(regexp_extract(${c('birth_year')}, '^(\\d{4})', 1), '') AS INTEGER) AS birth_year_in`,
    sql`${originCodeSql(c('origin_code'))} AS origin_code_in`,
    sql`${c('origin_text')} AS origin_text`,
    sql`coalesce(${c('station')}, ${opts.defaultStation ?? null}) AS station`,
  ]);
  const range = opts.dateRange;
  const mappable = isMappableSql(raw('lon_in'), raw('lat_in'));
  // The text of a time is kept only where completeTimestamps or the rejects need it.
  const decided = sql`SELECT * EXCLUDE (found_text, exit_text),
      CASE WHEN found_at IS NULL OR found_at < ${range.min} OR found_at >= ${range.max} THEN found_text END AS found_raw,
      CASE WHEN exit_in IS NULL THEN exit_text END AS exit_raw,
      ${mappable} AS mappable
    FROM (SELECT ${parsed} FROM (SELECT ${cells} FROM ${source}))`;
  // The datum conversion runs only where a position is usable.
  return raw(
    `SELECT * EXCLUDE (wgs_lon, wgs_lat), CASE WHEN mappable THEN wgs_lon END AS wgs_lon,
       CASE WHEN mappable THEN wgs_lat END AS wgs_lat
     FROM (${withWgs84Sql(`(${decided.text})`)})`,
  );
}

/**
 * The times in other layouts (Chinese dates, ISO with an offset, Excel serials …): few rows, so the full
 * parser runs as an update of just those rows rather than beside the fast path, where the engine would
 * hoist its work out of the branches and do it for every row.
 */
export function completeTimestampsSql(prep: SqlFragment): SqlFragment[] {
  return [
    sql`UPDATE ${prep} SET found_at = parse_cst_timestamp(found_raw) WHERE found_at IS NULL AND found_raw IS NOT NULL`,
    sql`UPDATE ${prep} SET exit_in = parse_cst_timestamp(exit_raw) WHERE exit_in IS NULL AND exit_raw IS NOT NULL`,
  ];
}

/** The prep rows with their reason for rejection (NULL: none) and the raw value the rejects list shows. */
export function caseRowsSql(prep: SqlFragment, range: DateRange): SqlFragment {
  const outOfRange = sql`found_at < ${range.min} OR found_at >= ${range.max}`;
  return sql`SELECT *, CASE WHEN __blank THEN NULL WHEN case_id IS NULL THEN 'reject.missingCaseId'
        WHEN found_at IS NULL THEN 'reject.badFoundAt' WHEN ${outOfRange} THEN 'reject.foundAtOutOfRange' END AS reject,
      CASE WHEN case_id IS NOT NULL AND (found_at IS NULL OR ${outOfRange}) THEN found_raw END AS reject_raw
    FROM ${prep}`;
}
