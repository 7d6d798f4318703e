import { raw, type SqlFragment } from '../sql/sql';

const MUNICIPALITIES = "('11', '12', '31', '50')";

/**
 * SQL for rolling a 6-digit county code up to its prefecture, with the two rules of gb2260.ts: a
 * municipality's counties belong to XX0100 (重庆's 5002xx too), and a county-level unit governed by its
 * province (XX90xx: 济源, 仙桃, 石河子 …) is its own prefecture. NULL for anything but 6 digits.
 */
export function prefectureOfCodeSql(code: SqlFragment): SqlFragment {
  const c = code.text;
  return raw(`(CASE WHEN NOT regexp_full_match(coalesce(${c}, ''), '[0-9]{6}') THEN NULL
    WHEN substr(${c}, 1, 2) IN ${MUNICIPALITIES} THEN substr(${c}, 1, 2) || '0100'
    WHEN substr(${c}, 3, 2) = '90' THEN ${c}
    ELSE substr(${c}, 1, 4) || '00' END)`);
}

export function provinceOfCodeSql(code: SqlFragment): SqlFragment {
  const c = code.text;
  return raw(`(CASE WHEN regexp_full_match(coalesce(${c}, ''), '[0-9]{6}') THEN substr(${c}, 1, 2) || '0000' END)`);
}
