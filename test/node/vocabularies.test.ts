import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbConnector } from '../../src/core/db/connector';
import {
  findUnmappedLabels,
  mapGroupsSql,
  mapLabelSql,
  mapYesNoSql,
  type VocabularyName,
} from '../../src/core/import/vocabularies';
import { raw, sql } from '../../src/core/sql/sql';
import { openTestDb } from '../helpers/db';

let db: DbConnector;
beforeAll(async () => {
  db = await openTestDb();
});
afterAll(() => db.close());

async function one(expr: string, value: string | null): Promise<unknown> {
  const rows = await db.query<{ v: unknown }>(`SELECT ${expr} AS v FROM (SELECT ${sql`${value}`.text}::VARCHAR AS c0)`);
  return rows[0]?.v;
}

describe('mapLabelSql', () => {
  it.each([
    ['channel', '街面巡查', 'patrol'],
    ['channel', ' 公安送站 ', 'police'],
    ['channel', '110', 'police'],
    ['channel', '城管护送', 'chengguan'],
    ['channel', '12345', 'public_report'],
    ['channel', '群众报告', 'public_report'],
    ['channel', '自行来站', 'self'],
    ['channel', '医院转介', 'hospital'],
    ['channel', 'Patrol', 'patrol'],
    ['channel', '社区报告', 'other'],
    ['channel', null, null],
    ['sex', '男', 'm'],
    ['sex', '女', 'f'],
    ['sex', '不详', 'u'],
    ['sex', '？', 'u'],
    ['outcome', '购票返乡', 'returned_home'],
    ['outcome', '家属接回', 'family_pickup'],
    ['outcome', '移交流出地', 'handed_to_origin'],
    ['outcome', '长期滞留安置', 'placed'],
    ['outcome', '送医救治', 'medical'],
    ['outcome', '擅自离站', 'left'],
    ['outcome', '死亡', 'died'],
    ['outcome', '在站', 'in_care'],
    ['outcome', '转外省', 'other'],
    ['outcome_detail', '护送返乡', 'escorted_home'],
    ['outcome_detail', '购票返乡', 'ticket_home'],
    ['outcome_detail', ' 自行返乡', 'self_home'],
    ['outcome_detail', '返乡', 'unspecified_home'],
    ['outcome_detail', 'returned_home', 'unspecified_home'],
    ['identity_status', '已查明', 'known'],
    ['identity_status', '查无身份', 'unknown'],
    ['identity_status', '核实中', null],
    ['age_band', '60岁以上', '60+'],
    ['age_band', '18-59', '18-59'],
  ] as const)('%s: %j → %j', async (vocab, label, code) => {
    expect(await one(mapLabelSql(vocab as VocabularyName, raw('c0')).text, label)).toBe(code);
  });

  it('gives NULL for an unknown label when asked (to find unmapped ones)', async () => {
    expect(await one(mapLabelSql('channel', raw('c0'), { fallback: false }).text, '社区报告')).toBeNull();
  });

  it.each([
    ['是', true],
    ['否', false],
    ['Y', true],
    ['n', false],
    ['1', true],
    ['0', false],
    ['TRUE', true],
    ['false', false],
    ['不知道', null],
    [null, null],
  ] as const)('yes/no %j → %j', async (label, value) => {
    expect(await one(mapYesNoSql(raw('c0')).text, label)).toBe(value);
  });
});

describe('mapGroupsSql', () => {
  it.each([
    ['老人', ['elderly']],
    ['一般', []],
    ['未成年人、残疾人', ['disabled', 'minor']],
    ['老年人,精神障碍；危重病人', ['critical', 'elderly', 'mental']],
    ['老人/老年人 残疾', ['disabled', 'elderly']],
    ['流动商贩', []],
    [null, []],
  ] as const)('%j → %j', async (cell, groups) => {
    expect(await one(mapGroupsSql(raw('c0')).text, cell)).toEqual(groups);
  });

  it('merges yes/no columns per group with the groups column', async () => {
    const rows = await db.query<{ g: string[] }>(
      `SELECT ${
        mapGroupsSql(raw('c0'), [
          { group: 'minor', expr: raw('c1') },
          { group: 'mental', expr: raw('c2') },
        ]).text
      } AS g FROM (VALUES ('老人', '是', '否'), (NULL, '否', '是'), ('一般', NULL, NULL)) t(c0, c1, c2)`,
    );
    expect(rows.map((r) => r.g)).toEqual([['elderly', 'minor'], ['mental'], []]);
  });
});

describe('findUnmappedLabels', () => {
  it('lists each distinct unknown label with its row count, per column', async () => {
    await db.exec(`CREATE TABLE s AS SELECT * FROM (VALUES
      (1, '公安送站', '老人', '男'),
      (2, '社区报告', '老人、拾荒者', '男'),
      (3, '社区报告', '拾荒者', 'X'),
      (4, '网格员发现', '一般', NULL),
      (5, NULL, NULL, '女')) t(__row, c0, c1, c2)`);
    const found = await findUnmappedLabels(db, 's', [
      { column: '发现渠道', sourceColumn: 'c0', vocabulary: 'channel' },
      { column: '人员类别', sourceColumn: 'c1', vocabulary: 'groups' },
      { column: '性别', sourceColumn: 'c2', vocabulary: 'sex' },
    ]);
    expect(found).toEqual([
      { column: '发现渠道', label: '社区报告', count: 2 },
      { column: '发现渠道', label: '网格员发现', count: 1 },
      { column: '人员类别', label: '拾荒者', count: 2 },
      { column: '性别', label: 'X', count: 1 },
    ]);
    const restricted = await findUnmappedLabels(
      db,
      's',
      [{ column: '发现渠道', sourceColumn: 'c0', vocabulary: 'channel' }],
      raw('__row <> 3'),
    );
    expect(restricted).toEqual([
      { column: '发现渠道', label: '社区报告', count: 1 },
      { column: '发现渠道', label: '网格员发现', count: 1 },
    ]);
  });
});
