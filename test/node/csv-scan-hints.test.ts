import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbConnector } from '../../src/core/db/connector';
import { scanCsvStructure } from '../../src/core/import/csv-scan';
import { detectPersonalData } from '../../src/core/import/pii-guard';
import { stageFile } from '../../src/core/import/stage-file';
import { openTestDb } from '../helpers/db';

const utf8 = (text: string) => new TextEncoder().encode(text);

/**
 * What the byte scan of a CSV tells the one-pass import about each column: whether some value has
 * surrounding space separators (the column needs trim()), and whether some value could be a resident ID or
 * mobile number (the personal-data guard checks only those columns).
 */
describe('column hints from the byte scan', () => {
  it('flags columns with a value starting or ending with a space separator, U+3000 and U+00A0 included', () => {
    const s = scanCsvStructure(utf8('a,b,c,d,e\n1, 2,3 ,\u30004,5\u00a0\nx,y,z,w,v\n'), ',');
    expect(Array.from({ length: 5 }, (_, i) => s.spacedColumns[i] === true)).toEqual([false, true, true, true, true]);
  });

  it('flags columns where a value could be an ID or mobile number, not dates, ids with letters or Chinese text', () => {
    const s = scanCsvStructure(
      utf8(
        [
          '时间,编号,地点,手机,证件,备注',
          '2024-01-05 08:30:00,JZ2024000001,北京西站南广场,138 1234 5678,,无',
          '2024-01-06 08:30:00,JZ2024000002,北京站,,\u300011010519491231002X\u3000,+86 13912345678',
        ].join('\n'),
      ),
      ',',
    );
    expect(Array.from({ length: 6 }, (_, i) => s.idLikeColumns[i] === true)).toEqual([
      false,
      false,
      false,
      true,
      true,
      true,
    ]);
  });
});

describe('the personal-data guard on a CSV read where it lies', () => {
  let db: DbConnector;
  beforeAll(async () => {
    db = await openTestDb();
  });
  afterAll(() => db.close());

  it('finds a padded mobile number and resident ID as the staged (trimmed) check does', async () => {
    // GB 11643 check digit of 11010519491231002 is X; three matches per column are needed
    const rows = [
      '编号,联络,证件',
      'A1,\u300013812345678, 11010519491231002X',
      'A2,139-1234-5678 ,11010519491231002X',
      'A3,+86 13712345678,11010519491231002X\u3000',
      'A4,,',
    ];
    const file = new File([`${rows.join('\n')}\n`], 'padded.csv');
    const lazy = await stageFile(db, file, 'lazy_pii', { lazyCsv: true });
    expect(lazy.relation).toBeDefined();
    const copied = await stageFile(db, file, 'copied_pii');
    expect(copied.relation).toBeUndefined();
    const day = new Date(Date.UTC(2025, 0, 1));
    const findings = await detectPersonalData(db, lazy, day);
    expect(findings).toEqual(await detectPersonalData(db, copied, day));
    expect(findings.map((f) => [f.header, f.rule, f.matchedRows])).toEqual([
      ['联络', 'mobile', 3],
      ['证件', 'resident_id', 3],
    ]);
  });
});
