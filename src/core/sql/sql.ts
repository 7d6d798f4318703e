/**
 * SQL text built from fragments: interpolated values become quoted literals, never pasted text
 * (after mosaic's sql-template-tag). Identifiers go through `ident`, trusted fragments through `raw`.
 */
export class SqlFragment {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

export type SqlValue = string | number | boolean | null | undefined | Date | SqlFragment | readonly SqlValue[];

export function raw(text: string): SqlFragment {
  return new SqlFragment(text);
}

export function ident(name: string): SqlFragment {
  return new SqlFragment(`"${name.replace(/"/g, '""')}"`);
}

export function literal(value: SqlValue): string {
  if (value instanceof SqlFragment) return value.text;
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return 'NULL';
    return String(value);
  }
  if (value instanceof Date) return `TIMESTAMP '${formatTimestamp(value)}'`;
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  return `'${String(value).replace(/'/g, "''")}'`;
}

/** Tagged template: sql`SELECT * FROM cases WHERE channel = ${channel}`. */
export function sql(strings: TemplateStringsArray, ...values: SqlValue[]): SqlFragment {
  let text = strings[0] ?? '';
  values.forEach((v, i) => {
    text += literal(v) + (strings[i + 1] ?? '');
  });
  return new SqlFragment(text);
}

/**
 * The parenthesised list of an `IN`: sql`outcome IN ${inList(outcomes)}` → `outcome IN ('a', 'b')`.
 * Every value becomes a literal; an empty list is `(NULL)`, which matches nothing.
 */
export function inList(values: readonly SqlValue[]): SqlFragment {
  return new SqlFragment(values.length ? `(${values.map(literal).join(', ')})` : '(NULL)');
}

/** Joins fragments with a separator, skipping empty ones. */
export function joinSql(parts: readonly (SqlFragment | null | undefined | false)[], sep = ', '): SqlFragment {
  return new SqlFragment(
    parts
      .filter((p): p is SqlFragment => p instanceof SqlFragment && p.text.trim() !== '')
      .map((p) => p.text)
      .join(sep),
  );
}

/** Local wall-clock timestamp text; the data are China Standard Time without offset. */
function formatTimestamp(d: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(d.getUTCFullYear(), 4)}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(
    d.getUTCMinutes(),
  )}:${p(d.getUTCSeconds())}`;
}
