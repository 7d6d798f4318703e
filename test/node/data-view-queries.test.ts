import { describe, expect, it } from 'vitest';
import { prepareDatabase } from '../../src/core/db/prepare-database';
import { clearTables } from '../../src/core/db/clear-tables';
import { LOADED_DATASETS_QUERY } from '../../src/views/data/queries';
import { openTestDb } from '../helpers/db';

describe('data view queries', () => {
  it('lists loaded files per table and clears everything', async () => {
    const db = await openTestDb();
    await prepareDatabase(db);
    await db.exec(`INSERT INTO cases (case_id, person_key, found_at, source_file) VALUES
      ('a', 'a', TIMESTAMP '2023-01-02 10:00', 'x.csv'), ('b', 'b', TIMESTAMP '2023-03-04 10:00', 'x.csv')`);
    await db.exec(`INSERT INTO patrol_points (team_id, patrol_id, recorded_at, source_file) VALUES
      ('t', 't|2023-01-01', TIMESTAMP '2023-01-01 20:00', 'p.csv')`);
    // two drawn routes of three and two vertices are two rows of their file; logs by grid cell are listed too
    await db.exec(`INSERT INTO patrol_points (team_id, patrol_id, recorded_at, source_file, source_row, drawn_route)
      SELECT 't', 'route:' || r, TIMESTAMP '2023-01-05 08:00' + to_minutes(v), 'r.csv', r, TRUE
      FROM (VALUES (1, 0), (1, 10), (1, 20), (2, 0), (2, 30)) AS x(r, v)`);
    await db.exec(`INSERT INTO patrol_logs VALUES
      ('t', TIMESTAMP '2023-02-01 08:00', TIMESTAMP '2023-02-02 01:00', 'G1', 'g.csv', 1)`);
    expect(await db.query(LOADED_DATASETS_QUERY)).toEqual([
      { kind: 'cases', source_file: 'x.csv', rows: 2, first_day: '2023-01-02', last_day: '2023-03-04' },
      { kind: 'patrols', source_file: 'g.csv', rows: 1, first_day: '2023-02-01', last_day: '2023-02-02' },
      { kind: 'patrols', source_file: 'p.csv', rows: 1, first_day: '2023-01-01', last_day: '2023-01-01' },
      { kind: 'patrols', source_file: 'r.csv', rows: 2, first_day: '2023-01-05', last_day: '2023-01-05' },
    ]);
    await clearTables(db);
    expect(await db.query(LOADED_DATASETS_QUERY)).toEqual([]);
    await db.close();
  });
});
