import { ImportError } from './source-file';
import type { ImportMessage, StageEncoding } from './source-file';

export interface DecodedText {
  /** UTF-8 without BOM: what DuckDB's read_csv reads (it has no GBK support in this build). */
  utf8: Uint8Array;
  encoding: 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';
  warnings: ImportMessage[];
}

/**
 * Detects the encoding (BOM, UTF-16 NUL pattern, UTF-8 validity, else GB18030, the superset of GBK
 * that Excel on Chinese Windows writes) and transcodes to UTF-8 bytes. UTF-8 input is passed through.
 */
export function decodeToUtf8(
  bytes: Uint8Array,
  choice: StageEncoding | DecodedText['encoding'],
  file: string,
): DecodedText {
  const encoding = choice === 'auto' ? sniffEncoding(bytes) : choice;
  const warnings: ImportMessage[] = [];
  let utf8: Uint8Array;
  if (encoding === 'utf-8') {
    const body = hasUtf8Bom(bytes) ? bytes.subarray(3) : bytes;
    // sniffEncoding only answers 'utf-8' for BOM-less input after validating it.
    if ((choice === 'auto' && body === bytes) || isValidUtf8(body)) utf8 = body;
    else {
      utf8 = new TextEncoder().encode(new TextDecoder('utf-8').decode(body));
      warnings.push({ key: 'import.warning.invalidBytesReplaced', params: { file, encoding } });
    }
  } else if (encoding === 'gb18030') {
    utf8 = new TextEncoder().encode(decodeGb18030(bytes, choice === 'auto', file));
  } else {
    const bom = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff) ? 2 : 0;
    utf8 = new TextEncoder().encode(new TextDecoder(encoding).decode(bytes.subarray(bom)));
  }
  if (looksBinary(utf8)) throw new ImportError({ key: 'import.error.unreadable', params: { file } });
  return { utf8, encoding, warnings };
}

function sniffEncoding(bytes: Uint8Array): DecodedText['encoding'] {
  if (hasUtf8Bom(bytes)) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  // UTF-16 without BOM: ASCII-range text leaves NUL on every other byte.
  const n = Math.min(bytes.length, 4096) & ~1;
  let oddNul = 0;
  let evenNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (pairs >= 2 && oddNul >= pairs * 0.3 && evenNul < pairs * 0.05) return 'utf-16le';
  if (pairs >= 2 && evenNul >= pairs * 0.3 && oddNul < pairs * 0.05) return 'utf-16be';
  return isValidUtf8(bytes) ? 'utf-8' : 'gb18030';
}

function decodeGb18030(bytes: Uint8Array, guessed: boolean, file: string): string {
  try {
    return new TextDecoder('gb18030', { fatal: guessed }).decode(bytes);
  } catch {
    // Neither valid UTF-8 nor valid GB18030: not a text export.
    throw new ImportError({ key: 'import.error.unreadable', params: { file } });
  }
}

function hasUtf8Bom(b: Uint8Array): boolean {
  return b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf;
}

/** Full UTF-8 validation (RFC 3629: no overlongs, no surrogates, ≤ U+10FFFF); a byte loop, no string built. */
export function isValidUtf8(b: Uint8Array): boolean {
  const n = b.length;
  let i = 0;
  while (i < n) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) need = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      if (c === 0xe0) lo = 0xa0;
      else if (c === 0xed) hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      if (c === 0xf0) lo = 0x90;
      else if (c === 0xf4) hi = 0x8f;
    } else return false;
    const c1 = b[i + 1];
    if (c1 === undefined || c1 < lo || c1 > hi) return false;
    for (let k = 2; k <= need; k++) {
      const ck = b[i + k];
      if (ck === undefined || ck < 0x80 || ck > 0xbf) return false;
    }
    i += need + 1;
  }
  return true;
}

/**
 * Control characters (other than tab, CR, LF, form feed, EOF mark) over 1 % of the first 64 KiB mean
 * binary. NUL bytes do not count unless they are all there is: text with NULs in it (padding, a write cut
 * short) is damaged text, read without them and reported by row (nul-bytes.ts).
 */
function looksBinary(utf8: Uint8Array): boolean {
  const n = Math.min(utf8.length, 65536);
  let bad = 0;
  let nul = 0;
  for (let i = 0; i < n; i++) {
    const c = utf8[i]!;
    if (c === 0) nul++;
    else if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c && c !== 0x1a) || c === 0x7f) bad++;
  }
  return bad > n * 0.01 || (n > 0 && nul === n);
}
