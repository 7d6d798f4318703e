/**
 * The analyst's console runs read-only statements only: one statement, starting with a keyword
 * that cannot change data. Quoted text and comments are ignored when looking for a second statement.
 */
const READ_ONLY_START = /^(select|with|from|describe|summarize|show|explain|pivot|unpivot|values|table)\b/i;
const WRITE_WORDS =
  /\b(insert|update|delete|drop|create|alter|attach|detach|copy|export|import|install|load|set|pragma|call|checkpoint|vacuum|truncate)\b/i;

export type SqlCheck = { ok: true; sql: string } | { ok: false; reason: 'empty' | 'multiple' | 'notReadOnly' };

export function checkReadOnlySql(text: string): SqlCheck {
  const code = stripLiteralsAndComments(text).trim().replace(/;\s*$/, '');
  if (!code) return { ok: false, reason: 'empty' };
  if (code.includes(';')) return { ok: false, reason: 'multiple' };
  if (!READ_ONLY_START.test(code) || WRITE_WORDS.test(code)) return { ok: false, reason: 'notReadOnly' };
  return { ok: true, sql: text.trim().replace(/;\s*$/, '') };
}

/** One left-to-right pass, so a quote inside a comment or `--` inside a string is read correctly. */
function stripLiteralsAndComments(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    const next = text[i + 1];
    if (c === '-' && next === '-') {
      const end = text.indexOf('\n', i);
      i = end === -1 ? text.length : end;
      out += ' ';
    } else if (c === '/' && next === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end === -1 ? text.length : end + 2;
      out += ' ';
    } else if (c === "'" || c === '"') {
      let j = i + 1;
      while (j < text.length && !(text[j] === c && text[j + 1] !== c)) j += text[j] === c ? 2 : 1;
      i = j + 1;
      out += c + c;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** Wraps the analyst's statement so the console never pulls more than `limit` rows into the page. */
export function buildLimitedQuery(checkedSql: string, limit: number): string {
  return `SELECT * FROM (${checkedSql}\n) AS console_result LIMIT ${Math.max(1, Math.floor(limit))}`;
}

export const SQL_EXAMPLES = [
  'SELECT found_district, count(*) AS episodes FROM cases GROUP BY 1 ORDER BY 2 DESC',
  "SELECT strftime(found_at, '%Y-%m') AS month, count(*) AS episodes, count(DISTINCT person_key) AS persons FROM cases GROUP BY 1 ORDER BY 1",
  'SELECT team_id, count(DISTINCT patrol_id) AS patrols, count(*) AS points FROM patrol_points GROUP BY 1 ORDER BY 2 DESC',
];
