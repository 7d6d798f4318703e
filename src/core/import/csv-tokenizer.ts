const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

export interface CsvVisitor {
  /** Field content bytes [start, end); for a quoted field the outer quotes are excluded and `""` is still doubled. */
  field(start: number, end: number, quoted: boolean): void;
  /** `line` is the 1-based physical line the record started on; return false to stop. */
  endRecord(line: number): boolean | void;
  /** A quote that does not follow RFC 4180 in the current record (see tokenizeCsv). */
  anomaly(kind: 'unclosedQuote' | 'brokenQuote' | 'strayQuote'): void;
}

/**
 * RFC 4180 tokenizer over UTF-8 bytes (delimiter, quote and newlines are ASCII, so they never occur
 * inside a multi-byte character). CR, LF and CRLF end a record.
 *
 * Lenient where RFC 4180 has no answer, and always local so one bad quote cannot swallow the rest of
 * the file: a quote opening a field must close before a delimiter, a newline or the end; if its
 * closing quote is missing or followed by other text, the opening quote is taken literally and the
 * field ends at the next delimiter or newline: `unclosedQuote` when no closing quote follows on the
 * quote's own line (RFC 4180 would swallow the following lines into the field), `brokenQuote` when the
 * quote closes on its line but other text follows it. A quote inside an unquoted field is
 * literal (`strayQuote`). When neither anomaly occurs the result is exactly RFC 4180, which is what
 * DuckDB's read_csv implements.
 */
export function tokenizeCsv(b: Uint8Array, delim: number, v: CsvVisitor): void {
  const n = b.length;
  if (n === 0) return;
  let line = 1;
  let recordLine = 1;
  // A failed search for a closing quote ran to the end; no quote follows this index.
  let noQuoteAfter = Infinity;
  const seen = { quote: false };
  const scanUnquoted = (from: number): number => {
    let k = from;
    while (k < n) {
      const c = b[k];
      if (c === delim || c === LF || c === CR) break;
      if (c === QUOTE) seen.quote = true;
      k++;
    }
    return k;
  };
  let i = 0;
  for (;;) {
    let k: number;
    if (i < n && b[i] === QUOTE) {
      let close = -1;
      let newlines = 0;
      if (i < noQuoteAfter) {
        let lastQuote = i;
        let j = i + 1;
        while (j < n) {
          const x = b[j];
          if (x === QUOTE) {
            if (b[j + 1] === QUOTE) {
              lastQuote = j + 1;
              j += 2;
              continue;
            }
            close = j;
            break;
          }
          if (x === LF || (x === CR && b[j + 1] !== LF)) newlines++;
          j++;
        }
        if (close < 0) noQuoteAfter = lastQuote;
      }
      const after = close + 1;
      if (close >= 0 && (after === n || b[after] === delim || b[after] === CR || b[after] === LF)) {
        v.field(i + 1, close, true);
        line += newlines;
        k = after;
      } else {
        v.anomaly(close < 0 || newlines > 0 ? 'unclosedQuote' : 'brokenQuote');
        k = scanUnquoted(i + 1);
        v.field(i, k, false);
      }
    } else {
      seen.quote = false;
      k = scanUnquoted(i);
      if (seen.quote) v.anomaly('strayQuote');
      v.field(i, k, false);
    }
    if (k < n && b[k] === delim) {
      i = k + 1;
      continue;
    }
    if (v.endRecord(recordLine) === false || k >= n) return;
    if (b[k] === CR && b[k + 1] === LF) k++;
    line++;
    recordLine = line;
    i = k + 1;
    if (i >= n) return;
  }
}
