import type { DbConnector } from '../db/connector';
import type { Crs } from '../geo/coords';
import { DISTRICT_LOOKUP_TABLES, installDistrictBoundaries, type DistrictBoundaries } from '../geo/district-sql';
import { CREATE_CASES } from '../schema';
import { ident, raw, sql } from '../sql/sql';
import { insertCaseRows, DISTRICT_TABLES, locateDistricts } from './case-insert';
import { buildLabelLookups, buildOriginLookup, listUnmappedLabels, lookupTables } from './case-lookups';
import { buildCasePrepSql, caseRowsSql, completeTimestampsSql, listLabelInputs } from './case-prep-sql';
import { beginCanonicalize } from './canonicalize-steps';
import { defaultDateRange, type DateRange } from './date-range';
import type { CaseMapping } from './header-aliases';
import type { CanonicalizeResult } from './import-report';
import { countRejectReasons } from './import-rejects';
import { dropQuietly, headerSql } from './mapped-columns';
import type { OriginResolver } from './origin-codes';
import { detectPersonalData, type PiiFinding } from './pii-guard';
import type { ImportMessage, StagedRef } from './source-file';
import type { UnmappedLabel } from './vocabularies';

export interface CaseImportOptions {
  /** datum of coordinates when the file has no crs column or a cell is empty (the user's choice) */
  defaultCrs?: Crs;
  /** station for every row when the file has no station column */
  defaultStation?: string;
  /** accepted found_at; default 2000-01-01 … now + 1 day */
  dateRange?: DateRange;
  /** origin text → GB/T 2260 code (src/core/geo/origin-resolver.ts); called once with the distinct texts */
  resolveOrigin?: OriginResolver;
  /** the district polygons (public/geo): found_district comes from the coordinates where they lie inside */
  districts?: DistrictBoundaries;
  /** check every column for personal data first; refuse the file (nothing written) on a finding */
  personalDataDay?: Date;
}

export type GuardedResult = { refused: PiiFinding[] } | { refused: null; result: CanonicalizeResult };

/** Thrown when a lazily read file gave another number of rows than the byte scan: stage it by copying. */
export class StagedRowsMismatch extends Error {
  constructor() {
    super('the staged rows differ from the scan');
  }
}

const PREP = ident('__case_prep');
/** The prep rows with their reasons for rejection (caseRowsSql). */
const ROWS = ident('__case_rows');
const DUP = ident('__case_dup');
/** The prep rows that go into `cases`: not blank, not rejected, not a duplicate. */
const LOADED = ident('__case_loaded');

/**
 * Staged rows → `cases` (rules in docs/data-contract.md and docs/data-formats.md). Run it inside the caller's
 * transaction: it writes `cases` and `import_rejects` and leaves nothing else behind.
 */
export async function canonicalizeCases(
  db: DbConnector,
  staged: StagedRef,
  mapping: CaseMapping,
  opts: CaseImportOptions = {},
): Promise<CanonicalizeResult> {
  const out = await canonicalizeCasesGuarded(db, staged, mapping, { ...opts, personalDataDay: undefined });
  if (out.refused) throw new Error('unexpected personal-data refusal');
  return out.result;
}

/**
 * As canonicalizeCases, with the personal-data guard first when `personalDataDay` is set: a file with
 * findings writes nothing and returns them.
 */
export async function canonicalizeCasesGuarded(
  db: DbConnector,
  staged: StagedRef,
  mapping: CaseMapping,
  opts: CaseImportOptions,
): Promise<GuardedResult> {
  const { fileName, headers } = staged;
  await beginCanonicalize(db, 'cases', staged, mapping, CREATE_CASES);
  const labels = listLabelInputs(headers, mapping);
  const source = staged.relation ? raw(staged.relation) : ident(staged.table);
  const work = [PREP, DUP, ...lookupTables(labels), ...DISTRICT_TABLES, ...DISTRICT_LOOKUP_TABLES.map((t) => ident(t))];
  try {
    if (opts.personalDataDay) {
      const findings = await detectPersonalData(db, staged, opts.personalDataDay);
      if (findings.length > 0) return { refused: findings };
    }
    const prep = buildCasePrepSql(
      source,
      headers,
      mapping,
      labels,
      {
        defaultCrs: opts.defaultCrs,
        defaultStation: opts.defaultStation,
        dateRange: opts.dateRange ?? defaultDateRange(),
      },
      staged.relation ? staged.hints : undefined,
    );
    await db.exec(sql`CREATE OR REPLACE TEMP TABLE ${PREP} AS ${prep}`.text);
    for (const update of completeTimestampsSql(PREP)) await db.exec(update.text);
    await db.exec(
      sql`CREATE OR REPLACE TEMP VIEW ${ROWS} AS ${caseRowsSql(PREP, opts.dateRange ?? defaultDateRange())}`.text,
    );
    const [t] = await db.query<Record<string, number>>(
      sql`SELECT count(*) AS rows, count(*) FILTER (__blank) AS blank,
        count(*) FILTER (NOT __blank AND reject IS NULL) AS candidates,
        count(DISTINCT case_id) FILTER (NOT __blank AND reject IS NULL) AS distinct_ids FROM ${ROWS}`.text,
    );
    if (staged.relation && staged.rowCount !== undefined && Number(t?.rows) !== staged.rowCount) {
      throw new StagedRowsMismatch();
    }
    const duplicates = await markDuplicates(db, Number(t?.candidates) !== Number(t?.distinct_ids));
    const notDuplicate =
      duplicates > 0 ? sql`AND NOT EXISTS (SELECT 1 FROM ${DUP} d WHERE d.__row = p.__row)` : raw('');
    await db.exec(
      sql`CREATE OR REPLACE TEMP VIEW ${LOADED} AS
        SELECT * FROM ${ROWS} p WHERE NOT __blank AND reject IS NULL ${notDuplicate}`.text,
    );
    await insertRejects(db, staged, mapping);
    await buildLabelLookups(db, LOADED, labels);
    await buildOriginLookup(db, LOADED, opts.resolveOrigin);
    if (opts.districts) {
      await installDistrictBoundaries(db, opts.districts);
      await locateDistricts(db, LOADED, opts.districts);
    }
    await insertCaseRows(db, LOADED, { fileName, labels, districts: opts.districts !== undefined });
    const blankRows = Number(t?.blank ?? 0);
    return { refused: null, result: await summarize(db, staged, mapping, labels, blankRows, opts) };
  } finally {
    await db.exec(sql`DROP VIEW IF EXISTS ${LOADED}`.text).catch(() => undefined);
    await db.exec(sql`DROP VIEW IF EXISTS ${ROWS}`.text).catch(() => undefined);
    await dropQuietly(db, work);
  }
}

/**
 * Rows whose case_id is already loaded (one semi-join, the new ids as its build side), and repeats of a
 * case_id within the file after its first row (looked for only when the file has some).
 */
async function markDuplicates(db: DbConnector, repeatsInFile: boolean): Promise<number> {
  const candidates = sql`(SELECT __row, case_id FROM ${ROWS} WHERE NOT __blank AND reject IS NULL)`;
  const repeats = repeatsInFile
    ? sql`UNION SELECT __row FROM (SELECT __row, row_number() OVER (PARTITION BY case_id ORDER BY __row) AS k
        FROM ${candidates}) WHERE k > 1`
    : raw('');
  await db.exec(
    sql`CREATE OR REPLACE TEMP TABLE ${DUP} AS
      SELECT p.__row FROM ${candidates} p
      SEMI JOIN (SELECT c.case_id FROM cases c SEMI JOIN ${candidates} n ON c.case_id = n.case_id) e
        ON e.case_id = p.case_id
      ${repeats}`.text,
  );
  const [d] = await db.query<{ n: number }>(sql`SELECT count(*) AS n FROM ${DUP}`.text);
  return Number(d?.n ?? 0);
}

async function insertRejects(db: DbConnector, staged: StagedRef, mapping: CaseMapping): Promise<void> {
  await db.exec(
    sql`INSERT INTO import_rejects SELECT ${staged.fileName}, __row,
      CASE reject WHEN 'reject.missingCaseId' THEN ${headerSql(staged.headers, mapping.case_id)}
        ELSE ${headerSql(staged.headers, mapping.found_at)} END,
      reject, reject_raw
    FROM ${ROWS} WHERE reject IS NOT NULL ORDER BY __row`.text,
  );
}

async function summarize(
  db: DbConnector,
  staged: StagedRef,
  mapping: CaseMapping,
  labels: ReturnType<typeof listLabelInputs>,
  blankRows: number,
  opts: CaseImportOptions,
): Promise<CanonicalizeResult> {
  const { fileName } = staged;
  const [c] = await db.query<Record<string, number>>(
    sql`SELECT count(*) FILTER (NOT __blank) AS read, count(*) FILTER (reject IS NOT NULL) AS rejected
      FROM ${ROWS}`.text,
  );
  const byCrs = await db.query<{ crs: Crs; mappable: boolean; n: number; exit_before: number; bad_exit: number }>(
    sql`SELECT crs, mappable, count(*) AS n, count(*) FILTER (exit_in < found_at) AS exit_before,
      count(*) FILTER (exit_given AND exit_in IS NULL) AS bad_exit FROM ${LOADED} GROUP BY ALL ORDER BY ALL`.text,
  );
  const coordinatesConverted: Partial<Record<Crs, number>> = {};
  let loaded = 0;
  let unmappable = 0;
  let exitBefore = 0;
  let badExit = 0;
  for (const r of byCrs) {
    loaded += Number(r.n);
    exitBefore += Number(r.exit_before);
    badExit += Number(r.bad_exit);
    if (r.mappable) coordinatesConverted[r.crs] = (coordinatesConverted[r.crs] ?? 0) + Number(r.n);
    else unmappable += Number(r.n);
  }
  const read = Number(c?.read ?? 0);
  const rejected = Number(c?.rejected ?? 0);
  const warnings: ImportMessage[] = [];
  if (blankRows > 0)
    warnings.push({ key: 'import.warning.blankRowsSkipped', params: { file: fileName, rows: blankRows } });
  if (exitBefore) warnings.push({ key: 'warning.exitBeforeFound', params: { file: fileName, n: exitBefore } });
  if (badExit) warnings.push({ key: 'warning.badExitAt', params: { file: fileName, n: badExit } });
  const unmappedLabels: UnmappedLabel[] = await listUnmappedLabels(db, labels);
  if (mapping.crs !== undefined) {
    const rows = await db.query<{ label: string; n: number }>(
      sql`SELECT crs_unknown AS label, count(*) AS n FROM ${LOADED} WHERE crs_unknown IS NOT NULL
        GROUP BY 1 ORDER BY n DESC, label`.text,
    );
    const column = staged.headers[mapping.crs] ?? 'crs';
    for (const r of rows) unmappedLabels.push({ column, label: r.label, count: Number(r.n) });
  }
  return {
    rowsRead: read,
    rowsLoaded: loaded,
    rowsRejected: rejected,
    rejectReasons: await countRejectReasons(db, fileName),
    duplicatesSkipped: read - rejected - loaded,
    coordinatesConverted,
    coordinatesUnmappable: unmappable,
    unmappedLabels,
    warnings,
    ...(opts.districts ? await countDistricts(db) : {}),
  };
}

async function countDistricts(db: DbConnector): Promise<Pick<CanonicalizeResult, 'districts'>> {
  const [d] = await db.query<{ located: number; disagree: number; recorded_only: number }>(
    `SELECT count(*) FILTER (polygon IS NOT NULL) AS located,
      count(*) FILTER (polygon IS NOT NULL AND recorded IS NOT NULL AND recorded <> polygon) AS disagree,
      count(*) FILTER (polygon IS NULL AND recorded IS NOT NULL) AS recorded_only
    FROM __case_districts`,
  );
  return {
    districts: {
      fromCoordinates: Number(d?.located ?? 0),
      fromFile: Number(d?.recorded_only ?? 0),
      disagreements: Number(d?.disagree ?? 0),
    },
  };
}
