import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbConnector } from '../../src/core/db/connector';
import { prepareDatabase } from '../../src/core/db/prepare-database';
import { importFiles } from '../../src/core/import/import-pipeline';
import { suggestCaseMapping } from '../../src/core/import/header-aliases';
import { openTestDb } from '../helpers/db';

/**
 * The per-episode links (person_no, episode_no, prev2_found_at, next_found_at) the import keeps, on two files
 * that share persons: the same tables whichever file comes first, and the values worked out by hand.
 */
const HEADER = '救助编号,人员编号,求助时间,离站时间,去向';
const FILE_A = [
  'P1,P,2023-01-01 08:00:00,2023-01-05 08:00:00,护送返乡',
  'P3,P,2023-03-01 08:00:00,,在站',
  // Q1's exit is dated after Q2's intake (an entry error): its next episode is Q3, not Q2.
  'Q1,Q,2023-01-10 08:00:00,2023-02-20 08:00:00,护送返乡',
  'Q3,Q,2023-03-15 08:00:00,,在站',
  'U1,,2023-01-02 08:00:00,2023-01-03 08:00:00,护送返乡',
];
const FILE_B = [
  'P2,P,2023-02-01 08:00:00,2023-02-03 08:00:00,亲属接回',
  'P4,P,2023-04-01 08:00:00,,在站',
  'Q2,Q,2023-02-01 08:00:00,2023-02-02 08:00:00,护送返乡',
  'U2,,2023-01-02 09:00:00,,在站',
];
const file = (name: string, rows: string[], header = HEADER) => new File([`${header}\n${rows.join('\n')}\n`], name);

const LINKS_SQL = `SELECT case_id, person_key, episode_no, strftime(prev_found_at, '%m-%d') AS prev,
  strftime(prev2_found_at, '%m-%d') AS prev2, strftime(next_found_at, '%m-%d') AS next,
  strftime(prev_exit_at, '%m-%d') AS prev_exit FROM cases ORDER BY case_id`;

/**
 * Worked out by hand from the rows above (times all 08:00). Reference times (exit, else intake): P1 01-05,
 * P2 02-03, P3 03-01, P4 04-01; Q1 02-20, Q2 02-02, Q3 03-15. Exits to home: P1, P2, Q1, Q2.
 */
const EXPECTED = [
  { case_id: 'P1', person_key: 'P', episode_no: 1, prev: null, prev2: null, next: '02-01', prev_exit: null },
  { case_id: 'P2', person_key: 'P', episode_no: 2, prev: '01-01', prev2: null, next: '03-01', prev_exit: '01-05' },
  { case_id: 'P3', person_key: 'P', episode_no: 3, prev: '02-01', prev2: '01-01', next: '04-01', prev_exit: '02-03' },
  { case_id: 'P4', person_key: 'P', episode_no: 4, prev: '03-01', prev2: '02-01', next: null, prev_exit: '02-03' },
  // Q2 is found before Q1 ends: Q2's exit comes first in reference order
  { case_id: 'Q1', person_key: 'Q', episode_no: 1, prev: null, prev2: null, next: '03-15', prev_exit: '02-02' },
  { case_id: 'Q2', person_key: 'Q', episode_no: 2, prev: '01-10', prev2: null, next: '03-15', prev_exit: null },
  { case_id: 'Q3', person_key: 'Q', episode_no: 3, prev: '02-01', prev2: '01-10', next: null, prev_exit: '02-20' },
  { case_id: 'U1', person_key: 'case:U1', episode_no: null, prev: null, prev2: null, next: null, prev_exit: null },
  { case_id: 'U2', person_key: 'case:U2', episode_no: null, prev: null, prev2: null, next: null, prev_exit: null },
];

async function importInOrder(files: File[]): Promise<DbConnector> {
  const db = await openTestDb();
  await prepareDatabase(db);
  for (const f of files) {
    const result = await importFiles(db, [f]);
    expect(result.errors).toEqual([]);
  }
  return db;
}

describe('episode links kept across imports', () => {
  let aThenB: DbConnector;
  let bThenA: DbConnector;
  beforeAll(async () => {
    aThenB = await importInOrder([file('a.csv', FILE_A), file('b.csv', FILE_B)]);
    bThenA = await importInOrder([file('b.csv', FILE_B), file('a.csv', FILE_A)]);
  }, 60_000);
  afterAll(async () => {
    await aThenB.close();
    await bThenA.close();
  });

  it('gives the hand-computed links after A then B', async () => {
    expect(await aThenB.query(LINKS_SQL)).toEqual(EXPECTED);
  });

  it('gives equal tables after B then A', async () => {
    expect(await bThenA.query(LINKS_SQL)).toEqual(await aThenB.query(LINKS_SQL));
  });

  it('gives each person one number and different persons different numbers', async () => {
    for (const db of [aThenB, bThenA]) {
      const rows = await db.query<{ keys: number; numbers: number; pairs: number }>(
        `SELECT count(DISTINCT person_key) AS keys, count(DISTINCT person_no) AS numbers,
           count(DISTINCT (person_key, person_no)) AS pairs FROM cases`,
      );
      expect(rows).toEqual([{ keys: 4, numbers: 4, pairs: 4 }]);
    }
  });

  it('recomputes the links of the persons whose rows a re-import replaced', async () => {
    // b.csv mapped again without its person column: P2, P4 and Q2 leave persons P and Q, whose other
    // episodes (in a.csv) get new numbers and next episodes
    const headers = HEADER.split(',');
    const mapping = { ...suggestCaseMapping(headers) } as Record<string, number>;
    delete mapping.person_id;
    const again = await importFiles(aThenB, [file('b.csv', FILE_B)], {
      mappingOverrides: { 'b.csv': mapping },
      replaceExisting: true,
    });
    expect(again.errors).toEqual([]);
    const fresh = await importInOrder([
      file('a.csv', FILE_A),
      file(
        'b.csv',
        FILE_B.map((r) => r.replace(/^(\w+),\w*,/, '$1,,')),
      ),
    ]);
    const after = await aThenB.query(LINKS_SQL);
    expect(after).toEqual(await fresh.query(LINKS_SQL));
    expect(after.find((r) => r.case_id === 'P1')).toMatchObject({ episode_no: 1, next: '03-01' });
    expect(after.find((r) => r.case_id === 'P3')).toMatchObject({ episode_no: 2, prev2: null });
    await fresh.close();
  });
});
