import { describe, expect, it } from 'vitest';
import { clearTables } from '../../src/core/db/clear-tables';
import { prepareDatabase } from '../../src/core/db/prepare-database';
import {
  clearSavedData,
  restoreTables,
  saveTables,
  type EngineRunner,
  type KeyValueStore,
} from '../../src/app/storage/persist-tables';
import { openTestDb } from '../helpers/db';

function mapStore(): KeyValueStore & { keys(): string[] } {
  const m = new Map<string, unknown>();
  return {
    get: <T>(k: string) => Promise.resolve(m.get(k) as T | undefined),
    set: (k, v) => Promise.resolve(void m.set(k, v)),
    delete: (k) => Promise.resolve(void m.delete(k)),
    keys: () => [...m.keys()].sort(),
  };
}

// The app keeps loaded tables as Arrow IPC chunks between page loads (IndexedDB there, a Map here).
describe('tables survive a save and restore', () => {
  it('restores every column type of the canonical tables exactly, across chunks', async () => {
    const a = await openTestDb();
    await prepareDatabase(a);
    await a.exec(`INSERT INTO cases (case_id, person_id, person_key, found_at, exit_at, lon, lat, groups, sex,
        age_band, origin_code, poverty_registered, source_file, source_row)
      VALUES ('A1', 'P1', 'P1', TIMESTAMP '2023-01-05 08:30:00', NULL, 116.4, 39.9, ['minor', 'mental'], 'f',
        '0-17', '410100', TRUE, '样本.csv', 7),
      ('A2', NULL, 'case:A2', TIMESTAMP '2024-02-29 23:59:59', TIMESTAMP '2024-03-02 10:00:00', NULL, NULL, [], NULL,
        'unknown', NULL, NULL, 'x.xlsx', 1),
      ('A3', 'P1', 'P1', TIMESTAMP '2024-03-01 00:00:00', NULL, 116.5, 40.0, [], 'f', '0-17', NULL, FALSE, 'x.xlsx', 2)`);
    await a.exec(
      `INSERT INTO patrol_points VALUES ('一组', '一组|2023-01-01', TIMESTAMP '2023-01-01 20:00:00', 116.3, 39.8, 'p.csv', 2, NULL)`,
    );
    const store = mapStore();
    // two rows a chunk: cases (3 rows) takes chunks 0 and 1, patrol_points one, import_rejects none
    await saveTables(a, { demo: false }, store, 2);
    expect(store.keys()).toEqual(['chunk:cases:0', 'chunk:cases:1', 'chunk:patrol_points:0', 'tables']);
    const before = await a.query('SELECT * FROM cases ORDER BY case_id');
    const b = await openTestDb();
    await prepareDatabase(b);
    expect(await restoreTables(b, store)).toEqual({ meta: { demo: false } });
    expect(await b.query('SELECT * FROM cases ORDER BY case_id')).toEqual(before);
    expect(await b.query('SELECT count(*) AS n FROM patrol_points')).toEqual([{ n: 1 }]);
    await b.close();

    await a.exec(`DELETE FROM cases WHERE case_id <> 'A1'`);
    await saveTables(a, { demo: false }, store, 2);
    // a smaller table leaves no stale chunk behind
    expect(store.keys()).toEqual(['chunk:cases:0', 'chunk:patrol_points:0', 'tables']);
    await a.close();

    const c = await openTestDb();
    await prepareDatabase(c);
    await restoreTables(c, store);
    expect(await c.query('SELECT * FROM cases ORDER BY case_id')).toEqual([before[0]]);
    await c.close();

    await clearSavedData(store);
    expect(store.keys()).toEqual([]);
  });
});

describe('clearing while a save is under way', () => {
  it('stops the save at its next chunk: no manifest and no chunk is left', async () => {
    const a = await openTestDb();
    await prepareDatabase(a);
    await a.exec(`INSERT INTO cases (case_id, person_key, found_at, groups, age_band)
      SELECT 'C' || i, 'case:C' || i, TIMESTAMP '2023-01-01 00:00:00', [], 'unknown' FROM range(5) t(i)`);
    const store = mapStore();
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    let steps = 0;
    // the second engine step (the first chunk) waits, as a chunk waits behind other work in the app's queue
    const runner: EngineRunner = async (work) => {
      if (steps++ === 1) await gate;
      return work(a);
    };
    const saving = saveTables(runner, { demo: false }, store, 2);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const cleared = clearSavedData(store);
    release();
    await Promise.all([saving, cleared]);
    expect(steps).toBe(2);
    expect(store.keys()).toEqual([]);
    await a.close();
  });
});

describe('tables saved before a column was added', () => {
  it('restore with that column empty (outcome_detail, added for the monthly report)', async () => {
    const a = await openTestDb();
    // the cases table as saved before outcome_detail existed
    await a.exec(`CREATE TABLE cases AS SELECT * EXCLUDE (outcome_detail) FROM (SELECT 'B1' AS case_id, NULL::VARCHAR AS person_id,
      'case:B1' AS person_key, TIMESTAMP '2023-05-01 10:00:00' AS found_at, NULL::TIMESTAMP AS exit_at, NULL::DOUBLE AS lon,
      NULL::DOUBLE AS lat, NULL::VARCHAR AS found_place, NULL::VARCHAR AS found_district, NULL::VARCHAR AS found_street,
      NULL::VARCHAR AS channel, []::VARCHAR[] AS groups, 'm' AS sex, '18-59' AS age_band, NULL::VARCHAR AS origin_code,
      NULL::VARCHAR AS origin_text, NULL::BOOLEAN AS poverty_registered, NULL::VARCHAR AS identity_status,
      NULL::VARCHAR AS station, 'returned_home' AS outcome, NULL::VARCHAR AS outcome_detail, 'old.csv' AS source_file,
      3 AS source_row)`);
    // saved as that version did: every column as it was, no column list, no episode links
    const store = mapStore();
    await store.set('chunk:cases:0', await a.queryArrowIPC('SELECT * FROM cases'));
    await store.set('tables', {
      version: 2,
      savedAt: '2026-11-01T00:00:00Z',
      chunks: { cases: 1 },
      meta: { demo: false },
    });
    await a.close();
    const b = await openTestDb();
    await prepareDatabase(b);
    await restoreTables(b, store);
    expect(await b.query('SELECT case_id, outcome, outcome_detail, source_row, person_no FROM cases')).toEqual([
      { case_id: 'B1', outcome: 'returned_home', outcome_detail: null, source_row: 3, person_no: 1 },
    ]);
    await b.close();
  });
});

describe('the patrol forms survive a save and restore', () => {
  it('keeps patrol logs by grid cell and the drawn-route flag, and clears them with the rest', async () => {
    const a = await openTestDb();
    await prepareDatabase(a);
    await a.exec(`INSERT INTO patrol_points VALUES
      ('一组', 'route:一组|2023-01-10 19:00:00|2023-01-10 20:00:00#1', TIMESTAMP '2023-01-10 19:00:00', 116.4, 39.9,
        'r.csv', 1, TRUE),
      ('一组', '一组|2023-01-10', TIMESTAMP '2023-01-10 21:00:00', 116.5, 39.9, 'p.csv', 1, NULL)`);
    await a.exec(`INSERT INTO patrol_logs VALUES
      ('二组', TIMESTAMP '2023-01-10 08:30:00', TIMESTAMP '2023-01-10 10:00:00', 'DC-001', 'g.csv', 1)`);
    const store = mapStore();
    await saveTables(a, { demo: false }, store);
    expect(store.keys()).toEqual(['chunk:patrol_logs:0', 'chunk:patrol_points:0', 'tables']);
    const b = await openTestDb();
    await prepareDatabase(b);
    await restoreTables(b, store);
    expect(await b.query('SELECT * FROM patrol_logs')).toEqual(await a.query('SELECT * FROM patrol_logs'));
    expect(await b.query('SELECT source_file, drawn_route FROM patrol_points ORDER BY source_file')).toEqual([
      { source_file: 'p.csv', drawn_route: null },
      { source_file: 'r.csv', drawn_route: true },
    ]);
    await clearTables(b);
    expect(await b.query('SELECT count(*) AS n FROM patrol_logs')).toEqual([{ n: 0 }]);
    await a.close();
    await b.close();
  });

  it('restores track points saved before drawn routes existed as GPS fixes', async () => {
    const a = await openTestDb();
    await a.exec(`CREATE TABLE patrol_points AS SELECT '一组' AS team_id, '一组|2023-01-01' AS patrol_id,
      TIMESTAMP '2023-01-01 20:00:00' AS recorded_at, 116.3 AS lon, 39.8 AS lat, 'p.csv' AS source_file, 2 AS source_row`);
    const store = mapStore();
    await store.set('chunk:patrol_points:0', await a.queryArrowIPC('SELECT * FROM patrol_points'));
    await store.set('tables', { version: 2, savedAt: '2026-11-01T00:00:00Z', chunks: { patrol_points: 1 }, meta: {} });
    await a.close();
    const b = await openTestDb();
    await prepareDatabase(b);
    await restoreTables(b, store);
    expect(await b.query('SELECT team_id, drawn_route FROM patrol_points')).toEqual([
      { team_id: '一组', drawn_route: null },
    ]);
    await b.close();
  });
});
