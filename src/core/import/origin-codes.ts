import type { DbConnector } from '../db/connector';
import { joinSql, sql, type SqlFragment } from '../sql/sql';

/** origin text → 6-digit GB/T 2260 code or null (src/core/geo/origin-resolver.ts builds one). */
export type OriginResolver = (texts: string[]) => Map<string, string | null>;

/** Texts that name no place: sent to no resolver. */
const NOT_A_PLACE = '(查无身份.*|身份不明.*|不详|未知|不明|无|暂无|待核实|待查)';
const CHUNK = 1000;

/**
 * Fills `target (origin_text, resolved_code)` with the resolver's answer for each DISTINCT origin text of
 * `source` rows matching `where` that have no valid code yet. Always creates `target`, empty without a
 * resolver, so callers can LEFT JOIN it.
 */
export async function resolveOriginTexts(
  db: DbConnector,
  source: SqlFragment,
  target: SqlFragment,
  where: SqlFragment,
  resolve: OriginResolver | undefined,
): Promise<void> {
  await db.exec(sql`CREATE OR REPLACE TEMP TABLE ${target} (origin_text VARCHAR, resolved_code VARCHAR)`.text);
  if (!resolve) return;
  const rows = await db.query<{ t: string }>(
    sql`SELECT DISTINCT origin_text AS t FROM ${source} WHERE ${where} AND origin_code_in IS NULL
      AND origin_text IS NOT NULL AND NOT regexp_full_match(origin_text, ${NOT_A_PLACE}) ORDER BY 1`.text,
  );
  if (rows.length === 0) return;
  const resolved = resolve(rows.map((r) => r.t));
  const pairs = rows
    .map((r) => [r.t, resolved.get(r.t) ?? null] as const)
    .filter((p): p is readonly [string, string] => p[1] !== null && /^\d{6}$/.test(p[1]));
  for (let i = 0; i < pairs.length; i += CHUNK) {
    const values = joinSql(pairs.slice(i, i + CHUNK).map(([t, code]) => sql`(${t}, ${code})`));
    await db.exec(sql`INSERT INTO ${target} VALUES ${values}`.text);
  }
}
