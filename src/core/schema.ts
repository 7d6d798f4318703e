/**
 * Canonical tables (see docs/data-contract.md). Timestamps are China Standard Time wall-clock
 * stored as naive TIMESTAMP; in JavaScript they arrive as epoch milliseconds whose UTC fields
 * are the CST wall-clock (format them with the UTC getters or `src/core/format.ts`).
 */
export const CASE_COLUMNS = [
  ['case_id', 'VARCHAR NOT NULL'],
  ['person_id', 'VARCHAR'],
  /** person_id, or a per-episode key when person_id is empty ("not linkable"). */
  ['person_key', 'VARCHAR NOT NULL'],
  ['found_at', 'TIMESTAMP NOT NULL'],
  ['exit_at', 'TIMESTAMP'],
  /** WGS-84 after conversion; NULL when not mappable. */
  ['lon', 'DOUBLE'],
  ['lat', 'DOUBLE'],
  ['found_place', 'VARCHAR'],
  ['found_district', 'VARCHAR'],
  ['found_street', 'VARCHAR'],
  /** patrol | police | chengguan | public_report | self | hospital | other, NULL when absent. */
  ['channel', 'VARCHAR'],
  /** subset of minor, elderly, mental, disabled, critical; empty list = none. */
  ['groups', 'VARCHAR[]'],
  /** m | f | u */
  ['sex', 'VARCHAR'],
  /** 0-17 | 18-59 | 60+ | unknown */
  ['age_band', 'VARCHAR'],
  /** 6-digit GB/T 2260 code, NULL when unknown. */
  ['origin_code', 'VARCHAR'],
  ['origin_text', 'VARCHAR'],
  ['poverty_registered', 'BOOLEAN'],
  /** known | unknown | NULL */
  ['identity_status', 'VARCHAR'],
  ['station', 'VARCHAR'],
  /** returned_home | family_pickup | handed_to_origin | placed | medical | left | died | in_care | other */
  ['outcome', 'VARCHAR'],
  /** how a returned_home episode went home: escorted_home | ticket_home | self_home | unspecified_home; NULL otherwise */
  ['outcome_detail', 'VARCHAR'],
  ['source_file', 'VARCHAR'],
  /** 1-based data row in the source file, for tracing a number back to its export. */
  ['source_row', 'INTEGER'],
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
] as const;

export type CaseColumn = (typeof CASE_COLUMNS)[number][0];

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

function columnsDdl(cols: readonly (readonly [string, string])[]): string {
  return cols.map(([name, type]) => `${name} ${type}`).join(', ');
}

export const CREATE_CASES = `CREATE TABLE IF NOT EXISTS cases (${columnsDdl(CASE_COLUMNS)})`;
export const CREATE_PATROL_POINTS = `CREATE TABLE IF NOT EXISTS patrol_points (${columnsDdl(PATROL_POINT_COLUMNS)})`;
