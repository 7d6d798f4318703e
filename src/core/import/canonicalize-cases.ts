import type { DbConnector } from '../db/connector';
import type { Crs } from '../geo/coords';
import { withWgs84Sql } from '../geo/coords-sql';
import { CASE_COLUMNS, CREATE_CASES, GROUPS } from '../schema';
import { ident, joinSql, raw, sql, type SqlFragment } from '../sql/sql';
import { defaultDateRange, type DateRange } from './date-range';
import type { CaseField, CaseMapping } from './header-aliases';
import { countCoordinates, isMappableSql, normalizeCrsSql, parseCoordinateSql } from './import-coordinates-sql';
import { beginCanonicalize, countRun, findLoadedCrsLabels, LOADED } from './canonicalize-steps';
import type { CanonicalizeResult } from './import-report';
import { cellSql, dropQuietly, headerSql, stagedColumn } from './mapped-columns';
import { resolveOriginTexts, type OriginResolver } from './origin-codes';
import { parseTimestampSql } from './parse-dates-sql';
import type { ImportMessage, StagedRef } from './source-file';
import { findUnmappedLabels, mapGroupsSql, mapLabelSql, mapYesNoSql, type LabelColumn } from './vocabularies';

export interface CaseImportOptions {
  /** datum of coordinates when the file has no crs column or a cell is empty (the user's choice) */
  defaultCrs?: Crs;
  /** station for every row when the file has no station column */
  defaultStation?: string;
  /** accepted found_at; default 2000-01-01 … now + 1 day */
  dateRange?: DateRange;
  /** origin text → GB/T 2260 code (src/core/geo/origin-resolver.ts); called once with the distinct texts */
  resolveOrigin?: OriginResolver;
}

/** Origin text that says the origin is not known; 查无身份/身份不明 also say the identity is not. */
const UNKNOWN_ORIGIN = '(查无身份.*|身份不明.*|不详|未知|不明|无|暂无|待核实|待查)';
const NO_IDENTITY = '(查无身份|身份不明).*';

function ageBandSql(age: string): string {
  return `(CASE WHEN ${age} IS NULL OR ${age} < 0 OR ${age} > 120 THEN NULL WHEN ${age} < 18 THEN '0-17'
    WHEN ${age} < 60 THEN '18-59' ELSE '60+' END)`;
}

/**
 * The staged table, joined to its groups mapped once per DISTINCT combination of the group cells: splitting
 * and mapping lists per row costs more than the rest of the row together, and such cells repeat a lot.
 */
function groupsSource(table: string, m: CaseMapping): { from: SqlFragment; groups: SqlFragment } {
  const t = ident(table);
  const flagFields = GROUPS.filter((g) => m[`group_${g}`] !== undefined);
  const inputs = [m.groups, ...flagFields.map((g) => m[`group_${g}`])].filter((i): i is number => i !== undefined);
  if (inputs.length === 0) return { from: t, groups: raw('CAST(NULL AS VARCHAR[])') };
  // Keys are made distinct first, then mapped: SELECT DISTINCT f(x) would compute f on every row.
  const key = (i: number) => raw(`nullif(trim(${ident(`gk${inputs.indexOf(i)}`).text}), '')`);
  const flags = flagFields.map((g) => ({ group: g, expr: key(m[`group_${g}`]!) }));
  const mapped = mapGroupsSql(m.groups === undefined ? null : key(m.groups), flags);
  const keys = inputs.map((i, k) => sql`${stagedColumn(i)} AS ${ident(`gk${k}`)}`);
  const on = inputs.map((i, k) => sql`${t}.${stagedColumn(i)} IS NOT DISTINCT FROM gmap.${ident(`gk${k}`)}`);
  return {
    from: sql`${t} LEFT JOIN (SELECT *, ${mapped} AS mapped_groups FROM (SELECT DISTINCT ${joinSql(keys)} FROM ${t})) gmap
      ON ${joinSql(on, ' AND ')}`,
    groups: raw('gmap.mapped_groups'),
  };
}

/**
 * Every mapped cell parsed or mapped to its vocabulary, one row per staged row; the raw label cells are
 * kept too (under their staged names) so unmapped labels are counted without joining back.
 */
function prepColumns(m: CaseMapping, opts: CaseImportOptions, groups: SqlFragment, labels: LabelColumn[]): SqlFragment {
  const cell = (f: CaseField) => cellSql(m[f]);
  const has = (f: CaseField) => m[f] !== undefined;
  const orNull = (f: CaseField, expr: SqlFragment, type = 'VARCHAR') => (has(f) ? expr : raw(`CAST(NULL AS ${type})`));
  const code = cell('origin_code');
  return joinSql([
    raw('__row'),
    sql`${cell('case_id')} AS case_id`,
    sql`${cell('person_id')} AS person_id`,
    sql`${cell('found_at')} AS found_raw`,
    sql`${parseTimestampSql(cell('found_at'))} AS found_at`,
    sql`${cell('exit_at')} AS exit_raw`,
    sql`${parseTimestampSql(cell('exit_at'))} AS exit_in`,
    sql`${parseCoordinateSql(cell('lon'))} AS lon_in`,
    sql`${parseCoordinateSql(cell('lat'))} AS lat_in`,
    sql`coalesce(${normalizeCrsSql(cell('crs'))}, ${opts.defaultCrs ?? 'WGS84'}) AS crs`,
    sql`${cell('found_place')} AS found_place`,
    sql`${cell('found_district')} AS found_district`,
    sql`${cell('found_street')} AS found_street`,
    sql`${orNull('channel', mapLabelSql('channel', cell('channel')))} AS channel`,
    sql`${groups} AS groups`,
    sql`${orNull('sex', mapLabelSql('sex', cell('sex')))} AS sex`,
    sql`nullif(${orNull('age_band', mapLabelSql('age_band', cell('age_band')))}, 'unknown') AS band_in`,
    sql`TRY_CAST(nullif(regexp_extract(${cell('age')}, '^(\\d{1,3})(\\.\\d+)?\\s*(周岁|岁)?$', 1), '') AS INTEGER) AS age_in`,
    sql`TRY_CAST(nullif(regexp_extract(${cell('birth_year')}, '^(\\d{4})', 1), '') AS INTEGER) AS birth_year_in`,
    sql`CASE WHEN regexp_full_match(${code}, '\\d{6}(\\d{3}|\\d{6})?') AND left(${code}, 6) <> '000000'
      THEN left(${code}, 6) END AS origin_code_in`,
    sql`${cell('origin_text')} AS origin_text`,
    sql`${orNull('poverty_registered', mapYesNoSql(cell('poverty_registered')), 'BOOLEAN')} AS poverty_registered`,
    sql`${orNull('identity_status', mapLabelSql('identity_status', cell('identity_status')))} AS identity_in`,
    sql`coalesce(${cell('station')}, ${opts.defaultStation ?? null}) AS station`,
    sql`${orNull('outcome', mapLabelSql('outcome', cell('outcome')))} AS outcome`,
    sql`${orNull('outcome', mapLabelSql('outcome_detail', cell('outcome')))} AS outcome_detail`,
    ...[...new Set(labels.map((l) => l.sourceColumn))].map((c) => ident(c)),
  ]);
}

/**
 * Rejected rows (one reason each, first that applies), then duplicates of case_id (within the file,
 * keeping the first row, or already in `cases`), then the loaded rows.
 */
function statusSql(prep: SqlFragment, range: DateRange): SqlFragment {
  return sql`SELECT *, CASE WHEN reject IS NOT NULL THEN 'rejected'
      WHEN __row > min(__row) OVER (PARTITION BY case_id, reject IS NULL)
        OR case_id IN (SELECT case_id FROM cases) THEN 'duplicate'
      ELSE 'loaded' END AS status
    FROM (SELECT *, CASE WHEN case_id IS NULL THEN 'reject.missingCaseId'
        WHEN found_at IS NULL THEN 'reject.badFoundAt'
        WHEN found_at < ${range.min} OR found_at >= ${range.max} THEN 'reject.foundAtOutOfRange' END AS reject
      FROM ${prep})`;
}

function caseValues(fileName: string): SqlFragment {
  const mappable = isMappableSql(raw('lon_in'), raw('lat_in'));
  const originCode = 'coalesce(origin_code_in, resolved_code)';
  const values: Record<(typeof CASE_COLUMNS)[number][0], string> = {
    case_id: 'case_id',
    person_id: 'person_id',
    person_key: `coalesce(person_id, 'case:' || case_id)`,
    found_at: 'found_at',
    exit_at: 'CASE WHEN exit_in >= found_at THEN exit_in END',
    lon: `CASE WHEN ${mappable.text} THEN wgs_lon END`,
    lat: `CASE WHEN ${mappable.text} THEN wgs_lat END`,
    found_place: 'found_place',
    found_district: 'found_district',
    found_street: 'found_street',
    channel: 'channel',
    groups: 'coalesce(groups, [])',
    sex: 'sex',
    age_band: `coalesce(band_in, ${ageBandSql('age_in')}, ${ageBandSql('year(found_at) - birth_year_in')}, 'unknown')`,
    origin_code: originCode,
    origin_text: 'origin_text',
    poverty_registered: 'poverty_registered',
    // A mapped identity column wins; else 查无身份/身份不明 in the origin means unknown, any other origin known.
    identity_status: `coalesce(identity_in, CASE WHEN regexp_full_match(origin_text, '${NO_IDENTITY}') THEN 'unknown'
      WHEN ${originCode} IS NOT NULL OR NOT regexp_full_match(origin_text, '${UNKNOWN_ORIGIN}') THEN 'known' END)`,
    station: 'station',
    outcome: 'outcome',
    outcome_detail: `CASE WHEN outcome = 'returned_home' THEN outcome_detail END`,
    source_file: sql`${fileName}`.text,
    source_row: '__row',
  };
  return raw(CASE_COLUMNS.map(([name]) => values[name]).join(', '));
}

function labelColumns(staged: StagedRef, m: CaseMapping): LabelColumn[] {
  const out: LabelColumn[] = [];
  const add = (f: CaseField, vocabulary: LabelColumn['vocabulary']) => {
    const i = m[f];
    if (i !== undefined) out.push({ column: staged.headers[i] ?? f, sourceColumn: `c${i}`, vocabulary });
  };
  add('channel', 'channel');
  add('groups', 'groups');
  for (const g of GROUPS) add(`group_${g}`, 'yesno');
  add('sex', 'sex');
  add('age_band', 'age_band');
  add('poverty_registered', 'yesno');
  add('identity_status', 'identity_status');
  add('outcome', 'outcome');
  return out;
}

/**
 * Staged rows → `cases`. Run it inside the caller's transaction: it writes `cases` and `import_rejects`
 * and leaves nothing else behind. Rules in docs/data-contract.md; counts in the returned result.
 */
export async function canonicalizeCases(
  db: DbConnector,
  staged: StagedRef,
  mapping: CaseMapping,
  opts: CaseImportOptions = {},
): Promise<CanonicalizeResult> {
  const { fileName, headers } = staged;
  await beginCanonicalize(db, 'cases', staged, mapping, CREATE_CASES);
  const prepName = `${staged.table}__cases`;
  const prep = ident(prepName);
  const source = groupsSource(staged.table, mapping);
  const labels = labelColumns(staged, mapping);
  const origins = ident(`${staged.table}__origins`);
  try {
    await db.exec(
      sql`CREATE OR REPLACE TEMP TABLE ${prep} AS ${statusSql(
        sql`(SELECT ${prepColumns(mapping, opts, source.groups, labels)} FROM ${source.from})`,
        opts.dateRange ?? defaultDateRange(),
      )}`.text,
    );
    await db.exec(
      sql`INSERT INTO import_rejects SELECT ${fileName}, __row,
        CASE reject WHEN 'reject.missingCaseId' THEN ${headerSql(headers, mapping.case_id)}
          ELSE ${headerSql(headers, mapping.found_at)} END,
        reject, CASE reject WHEN 'reject.missingCaseId' THEN case_id ELSE found_raw END
      FROM ${prep} WHERE status = 'rejected' ORDER BY __row`.text,
    );
    await resolveOriginTexts(db, prep, origins, LOADED, opts.resolveOrigin);
    await db.exec(
      sql`INSERT INTO cases SELECT ${caseValues(fileName)}
      FROM (${raw(withWgs84Sql(prep.text))}) LEFT JOIN ${origins} USING (origin_text) WHERE ${LOADED}`.text,
    );

    const { counts, extra: c } = await countRun(db, fileName, prep, [
      sql`count(*) FILTER (${LOADED} AND exit_in < found_at) AS exit_before`,
      sql`count(*) FILTER (${LOADED} AND exit_raw IS NOT NULL AND exit_in IS NULL) AS bad_exit`,
    ]);
    const warnings: ImportMessage[] = [];
    if (c.exit_before) warnings.push({ key: 'warning.exitBeforeFound', params: { file: fileName, n: c.exit_before } });
    if (c.bad_exit) warnings.push({ key: 'warning.badExitAt', params: { file: fileName, n: c.bad_exit } });
    const unmappedLabels = await findUnmappedLabels(db, prepName, labels, LOADED);
    unmappedLabels.push(...(await findLoadedCrsLabels(db, staged, mapping.crs, prep)));
    return {
      ...counts,
      ...(await countCoordinates(db, prep, LOADED)),
      unmappedLabels,
      warnings,
    };
  } finally {
    await dropQuietly(db, [prep, origins]);
  }
}
