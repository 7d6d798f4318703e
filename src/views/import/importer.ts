import type { MemoryFit } from '../../core/import/memory-fit';
import type { ImportProgress, ImportResult, RefusedFile } from '../../core/import/import-pipeline';
import type { SourceFile, StageEncoding } from '../../core/import/source-file';
import type { Crs } from '../../core/geo/coords';

/**
 * The import as the views see it: the shell runs it (see app/import/use-import.ts) and hands this
 * to the import dialog and the Data view.
 */
/** What the user says about the files before they are read: the datum of coordinates without a 坐标系 column. */
export interface ImportSettings {
  crsByFile: Record<string, Crs>;
  encoding: StageEncoding;
}

export interface ImportRun {
  /** files picked, waiting for the user to confirm the settings */
  pending: SourceFile[] | null;
  /** by file name, once known: whether each picked file fits in the engine's memory */
  memory?: Record<string, MemoryFit>;
  running: boolean;
  progress: ImportProgress | null;
  /** megabytes read per second so far */
  mbPerSecond: number | null;
  startedAt: number;
  result: ImportResult | null;
  error: string | null;
  /** set when the loaded data could not be kept for the next visit */
  saveError?: string | null;
  /**
   * Saving for the next visit, which runs after the report is shown: rows saved of the total, and `done`
   * when finished. The data are in use meanwhile; closing the dialog does not stop the save.
   */
  saving?: { rows: number; total: number; done: boolean } | null;
}

export interface Importer {
  state: ImportRun | null;
  /** shows the settings step for the picked files */
  start(files: SourceFile[]): void;
  confirm(settings: ImportSettings): void;
  /** goes on with a file the personal-data guard refused, without its flagged columns */
  dropAndContinue(refused: RefusedFile): void;
  canRemap(fileName: string): boolean;
  remap(fileName: string, mapping: Record<string, number>): void;
  cancel(): void;
  dismiss(): void;
}
