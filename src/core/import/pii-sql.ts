import { raw, sql } from '../sql/sql';
import type { SqlFragment } from '../sql/sql';

/** GB 11643-1999 check-digit weights 2^(17-i) mod 11 for positions 1..17, and the remainder → check character map. */
export const RESIDENT_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
export const RESIDENT_ID_CHECK = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'] as const;

/** First two digits of GB/T 2260 province-level codes (11 北京 … 65 新疆, 71 台湾, 81 香港, 82 澳门). */
const PROVINCES = [
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '41', '42', '43',
  '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82',
]; // prettier-ignore

/**
 * TRUE when `v` is a valid 18-digit resident ID (GB 11643: province prefix, plausible birth date,
 * mod-11 check character) or a 15-digit legacy one (province prefix, plausible 19YYMMDD date).
 * `today` bounds the birth date (DuckDB-WASM's current_date needs ICU and hangs without it).
 */
export function residentIdSql(v: SqlFragment, today: string): SqlFragment {
  const digit = (i: number) => `(ascii(substr(${v.text}, ${i}, 1)) - 48)`;
  const weighted = RESIDENT_ID_WEIGHTS.map((w, i) => `${w} * ${digit(i + 1)}`).join(' + ');
  const checkList = `[${RESIDENT_ID_CHECK.map((c) => `'${c}'`).join(', ')}]`;
  const province = sql`substr(${v}, 1, 2) IN (${raw(PROVINCES.map((p) => `'${p}'`).join(', '))})`;
  const plausible = (date: SqlFragment) =>
    sql`coalesce(try_strptime(${date}, '%Y%m%d') BETWEEN TIMESTAMP '1900-01-01' AND CAST(${today} AS TIMESTAMP), false)`;
  return sql`(CASE
    WHEN length(${v}) = 18 AND regexp_full_match(${v}, '[1-9][0-9]{16}[0-9Xx]') THEN
      ${province} AND ${plausible(sql`substr(${v}, 7, 8)`)}
      AND list_extract(${raw(checkList)}, ((${raw(weighted)}) % 11) + 1) = upper(substr(${v}, 18, 1))
    WHEN length(${v}) = 15 AND regexp_full_match(${v}, '[1-9][0-9]{14}') THEN
      ${province} AND ${plausible(sql`'19' || substr(${v}, 7, 6)`)}
    ELSE false END)`;
}

/** Mainland mobile number 1[3-9]xxxxxxxxx, with an optional +86/86 prefix and space or dash separators. */
export function mobileSql(v: SqlFragment): SqlFragment {
  // The first character rules out most cells (ids, dates, names) before the regular expression runs.
  return sql`(CASE WHEN length(${v}) BETWEEN 11 AND 17 AND left(${v}, 1) IN ('1', '+', '8')
    THEN regexp_full_match(${v}, '(\\+?86[ -]?)?1[3-9][0-9][ -]?[0-9]{4}[ -]?[0-9]{4}') ELSE false END)`;
}
