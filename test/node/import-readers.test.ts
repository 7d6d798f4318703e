import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbConnector, Row } from '../../src/core/db/connector';
import { sniffDelimiter } from '../../src/core/import/csv-scan';
import { tokenizeCsv } from '../../src/core/import/csv-tokenizer';
import { isValidUtf8 } from '../../src/core/import/decode-text';
import { expandExponent, formatPlainNumber, formatWallClock } from '../../src/core/import/format-value';
import { ImportError } from '../../src/core/import/source-file';
import type { SourceFile, StageOptions } from '../../src/core/import/source-file';
import { stageFile } from '../../src/core/import/stage-file';
import { findHeaderRow } from '../../src/core/import/stage-xlsx';
import { openTestDb } from '../helpers/db';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures');
const SAMPLES = path.join(FIXTURES, 'samples');

const fileAt = (p: string): File => new File([readFileSync(p)], path.basename(p));
const fixture = (name: string) => fileAt(path.join(FIXTURES, name));
const textFile = (name: string, text: string) => new File([text], name);

let db: DbConnector;
let seq = 0;
beforeAll(async () => {
  db = await openTestDb();
});
afterAll(async () => {
  await db.close();
});

async function stage(file: SourceFile, opts?: StageOptions) {
  const staged = await stageFile(db, file, `stage_${seq++}`, opts);
  const rows = await db.query(`SELECT * FROM ${staged.table} ORDER BY __row`);
  return { staged, rows };
}

async function stageError(file: SourceFile, opts?: StageOptions): Promise<ImportError['message_']> {
  try {
    await stageFile(db, file, `stage_${seq++}`, opts);
  } catch (e) {
    if (e instanceof ImportError) return e.message_;
    throw e;
  }
  throw new Error('expected an ImportError');
}

const TS = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

describe('real sample exports (test/fixtures/samples, facts from its README.md)', () => {
  it('GBK CSV: 3009 rows, 14 headers decoded, 3 embedded newlines kept, defects kept as text', async () => {
    const { staged, rows } = await stage(fileAt(`${SAMPLES}/cases_2023_gbk.csv`));
    expect(staged).toMatchObject({ format: 'csv', encoding: 'gb18030', delimiter: ',', rowCount: 3009, warnings: [] });
    expect(staged.headers).toEqual([
      '救助编号', '人员编号', '求助时间', '离站时间', '发现地点', '经度', '纬度',
      '发现渠道', '人员类别', '性别', '年龄', '户籍所在地', '是否建档立卡', '去向',
    ]); // prettier-ignore
    expect(rows).toHaveLength(3009);
    // First data line of the file, read with `iconv -f gbk`: JZ202300121,,2023/1/1 1:26,2023/1/13 9:16,崇文门外大街,…
    expect(rows[0]).toEqual({
      c0: 'JZ202300121', c1: null, c2: '2023/1/1 1:26', c3: '2023/1/13 9:16', c4: '崇文门外大街',
      c5: '116.416249', c6: '39.899506', c7: '公安送站', c8: '一般', c9: '男', c10: '37',
      c11: '查无身份', c12: null, c13: '送医', __row: 1,
    }); // prettier-ignore
    expect(rows.map((r) => r.__row)).toEqual(Array.from({ length: 3009 }, (_, i) => i + 1));
    const multiline = rows.filter((r) => String(r.c4).includes('\n')).map((r) => r.c4);
    expect(multiline).toEqual([
      '北京站口公交站\n(地下通道入口)',
      '北京西站南广场地下通道\n(地下通道入口)',
      '北京站广场\n(地下通道入口)',
    ]);
    const badTimes = ['待核实', '#VALUE!', '2023/13/5 8:30', '2023/2/30 8:00'];
    expect(rows.filter((r) => badTimes.includes(String(r.c2))).map((r) => r.c2)).toEqual(badTimes);
    expect(rows.filter((r) => r.c0 === null)).toHaveLength(3);
    expect(rows.filter((r) => r.c5 === null && r.c6 === null)).toHaveLength(40);
    expect(rows.filter((r) => r.c7 === '社区报告')).toHaveLength(6);
  });

  it('XLSX: sheet 2024台账, header on row 2 under the merged title, 2031 rows, 入站时间 as wall-clock text', async () => {
    const { staged, rows } = await stage(fileAt(`${SAMPLES}/cases_2024.xlsx`));
    expect(staged).toMatchObject({
      format: 'xlsx',
      sheet: '2024台账',
      sheets: ['2024台账'],
      headerRowNumber: 2,
      rowCount: 2031,
    });
    expect(staged.warnings).toEqual([
      {
        key: 'import.warning.rowsAboveHeaderSkipped',
        params: { file: 'cases_2024.xlsx', sheet: '2024台账', rows: 1, headerRow: 2 },
      },
    ]);
    expect(staged.headers).toEqual([
      '受助编号', '受助人员编号', '入站时间', '出站时间', '发现地点', '发现地点经度', '发现地点纬度', '坐标系',
      '救助方式', '特殊群体', '性别', '出生年份', '户籍地代码', '建档立卡', '救助站', '离站去向',
    ]); // prettier-ignore
    const byRow = new Map(rows.map((r) => [r.__row, r]));
    // Raw serials in xl/worksheets/sheet1.xml, cells C3, C4, C2033; serial 45292 = 2024-01-01 (days since 1899-12-30).
    // C3 45292.0159722222: 0.0159722222 d × 1440 = 22.99999997 min → 00:23:00 (the library's floor gives 00:22:59.999)
    expect(byRow.get(1)).toMatchObject({ c0: 'SZ-2024-00001', c2: '2024-01-01 00:23:00', c3: '2024-01-01 08:47' });
    // C4 45292.1256944445: 0.1256944445 × 1440 = 181.0000001 min → 03:01:00
    expect(byRow.get(2)).toMatchObject({ c0: 'SZ-2024-00002', c2: '2024-01-01 03:01:00' });
    // C2033 45535.8680555556: 45535 − 45292 = 243 days after 2024-01-01 (leap year) = 2024-08-31; 0.8680555556 × 1440 = 1250 min → 20:50
    expect(byRow.get(2031)).toMatchObject({ c0: 'SZ-2024-02074', c2: '2024-08-31 20:50:00' });
    expect(byRow.get(1)).toMatchObject({ c5: '116.434059', c6: '39.853078', c7: 'BD09', c11: '1970', c12: '130635' });
    const notTimestamps = rows.filter((r) => !TS.test(String(r.c2))).map((r) => r.c2);
    expect(notTimestamps).toEqual(['待补录', '2024-02-30', '待补录']);
    expect(rows.filter((r) => r.c5 === null)).toHaveLength(8);
    expect(new Set(rows.map((r) => r.c7))).toEqual(new Set(['BD09']));
  });

  it('patrol CSV: UTF-8 without BOM, 49103 rows, 10 points at 0,0', async () => {
    const { staged, rows } = await stage(fileAt(`${SAMPLES}/patrol_tracks_2023.csv`));
    expect(staged).toMatchObject({ format: 'csv', encoding: 'utf-8', rowCount: 49103, warnings: [] });
    expect(staged.headers).toEqual(['巡查组', '定位时间', '经度', '纬度']);
    expect(rows[0]).toEqual({
      c0: '丰台区救助站巡查一组',
      c1: '2023-01-01 09:51:45',
      c2: '116.313120',
      c3: '39.888605',
      __row: 1,
    });
    expect(rows.filter((r) => Number(r.c2) === 0 && Number(r.c3) === 0)).toHaveLength(10);
  });
});

describe('text encodings and delimiters (fixtures)', () => {
  const chinese = ['救助编号', '求助时间', '发现地点', '性别'];
  it.each([
    ['utf8-bom.csv', 'utf-8', ',', chinese, ['JZ002', '2023/1/6 9:00', '府前街, 北口', '女']],
    ['gbk-small.csv', 'gb18030', ',', chinese, ['JZ002', '2023/1/6 9:00', '府前街, 北口', '女']],
    // Excel's "Unicode text": UTF-16LE with BOM, tab-delimited; the quoted tab stays inside the value.
    ['utf16le-bom.txt', 'utf-16le', '\t', chinese, ['JZ002', '2023/1/6 9:00', '府前街\t 北口', '女']],
    ['utf16le-nobom.csv', 'utf-16le', ',', ['id', 'name_of_place'], ['A2', 'Xidan']],
    ['tab.tsv', 'utf-8', '\t', ['救助编号', '发现地点', '经度'], ['JZ002', '府前街', '116.655240']],
    ['semicolon.csv', 'utf-8', ';', ['case_id', 'lon', 'lat'], ['A2', '116,65', '40,13']],
  ])('%s → %s, delimiter %j', async (name, encoding, delimiter, headers, lastRow) => {
    const { staged, rows } = await stage(fixture(name));
    expect(staged).toMatchObject({ format: 'csv', encoding, delimiter, headers, rowCount: 2, warnings: [] });
    expect(rows[1]).toEqual({ ...Object.fromEntries(lastRow.map((v, i) => [`c${i}`, v])), __row: 2 });
  });

  it('quoted newlines, doubled quotes, CRLF; values trimmed (incl. U+3000) and empty → NULL', async () => {
    const { rows } = await stage(fixture('embedded-newline.csv'));
    expect(rows).toEqual([
      { c0: 'A1', c1: '崇文门\r\n外大街', c2: 'say "hi"', __row: 1 },
      { c0: 'A2', c1: '府前街', c2: null, __row: 2 },
      { c0: 'A3', c1: null, c2: null, __row: 3 },
    ]);
  });

  it('user overrides: encoding and delimiter', async () => {
    const gbk = await stage(fixture('gbk-small.csv'), { encoding: 'gb18030', delimiter: ',' });
    expect(gbk.rows[0]).toMatchObject({ c2: '崇文门外大街' });
    const wrong = await stage(fixture('gbk-small.csv'), { encoding: 'utf-8' });
    expect(wrong.staged.warnings).toContainEqual({
      key: 'import.warning.invalidBytesReplaced',
      params: { file: 'gbk-small.csv', encoding: 'utf-8' },
    });
    const comma = await stage(fixture('semicolon.csv'), { delimiter: ',' });
    // Forced to commas, the decimal commas split every row beyond the one-field header.
    expect(comma.staged.headers).toEqual(['case_id;lon;lat', '', '']);
    expect(comma.rows[0]).toEqual({ c0: 'A1;116', c1: '41;39', c2: '90', __row: 1 });
    expect(comma.staged.warnings).toEqual([
      { key: 'import.warning.extraFields', params: { file: 'semicolon.csv', rows: 2, firstRow: 1, expected: 1 } },
    ]);
  });
});

describe('malformed delimited text: nothing lost without a warning', () => {
  it('a quote that never closes stays local to its row; text after a closing quote and stray quotes are literal', async () => {
    const { staged, rows } = await stage(fixture('mismatched-quote.csv'));
    expect(rows).toEqual([
      { c0: 'A1', c1: '东单', c2: '1', __row: 1 },
      { c0: 'A2', c1: '"西单', c2: '2', __row: 2 },
      { c0: 'A3', c1: '王府井', c2: '3', __row: 3 },
      { c0: 'A4', c1: '"前门"大街', c2: '4', __row: 4 },
      { c0: 'A5', c1: '天"坛', c2: '5', __row: 5 },
    ]);
    // Row 2's quote finds its next quote only on row 4 (followed by text): it does not close on its own line.
    expect(staged.warnings).toEqual([
      {
        key: 'import.warning.unclosedQuote',
        params: { file: 'mismatched-quote.csv', row: 2, line: 3, rows: 1, rest: 3 },
      },
      {
        key: 'import.warning.brokenQuotes',
        params: { file: 'mismatched-quote.csv', rows: 1, firstRow: 4, firstLine: 5 },
      },
    ]);
  });

  it('ragged rows: short rows padded, extra fields kept in unnamed columns, blank rows removed and counted', async () => {
    const { staged, rows } = await stage(fixture('ragged.csv'));
    expect(staged.headers).toEqual(['a', 'b', 'c', '', '']);
    // File lines: a,b,c | 1,2,3 | 4,5 | 6,7,8,9,10 | 11,12,13, | (empty) | ,, | 14,15,16 | (empty)
    expect(rows).toEqual([
      { c0: '1', c1: '2', c2: '3', c3: null, c4: null, __row: 1 },
      { c0: '4', c1: '5', c2: null, c3: null, c4: null, __row: 2 },
      { c0: '6', c1: '7', c2: '8', c3: '9', c4: '10', __row: 3 },
      { c0: '11', c1: '12', c2: '13', c3: null, c4: null, __row: 4 },
      { c0: '14', c1: '15', c2: '16', c3: null, c4: null, __row: 7 },
    ]);
    expect(staged.rowCount).toBe(5);
    expect(staged.warnings).toEqual([
      { key: 'import.warning.missingFields', params: { file: 'ragged.csv', rows: 1, firstRow: 2, expected: 3 } },
      { key: 'import.warning.extraFields', params: { file: 'ragged.csv', rows: 1, firstRow: 3, expected: 3 } },
      { key: 'import.warning.blankRowsSkipped', params: { file: 'ragged.csv', rows: 2 } },
    ]);
  });

  it('a trailing delimiter alone adds no column', async () => {
    const { staged, rows } = await stage(textFile('t.csv', 'a,b\n1,2,\n3,4\n'));
    expect(staged.headers).toEqual(['a', 'b']);
    expect(staged.warnings).toEqual([]);
    expect(rows).toEqual([
      { c0: '1', c1: '2', __row: 1 },
      { c0: '3', c1: '4', __row: 2 },
    ]);
  });

  it('the read_csv path and the tokenizer path give the same rows (a blank line forces the second)', async () => {
    const body = 'id,place\r\n1,"a\r\nb"\r\n2, c \r\n3,"say ""x"""\r\n4,\r\n';
    const fast = await stage(textFile('f.csv', body));
    const slow = await stage(textFile('s.csv', `${body}\r\n5,e\r\n`));
    expect(slow.rows.slice(0, 4)).toEqual(fast.rows);
    expect(slow.rows[4]).toEqual({ c0: '5', c1: 'e', __row: 6 });
  });

  it('read_csv refusing a file (a 3 MB value exceeds its line limit) falls back, even after the buffer was transferred', async () => {
    // The browser connector transfers the registered bytes to the worker, detaching them here.
    const detaching: DbConnector = {
      ...db,
      registerFileBuffer: (name, bytes) =>
        db.registerFileBuffer(name, structuredClone(bytes, { transfer: [bytes.buffer] })),
    };
    const file = textFile('long.csv', `id,text\n1,${'长'.repeat(1_000_000)}\n2,y\n`);
    const staged = await stageFile(detaching, file, `stage_${seq++}`);
    expect(staged).toMatchObject({ rowCount: 2, warnings: [] });
    const rows = await db.query(`SELECT c0, length(c1) AS n, __row FROM ${staged.table} ORDER BY __row`);
    expect(rows).toEqual([
      { c0: '1', n: 1_000_000, __row: 1 },
      { c0: '2', n: 1, __row: 2 },
    ]);
  });
});

describe('damaged files (issue 8): what happened, by file and row', () => {
  it('a truncated workbook is named damaged or incomplete, not an unknown format', async () => {
    expect(await stageError(fixture('truncated-workbook.xlsx'))).toEqual({
      key: 'import.error.xlsxDamaged',
      params: { file: 'truncated-workbook.xlsx' },
    });
  });

  it('a complete ZIP that holds no workbook is still an unsupported format', async () => {
    // An empty ZIP archive: just its 22-byte end-of-directory record.
    const emptyZip = new Uint8Array(22);
    emptyZip.set([0x50, 0x4b, 0x05, 0x06]);
    const file = new File([new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]), emptyZip], 'archive.xlsx');
    expect(await stageError(file)).toEqual({ key: 'import.error.unreadable', params: { file: 'archive.xlsx' } });
  });

  it('an unclosed quote: the row where it opens, and the rows after it kept as rows', async () => {
    const { staged, rows } = await stage(fixture('unclosed-quote.csv'));
    expect(rows.map((r) => [r.__row, r.c0, r.c2, r.c3])).toEqual([
      [1, 'DQ001', '崇文门外大街', '116.416249'],
      [2, 'DQ002', '"府前街 北口', '116.397026'],
      [3, 'DQ003', '西单北大街', '116.374005'],
      [4, 'DQ004', '北京站广场', '116.427287'],
    ]);
    expect(staged.warnings).toEqual([
      {
        key: 'import.warning.unclosedQuote',
        params: { file: 'unclosed-quote.csv', row: 2, line: 3, rows: 1, rest: 2 },
      },
    ]);
  });

  it('NUL bytes: removed, counted, the first row that had them named', async () => {
    const { staged, rows } = await stage(fixture('nul-bytes.csv'));
    expect(rows.map((r) => [r.__row, r.c0, r.c2, r.c4])).toEqual([
      [1, 'DN001', '崇文门外大街', '39.899506'],
      [2, 'DN002', '府前街', '39.909604'],
      [3, 'DN003', '西单北大街', '39.913423'],
      [4, 'DN004', '北京站广场', '39.902779'],
    ]);
    expect(staged.warnings).toEqual([
      {
        key: 'import.warning.nulBytes',
        params: { file: 'nul-bytes.csv', bytes: 3, rows: 2, firstRow: 2, firstLine: 3 },
      },
    ]);
  });

  it('NUL bytes in the header, after a quoted newline, and as padding at the end of the file', async () => {
    const header = await stage(textFile('h.csv', 'id\0,place\n1,a\n'));
    expect(header.staged.headers).toEqual(['id', 'place']);
    expect(header.staged.warnings).toEqual([
      { key: 'import.warning.nulBytesInHeader', params: { file: 'h.csv', bytes: 1, rows: 1 } },
    ]);
    // Row 2 starts on line 4: row 1 holds a quoted newline.
    const later = await stage(textFile('q.csv', 'id,place\n1,"a\nb"\n2,c\0\0\n'));
    expect(later.rows.map((r) => r.c1)).toEqual(['a\nb', 'c']);
    expect(later.staged.warnings).toEqual([
      { key: 'import.warning.nulBytes', params: { file: 'q.csv', bytes: 2, rows: 1, firstRow: 2, firstLine: 4 } },
    ]);
    const padded = await stage(textFile('p.csv', `id,place\n1,a\n2,b\n${'\0'.repeat(40)}`));
    expect(padded.rows.map((r) => r.c1)).toEqual(['a', 'b']);
    expect(padded.staged.warnings).toEqual([
      { key: 'import.warning.nulBytes', params: { file: 'p.csv', bytes: 40, rows: 1, firstRow: 2, firstLine: 3 } },
    ]);
  });

  it('a file of nothing but NUL bytes is still refused as unreadable', async () => {
    const file = textFile('zeros.csv', '\0'.repeat(200));
    expect(await stageError(file)).toEqual({ key: 'import.error.unreadable', params: { file: 'zeros.csv' } });
  });
});

describe('JSON, NDJSON, Parquet (fixtures)', () => {
  it('JSON array: keys united in first-seen order, numbers without exponent, nested values as JSON', async () => {
    const { staged, rows } = await stage(fixture('rows.json'));
    expect(staged).toMatchObject({ format: 'json', headers: ['case_id', 'lon', 'tiny', 'ok', 'extra', 'note'] });
    expect(rows).toEqual([
      { c0: 'J1', c1: '116.416249', c2: '0.00000015', c3: 'true', c4: null, c5: null, __row: 1 },
      { c0: 'J2', c1: null, c2: null, c3: 'false', c4: '{"a":[1,2]}', c5: null, __row: 2 },
      { c0: 'J3', c1: null, c2: null, c3: null, c4: null, c5: null, __row: 3 },
    ]);
  });

  it('NDJSON: blank lines ignored; a wrapped array is found and reported', async () => {
    const nd = await stage(fixture('rows.ndjson'));
    expect(nd.staged.headers).toEqual(['case_id', 'found_at', 'district']);
    expect(nd.rows).toEqual([
      { c0: 'N1', c1: '2023-01-05 08:30:00', c2: null, __row: 1 },
      { c0: 'N2', c1: null, c2: '东城区', __row: 2 },
    ]);
    const wrapped = await stage(fixture('wrapped.json'));
    expect(wrapped.rows.map((r) => r.c0)).toEqual(['W1', 'W2']);
    expect(wrapped.staged.warnings).toEqual([
      { key: 'import.warning.jsonRowsFromProperty', params: { file: 'wrapped.json', property: 'data' } },
    ]);
  });

  it('JSON errors name the file and the line', async () => {
    expect(await stageError(textFile('bad.ndjson', '{"a":1}\n{"a":\n'))).toEqual({
      key: 'import.error.jsonSyntax',
      params: { file: 'bad.ndjson', line: 2 },
    });
    expect(await stageError(textFile('scalars.json', '[1, 2]'))).toEqual({
      key: 'import.error.jsonNotRows',
      params: { file: 'scalars.json' },
    });
  });

  it('Parquet (hyparquet-writer fixture): every type as text; UTC instants shown in CST, naive times as written', async () => {
    const { staged, rows } = await stage(fixture('rows.parquet'));
    expect(staged).toMatchObject({
      format: 'parquet',
      headers: ['case_id', 'age', 'big', 'lon', 'flag', 'found_at', 'utc_at'],
      rowCount: 3,
    });
    expect(rows).toEqual([
      // 9007199254740993 = 2^53 + 1: exact only if INT64 stays a bigint
      {
        c0: 'P1', c1: '37', c2: '9007199254740993', c3: '116.416249', c4: 'true',
        c5: '2023-01-05 08:30:00', c6: '2023-01-05 08:30:00', __row: 1,
      },
      { c0: 'P2', c1: null, c2: '0', c3: '0.0000001', c4: 'false', c5: null, c6: null, __row: 2 },
      { c0: null, c1: '80', c2: '-1', c3: null, c4: null, c5: null, c6: null, __row: 3 },
    ]); // prettier-ignore
  });
});

describe('XLSX (hand-built workbook fixture)', () => {
  it('first non-empty sheet, header below title and blank rows, margins dropped, cells as Excel shows them', async () => {
    // Wall-clock must not depend on the machine's zone (the suite pins TZ=UTC; a browser in China runs at +08:00).
    const zone = process.env.TZ;
    process.env.TZ = 'Asia/Shanghai';
    const { staged, rows } = await stage(fixture('workbook.xlsx')).finally(() => {
      process.env.TZ = zone;
    });
    expect(staged).toMatchObject({
      sheet: '台账',
      sheets: ['说明', '台账'],
      headerRowNumber: 3,
      headers: ['受助编号', '入站时间', '经度', '证件', '建档立卡'],
      rowCount: 2,
    });
    expect(rows).toEqual([
      // C4 = 45356.5885416667: 45356 = 2024-03-05; 0.5885416667 × 86400 s = 50850 s = 14:07:30.
      // D4 = 1.5E-7 in the XML; E4 is an 18-digit number Excel keeps to 15 significant digits.
      { c0: 'S1', c1: '2024-03-05 14:07:30', c2: '0.00000015', c3: '110101199003070000', c4: 'TRUE', __row: 1 },
      // sheet row 6 is the third row under the header (row 5 is blank and removed)
      { c0: 'S2', c1: '2024-01-01 00:00:00', c2: '116.434059', c3: '待补录', c4: 'FALSE', __row: 3 },
    ]);
    expect(staged.warnings).toEqual([
      {
        key: 'import.warning.rowsAboveHeaderSkipped',
        params: { file: 'workbook.xlsx', sheet: '台账', rows: 1, headerRow: 3 },
      },
      { key: 'import.warning.blankRowsSkipped', params: { file: 'workbook.xlsx', rows: 1 } },
    ]);
  });

  it('sheet choice: an empty or missing sheet is refused by name', async () => {
    expect(await stageError(fixture('workbook.xlsx'), { sheet: '说明' })).toEqual({
      key: 'import.error.emptySheet',
      params: { file: 'workbook.xlsx', sheet: '说明' },
    });
    expect(await stageError(fixture('workbook.xlsx'), { sheet: '2025' })).toEqual({
      key: 'import.error.sheetNotFound',
      params: { file: 'workbook.xlsx', sheet: '2025' },
    });
    expect(await stageError(fixture('empty-sheets.xlsx'))).toEqual({
      key: 'import.error.emptySheet',
      params: { file: 'empty-sheets.xlsx', sheet: '' },
    });
  });
});

describe('limits and refusals', () => {
  it.each([
    ['empty.csv', 'import.error.emptyFile'],
    ['blank-lines.csv', 'import.error.emptyFile'],
    ['garbage.bin', 'import.error.unreadable'],
    ['legacy.xls', 'import.error.xlsNotSupported'],
  ])('%s → %s', async (name, key) => {
    expect(await stageError(fixture(name))).toEqual({ key, params: { file: name } });
  });

  it('header only: 0 rows staged, the table exists, a warning says so', async () => {
    const { staged, rows } = await stage(fixture('header-only.csv'));
    expect(staged).toMatchObject({ headers: ['case_id', 'found_at', 'lon', 'lat'], rowCount: 0 });
    expect(rows).toEqual([]);
    expect(staged.warnings).toEqual([{ key: 'import.warning.noRows', params: { file: 'header-only.csv' } }]);
  });

  it('a file over 1.5 GB is refused from its size, before any byte is read', async () => {
    const huge: SourceFile = {
      name: 'huge.csv',
      size: 1.5 * 1024 ** 3 + 1,
      arrayBuffer: () => Promise.reject(new Error('must not be read')),
    };
    expect(await stageError(huge)).toEqual({
      key: 'import.error.tooLarge',
      params: { file: 'huge.csv', size: 1610612737, limit: 1610612736 },
    });
  });

  it('cancel: before reading, and during decoding (the partial table is dropped)', async () => {
    const before = new AbortController();
    before.abort();
    expect(await stageError(fixture('tab.tsv'), { signal: before.signal })).toEqual({
      key: 'import.cancelled',
      params: { file: 'tab.tsv' },
    });
    const during = new AbortController();
    const phases: string[] = [];
    const table = `stage_${seq++}`;
    const error = await stageFile(db, fixture('tab.tsv'), table, {
      signal: during.signal,
      onProgress: (p) => {
        phases.push(`${p.phase}:${p.bytesDone}/${p.bytesTotal}`);
        if (p.phase === 'decode' && p.bytesDone === p.bytesTotal) during.abort();
      },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).message_.key).toBe('import.cancelled');
    const size = readFileSync(path.join(FIXTURES, 'tab.tsv')).length;
    expect(phases).toEqual([`read:0/${size}`, `read:${size}/${size}`, `decode:0/${size}`, `decode:${size}/${size}`]);
    const left = await db.query(`SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = '${table}'`);
    expect(left).toEqual([{ n: 0 }]);
  });

  it('staging into the same table again replaces it', async () => {
    await stageFile(db, fixture('tab.tsv'), 'same_table');
    const again = await stageFile(db, fixture('semicolon.csv'), 'same_table');
    const rows: Row[] = await db.query('SELECT * FROM same_table ORDER BY __row');
    expect(again.rowCount).toBe(2);
    expect(rows.map((r) => r.c0)).toEqual(['A1', 'A2']);
  });
});

describe('building blocks', () => {
  const tokens = (text: string, delim = ',') => {
    const bytes = new TextEncoder().encode(text);
    const records: string[][] = [];
    const anomalies: string[] = [];
    let fields: string[] = [];
    tokenizeCsv(bytes, delim.charCodeAt(0), {
      field: (s, e, quoted) => {
        const t = new TextDecoder().decode(bytes.subarray(s, e));
        fields.push(quoted ? t.replaceAll('""', '"') : t);
      },
      endRecord: () => {
        records.push(fields);
        fields = [];
      },
      anomaly: (k) => anomalies.push(k),
    });
    return { records, anomalies };
  };

  it.each([
    [
      'a,b\r\nc,d',
      [
        ['a', 'b'],
        ['c', 'd'],
      ],
      [],
    ],
    ['a,b\n', [['a', 'b']], []],
    ['a,b,\n', [['a', 'b', '']], []],
    ['a\rb', [['a'], ['b']], []],
    ['"x,y",z', [['x,y', 'z']], []],
    ['"l1\nl2",z\nq', [['l1\nl2', 'z'], ['q']], []],
    ['"he said ""hi""",', [['he said "hi"', '']], []],
    ['"",""', [['', '']], []],
    [
      '"open,1\n2,3',
      [
        ['"open', '1'],
        ['2', '3'],
      ],
      ['unclosedQuote'],
    ],
    ['"a\nb"c,d', [['"a'], ['b"c', 'd']], ['unclosedQuote', 'strayQuote']],
    ['"a"b,c', [['"a"b', 'c']], ['brokenQuote']],
    ['ab"c,d', [['ab"c', 'd']], ['strayQuote']],
    ['', [], []],
  ])('tokenize %j', (text, records, anomalies) => {
    expect(tokens(text)).toEqual({ records, anomalies });
  });

  it.each([
    ['a,b,c\n1,2,3\n', 'csv', ','],
    ['a\tb\tc\n1,5\t2\t3\n', 'csv', '\t'],
    ['a;b;c\n1,5;2,5;3\n', 'csv', ';'],
    ['single\nvalue\n', 'csv', ','],
    ['a\tb\n1\t2\n', 'tsv', '\t'],
  ])('sniff delimiter of %j (.%s) → %j', (text, ext, expected) => {
    expect(sniffDelimiter(new TextEncoder().encode(text), ext)).toBe(expected);
  });

  it.each([
    [[0x41, 0xe4, 0xb8, 0xad], true], // 'A中'
    [[0xf0, 0x9f, 0x98, 0x80], true], // U+1F600
    [[0xc0, 0x80], false], // overlong NUL
    [[0xed, 0xa0, 0x80], false], // UTF-16 surrogate D800
    [[0xf4, 0x90, 0x80, 0x80], false], // above U+10FFFF
    [[0xe4, 0xb8], false], // truncated
    [[0xd6, 0xd0, 0xce, 0xc4], false], // '中文' in GBK
  ])('UTF-8 validity of %j → %s', (bytes, valid) => {
    expect(isValidUtf8(new Uint8Array(bytes))).toBe(valid);
  });

  it.each([
    [1.5e-7, undefined, '0.00000015'],
    [1e21, undefined, '1000000000000000000000'],
    [-4.5e-7, undefined, '-0.00000045'],
    [116.416249, 15, '116.416249'],
    [0.1 + 0.2, 15, '0.3'],
    [0.1 + 0.2, undefined, '0.30000000000000004'],
    [110101199003070000, 15, '110101199003070000'],
    [37, 15, '37'],
  ])('formatPlainNumber(%s, %s) → %s', (n, significant, expected) => {
    expect(formatPlainNumber(n, significant)).toBe(expected);
  });

  it('expandExponent leaves plain text alone; wall-clock formatting rounds to the second', () => {
    expect(expandExponent('12.50')).toBe('12.50');
    expect(expandExponent('1.2e+3')).toBe('1200');
    expect(formatWallClock(Date.UTC(2024, 0, 1, 0, 22, 59, 999))).toBe('2024-01-01 00:23:00');
    expect(formatWallClock(Date.UTC(2023, 11, 31, 23, 59, 59, 400))).toBe('2023-12-31 23:59:59');
  });

  it.each([
    [[1, 0, 16, 16], 2],
    [[0, 5, 5], 1],
    [[1, 1, 1], 0],
    [[0, 3, 2, 8], 3],
    [[2, 8, 8], 1],
    [[3, 6, 6], 0],
  ])('header row of non-empty counts %j → index %i', (counts, expected) => {
    expect(findHeaderRow(counts)).toBe(expected);
  });
});
