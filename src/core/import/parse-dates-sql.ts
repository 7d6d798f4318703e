import { raw, type SqlFragment } from '../sql/sql';

/**
 * Export text → TIMESTAMP (China Standard Time wall-clock), inside DuckDB. Call `installDateMacros(db)`
 * once per database, then use `parseTimestampSql(expr)`. Unreadable text and impossible calendar
 * dates (2023/13/5, 2023/2/30) give NULL: DuckDB's strptime checks the calendar.
 *
 * Accepted: `2023-01-05 08:30:00`, `2023/1/5 8:30`, `2023年1月5日 8时30分(15秒)`, `2023.1.5`, any of these
 * without a time, `20230105`, ISO 8601 with `T` and an offset (`Z`, `+08:00`, `-0500`: converted to
 * +08:00), Excel serial day numbers.
 *
 * Excel serials (ECMA-376 Part 1, §18.17.4.1, 1900 date system): day 1 = 1900-01-01 and day 60 is the
 * non-existent 1900-02-29 that Excel keeps for Lotus 1-2-3 compatibility, so from day 61 on the epoch is
 * 1899-12-30; day 60 gives NULL. The fraction is the time of day, rounded to the second as Excel shows it.
 * Only up to five integer digits count as a serial, so `20230105` stays a date and not a day number.
 */

const FORMATS = [
  '%Y/%m/%d %H:%M:%S',
  '%Y/%m/%d %H:%M',
  '%Y/%m/%d',
  '%Y-%m-%d',
  '%Y.%m.%d %H:%M:%S',
  '%Y.%m.%d %H:%M',
  '%Y.%m.%d',
  '%Y年%m月%d日 %H时%M分%S秒',
  '%Y年%m月%d日 %H时%M分',
  '%Y年%m月%d日 %H时',
  '%Y年%m月%d日 %H:%M:%S',
  '%Y年%m月%d日 %H:%M',
  '%Y年%m月%d日',
];
const ISO_FORMATS = ['%Y-%m-%d %H:%M:%S.%f', '%Y-%m-%d %H:%M:%S', '%Y-%m-%d %H:%M'];

const list = (formats: readonly string[]) => `[${formats.map((f) => `'${f}'`).join(', ')}]`;

const ISO = `^(\\d{4}-\\d{1,2}-\\d{1,2})[t ](\\d{1,2}:\\d{2}(:\\d{2}(\\.\\d+)?)?) ?(z|[+-]\\d{2}(:?\\d{2})?)?$`;

const MACROS = [
  // Text with whitespace collapsed, full-width separators folded and one space after 日 when a time follows.
  `CREATE OR REPLACE MACRO cst_ts_norm(s) AS
     trim(regexp_replace(regexp_replace(translate(lower(trim(s)), '／：－．\u3000', '/:-. '), '\\s+', ' ', 'g'),
       '日 ?', '日 '))`,
  `CREATE OR REPLACE MACRO cst_ts_offset_minutes(tz) AS CASE
     WHEN tz IS NULL OR tz = '' THEN NULL
     WHEN tz = 'z' THEN 0
     ELSE (CASE WHEN tz[1] = '-' THEN -1 ELSE 1 END)
       * (CAST(tz[2:3] AS INTEGER) * 60 + coalesce(TRY_CAST(nullif(replace(tz[4:], ':', ''), '') AS INTEGER), 0))
     END`,
  `CREATE OR REPLACE MACRO cst_ts_iso(s) AS
     try_strptime(regexp_extract(s, '${ISO}', 1) || ' ' || regexp_extract(s, '${ISO}', 2), ${list(ISO_FORMATS)})
     + to_minutes(coalesce(480 - cst_ts_offset_minutes(regexp_extract(s, '${ISO}', 5)), 0))`,
  `CREATE OR REPLACE MACRO cst_ts_excel(x) AS CASE
     WHEN x >= 61 THEN TIMESTAMP '1899-12-30' + to_seconds(CAST(round(x * 86400) AS BIGINT))
     WHEN x >= 1 AND x < 60 THEN TIMESTAMP '1899-12-31' + to_seconds(CAST(round(x * 86400) AS BIGINT))
     END`,
  `CREATE OR REPLACE MACRO cst_ts_text(s) AS CASE
     WHEN s IS NULL OR s = '' THEN NULL
     WHEN regexp_full_match(s, '\\d{8}') THEN try_strptime(s, '%Y%m%d')
     WHEN regexp_full_match(s, '\\d{1,5}(\\.\\d+)?') THEN cst_ts_excel(CAST(s AS DOUBLE))
     WHEN regexp_full_match(s, '${ISO}') THEN cst_ts_iso(s)
     ELSE try_strptime(s, ${list(FORMATS)})
     END`,
  // The common export layouts first, straight on the text: a few times faster than the general path.
  // A failing strptime costs ten times a succeeding one, so the common layouts are recognised by a
  // regular expression first and parsed with the one format that fits; the rest take the slow path.
  `CREATE OR REPLACE MACRO cst_ts_fast(t) AS CASE
     WHEN regexp_full_match(t, '\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2} \\d{1,2}:\\d{2}:\\d{2}')
       THEN try_strptime(translate(t, '/.', '--'), '%Y-%m-%d %H:%M:%S')
     WHEN regexp_full_match(t, '\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2} \\d{1,2}:\\d{2}')
       THEN try_strptime(translate(t, '/.', '--'), '%Y-%m-%d %H:%M')
     WHEN regexp_full_match(t, '\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2}')
       THEN try_strptime(translate(t, '/.', '--'), '%Y-%m-%d')
     END`,
  `CREATE OR REPLACE MACRO parse_cst_timestamp(s) AS CASE WHEN nullif(trim(s), '') IS NOT NULL
     THEN coalesce(cst_ts_fast(trim(s)), cst_ts_text(cst_ts_norm(s))) END`,
];

export async function installDateMacros(db: { exec(sql: string): Promise<void> }): Promise<void> {
  for (const m of MACROS) await db.exec(m);
}

/** `YYYY-MM-DD HH:MM:SS`, what most systems export (hours 00–23: the cast would take 24:00:00). */
const STRICT = '\\d{4}-\\d{2}-\\d{2} ([01]\\d|2[0-3]):\\d{2}:\\d{2}';
/** The layouts of cst_ts_fast together. */
const COMMON = '\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2}( \\d{1,2}:\\d{2}(:\\d{2})?)?';

/**
 * TIMESTAMP (CST) of text in one of the common layouts (`2023-01-05 08:30:00`, `2023/1/5 8:30`, `2023.1.5`),
 * NULL for any other text: the macro's first step without the rest. `YYYY-MM-DD HH:MM:SS` goes through
 * DuckDB's own cast, three times faster than strptime and equal to it there. No subexpression repeats, so the
 * engine does not hoist work out of the branches and computes nothing for a row the first branch settles.
 */
export function parseCommonTimestampSql(expr: SqlFragment): SqlFragment {
  const e = expr.text;
  return raw(`(CASE WHEN regexp_full_match(${e}, '${STRICT}') THEN TRY_CAST(${e} AS TIMESTAMP)
    WHEN regexp_full_match(${e}, '${COMMON}')
      THEN try_strptime(translate(${e}, '/.', '--'), ['%Y-%m-%d %H:%M:%S', '%Y-%m-%d %H:%M', '%Y-%m-%d']) END)`);
}

/** TIMESTAMP (CST) or NULL from a VARCHAR expression; needs `installDateMacros`. */
export function parseTimestampSql(expr: SqlFragment): SqlFragment {
  return raw(`coalesce(${parseCommonTimestampSql(expr).text}, parse_cst_timestamp(${expr.text}))`);
}
