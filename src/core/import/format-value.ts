/**
 * Plain decimal text for a number, never with an exponent (`1.5e-7` → `0.00000015`). `significant`
 * rounds first: 15 is what Excel stores and shows, so an XLSX cell reads as the user saw it.
 */
export function formatPlainNumber(n: number, significant?: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Number.isSafeInteger(n)) return String(n);
  const v = significant === undefined ? n : Number(n.toPrecision(significant));
  return expandExponent(String(v));
}

/** Decimal text with at most `scale` fraction digits and no trailing zeros (Parquet DECIMAL). */
export function formatDecimal(n: number, scale: number): string {
  const fixed = Math.abs(n) < 1e21 ? n.toFixed(Math.min(Math.max(scale, 0), 100)) : String(n);
  return expandExponent(fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed);
}

/** `1.2e+21` → `1200000000000000000000`, `-4.5e-7` → `-0.00000045`. */
export function expandExponent(s: string): string {
  const m = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/i.exec(s);
  if (!m) return s;
  const [, sign, int, frac = '', exp] = m;
  const digits = (int ?? '') + frac;
  const point = (int ?? '').length + Number(exp);
  let out: string;
  if (point <= 0) out = `0.${'0'.repeat(-point)}${digits}`;
  else if (point >= digits.length) out = digits + '0'.repeat(point - digits.length);
  else out = `${digits.slice(0, point)}.${digits.slice(point)}`;
  out = out.replace(/^0+(?=\d)/, '');
  if (out.includes('.')) out = out.replace(/\.?0+$/, '');
  return (sign ?? '') + out;
}

/**
 * 'YYYY-MM-DD HH:MM:SS' from the UTC fields of epoch milliseconds, rounded to the nearest second.
 * Excel serial dates and naive Parquet timestamps arrive as "UTC" instants whose fields are the
 * sheet's wall-clock; rounding undoes binary fractions (45292.0159722222 days → 00:22:59.999).
 */
export function formatWallClock(ms: number): string {
  const d = new Date(Math.round(ms / 1000) * 1000);
  const p = (x: number, w = 2) => String(x).padStart(w, '0');
  return (
    `${p(d.getUTCFullYear(), 4)}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ` +
    `${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`
  );
}

/** 'YYYY-MM-DD' from the UTC fields (Parquet DATE). */
export function formatDateOnly(ms: number): string {
  return formatWallClock(ms).slice(0, 10);
}

/** Nested values (JSON objects, Parquet lists/structs) as compact JSON; bigint as its digits. */
export function stringifyNested(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => {
    if (typeof x === 'bigint') return x.toString();
    if (x instanceof Uint8Array) return Array.from(x);
    return x;
  });
}
