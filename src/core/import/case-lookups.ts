import type { DbConnector } from '../db/connector';
import { ident, joinSql, raw, sql, type SqlFragment } from '../sql/sql';
import type { LabelInput } from './case-prep-sql';
import type { OriginResolver } from './origin-codes';
import {
  groupTokensSql,
  mapGroupsSql,
  mapLabelSql,
  mapYesNoSql,
  type UnmappedLabel,
  type VocabularyName,
} from './vocabularies';

/**
 * Labels, groups and origin texts repeat across rows: they are counted once per distinct value over the
 * loaded rows (one scan for all label columns), mapped to codes in these small tables, and joined back when
 * the rows are written. The counts also give the report's unmapped labels.
 */

/** Temp table of the label counts: one row per distinct value of each label column, flags g0… = grouping(). */
const COUNTS = ident('__label_counts');

export function lookupName(l: LabelInput): SqlFragment {
  return ident(`__lk_${l.name}`);
}

export const GROUPS_LOOKUP = ident('__lk_groups');

function groupInputs(labels: readonly LabelInput[]): LabelInput[] {
  return labels.filter((l) => l.vocabulary === 'groups' || l.group !== undefined);
}

/**
 * Counts every label column's distinct values among `loaded` (one pass, GROUPING SETS) and builds one lookup
 * (raw → code) per single-valued label column and one for the groups (a row's groups cell and yes/no
 * group columns together → the sorted list of group codes).
 */
export async function buildLabelLookups(db: DbConnector, loaded: SqlFragment, labels: readonly LabelInput[]) {
  if (labels.length === 0) return;
  const groups = groupInputs(labels);
  // One GROUP BY a column (each reads one low-cardinality column: cheaper than GROUPING SETS over all).
  const parts = labels.map((l, k) => {
    const others = labels.map((o, j) => (j === k ? ident(o.name) : sql`CAST(NULL AS VARCHAR) AS ${ident(o.name)}`));
    const flags = labels.map((_, j) => sql`${j === k ? 0 : 1} AS ${ident(`g${j}`)}`);
    return sql`SELECT ${joinSql([...others, ...flags])}, count(*) AS n FROM ${loaded} GROUP BY ${ident(l.name)}`;
  });
  if (groups.length > 1) {
    const cols = labels.map((o) =>
      groups.includes(o) ? ident(o.name) : sql`CAST(NULL AS VARCHAR) AS ${ident(o.name)}`,
    );
    const flags = labels.map((o, j) => sql`${groups.includes(o) ? 0 : 1} AS ${ident(`g${j}`)}`);
    parts.push(
      sql`SELECT ${joinSql([...cols, ...flags])}, count(*) AS n FROM ${loaded}
        GROUP BY ${joinSql(groups.map((g) => ident(g.name)))}`,
    );
  }
  await db.exec(sql`CREATE OR REPLACE TEMP TABLE ${COUNTS} AS ${joinSql(parts, ' UNION ALL ')}`.text);
  for (const [k, l] of labels.entries()) {
    if (l.vocabulary === 'groups' || l.group !== undefined) continue;
    const v = ident(l.name);
    const code = l.vocabulary === 'yesno' ? mapYesNoSql(v) : mapLabelSql(l.vocabulary, v);
    // An outcome label also says how a person went home (送返 / 购票返乡 …): the monthly report's detail.
    const detail = l.vocabulary === 'outcome' ? sql`, ${mapLabelSql('outcome_detail', v)} AS detail` : raw('');
    await db.exec(
      sql`CREATE OR REPLACE TEMP TABLE ${lookupName(l)} AS SELECT ${v} AS raw, ${code} AS code${detail}
        FROM ${COUNTS} WHERE ${ident(`g${k}`)} = 0 AND ${v} IS NOT NULL`.text,
    );
  }
  if (groups.length > 0) {
    const onlySet =
      groups.length > 1
        ? joinSql(
            labels.map((l, k) => sql`${ident(`g${k}`)} = ${groups.includes(l) ? 0 : 1}`),
            ' AND ',
          )
        : sql`${ident(`g${labels.indexOf(groups[0]!)}`)} = 0`;
    const list = groups.find((g) => g.vocabulary === 'groups');
    const mapped = mapGroupsSql(
      list ? ident(list.name) : null,
      groups.filter((g) => g.group !== undefined).map((g) => ({ group: g.group!, expr: ident(g.name) })),
    );
    await db.exec(
      sql`CREATE OR REPLACE TEMP TABLE ${GROUPS_LOOKUP} AS SELECT ${joinSql(groups.map((g) => ident(g.name)))},
        ${mapped} AS mapped FROM ${COUNTS} WHERE ${onlySet}`.text,
    );
  }
}

/** The join of the groups lookup onto prep rows aliased `p` (NULL-safe on every input). */
export function groupsJoinSql(labels: readonly LabelInput[]): SqlFragment {
  const groups = groupInputs(labels);
  if (groups.length === 0) return raw('');
  const on = groups.map((g) => sql`${GROUPS_LOOKUP}.${ident(g.name)} IS NOT DISTINCT FROM p.${ident(g.name)}`);
  return sql`LEFT JOIN ${GROUPS_LOOKUP} ON ${joinSql(on, ' AND ')}`;
}

/**
 * Distinct non-empty labels of the loaded rows that no vocabulary entry matched, with their row counts,
 * per column in the order of `labels` (a multi-group cell counts each unknown token once).
 */
export async function listUnmappedLabels(db: DbConnector, labels: readonly LabelInput[]): Promise<UnmappedLabel[]> {
  const out: UnmappedLabel[] = [];
  for (const [k, l] of labels.entries()) {
    const v = ident(l.name);
    const cells = sql`SELECT ${v} AS cell, n FROM ${COUNTS} WHERE ${ident(`g${k}`)} = 0 AND ${v} IS NOT NULL`;
    const unknown = (expr: SqlFragment, vocabulary: VocabularyName) =>
      sql`${mapLabelSql(vocabulary, expr, { fallback: false })} IS NULL`;
    const query =
      l.vocabulary === 'groups'
        ? sql`SELECT t AS label, sum(n)::BIGINT AS n FROM (
             SELECT DISTINCT cell, n, unnest(${groupTokensSql(raw('cell'))}) AS t FROM (${cells})
           ) WHERE ${unknown(raw('t'), 'groups')} GROUP BY t`
        : sql`SELECT cell AS label, n FROM (${cells}) WHERE ${unknown(raw('cell'), l.vocabulary)}`;
    const rows = await db.query<{ label: string; n: number }>(`${query.text} ORDER BY n DESC, label`);
    for (const r of rows) out.push({ column: l.header, label: r.label, count: Number(r.n) });
  }
  return out;
}

/** Origin text that says the origin is not known; 查无身份/身份不明 also say the identity is not. */
const UNKNOWN_ORIGIN = '(查无身份.*|身份不明.*|不详|未知|不明|无|暂无|待核实|待查)';
const NO_IDENTITY = '(查无身份|身份不明).*';
export const ORIGINS_LOOKUP = ident('__origins');
const CHUNK = 1000;

/**
 * One row per distinct origin text of the loaded rows: the resolver's GB/T 2260 code (asked once per text
 * that some row needs, i.e. has no valid code of its own, and that names a place), and whether the text
 * says the identity is unknown (`no_identity`) or names no origin (`unknown_origin`).
 */
export async function buildOriginLookup(
  db: DbConnector,
  loaded: SqlFragment,
  resolve: OriginResolver | undefined,
): Promise<void> {
  await db.exec(
    sql`CREATE OR REPLACE TEMP TABLE ${ORIGINS_LOOKUP} AS SELECT origin_text,
        CAST(NULL AS VARCHAR) AS resolved_code,
        regexp_full_match(origin_text, ${NO_IDENTITY}) AS no_identity,
        regexp_full_match(origin_text, ${UNKNOWN_ORIGIN}) AS unknown_origin,
        needs_code
      FROM (SELECT origin_text, bool_or(origin_code_in IS NULL) AS needs_code FROM ${loaded}
        WHERE origin_text IS NOT NULL GROUP BY ALL)`.text,
  );
  if (!resolve) return;
  const rows = await db.query<{ t: string }>(
    sql`SELECT origin_text AS t FROM ${ORIGINS_LOOKUP} WHERE needs_code AND NOT unknown_origin ORDER BY 1`.text,
  );
  if (rows.length === 0) return;
  const resolved = resolve(rows.map((r) => r.t));
  const pairs = rows
    .map((r) => [r.t, resolved.get(r.t) ?? null] as const)
    .filter((p): p is readonly [string, string] => p[1] !== null && /^\d{6}$/.test(p[1]));
  if (pairs.length === 0) return;
  await db.exec('CREATE OR REPLACE TEMP TABLE __origin_codes (origin_text VARCHAR, code VARCHAR)');
  for (let i = 0; i < pairs.length; i += CHUNK) {
    const values = joinSql(pairs.slice(i, i + CHUNK).map(([t, code]) => sql`(${t}, ${code})`));
    await db.exec(sql`INSERT INTO __origin_codes VALUES ${values}`.text);
  }
  await db.exec(
    sql`UPDATE ${ORIGINS_LOOKUP} SET resolved_code = r.code FROM __origin_codes r
      WHERE ${ORIGINS_LOOKUP}.origin_text = r.origin_text`.text,
  );
  await db.exec('DROP TABLE __origin_codes');
}

/** Every lookup table this module creates, for the caller's clean-up. */
export function lookupTables(labels: readonly LabelInput[]): SqlFragment[] {
  return [COUNTS, GROUPS_LOOKUP, ORIGINS_LOOKUP, ...labels.map(lookupName)];
}
