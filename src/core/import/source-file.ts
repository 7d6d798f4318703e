/** What the import reads: a browser `File` fits, tests pass Node's `File` over a sample on disk. */
export interface SourceFile {
  name: string;
  size: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** A message key for the UI to translate, with the file/row/column it concerns in `params`. */
export interface ImportMessage {
  key: string;
  params?: Record<string, string | number>;
}

export class ImportError extends Error {
  constructor(readonly message_: ImportMessage) {
    super(message_.key);
    this.name = 'ImportError';
  }
}

export type StageEncoding = 'auto' | 'utf-8' | 'gb18030' | 'utf-16le';
export type StageDelimiter = 'auto' | ',' | '\t' | ';';

export interface StageProgress {
  phase: 'read' | 'decode' | 'parse';
  bytesDone: number;
  bytesTotal: number;
}

export interface StageOptions {
  /** user override; 'auto' (default) sniffs BOM, UTF-16 NUL pattern, UTF-8 validity, else GB18030 */
  encoding?: StageEncoding;
  delimiter?: StageDelimiter;
  /** XLSX: default first non-empty sheet */
  sheet?: string;
  /**
   * A well-formed CSV is not copied into the staging table: the staged file's `relation` reads it with
   * read_csv where it lies (the import reads it once, in one pass).
   */
  lazyCsv?: boolean;
  /** cancel → ImportError 'import.cancelled' */
  signal?: AbortSignal;
  onProgress?: (p: StageProgress) => void;
}

export type StagedFormat = 'csv' | 'xlsx' | 'json' | 'parquet';

export interface StagedFile {
  fileName: string;
  format: StagedFormat;
  /**
   * DuckDB table: columns c0..c{n-1} all VARCHAR (trimmed, '' → NULL) + __row INTEGER
   * (1-based data row number as the user would count data rows).
   */
  table: string;
  /** original header text, headers[i] ↔ column c{i} */
  headers: string[];
  /**
   * With `lazyCsv`: the rows as a SQL relation over the registered file (cells untrimmed, blank rows
   * included); `table` then does not exist until `materializeStaged` copies the rows into it.
   */
  relation?: string;
  /** the registered buffer `relation` reads */
  registeredPath?: string;
  /** with `relation`: copies the rows into `table` (dropping the buffer) and returns the file staged that way */
  materialize?: () => Promise<StagedFile>;
  /** with `relation`: what the byte scan saw of each column's cells */
  hints?: CellHints;
  /** data rows (with `relation`: as the byte scan counted them, blank rows included) */
  rowCount: number;
  encoding?: string;
  delimiter?: string;
  sheet?: string;
  sheets?: string[];
  /** XLSX: 1-based sheet row holding the header */
  headerRowNumber?: number;
  warnings: ImportMessage[];
}

/** Per column, from the byte scan of a CSV (see CsvStructure): which columns need trim(), which may hold IDs. */
export interface CellHints {
  spaced: boolean[];
  idLike: boolean[];
}

/** What canonicalizing a staged file needs of it; `relation` reads rows that were never copied into `table`. */
export type StagedRef = Pick<StagedFile, 'fileName' | 'table' | 'headers'> &
  Partial<Pick<StagedFile, 'relation' | 'rowCount' | 'hints'>>;

/** Files above this are refused before reading: the browser tab would not survive holding them twice. */
export const MAX_FILE_BYTES = 1.5 * 1024 ** 3;

export function throwIfAborted(signal: AbortSignal | undefined, file: string): void {
  if (signal?.aborted) throw new ImportError({ key: 'import.cancelled', params: { file } });
}
