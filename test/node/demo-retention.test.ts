import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DbConnector } from '../../src/core/db/connector';
import { prepareDatabase } from '../../src/core/db/prepare-database';
import { continueWithoutColumns, headerSignature, importFiles } from '../../src/core/import/import-pipeline';
import { importOverDemo } from '../../src/app/import/import-over-demo';
import { redactDroppedColumns } from '../../src/app/storage/kept-reports';
import { openTestDb } from '../helpers/db';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures');
const fixture = (name: string) => new File([readFileSync(path.join(FIXTURES, name))], name);
// A stand-in for the demo set: two episodes JZ001 and JZ002 (the same ids as gbk-small.csv).
const DEMO = 'utf8-bom.csv';
const PII_CSV = ['救助编号,求助时间,姓名,身份证号', 'JZ9,2023/1/5 8:30,张三,110101199003071234'].join('\n');

async function episodes(db: DbConnector): Promise<string[]> {
  const rows = await db.query<{ id: string; f: string }>(
    'SELECT case_id AS id, source_file AS f FROM cases ORDER BY 1',
  );
  return rows.map((r) => `${r.id}@${r.f}`);
}

describe('the demo set goes only when a real import loads rows', () => {
  let db: DbConnector;
  beforeAll(async () => {
    db = await openTestDb();
    await prepareDatabase(db);
  });
  afterAll(() => db.close());
  beforeEach(async () => {
    for (const t of ['cases', 'patrol_points', 'import_rejects']) await db.exec(`DELETE FROM ${t}`);
    await importFiles(db, [fixture(DEMO)]);
  });

  it.each([
    ['a file the personal-data guard refuses', () => new File([PII_CSV], 'pii.csv')],
    ['an empty file', () => fixture('empty.csv')],
    ['a file with a header only', () => fixture('header-only.csv')],
    ['a file that is not a table', () => fixture('garbage.bin')],
  ])('%s keeps the demo set', async (_, file) => {
    const { result, demoKept } = await importOverDemo(db, () => importFiles(db, [file()]));
    expect(demoKept).toBe(true);
    expect(await episodes(db)).toEqual(['JZ001@utf8-bom.csv', 'JZ002@utf8-bom.csv']);
    expect(result.totalEpisodes).toBe(2);
  });

  it('a file that loads rows replaces it, even one with the same case ids', async () => {
    const { result, demoKept } = await importOverDemo(db, () => importFiles(db, [fixture('gbk-small.csv')]));
    expect(demoKept).toBe(false);
    expect(result.reports[0]).toMatchObject({ rowsLoaded: 2, duplicatesSkipped: 0 });
    expect(await episodes(db)).toEqual(['JZ001@gbk-small.csv', 'JZ002@gbk-small.csv']);
    expect(await db.query(`SELECT count(*) AS n FROM duckdb_tables() WHERE table_name LIKE 'demo_aside_%'`)).toEqual([
      { n: 0 },
    ]);
  });
});

describe('import reports as the Data view keeps them', () => {
  it('name no dropped personal-data column, and neither do the saved mappings’ header signatures', async () => {
    const db = await openTestDb();
    await prepareDatabase(db);
    const first = await importFiles(db, [new File([PII_CSV], 'pii.csv')]);
    const refused = first.refused[0]!;
    expect(refused.findings.map((f) => f.header).sort()).toEqual(['姓名', '身份证号'].sort());
    const columns = [...new Set(refused.findings.map((f) => f.columnIndex))];
    const loaded = await continueWithoutColumns(db, refused, columns);
    const kept = redactDroppedColumns(loaded.reports[0]!);
    const text = JSON.stringify(kept) + headerSignature(kept.headers);
    for (const name of ['姓名', '身份证号', '张三', '110101199003071234']) expect(text).not.toContain(name);
    expect(kept.warnings).toContainEqual({
      key: 'import.warning.personalColumnsDropped',
      params: { file: 'pii.csv', n: 2 },
    });
    await db.close();
  });
});
