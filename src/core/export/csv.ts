/** CSV text as Excel on Chinese Windows opens it correctly: UTF-8 with BOM, CRLF, RFC 4180 quoting. */
export function toCsv(
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
  options: { bom?: boolean } = {},
): string {
  const lines = [columns, ...rows].map((r) => r.map(csvCell).join(','));
  return `${options.bom === false ? '' : '\uFEFF'}${lines.join('\r\n')}\r\n`;
}

const NUMBER = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/;

/** One field: empty for null, undefined and non-finite numbers; lists joined with 、. */
function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number' && !Number.isFinite(v)) return '';
  const s = Array.isArray(v) ? v.join('、') : String(v);
  // A leading = + @ tab CR, or a - unless the whole cell is a number (-2+3+cmd|… is a known payload),
  // would be run as a formula by Excel (OWASP "CSV injection"): a leading apostrophe keeps it text.
  const safe = /^[=+@\t\r]/.test(s) || (s.startsWith('-') && !NUMBER.test(s)) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
