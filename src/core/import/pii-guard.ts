import type { DbConnector } from '../db/connector';
import { ident, joinSql, raw, sql } from '../sql/sql';
import { mobileSql, residentIdSql } from './pii-sql';
import type { StagedFile } from './source-file';
import { columnName } from './stage-rows';

export interface PiiFinding {
  columnIndex: number;
  header: string;
  rule: 'header' | 'resident_id' | 'mobile';
  /** rows whose value matched the rule; for the header rule, the column's non-empty rows */
  matchedRows: number;
}

/**
 * Chinese terms match anywhere in the header (联系人电话, 监护人姓名 are personal too); the English
 * ones only as the whole header, so `place_name` or `station_phone_count` are not refused.
 * Headers are compared lower-cased with all white space removed (data-contract.md, personal data guard).
 */
const HEADER_TERMS_CONTAINED = [
  '姓名',
  '名字',
  '身份证',
  '身份证号',
  '证件号码',
  '手机',
  '电话',
  '联系电话',
  '出生日期',
  '照片',
  '人脸',
];
const HEADER_TERMS_EXACT = ['name', 'phone'];

/** "More than a few rows": at least 3 matches, or any match when the column holds fewer than 3 values. */
const MIN_MATCHED_ROWS = 3;

export function isPersonalHeader(header: string): boolean {
  const h = header.toLowerCase().replace(/\s+/gu, '');
  return HEADER_TERMS_CONTAINED.some((t) => h.includes(t)) || HEADER_TERMS_EXACT.includes(h);
}

/** Per-column counts: non-empty cells, resident ID numbers, mobile numbers. */
type ColumnCounts = (i: number) => { nonEmpty: number; ids: number; mobiles: number };

function findingsFrom(headers: readonly string[], counts: ColumnCounts): PiiFinding[] {
  const findings: PiiFinding[] = [];
  headers.forEach((header, columnIndex) => {
    const { nonEmpty, ids, mobiles } = counts(columnIndex);
    const flagged = (matched: number) => matched >= MIN_MATCHED_ROWS || (matched > 0 && nonEmpty < MIN_MATCHED_ROWS);
    if (isPersonalHeader(header)) findings.push({ columnIndex, header, rule: 'header', matchedRows: nonEmpty });
    if (flagged(ids)) findings.push({ columnIndex, header, rule: 'resident_id', matchedRows: ids });
    if (flagged(mobiles)) findings.push({ columnIndex, header, rule: 'mobile', matchedRows: mobiles });
  });
  return findings;
}

/**
 * Columns that look like personal data, one finding per column and rule, in one scan of the staged rows
 * (the staging table, or the file itself when it was not copied). Only counts leave the database: no
 * matched value is ever returned.
 */
export async function detectPersonalData(
  db: DbConnector,
  staged: Pick<StagedFile, 'headers' | 'table'> & Partial<Pick<StagedFile, 'relation' | 'hints'>>,
  today: Date = new Date(),
): Promise<PiiFinding[]> {
  const { headers } = staged;
  if (headers.length === 0) return [];
  const day = today.toISOString().slice(0, 10);
  const source = staged.relation ? raw(staged.relation) : ident(staged.table);
  const cell = (i: number) => ident(columnName(i));
  const trimmed = (i: number) => sql`nullif(trim(${cell(i)}), '')`;
  // A lazily read CSV's byte scan already knows the columns where no value can be a number.
  const idLike = (i: number) => !staged.relation || !staged.hints || staged.hints.idLike[i] === true;
  // ID and mobile numbers have at least 11 characters, all ASCII, and start with a digit or '+' once the
  // space separators trim() strips (Unicode category Zs) are gone: other cells (most cells of an export:
  // ids with letters, Chinese text, short codes) are skipped before anything is computed on them.
  const candidates = joinSql(
    headers
      .map((_, i) => i)
      .filter(idLike)
      .map((i) => {
        const first = sql`ascii(${cell(i)})`;
        const maybe = sql`strlen(${cell(i)}) >= 11 AND (${first} BETWEEN 48 AND 57 OR ${first} BETWEEN 8192 AND 8202
        OR ${first} IN (43, 32, 160, 5760, 8239, 8287, 12288))`;
        return sql`CASE WHEN ${maybe} THEN ${trimmed(i)} END AS ${ident(`t${i}`)}`;
      }),
  );
  const headerColumns = headers.map((h, i) => (isPersonalHeader(h) ? i : -1)).filter((i) => i >= 0);
  const aggregates = headers.flatMap((_, i) => {
    if (!idLike(i)) return [];
    const t = ident(`t${i}`);
    return [
      sql`count(*) FILTER (WHERE ${residentIdSql(t, day)}) AS ${ident(`id${i}`)}`,
      sql`count(*) FILTER (WHERE ${mobileSql(t)}) AS ${ident(`m${i}`)}`,
    ];
  });
  const [counts] =
    aggregates.length === 0
      ? [{}]
      : await db.query(sql`SELECT ${joinSql(aggregates)} FROM (SELECT ${candidates} FROM ${source})`.text);
  const ids = (i: number) => Number(counts?.[`id${i}`] ?? 0);
  const mobiles = (i: number) => Number(counts?.[`m${i}`] ?? 0);
  // Non-empty counts: reported for personal headers, and they decide columns with one or two matches.
  const needCount = headers
    .map((_, i) => i)
    .filter((i) => headerColumns.includes(i) || [ids(i), mobiles(i)].some((n) => n > 0 && n < MIN_MATCHED_ROWS));
  const nonEmpty = new Map<number, number>();
  if (needCount.length > 0) {
    const [n] = await db.query(
      sql`SELECT ${joinSql(needCount.map((i) => sql`count(${trimmed(i)}) AS ${ident(`n${i}`)}`))} FROM ${source}`.text,
    );
    for (const i of needCount) nonEmpty.set(i, Number(n?.[`n${i}`] ?? 0));
  }
  return findingsFrom(headers, (i) => ({ nonEmpty: nonEmpty.get(i) ?? Infinity, ids: ids(i), mobiles: mobiles(i) }));
}

/**
 * Removes columns from the staging table and renumbers the rest, so headers[i] ↔ c{i} still holds.
 */
export async function dropStagedColumns(
  db: DbConnector,
  staged: StagedFile,
  columnIndexes: number[],
): Promise<StagedFile> {
  const drop = new Set(columnIndexes);
  const keep = staged.headers.map((_, i) => i).filter((i) => !drop.has(i));
  if (keep.length === staged.headers.length) return staged;
  const select = joinSql([
    ...keep.map((from, to) => sql`${ident(columnName(from))} AS ${ident(columnName(to))}`),
    raw('__row'),
  ]);
  const t = ident(staged.table);
  await db.exec(sql`CREATE OR REPLACE TABLE ${t} AS SELECT ${select} FROM ${t} ORDER BY __row`.text);
  const dropped = staged.headers.filter((_, i) => drop.has(i));
  return {
    ...staged,
    headers: keep.map((i) => staged.headers[i] ?? ''),
    warnings: [
      ...staged.warnings,
      { key: 'import.warning.columnsDropped', params: { file: staged.fileName, columns: dropped.join('、') } },
    ],
  };
}
