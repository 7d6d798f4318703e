import { refreshEpisodeLinks } from '../analytics/episode-links';
import type { DbConnector } from '../db/connector';
import type { Crs } from '../geo/coords';
import type { DistrictBoundaries } from '../geo/district-sql';
import { CREATE_CASES, CREATE_PATROL_LOGS, CREATE_PATROL_POINTS } from '../schema';
import { ident, raw, sql } from '../sql/sql';
import { canonicalizeCasesGuarded, StagedRowsMismatch, type GuardedResult } from './canonicalize-cases';
import { canonicalizeGridLogs } from './canonicalize-grid-logs';
import { canonicalizePatrols } from './canonicalize-patrols';
import { canonicalizeRoutes } from './canonicalize-routes';
import type { DateRange } from './date-range';
import {
  detectTableKind,
  patrolFormOf,
  suggestCaseMapping,
  suggestPatrolMapping,
  type TableKind,
} from './header-aliases';
import { describeMapping, type CanonicalizeResult, type FileImportReport } from './import-report';
import type { OriginResolver } from './origin-codes';
import { detectPersonalData, dropStagedColumns, type PiiFinding } from './pii-guard';
import { ImportError, type ImportMessage, type SourceFile, type StagedFile, type StageOptions } from './source-file';
import { checkImportFits } from './memory-fit';
import { stageFile } from './stage-file';

export interface ImportProgress {
  fileName: string;
  fileIndex: number;
  fileCount: number;
  /** read/decode/parse while staging, then check (personal data guard) and load (canonical tables) */
  phase: 'read' | 'decode' | 'parse' | 'check' | 'load';
  bytesDone: number;
  bytesTotal: number;
  rowsDone?: number;
}

export interface ImportOptions {
  onProgress?: (p: ImportProgress) => void;
  signal?: AbortSignal;
  resolveOrigin?: OriginResolver;
  /** the bundled district polygons: each episode's district is the one its position lies in */
  districts?: DistrictBoundaries;
  /** by file name: canonical field → header index, used instead of the suggested mapping */
  mappingOverrides?: Record<string, Record<string, number>>;
  /**
   * Mappings the user saved earlier, keyed by `headerSignature(headers)`: a later export with the same
   * headers is mapped the same way without asking again.
   */
  savedMappings?: Record<string, Record<string, number>>;
  /** datum of coordinates without a crs column or cell; default WGS84 */
  defaultCrs?: Crs;
  /** by file name: the user's datum for that file, over `defaultCrs` */
  crsByFile?: Record<string, Crs>;
  defaultStation?: string;
  /** accepted found_at / recorded_at; default 2000-01-01 … now + 1 day */
  dateRange?: DateRange;
  /**
   * Delete rows loaded earlier from a file of the same name first (re-import with an edited mapping).
   * Without it the same file loaded twice adds nothing: its rows count as duplicates.
   */
  replaceExisting?: boolean;
  stageOptions?: Omit<StageOptions, 'signal' | 'onProgress'>;
}

/** A file held back by the personal data guard; its staged table is kept for `continueWithoutColumns`. */
export interface RefusedFile {
  fileName: string;
  findings: PiiFinding[];
  staged: StagedFile;
}

export interface ImportResult {
  reports: FileImportReport[];
  refused: RefusedFile[];
  errors: { fileName: string; message: ImportMessage }[];
  /** rows in `cases` after the import */
  totalEpisodes: number;
}

let stageCounter = 0;

/**
 * Imports files one after the other: stage → personal data guard → detect kind → mapping (suggested,
 * or the user's) → canonical tables in one transaction per file. A failing file rolls back alone and
 * does not stop the others; a cancelled import keeps the files already loaded.
 */
export async function importFiles(
  db: DbConnector,
  files: readonly SourceFile[],
  opts: ImportOptions = {},
): Promise<ImportResult> {
  const result: ImportResult = { reports: [], refused: [], errors: [], totalEpisodes: 0 };
  for (const [fileIndex, file] of files.entries()) {
    const fileName = file.name;
    if (opts.signal?.aborted) {
      result.errors.push({ fileName, message: { key: 'import.cancelled', params: { file: fileName } } });
      continue;
    }
    const progress = (p: Omit<ImportProgress, 'fileName' | 'fileIndex' | 'fileCount'>) =>
      opts.onProgress?.({ ...p, fileName, fileIndex, fileCount: files.length });
    let staged: StagedFile;
    try {
      const fit = await checkImportFits(db, file);
      if (!fit.fits) {
        throw new ImportError({
          key: 'import.error.tooLargeForMemory',
          params: {
            file: fileName,
            needed: Math.ceil(fit.needed / 2 ** 20),
            available: Math.floor(fit.available / 2 ** 20),
          },
        });
      }
      staged = await stageFile(db, file, `import_stage_${++stageCounter}`, {
        ...opts.stageOptions,
        lazyCsv: true,
        signal: opts.signal,
        onProgress: progress,
      });
    } catch (e) {
      result.errors.push({ fileName, message: toMessage(e, fileName) });
      continue;
    }
    await guardAndLoad(db, staged, opts, result, (phase, rowsDone) =>
      progress({ phase, bytesDone: file.size, bytesTotal: file.size, rowsDone }),
    );
  }
  result.totalEpisodes = await countEpisodes(db);
  return result;
}

/**
 * After a refusal: drops the columns the user chose (by header index) and goes on with the file. If
 * personal data remain in other columns the file is refused again.
 */
export async function continueWithoutColumns(
  db: DbConnector,
  refused: RefusedFile,
  columnIndexes: readonly number[],
  opts: ImportOptions = {},
): Promise<ImportResult> {
  const result: ImportResult = { reports: [], refused: [], errors: [], totalEpisodes: 0 };
  try {
    const staged = await dropStagedColumns(db, refused.staged, [...columnIndexes]);
    await guardAndLoad(db, staged, opts, result);
  } catch (e) {
    await dropStaging(db, refused.staged);
    result.errors.push({ fileName: refused.fileName, message: toMessage(e, refused.fileName) });
  }
  result.totalEpisodes = await countEpisodes(db);
  return result;
}

/** The user gave up on a refused file: forget its staged rows. */
export async function discardRefused(db: DbConnector, refused: RefusedFile): Promise<void> {
  await dropStaging(db, refused.staged);
}

/**
 * Personal-data guard, then the canonical tables. A case file is guarded in the same pass that parses it
 * (nothing is written when the guard finds something); other files are guarded first, on their staging table.
 */
async function guardAndLoad(
  db: DbConnector,
  staged: StagedFile,
  opts: ImportOptions,
  result: ImportResult,
  onPhase?: (phase: 'check' | 'load', rowsDone?: number) => void,
): Promise<void> {
  const { fileName } = staged;
  let current = staged;
  try {
    const override = opts.mappingOverrides?.[fileName] ?? opts.savedMappings?.[headerSignature(staged.headers)];
    const { kind, mapping } = chooseMapping(staged, override);
    if (kind !== 'cases') {
      current = await materializeStaged(current);
      onPhase?.('check');
      const findings = await detectPersonalData(db, current);
      if (findings.length > 0) {
        result.refused.push({ fileName, findings, staged: current });
        return;
      }
    }
    if (opts.signal?.aborted) throw new ImportError({ key: 'import.cancelled', params: { file: fileName } });
    onPhase?.('load');
    const loaded = await loadStaged(db, current, kind, mapping, opts).catch(async (e: unknown) => {
      if (!(e instanceof StagedRowsMismatch)) throw e;
      current = await materializeStaged(current);
      return loadStaged(db, current, kind, mapping, opts);
    });
    if (loaded.refused) {
      current = await materializeStaged(current);
      result.refused.push({ fileName, findings: loaded.refused, staged: current });
      return;
    }
    result.reports.push(loaded.report);
    onPhase?.('load', loaded.report.rowsRead);
  } catch (e) {
    result.errors.push({ fileName, message: toMessage(e, fileName) });
  }
  await dropStaging(db, current);
}

/** A lazily read CSV copied into its staging table (for the guard on its own, or for dropping columns). */
async function materializeStaged(staged: StagedFile): Promise<StagedFile> {
  return staged.relation && staged.materialize ? staged.materialize() : staged;
}

/** Identifies an export layout by its headers, in order. */
export function headerSignature(headers: readonly string[]): string {
  return headers.map((h) => h.trim()).join('\u001f');
}

function chooseMapping(
  staged: StagedFile,
  override: Record<string, number> | undefined,
): { kind: TableKind; mapping: Record<string, number> } {
  if (override) {
    const kind: TableKind =
      override.case_id !== undefined ? 'cases' : override.team_id !== undefined ? 'patrols' : 'unknown';
    return { kind, mapping: override };
  }
  const kind = detectTableKind(staged.headers);
  const suggested: Record<string, number | undefined> =
    kind === 'patrols' ? suggestPatrolMapping(staged.headers) : suggestCaseMapping(staged.headers);
  const mapping: Record<string, number> = {};
  for (const [field, i] of Object.entries(suggested)) if (i !== undefined) mapping[field] = i;
  return { kind, mapping };
}

type Loaded = { refused: PiiFinding[]; report?: undefined } | { refused: null; report: FileImportReport };

async function loadStaged(
  db: DbConnector,
  staged: StagedFile,
  kind: TableKind,
  mapping: Record<string, number>,
  opts: ImportOptions,
): Promise<Loaded> {
  const { fileName, headers } = staged;
  if (kind === 'unknown') {
    throw new ImportError({
      key: 'import.error.unknownTable',
      params: { file: fileName, headers: headers.join('、') },
    });
  }
  await db.exec('BEGIN TRANSACTION');
  let counts: CanonicalizeResult;
  try {
    const replaced = opts.replaceExisting && kind === 'cases';
    if (opts.replaceExisting) {
      for (const create of kind === 'cases' ? [CREATE_CASES] : [CREATE_PATROL_POINTS, CREATE_PATROL_LOGS]) {
        await db.exec(create);
      }
      // The persons of the replaced rows keep other episodes whose links change with the replacement.
      if (replaced) {
        await db.exec(
          sql`CREATE OR REPLACE TEMP TABLE __replaced_persons AS
            SELECT DISTINCT person_key FROM cases WHERE source_file = ${fileName}`.text,
        );
      }
      for (const table of kind === 'cases' ? ['cases'] : ['patrol_points', 'patrol_logs']) {
        await db.exec(sql`DELETE FROM ${ident(table)} WHERE source_file = ${fileName}`.text);
      }
    }
    const fileOpts = { ...opts, defaultCrs: opts.crsByFile?.[fileName] ?? opts.defaultCrs };
    if (kind === 'cases') {
      const out: GuardedResult = await canonicalizeCasesGuarded(db, staged, mapping, {
        ...fileOpts,
        personalDataDay: new Date(),
      });
      if (out.refused) {
        await db.exec('ROLLBACK');
        return { refused: out.refused };
      }
      counts = out.result;
      if (replaced) {
        await refreshEpisodeLinks(db, raw('__replaced_persons'));
        await db.exec('DROP TABLE __replaced_persons');
      }
    } else {
      const form = patrolFormOf(mapping);
      const canonicalize =
        form === 'route' ? canonicalizeRoutes : form === 'gridLog' ? canonicalizeGridLogs : canonicalizePatrols;
      counts = await canonicalize(db, staged, mapping, fileOpts);
    }
    await db.exec('COMMIT');
  } catch (e) {
    await db.exec('ROLLBACK').catch(() => undefined);
    throw e;
  }
  // Rows still held uncompressed (the last, partial row group; updated links) are compressed now.
  await db.exec('CHECKPOINT').catch(() => undefined);
  return {
    refused: null,
    report: {
      fileName,
      kind,
      format: staged.format,
      encoding: staged.encoding,
      sheet: staged.sheet,
      headerRowNumber: staged.headerRowNumber,
      headers,
      mapping,
      ...describeMapping(headers, mapping),
      ...counts,
      warnings: [...staged.warnings, ...counts.warnings],
    },
  };
}

async function dropStaging(db: DbConnector, staged: StagedFile): Promise<void> {
  await db.exec(`DROP TABLE IF EXISTS ${ident(staged.table).text}`).catch(() => undefined);
  if (staged.registeredPath) await db.dropFile(staged.registeredPath).catch(() => undefined);
}

async function countEpisodes(db: DbConnector): Promise<number> {
  await db.exec(CREATE_CASES);
  const [row] = await db.query<{ n: number }>('SELECT count(*) AS n FROM cases');
  return row?.n ?? 0;
}

function toMessage(e: unknown, file: string): ImportMessage {
  if (e instanceof ImportError) return e.message_;
  return { key: 'import.error.failed', params: { file, detail: e instanceof Error ? e.message : String(e) } };
}
