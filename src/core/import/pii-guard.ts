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

/**
 * Columns that look like personal data, one finding per column and rule. Only counts leave the
 * database: no matched value is ever returned.
 */
export async function detectPersonalData(
  db: DbConnector,
  staged: StagedFile,
  today: Date = new Date(),
): Promise<PiiFinding[]> {
  const day = today.toISOString().slice(0, 10);
  const aggregates = staged.headers.flatMap((_, i) => {
    const c = ident(columnName(i));
    return [
      sql`count(${c}) AS ${ident(`n${i}`)}`,
      sql`count(*) FILTER (WHERE ${residentIdSql(c, day)}) AS ${ident(`id${i}`)}`,
      sql`count(*) FILTER (WHERE ${mobileSql(c)}) AS ${ident(`m${i}`)}`,
    ];
  });
  const [counts] =
    aggregates.length === 0
      ? [{}]
      : await db.query(sql`SELECT ${joinSql(aggregates)} FROM ${ident(staged.table)}`.text);
  const findings: PiiFinding[] = [];
  staged.headers.forEach((header, columnIndex) => {
    const nonEmpty = Number(counts?.[`n${columnIndex}`] ?? 0);
    const flagged = (matched: number) => matched >= MIN_MATCHED_ROWS || (matched > 0 && nonEmpty < MIN_MATCHED_ROWS);
    if (isPersonalHeader(header)) findings.push({ columnIndex, header, rule: 'header', matchedRows: nonEmpty });
    const ids = Number(counts?.[`id${columnIndex}`] ?? 0);
    if (flagged(ids)) findings.push({ columnIndex, header, rule: 'resident_id', matchedRows: ids });
    const mobiles = Number(counts?.[`m${columnIndex}`] ?? 0);
    if (flagged(mobiles)) findings.push({ columnIndex, header, rule: 'mobile', matchedRows: mobiles });
  });
  return findings;
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
