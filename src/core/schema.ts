/**
 * Every table the app keeps, defined once (see docs/data-contract.md and docs/architecture.md, "Schema").
 * Timestamps are China Standard Time wall-clock stored as naive TIMESTAMP; in JavaScript they arrive as
 * epoch milliseconds whose UTC fields are the CST wall-clock (format them with the UTC getters).
 *
 * Vocabulary columns are ENUMs: one byte a value, and SQL written against text keeps working (an ENUM
 * compares with string literals, in IN lists, LIKE and list_has_any). Their values are declared in byte
 * order so that sorting an ENUM gives the same order as sorting the text did.
 */
export const EXIT_TO_HOME_OUTCOMES = ['returned_home', 'family_pickup', 'handed_to_origin'] as const;
export const CHANNELS = ['patrol', 'police', 'chengguan', 'public_report', 'self', 'hospital', 'other'] as const;
export const GROUPS = ['minor', 'elderly', 'mental', 'disabled', 'critical'] as const;
export const SEXES = ['m', 'f', 'u'] as const;
export const AGE_BANDS = ['0-17', '18-59', '60+', 'unknown'] as const;
export const OUTCOMES = [
  'returned_home',
  'family_pickup',
  'handed_to_origin',
  'placed',
  'medical',
  'left',
  'died',
  'in_care',
  'other',
] as const;
/** The ways home the monthly report (救助管理月报) tells apart inside returned_home. */
export const OUTCOME_DETAILS = ['escorted_home', 'ticket_home', 'self_home', 'unspecified_home'] as const;
export const IDENTITY_STATUSES = ['known', 'unknown'] as const;

/** `ENUM('a', 'b', …)` with the values in byte order. */
export function enumType(values: readonly string[]): string {
  const sorted = [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return `ENUM(${sorted.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ')})`;
}

export const CASE_COLUMNS = [
  ['case_id', 'VARCHAR NOT NULL'],
  ['person_id', 'VARCHAR'],
  /** person_id, or a per-episode key when person_id is empty ("not linkable"). */
  ['person_key', 'VARCHAR NOT NULL'],
  ['found_at', 'TIMESTAMP NOT NULL'],
  ['exit_at', 'TIMESTAMP'],
  /** WGS-84 after conversion; NULL when not mappable. Stored losslessly (ALP compression). */
  ['lon', 'DOUBLE'],
  ['lat', 'DOUBLE'],
  ['found_place', 'VARCHAR'],
  /**
   * The district (区县) polygon of public/geo that contains lon/lat; the district recorded in the file only
   * where the episode has no position inside those boundaries (metrics.md, Counting).
   */
  ['found_district', 'VARCHAR'],
  ['found_street', 'VARCHAR'],
  /** NULL when absent. */
  ['channel', enumType(CHANNELS)],
  /** empty list = none. */
  ['groups', `${enumType(GROUPS)}[]`],
  ['sex', enumType(SEXES)],
  ['age_band', enumType(AGE_BANDS)],
  /** 6-digit GB/T 2260 code, NULL when unknown. */
  ['origin_code', 'VARCHAR'],
  ['origin_text', 'VARCHAR'],
  ['poverty_registered', 'BOOLEAN'],
  /** NULL when not recorded and not derivable. */
  ['identity_status', enumType(IDENTITY_STATUSES)],
  ['station', 'VARCHAR'],
  ['outcome', enumType(OUTCOMES)],
  /** how a returned_home episode went home; NULL otherwise */
  ['outcome_detail', enumType(OUTCOME_DETAILS)],
  ['source_file', 'VARCHAR'],
  /** 1-based data row in the source file, for tracing a number back to its export. */
  ['source_row', 'INTEGER'],
  /** the district text as the file recorded it (NULL when the file has none) */
  ['found_district_recorded', 'VARCHAR'],
  /*
   * Per-episode links of linkable persons (person_id not empty), kept by the import for every person a file
   * touches (src/core/analytics/episode-links.ts); NULL for unlinkable episodes.
   */
  /** a small integer per person_key, the same for all episodes of a person */
  ['person_no', 'INTEGER'],
  /** 1, 2, … in the person's (found_at, case_id) order */
  ['episode_no', 'INTEGER'],
  /** found_at of the person's episode one place earlier in that order */
  ['prev_found_at', 'TIMESTAMP'],
  /** found_at of the person's episode two places earlier in that order (frequent returners) */
  ['prev2_found_at', 'TIMESTAMP'],
  /** the person's first found_at after this episode's reference time greatest(found_at, exit_at) */
  ['next_found_at', 'TIMESTAMP'],
  /** reference time of the person's previous exit to home, in (reference time, case_id) order */
  ['prev_exit_at', 'TIMESTAMP'],
] as const;

export const PATROL_POINT_COLUMNS = [
  ['team_id', 'VARCHAR NOT NULL'],
  /** the export's patrol id, else team + day */
  ['patrol_id', 'VARCHAR NOT NULL'],
  ['recorded_at', 'TIMESTAMP NOT NULL'],
  ['lon', 'DOUBLE'],
  ['lat', 'DOUBLE'],
  ['source_file', 'VARCHAR'],
  ['source_row', 'INTEGER'],
  /**
   * TRUE for the vertices of a drawn route (路线), whose times are interpolated along it by distance: the gap
   * rule and the jump filter do not apply to them (docs/metrics.md). NULL for GPS fixes.
   */
  ['drawn_route', 'BOOLEAN'],
] as const;

/** Patrol logs by grid cell (网格巡查记录): a team patrolled the user's grid cell `grid_id` from start to end. */
export const PATROL_LOG_COLUMNS = [
  ['team_id', 'VARCHAR NOT NULL'],
  ['start_at', 'TIMESTAMP NOT NULL'],
  ['end_at', 'TIMESTAMP NOT NULL'],
  ['grid_id', 'VARCHAR NOT NULL'],
  ['source_file', 'VARCHAR'],
  ['source_row', 'INTEGER'],
] as const;

/**
 * Rows an import refused, one reason each, so the report can show and download them. `row` is the
 * 1-based data row of the source file; `reason_key` a message key (reject.missingCaseId …).
 */
export const IMPORT_REJECT_COLUMNS = [
  ['file', 'VARCHAR NOT NULL'],
  ['row', 'INTEGER'],
  ['column_header', 'VARCHAR'],
  ['reason_key', 'VARCHAR NOT NULL'],
  ['raw_value', 'VARCHAR'],
] as const;

export type CaseColumn = (typeof CASE_COLUMNS)[number][0];

/**
 * The columns of `table` for saving as Arrow: ENUM columns as text (VARCHAR, VARCHAR[]), which every Arrow
 * reader takes back and a restore casts to the ENUM again; the others as they are.
 */
export function portableColumnsSql(table: DataTable): string {
  const cols = DATA_TABLES.find((t) => t.name === table)?.columns ?? [];
  return cols
    .map(([name, type]) => {
      if (!type.startsWith('ENUM(')) return `"${name}"`;
      return `CAST("${name}" AS ${type.endsWith('[]') ? 'VARCHAR[]' : 'VARCHAR'}) AS "${name}"`;
    })
    .join(', ');
}

function createTableSql(name: string, cols: readonly (readonly [string, string])[]): string {
  return `CREATE TABLE IF NOT EXISTS ${name} (${cols.map(([c, type]) => `"${c}" ${type}`).join(', ')})`;
}

export const CREATE_CASES = createTableSql('cases', CASE_COLUMNS);
export const CREATE_PATROL_POINTS = createTableSql('patrol_points', PATROL_POINT_COLUMNS);
export const CREATE_PATROL_LOGS = createTableSql('patrol_logs', PATROL_LOG_COLUMNS);
export const CREATE_IMPORT_REJECTS = createTableSql('import_rejects', IMPORT_REJECT_COLUMNS);

/** Every table of loaded data, in the order they are created, saved, restored and cleared. */
export const DATA_TABLES = [
  { name: 'cases', create: CREATE_CASES, columns: CASE_COLUMNS },
  { name: 'patrol_points', create: CREATE_PATROL_POINTS, columns: PATROL_POINT_COLUMNS },
  { name: 'patrol_logs', create: CREATE_PATROL_LOGS, columns: PATROL_LOG_COLUMNS },
  { name: 'import_rejects', create: CREATE_IMPORT_REJECTS, columns: IMPORT_REJECT_COLUMNS },
] as const;

export type DataTable = (typeof DATA_TABLES)[number]['name'];

/** The tables kept for the next visit (all of them). */
export const PERSISTED_TABLES: readonly DataTable[] = DATA_TABLES.map((t) => t.name);

/**
 * The catalog the data live in: an in-memory database with compression (dictionary + FSST for text, ALP for
 * coordinates, bit-packing for timestamps and codes), about a sixth of the uncompressed size. The engine's
 * default in-memory catalog does not compress. Temporary tables (import work) stay uncompressed.
 */
export const DATA_CATALOG = 'atlas';
