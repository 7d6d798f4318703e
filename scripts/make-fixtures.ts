/**
 * Regenerates the small import fixtures in test/fixtures/ (run: `npx tsx scripts/make-fixtures.ts`).
 * Each file pins one reader behaviour; the expected values are written out by hand in
 * test/node/import-readers.test.ts, not derived from this script.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { parquetWriteBuffer } from 'hyparquet-writer';

const dir = path.resolve(import.meta.dirname, '../test/fixtures');
mkdirSync(dir, { recursive: true });
const put = (name: string, bytes: string | Uint8Array) => writeFileSync(path.join(dir, name), bytes);
const utf8 = (s: string) => new TextEncoder().encode(s);
const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
};

const CASES =
  '救助编号,求助时间,发现地点,性别\r\nJZ001,2023/1/5 8:30,崇文门外大街,男\r\nJZ002,2023/1/6 9:00,"府前街, 北口",女\r\n';

put('utf8-bom.csv', concat(new Uint8Array([0xef, 0xbb, 0xbf]), utf8(CASES)));
put('gbk-small.csv', iconv.encode(CASES, 'gbk'));
put('utf16le-bom.txt', concat(new Uint8Array([0xff, 0xfe]), iconv.encode(CASES.replaceAll(',', '\t'), 'utf16le')));
put('utf16le-nobom.csv', iconv.encode('id,name_of_place\nA1,Dongdan\nA2,Xidan\n', 'utf16le'));
put('tab.tsv', '救助编号\t发现地点\t经度\nJZ001\t崇文门外大街, 东侧\t116.416249\nJZ002\t府前街\t116.655240\n');
put('semicolon.csv', 'case_id;lon;lat\nA1;116,41;39,90\nA2;116,65;40,13\n');
put(
  'embedded-newline.csv',
  'case_id,found_place,note\r\nA1,"崇文门\r\n外大街","say ""hi"""\r\nA2,  府前街　,\r\nA3,,\r\n',
);
put('header-only.csv', 'case_id,found_at,lon,lat\r\n');
put('empty.csv', '');
put('blank-lines.csv', '\r\n  \r\n');
// Row 2 never closes its quote; row 4 has text after a closing quote; row 5 a quote inside a value.
put('mismatched-quote.csv', 'case_id,place,n\nA1,东单,1\nA2,"西单,2\nA3,王府井,3\nA4,"前门"大街,4\nA5,天"坛,5\n');
// Row 2 is short, row 3 has two extra fields, row 4 a trailing delimiter, an empty line, a row of delimiters.
put('ragged.csv', 'a,b,c\n1,2,3\n4,5\n6,7,8,9,10\n11,12,13,\n\n,,\n14,15,16\n\n');
// Damaged case exports (issue 8), importable apart from their defect:
// a quote opens on data row 2 (file line 3) and never closes;
const DAMAGED_HEADER = '救助编号,求助时间,发现地点,经度,纬度\r\n';
put(
  'unclosed-quote.csv',
  DAMAGED_HEADER +
    'DQ001,2024/1/5 8:30,崇文门外大街,116.416249,39.899506\r\n' +
    'DQ002,2024/1/6 9:00,"府前街 北口,116.397026,39.909604\r\n' +
    'DQ003,2024/1/7 10:15,西单北大街,116.374005,39.913423\r\n' +
    'DQ004,2024/1/8 21:40,北京站广场,116.427287,39.902779\r\n',
);
// NUL bytes: two inside a value of data row 2 (file line 3), one at the end of data row 4.
put(
  'nul-bytes.csv',
  concat(
    utf8(DAMAGED_HEADER + 'DN001,2024/1/5 8:30,崇文门外大街,116.416249,39.899506\r\nDN002,2024/1/6 9:00,府前'),
    new Uint8Array([0, 0]),
    utf8('街,116.397026,39.909604\r\nDN003,2024/1/7 10:15,西单北大街,116.374005,39.913423\r\n'),
    utf8('DN004,2024/1/8 21:40,北京站广场,116.427287,39.902779'),
    new Uint8Array([0]),
    utf8('\r\n'),
  ),
);
put('garbage.bin', seededBytes(4096, 20240101));
put('legacy.xls', concat(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), new Uint8Array(504)));

put(
  'rows.json',
  JSON.stringify([
    { case_id: 'J1', lon: 116.416249, tiny: 1.5e-7, ok: true },
    { case_id: 'J2', lon: null, extra: { a: [1, 2] }, ok: false },
    { case_id: ' J3 ', note: '' },
  ]),
);
put('rows.ndjson', '{"case_id":"N1","found_at":"2023-01-05 08:30:00"}\n\n{"case_id":"N2","district":"东城区"}\n');
put('wrapped.json', JSON.stringify({ code: 0, data: [{ case_id: 'W1' }, { case_id: 'W2' }] }, null, 2));

put(
  'rows.parquet',
  new Uint8Array(
    parquetWriteBuffer({
      columnData: [
        { name: 'case_id', data: ['P1', 'P2', null] },
        { name: 'age', data: [37, null, 80] },
        { name: 'big', data: [9007199254740993n, 0n, -1n] },
        { name: 'lon', data: [116.416249, 1e-7, null] },
        { name: 'flag', data: [true, false, null] },
        // naive wall-clock (legacy converted type): 2023-01-05 08:30:00 stays as written
        { name: 'found_at', data: [new Date(Date.UTC(2023, 0, 5, 8, 30)), null, null] },
        // an instant: 2023-01-05 00:30:00 UTC is 08:30:00 in China Standard Time
        { name: 'utc_at', data: [new Date(Date.UTC(2023, 0, 5, 0, 30)), null, null] },
      ],
      schema: [
        { name: 'root', num_children: 7 },
        { name: 'case_id', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
        { name: 'age', type: 'INT32', repetition_type: 'OPTIONAL' },
        { name: 'big', type: 'INT64', repetition_type: 'OPTIONAL' },
        { name: 'lon', type: 'DOUBLE', repetition_type: 'OPTIONAL' },
        { name: 'flag', type: 'BOOLEAN', repetition_type: 'OPTIONAL' },
        { name: 'found_at', type: 'INT64', converted_type: 'TIMESTAMP_MILLIS', repetition_type: 'OPTIONAL' },
        {
          name: 'utc_at',
          type: 'INT64',
          logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MILLIS' },
          repetition_type: 'OPTIONAL',
        },
      ],
    }),
  ),
);

put('workbook.xlsx', makeWorkbook());
// Cut short as an interrupted download or copy leaves it: no ZIP directory at the end.
const workbook = makeWorkbook();
put('truncated-workbook.xlsx', workbook.subarray(0, Math.floor(workbook.length * 0.6)));
put('empty-sheets.xlsx', makeXlsx([{ name: 'Sheet1', rows: '' }], false));

/**
 * Sheet 1 is empty; sheet 2 has a merged title row, a blank row, the header on row 3 starting in
 * column B, an Excel date-time cell (serial 45356.5885416667), a date-only cell (45292), a tiny and
 * a 15-digit number, a boolean, and a blank row inside the data.
 */
function makeWorkbook(): Uint8Array {
  const s = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
  const n = (ref: string, v: string, style = 0) => `<c r="${ref}" s="${style}"><v>${v}</v></c>`;
  const rows = [
    `<row r="1">${s('B1', '2024年度受助人员台账（脱敏）')}</row>`,
    `<row r="3">${s('B3', '受助编号')}${s('C3', '入站时间')}${s('D3', '经度')}${s('E3', '证件')}${s('F3', '建档立卡')}</row>`,
    `<row r="4">${s('B4', 'S1')}${n('C4', '45356.5885416667', 1)}${n('D4', '1.5E-7')}${n('E4', '110101199003070000')}<c r="F4" t="b"><v>1</v></c></row>`,
    `<row r="6">${s('B6', 'S2')}${n('C6', '45292', 1)}${n('D6', '116.434059')}${s('E6', ' 待补录 ')}<c r="F6" t="b"><v>0</v></c></row>`,
  ].join('');
  return makeXlsx(
    [
      { name: '说明', rows: '' },
      { name: '台账', rows },
    ],
    true,
  );
}

function makeXlsx(sheets: { name: string; rows: string }[], dateStyle: boolean): Uint8Array {
  const xml = (body: string) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${body}`;
  const ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
  const rel = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
  const files: [string, string][] = [
    [
      '[Content_Types].xml',
      xml(
        `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
          `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
          `<Default Extension="xml" ContentType="application/xml"/>` +
          `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
          `<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>` +
          sheets
            .map(
              (_, i) =>
                `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
            )
            .join('') +
          `</Types>`,
      ),
    ],
    [
      '_rels/.rels',
      xml(
        `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
          `<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>` +
          `</Relationships>`,
      ),
    ],
    [
      'xl/workbook.xml',
      xml(
        `<workbook ${ns} ${rel}><workbookPr date1904="false"/><sheets>` +
          sheets.map((sh, i) => `<sheet name="${sh.name}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
          `</sheets></workbook>`,
      ),
    ],
    [
      'xl/_rels/workbook.xml.rels',
      xml(
        `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
          sheets
            .map(
              (_, i) =>
                `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
            )
            .join('') +
          `<Relationship Id="rId${sheets.length + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
          `</Relationships>`,
      ),
    ],
    [
      'xl/styles.xml',
      xml(
        `<styleSheet ${ns}><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd hh:mm:ss"/></numFmts>` +
          `<fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders>` +
          `<cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0"/>` +
          `<xf numFmtId="${dateStyle ? 164 : 0}" applyNumberFormat="1"/></cellXfs></styleSheet>`,
      ),
    ],
    ...sheets.map((sh, i): [string, string] => [
      `xl/worksheets/sheet${i + 1}.xml`,
      xml(`<worksheet ${ns}><sheetData>${sh.rows}</sheetData></worksheet>`),
    ]),
  ];
  return zipStored(files.map(([name, text]) => [name, utf8(text)]));
}

/** A ZIP archive with uncompressed (stored) entries: enough for a workbook fixture. */
function zipStored(entries: [string, Uint8Array][]): Uint8Array {
  const local: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const [name, data] of entries) {
    const nameBytes = utf8(name);
    const crc = crc32(data);
    const head = new DataView(new ArrayBuffer(30));
    head.setUint32(0, 0x04034b50, true);
    head.setUint16(4, 20, true);
    head.setUint16(6, 0x0800, true);
    head.setUint32(14, crc, true);
    head.setUint32(18, data.length, true);
    head.setUint32(22, data.length, true);
    head.setUint16(26, nameBytes.length, true);
    local.push(new Uint8Array(head.buffer), nameBytes, data);
    const dirEntry = new DataView(new ArrayBuffer(46));
    dirEntry.setUint32(0, 0x02014b50, true);
    dirEntry.setUint16(4, 20, true);
    dirEntry.setUint16(6, 20, true);
    dirEntry.setUint16(8, 0x0800, true);
    dirEntry.setUint32(16, crc, true);
    dirEntry.setUint32(20, data.length, true);
    dirEntry.setUint32(24, data.length, true);
    dirEntry.setUint16(28, nameBytes.length, true);
    dirEntry.setUint32(42, offset, true);
    central.push(new Uint8Array(dirEntry.buffer), nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const centralBytes = concat(...central);
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(8, entries.length, true);
  end.setUint16(10, entries.length, true);
  end.setUint32(12, centralBytes.length, true);
  end.setUint32(16, offset, true);
  return concat(...local, centralBytes, new Uint8Array(end.buffer));
}

function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of data) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

/** Deterministic bytes (mulberry32) that are neither text nor a known container. */
function seededBytes(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let a = seed >>> 0;
  for (let i = 0; i < n; i++) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = ((t ^ (t >>> 14)) >>> 0) & 0xff;
  }
  out[0] = 0x8f;
  return out;
}
