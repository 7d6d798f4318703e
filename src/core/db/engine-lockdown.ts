import { sql } from '../sql/sql';

/**
 * The one directory the engine may read. The app's imports register their file buffers under it
 * (`registeredFilePath`); anything else, a URL (http, https, s3), a path of the host or a path with `..`,
 * is refused by the engine, whatever the SQL says.
 */
export const REGISTERED_FILES_DIR = 'registered/';

/** The SQL-readable name of a buffer registered with `DbConnector.registerFileBuffer`. */
export function registeredFilePath(name: string): string {
  if (name.includes('/') || name.includes('\\') || name.includes('..')) throw new Error(`bad file name: ${name}`);
  return `${REGISTERED_FILES_DIR}${name}`;
}

/** Connectors refuse to register a buffer the locked engine could not read. */
export function assertRegisteredPath(path: string): void {
  if (!path.startsWith(REGISTERED_FILES_DIR)) {
    throw new Error(`${path}: the engine reads only files registered under ${REGISTERED_FILES_DIR}`);
  }
}

/** Options the engine is opened with (the same in the app's worker and in the Node tests). */
export const ENGINE_OPEN_CONFIG = { query: { castBigIntToDouble: false }, allowUnsignedExtensions: false } as const;

/**
 * Run once at start-up, before any other statement. Order matters: `allowed_directories` can only be set
 * while external access is still on, and nothing can be changed once the configuration is locked, so no
 * later query, `SET`, `RESET` or `PRAGMA` can turn external access or extensions back on
 * (https://duckdb.org/docs/stable/operations_manual/securing_duckdb/overview).
 */
export const LOCKDOWN_STATEMENTS: readonly string[] = [
  // Extensions would be fetched from the internet; a government intranet has none.
  'SET autoinstall_known_extensions = false',
  'SET autoload_known_extensions = false',
  sql`SET allowed_directories = ${[REGISTERED_FILES_DIR]}`.text,
  'SET enable_external_access = false',
  'SET lock_configuration = true',
];

const CHECK_LOCKDOWN = `SELECT current_setting('enable_external_access') AS external,
  current_setting('lock_configuration') AS locked, current_setting('autoload_known_extensions') AS autoload`;

/** Locks the engine down and checks that it took: an engine left open must not start. */
export async function lockDownEngine(run: (text: string) => Promise<Record<string, unknown>[]>): Promise<void> {
  for (const statement of LOCKDOWN_STATEMENTS) await run(statement);
  const [state] = await run(CHECK_LOCKDOWN);
  if (state?.external !== false || state.locked !== true || state.autoload !== false) {
    throw new Error(`the database engine could not be locked down: ${JSON.stringify(state)}`);
  }
}
