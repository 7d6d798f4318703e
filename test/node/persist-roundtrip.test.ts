import { describe, expect, it } from 'vitest';
import { prepareDatabase, PERSISTED_TABLES } from '../../src/core/db/prepare-database';
import { ident } from '../../src/core/sql/sql';
import { openTestDb } from '../helpers/db';

// The app keeps loaded tables as Arrow IPC between page loads (src/app/storage/persist-tables.ts);
// this is the same round trip through the engine, without IndexedDB.
describe('tables survive an Arrow IPC round trip', () => {
  it('restores every column type of the canonical tables exactly', async () => {
    const a = await openTestDb();
    await prepareDatabase(a);
    await a.exec(`INSERT INTO cases (case_id, person_id, person_key, found_at, exit_at, lon, lat, groups, sex,
        age_band, origin_code, poverty_registered, source_file, source_row)
      VALUES ('A1', 'P1', 'P1', TIMESTAMP '2023-01-05 08:30:00', NULL, 116.4, 39.9, ['minor', 'mental'], 'f',
        '0-17', '410100', TRUE, '样本.csv', 7),
      ('A2', NULL, 'case:A2', TIMESTAMP '2024-02-29 23:59:59', TIMESTAMP '2024-03-02 10:00:00', NULL, NULL, [], NULL,
        'unknown', NULL, NULL, 'x.xlsx', 1)`);
    await a.exec(
      `INSERT INTO patrol_points VALUES ('一组', '一组|2023-01-01', TIMESTAMP '2023-01-01 20:00:00', 116.3, 39.8, 'p.csv', 2)`,
    );
    const saved: Record<string, Uint8Array> = {};
    for (const t of PERSISTED_TABLES) saved[t] = await a.queryArrowIPC(`SELECT * FROM ${ident(t)}`);
    const before = await a.query('SELECT * FROM cases ORDER BY case_id');
    await a.close();

    const b = await openTestDb();
    await prepareDatabase(b);
    for (const t of PERSISTED_TABLES) {
      await b.insertArrowIPC(`restore_${t}`, saved[t]!);
      await b.exec(`INSERT INTO ${ident(t)} SELECT * FROM ${ident(`restore_${t}`)}`);
    }
    expect(await b.query('SELECT * FROM cases ORDER BY case_id')).toEqual(before);
    expect(await b.query('SELECT count(*) AS n FROM patrol_points')).toEqual([{ n: 1 }]);
    await b.close();
  });
});
