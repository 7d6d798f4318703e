import { buildCaseFilter, EMPTY_FILTERS, type GlobalFilters } from '../../core/filters';
import { raw, sql } from '../../core/sql/sql';
/**
 * The analyst's console runs one read-only query. The engine decides (see runConsoleQuery): the text
 * is run as a subquery, where DuckDB's grammar accepts only a query; it is prepared first, and DuckDB
 * refuses to prepare several statements; and it runs in a READ ONLY transaction that is rolled back.
 * The scanner here is a second line in front of it: it knows DuckDB's quoting and comment forms, so it
 * can name the problem (several statements, not a query) before anything reaches the engine.
 */
export const CONSOLE_REFUSALS = [
  'empty',
  'unclosed',
  'multiple',
  'notReadOnly',
  'write',
  'external',
  'extension',
  'settings',
  'syntax',
  'cancelled',
  'timeout',
  'failed',
] as const;

/** Why a console query gave no rows; each has a message `sql.error.<reason>`. */
export type ConsoleRefusal = (typeof CONSOLE_REFUSALS)[number];

export type SqlCheck =
  { ok: true; sql: string } | { ok: false; reason: 'empty' | 'unclosed' | 'multiple' | 'notReadOnly' };

/** First keywords of the statements that DuckDB accepts as a subquery: queries only. */
const READ_ONLY_START = new Set([
  'select',
  'with',
  'from',
  'values',
  'table',
  'describe',
  'summarize',
  'show',
  'pivot',
  'unpivot',
  '(',
]);

export function checkReadOnlySql(text: string): SqlCheck {
  const scan = splitStatements(text);
  if (scan.unclosed) return { ok: false, reason: 'unclosed' };
  if (scan.statements.length === 0) return { ok: false, reason: 'empty' };
  if (scan.statements.length > 1) return { ok: false, reason: 'multiple' };
  const [statement] = scan.statements;
  if (!READ_ONLY_START.has(statement!.firstWord)) return { ok: false, reason: 'notReadOnly' };
  return { ok: true, sql: text.slice(statement!.start, statement!.end) };
}

interface Statement {
  start: number;
  end: number;
  /** lower-case first keyword, or '(' */
  firstWord: string;
}

/**
 * Splits at top-level semicolons, skipping what DuckDB's lexer skips: `--` comments, nested `/* *\/`
 * comments, '…' strings ('' inside), E'…' strings (backslash escapes), "…" identifiers and $$…$$ /
 * $tag$…$tag$ dollar quotes. Statements holding only comments and blanks do not count.
 */
export function splitStatements(text: string): { statements: Statement[]; unclosed: boolean } {
  const statements: Statement[] = [];
  let firstWord = '';
  let firstAt = -1;
  let lastCode = -1;
  let i = 0;
  const finish = () => {
    if (firstAt >= 0) statements.push({ start: firstAt, end: lastCode + 1, firstWord });
    firstWord = '';
    firstAt = -1;
  };
  const code = (from: number, to: number) => {
    if (firstAt < 0) {
      firstAt = from;
      const word = /^[A-Za-z_]+/.exec(text.slice(from, to + 1));
      firstWord = word ? word[0].toLowerCase() : text[from]!;
    }
    lastCode = to;
  };
  while (i < text.length) {
    const c = text[i]!;
    const next = text[i + 1];
    if (c === ';') {
      finish();
      i++;
    } else if (c === '-' && next === '-') {
      const end = text.indexOf('\n', i);
      i = end === -1 ? text.length : end + 1;
    } else if (c === '/' && next === '*') {
      const end = skipBlockComment(text, i);
      if (end < 0) return { statements, unclosed: true };
      i = end;
    } else if ((c === 'e' || c === 'E') && next === "'" && !isWordChar(text[i - 1])) {
      const end = skipQuoted(text, i + 1, "'", true);
      if (end < 0) return { statements, unclosed: true };
      code(i, end - 1);
      i = end;
    } else if (c === "'" || c === '"') {
      const end = skipQuoted(text, i, c, false);
      if (end < 0) return { statements, unclosed: true };
      code(i, end - 1);
      i = end;
    } else if (c === '$' && !isWordChar(text[i - 1])) {
      const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(text.slice(i));
      if (tag) {
        const close = text.indexOf(tag[0], i + tag[0].length);
        if (close < 0) return { statements, unclosed: true };
        code(i, close + tag[0].length - 1);
        i = close + tag[0].length;
      } else {
        code(i, i);
        i++;
      }
    } else if (/\s/.test(c)) {
      i++;
    } else {
      let j = i;
      while (j + 1 < text.length && isWordChar(text[j]) && isWordChar(text[j + 1])) j++;
      code(i, j);
      i = j + 1;
    }
  }
  finish();
  return { statements, unclosed: false };
}

function isWordChar(c: string | undefined): boolean {
  return c !== undefined && /[A-Za-z0-9_$]/.test(c);
}

/** Index after the comment that opens at `from`; comments nest in DuckDB. -1 if it never closes. */
function skipBlockComment(text: string, from: number): number {
  let depth = 0;
  let i = from;
  while (i < text.length) {
    if (text[i] === '/' && text[i + 1] === '*') {
      depth++;
      i += 2;
    } else if (text[i] === '*' && text[i + 1] === '/') {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else i++;
  }
  return -1;
}

/** Index after the quote that opens at `from`; a doubled quote stays inside, and so does \x in E'…'. */
function skipQuoted(text: string, from: number, quote: string, backslash: boolean): number {
  let i = from + 1;
  while (i < text.length) {
    const c = text[i];
    if (backslash && c === '\\') i += 2;
    else if (c === quote && text[i + 1] === quote) i += 2;
    else if (c === quote) return i + 1;
    else i++;
  }
  return -1;
}

/**
 * Wraps the analyst's statement as a subquery: only a query is valid there, and the console never pulls
 * more than `limit` rows into the page. The newline ends a trailing `--` comment.
 */
export function buildLimitedQuery(checkedSql: string, limit: number, filters: GlobalFilters = EMPTY_FILTERS): string {
  const filtered = sql`WITH ${raw(FILTERED_CASES)} AS (SELECT * FROM cases WHERE ${buildCaseFilter(filters)})`;
  return `${filtered.text}\nSELECT * FROM (\n${checkedSql}\n) AS console_result LIMIT ${Math.max(1, Math.floor(limit))}`;
}

/**
 * The name under which the console offers `cases` narrowed by the global filters (the period, districts …
 * of the filter bar); `cases` itself always holds every loaded episode.
 */
export const FILTERED_CASES = 'filtered_cases';

/** The engine's refusals, by the words of its error messages (DuckDB 1.4). */
export function classifyEngineError(message: string): ConsoleRefusal | null {
  if (/Cannot prepare multiple statements/i.test(message)) return 'multiple';
  if (/read-only mode|read-only transaction/i.test(message)) return 'write';
  if (/Cannot access file|file system operations are disabled|Attaching databases is disabled/i.test(message))
    return 'external';
  if (/external extensions is disabled/i.test(message)) return 'extension';
  if (/configuration has been locked/i.test(message)) return 'settings';
  if (/Parser Error|SELECT INTO not supported|A CTE needs a SELECT|Expected a single SELECT/i.test(message))
    return 'syntax';
  return null;
}

export const SQL_EXAMPLES = [
  'SELECT found_district, count(*) AS episodes FROM cases GROUP BY 1 ORDER BY 2 DESC',
  "SELECT strftime(found_at, '%Y-%m') AS month, count(*) AS episodes, count(DISTINCT person_key) AS persons FROM cases GROUP BY 1 ORDER BY 1",
  'SELECT team_id, count(DISTINCT patrol_id) AS patrols, count(*) AS points FROM patrol_points GROUP BY 1 ORDER BY 2 DESC',
];
