import { buildEpisodeLinksSql, exitToHomeSql, linkableSql, updateLinksSql } from '../analytics/episode-links';
import type { DbConnector } from '../db/connector';
import { buildPointDistrictSql, type DistrictBoundaries } from '../geo/district-sql';
import { CASE_COLUMNS, EXIT_TO_HOME_OUTCOMES, type CaseColumn } from '../schema';
import { ident, joinSql, raw, sql, type SqlFragment } from '../sql/sql';
import { GROUPS_LOOKUP, groupsJoinSql, lookupName, ORIGINS_LOOKUP } from './case-lookups';
import type { LabelInput } from './case-prep-sql';
import type { VocabularyName } from './vocabularies';

/**
 * The loaded prep rows → `cases`, in one INSERT … SELECT that joins the small lookups (labels, origins,
 * districts) and the episode links of the file's persons; then the links of the persons' earlier episodes
 * that the new ones changed.
 */
const PERSONS = ident('__case_persons');
const EPISODES = ident('__case_eps');
const LINKS = ident('__case_links');
const ROW_DISTRICT = ident('__row_district');
const DISTRICT_NORM = ident('__district_norm');
/** (__row, polygon, recorded): the district of each loaded row from its position, and the file's own, named as the boundaries name it. */
export const CASE_DISTRICTS = ident('__case_districts');
export const DISTRICT_TABLES: readonly SqlFragment[] = [
  ROW_DISTRICT,
  DISTRICT_NORM,
  CASE_DISTRICTS,
  PERSONS,
  EPISODES,
  LINKS,
];

const PERSON_KEY = raw(`coalesce(person_id, 'case:' || case_id)`);
const EXIT_OUTCOMES = joinSql(EXIT_TO_HOME_OUTCOMES.map((v) => sql`${v}`));

/**
 * The district polygon of every loaded row with a position, and the file's district text named the way the
 * boundaries name it where it is one of them ('朝阳', '朝阳区', '110105' → 朝阳区; anything else as written).
 */
export async function locateDistricts(db: DbConnector, loaded: SqlFragment, b: DistrictBoundaries): Promise<void> {
  const points = sql`(SELECT __row AS k, wgs_lon AS x, wgs_lat AS y FROM ${loaded} WHERE wgs_lon IS NOT NULL)`;
  await db.exec(sql`CREATE OR REPLACE TEMP TABLE ${ROW_DISTRICT} AS ${buildPointDistrictSql(points, b)}`.text);
  await db.exec(
    sql`CREATE OR REPLACE TEMP TABLE ${DISTRICT_NORM} AS
      SELECT r.raw, coalesce(a.name, c.name, s.name, r.raw) AS name
      FROM (SELECT DISTINCT district_recorded AS raw FROM ${loaded} WHERE district_recorded IS NOT NULL) r
      LEFT JOIN __district_names a ON a.name = r.raw LEFT JOIN __district_names c ON c.code = r.raw
      LEFT JOIN __district_names s ON s.short = r.raw`.text,
  );
  await db.exec(
    sql`CREATE OR REPLACE TEMP TABLE ${CASE_DISTRICTS} AS
      SELECT l.__row, n.name AS polygon, dn.name AS recorded FROM ${loaded} l
      LEFT JOIN ${ROW_DISTRICT} r ON r.k = l.__row LEFT JOIN __district_names n ON n.id = r.district_id
      LEFT JOIN ${DISTRICT_NORM} dn ON dn.raw = l.district_recorded
      WHERE r.k IS NOT NULL OR l.district_recorded IS NOT NULL`.text,
  );
}

function ageBandSql(age: string): string {
  return `(CASE WHEN ${age} IS NULL OR ${age} < 0 OR ${age} > 120 THEN NULL WHEN ${age} < 18 THEN '0-17'
    WHEN ${age} < 60 THEN '18-59' ELSE '60+' END)`;
}

/** Person numbers of the loaded rows' persons: the number a person already has, or the next free one. */
async function numberPersons(db: DbConnector, loaded: SqlFragment): Promise<void> {
  await db.exec(
    sql`CREATE OR REPLACE TEMP TABLE ${PERSONS} AS
      WITH keys AS (SELECT DISTINCT ${PERSON_KEY} AS person_key FROM ${loaded}),
      known AS (SELECT c.person_key, min(c.person_no) AS person_no FROM cases c
        SEMI JOIN keys k ON c.person_key = k.person_key GROUP BY ALL)
      SELECT k.person_key, known.person_no AS old_no,
        coalesce(known.person_no, CAST((SELECT coalesce(max(person_no), 0) FROM cases)
          + row_number() OVER (PARTITION BY known.person_no IS NULL) AS INTEGER)) AS person_no
      FROM keys k LEFT JOIN known USING (person_key)`.text,
  );
}

/**
 * Links of the new rows (k = −__row) and of the persons' earlier episodes (k = rowid), computed together
 * over every episode of those persons.
 */
async function computeLinks(db: DbConnector, loaded: SqlFragment, labels: readonly LabelInput[]): Promise<void> {
  const outcome = labels.find((l) => l.vocabulary === 'outcome');
  const outcomeJoin = outcome ? sql`LEFT JOIN ${lookupName(outcome)} o ON o.raw = l.${ident(outcome.name)}` : raw('');
  await db.exec(
    sql`CREATE OR REPLACE TEMP TABLE ${EPISODES} AS
      SELECT -CAST(l.__row AS BIGINT) AS k, p.person_no, l.case_id, l.found_at,
        CASE WHEN l.exit_in >= l.found_at THEN l.exit_in END AS exit_at,
        ${outcome ? sql`coalesce(o.code IN (${EXIT_OUTCOMES}), FALSE)` : raw('FALSE')} AS is_exit,
        l.person_id IS NOT NULL AS linkable
      FROM ${loaded} l JOIN ${PERSONS} p ON p.person_key = ${raw(`coalesce(l.person_id, 'case:' || l.case_id)`)}
      ${outcomeJoin}
      UNION ALL
      SELECT c.rowid, c.person_no, c.case_id, c.found_at, c.exit_at, ${exitToHomeSql('c')}, ${linkableSql('c')}
      FROM cases c SEMI JOIN (SELECT old_no FROM ${PERSONS} WHERE old_no IS NOT NULL) o ON c.person_no = o.old_no`.text,
  );
  await db.exec(sql`CREATE OR REPLACE TEMP TABLE ${LINKS} AS ${buildEpisodeLinksSql(EPISODES)}`.text);
}

function labelCode(labels: readonly LabelInput[], vocabulary: VocabularyName): string {
  const l = labels.find((x) => x.vocabulary === vocabulary && x.group === undefined);
  return l ? `${lookupName(l).text}.code` : 'NULL';
}

/** How a returned_home episode went home, from the outcome label's lookup; NULL for any other outcome. */
function outcomeDetail(labels: readonly LabelInput[]): string {
  const l = labels.find((x) => x.vocabulary === 'outcome');
  if (!l) return 'NULL';
  const lookup = lookupName(l).text;
  return `CASE WHEN ${lookup}.code = 'returned_home' THEN ${lookup}.detail END`;
}

function caseValues(fileName: string, labels: readonly LabelInput[], districts: boolean): SqlFragment {
  const originCode = `coalesce(p.origin_code_in, ${ORIGINS_LOOKUP.text}.resolved_code)`;
  const o = ORIGINS_LOOKUP.text;
  const hasGroups = labels.some((l) => l.vocabulary === 'groups' || l.group !== undefined);
  const values: Record<CaseColumn, string> = {
    case_id: 'p.case_id',
    person_id: 'p.person_id',
    person_key: `coalesce(p.person_id, 'case:' || p.case_id)`,
    found_at: 'p.found_at',
    exit_at: 'CASE WHEN p.exit_in >= p.found_at THEN p.exit_in END',
    lon: 'p.wgs_lon',
    lat: 'p.wgs_lat',
    found_place: 'p.found_place',
    found_district: districts ? 'coalesce(d.polygon, d.recorded)' : 'p.district_recorded',
    found_street: 'p.found_street',
    channel: labelCode(labels, 'channel'),
    groups: hasGroups ? `coalesce(${GROUPS_LOOKUP.text}.mapped, [])` : '[]',
    sex: labelCode(labels, 'sex'),
    age_band: `coalesce(nullif(${labelCode(labels, 'age_band')}, 'unknown'), ${ageBandSql('p.age_in')},
      ${ageBandSql('year(p.found_at) - p.birth_year_in')}, 'unknown')`,
    origin_code: originCode,
    origin_text: 'p.origin_text',
    poverty_registered: labelCode(labels, 'yesno'),
    // A mapped identity column wins; else 查无身份/身份不明 in the origin means unknown, any other origin known.
    identity_status: `coalesce(${labelCode(labels, 'identity_status')}, CASE WHEN ${o}.no_identity THEN 'unknown'
      WHEN ${originCode} IS NOT NULL OR NOT ${o}.unknown_origin THEN 'known' END)`,
    station: 'p.station',
    outcome: labelCode(labels, 'outcome'),
    outcome_detail: outcomeDetail(labels),
    source_file: sql`${fileName}`.text,
    source_row: 'p.__row',
    found_district_recorded: 'p.district_recorded',
    person_no: 'lk.person_no',
    episode_no: 'lk.episode_no',
    prev_found_at: 'lk.prev_found_at',
    prev2_found_at: 'lk.prev2_found_at',
    next_found_at: 'lk.next_found_at',
    prev_exit_at: 'lk.prev_exit_at',
  };
  return raw(CASE_COLUMNS.map(([name]) => values[name]).join(', '));
}

export interface InsertOptions {
  fileName: string;
  labels: readonly LabelInput[];
  /** found_district from the district lookup (locateDistricts ran) */
  districts: boolean;
}

export async function insertCaseRows(db: DbConnector, loaded: SqlFragment, o: InsertOptions): Promise<void> {
  await numberPersons(db, loaded);
  await computeLinks(db, loaded, o.labels);
  const joins = joinSql(
    [
      sql`JOIN ${LINKS} lk ON lk.k = -CAST(p.__row AS BIGINT)`,
      ...o.labels
        .filter((l) => l.vocabulary !== 'groups' && l.group === undefined)
        .map((l) => sql`LEFT JOIN ${lookupName(l)} ON ${lookupName(l)}.raw = p.${ident(l.name)}`),
      groupsJoinSql(o.labels),
      sql`LEFT JOIN ${ORIGINS_LOOKUP} ON ${ORIGINS_LOOKUP}.origin_text = p.origin_text`,
      o.districts ? sql`LEFT JOIN ${CASE_DISTRICTS} d ON d.__row = p.__row` : null,
    ],
    '\n',
  );
  const columns = joinSql(CASE_COLUMNS.map(([name]) => ident(name)));
  await db.exec(
    sql`INSERT INTO cases (${columns}) SELECT ${caseValues(o.fileName, o.labels, o.districts)}
      FROM ${loaded} p ${joins}`.text,
  );
  await db.exec(updateLinksSql(LINKS).text);
}
