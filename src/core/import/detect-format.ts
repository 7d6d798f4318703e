import { ImportError } from './source-file';
import type { StagedFormat } from './source-file';

export type BinaryFormat = 'xlsx' | 'parquet';

/**
 * Magic bytes decide; the extension only matters when they cannot (vendors name CSV or HTML
 * exports `.xls`). Text formats (CSV vs JSON) are told apart after decoding, by the first character.
 */
export function detectBinaryFormat(bytes: Uint8Array, fileName: string): BinaryFormat | null {
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return 'xlsx';
  if (startsWith(bytes, [0x50, 0x41, 0x52, 0x31])) return 'parquet';
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    throw new ImportError({ key: 'import.error.xlsNotSupported', params: { file: fileName } });
  }
  return null;
}

/** JSON when the UTF-8 text (BOM already removed) opens with `[` or `{`, else delimited text. */
export function detectTextFormat(utf8: Uint8Array): Extract<StagedFormat, 'csv' | 'json'> {
  let i = 0;
  while (i < utf8.length && (utf8[i] === 0x20 || utf8[i] === 0x09 || utf8[i] === 0x0a || utf8[i] === 0x0d)) i++;
  return utf8[i] === 0x5b || utf8[i] === 0x7b ? 'json' : 'csv';
}

export function fileExtension(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);
}
