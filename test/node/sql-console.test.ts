import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbConnector } from '../../src/core/db/connector';
import { QueryCoordinator } from '../../src/core/db/query-coordinator';
import { buildLimitedQuery, checkReadOnlySql, splitStatements } from '../../src/views/sql-console/queries';
import { runConsoleQuery } from '../../src/views/sql-console/run-console-query';
import { openTestDb } from '../helpers/db';
import { prepareDatabase } from '../../src/core/db/prepare-database';
import { EMPTY_FILTERS } from '../../src/core/filters';
import { csvConsoleCell, formatConsoleCell } from '../../src/views/sql-console/console-cells';

describe('the console scanner (second line): DuckDB quoting and comments', () => {
  it.each([
    ['SELECT 1', 'ok'],
    ['  with t as (select 1) select * from t;  ', 'ok'],
    ["SELECT 'drop table cases; --' AS s", 'ok'],
    ['SELECT * FROM cases WHERE 1=1; -- trailing', 'ok'],
    ['(SELECT 1)', 'ok'],
    ['DESCRIBE cases', 'ok'],
    ['SUMMARIZE cases', 'ok'],
    ['', 'empty'],
    ['  -- only a comment\n /* and another */ ;', 'empty'],
    ['SELECT 1; DROP TABLE cases', 'multiple'],
    ['DROP TABLE cases', 'notReadOnly'],
    ['CREATE TABLE x AS SELECT 1', 'notReadOnly'],
    ["COPY cases TO 'x.csv'", 'notReadOnly'],
    ['INSTALL spatial', 'notReadOnly'],
    ['SET VARIABLE u = 1', 'notReadOnly'],
    ['PRAGMA table_info(cases)', 'notReadOnly'],
    // the three syntaxes the first scanner did not know each hid a second statement (issue 7)
    ["SELECT E'\\'' AS s; DELETE FROM cases; SELECT E'\\''", 'multiple'],
    ["SELECT E'it\\'s; DROP TABLE cases' AS s", 'ok'],
    ["SELECT $$ it's $$ AS s; DROP TABLE cases", 'multiple'],
    ["SELECT $$;'$$ AS s", 'ok'],
    ["SELECT $tag$ $$ ' ; $tag$ AS s; DELETE FROM cases", 'multiple'],
    ['SELECT 1 /* outer /* inner */ still a comment; */ AS s', 'ok'],
    ['SELECT 1 /* outer /* inner */ still */; DROP TABLE cases', 'multiple'],
    ["SELECT 'it''s' AS s", 'ok'],
    ['SELECT "we;ird" FROM (SELECT 1 AS "we;ird")', 'ok'],
    ["SELECT 'unclosed", 'unclosed'],
    ['SELECT 1 /* /* */', 'unclosed'],
    ['SELECT $$ never closed', 'unclosed'],
  ])('%j → %s', (text, expected) => {
    const checked = checkReadOnlySql(text);
    expect(checked.ok ? 'ok' : checked.reason).toBe(expected);
  });

  it('keeps a statement with its comments and drops the trailing semicolon', () => {
    const text = '-- head\nSELECT 1 /* x */ AS a ; -- tail';
    const [s] = splitStatements(text).statements;
    expect(text.slice(s!.start, s!.end)).toBe('SELECT 1 /* x */ AS a');
  });
});

describe('console queries on the real engine', () => {
  let db: DbConnector;
  let coordinator: QueryCoordinator;
  const run = (text: string, limit = 100) =>
    runConsoleQuery(coordinator, text, { limit, signal: new AbortController().signal });
  beforeAll(async () => {
    db = await openTestDb();
    await db.exec('CREATE TABLE cases AS SELECT range AS i FROM range(10)');
    coordinator = new QueryCoordinator(db);
  });
  afterAll(() => db.close());

  it('runs a query with a row limit', async () => {
    const out = await run('SELECT range AS i FROM range(100);', 7);
    expect(out.ok && out.rows).toHaveLength(7);
  });

  it.each([
    ['SELECT $$a;b$$ AS s', [{ s: 'a;b' }]],
    ["SELECT E'it\\'s' AS s", [{ s: "it's" }]],
    ['SELECT 1 /* a /* b */ c */ AS s -- end', [{ s: 1 }]],
    [
      'DESCRIBE cases',
      [{ column_name: 'i', column_type: 'BIGINT', null: 'YES', key: null, default: null, extra: null }],
    ],
  ])('answers %j', async (text, rows) => {
    expect(await run(text)).toMatchObject({ ok: true, rows });
  });

  // What the engine refuses when the scanner is out of the way: the text is prepared as the subquery the
  // console runs, so a second statement, a non-query or a file read never gets to run.
  it.each([
    ['SELECT 1) ; DROP TABLE cases; SELECT * FROM (SELECT 1', 'multiple'],
    ["SELECT 1) ; SET VARIABLE u = 'http://127.0.0.1:9/' || (SELECT count(*) FROM cases); SELECT (1", 'multiple'],
    ["FROM query('DELETE FROM cases')", 'syntax'],
    ["SELECT * FROM read_text('http://127.0.0.1:9/x')", 'external'],
    ["FROM 's3://bucket/x.csv'", 'external'],
    ["SELECT * FROM read_csv('/etc/passwd')", 'external'],
  ])('refuses %j as %s, and nothing changed', async (text, reason) => {
    expect(await run(text)).toMatchObject({ ok: false, reason });
    expect(await db.query('SELECT count(*) AS n FROM cases')).toEqual([{ n: 10 }]);
  });

  it('wraps the text as a subquery, where only a query parses', () => {
    expect(buildLimitedQuery('SELECT 1 -- c', 5)).toBe(
      'WITH filtered_cases AS (SELECT * FROM cases WHERE TRUE)\nSELECT * FROM (\nSELECT 1 -- c\n) AS console_result LIMIT 5',
    );
  });

  it('stops a runaway query at its time limit in the engine, and the engine answers afterwards', async () => {
    const abort = new AbortController();
    let started = 0;
    const out = await runConsoleQuery(coordinator, 'SELECT count(*) FROM range(1000000000000)', {
      limit: 10,
      signal: abort.signal,
      onStart: () => {
        started++;
        setTimeout(() => abort.abort('timeout'), 300);
      },
    });
    expect(started).toBe(1);
    expect(out).toEqual({ ok: false, reason: 'timeout' });
    expect(await coordinator.query('SELECT count(*) AS n FROM cases')).toEqual([{ n: 10 }]);
  });
});

describe('the console and the filter bar', () => {
  let db: DbConnector;
  let coordinator: QueryCoordinator;
  beforeAll(async () => {
    db = await openTestDb();
    await prepareDatabase(db);
    await db.exec(`INSERT INTO cases (case_id, person_key, found_at, found_district) VALUES
      ('A', 'p1', TIMESTAMP '2024-01-05 08:30', '东城区'), ('B', 'p2', TIMESTAMP '2024-02-05 09:00', '西城区'),
      ('C', 'p3', TIMESTAMP '2024-02-20 10:00', '东城区')`);
    coordinator = new QueryCoordinator(db);
  });
  afterAll(() => db.close());

  it('offers filtered_cases under the filters; cases keeps every episode', async () => {
    const filters = { ...EMPTY_FILTERS, from: '2024-02-01', to: '2024-02-29', districts: ['东城区'] };
    const run = (text: string) =>
      runConsoleQuery(coordinator, text, { limit: 10, signal: new AbortController().signal, filters });
    expect(await run('SELECT count(*) AS n FROM cases')).toMatchObject({ ok: true, rows: [{ n: 3 }] });
    expect(await run('SELECT case_id FROM filtered_cases')).toMatchObject({ ok: true, rows: [{ case_id: 'C' }] });
  });

  it('says which columns are times, so they read as dates and not as epoch milliseconds', async () => {
    const out = await runConsoleQuery(
      coordinator,
      "SELECT found_at, CAST(found_at AS DATE) AS day, case_id FROM cases WHERE case_id = 'A'",
      {
        limit: 10,
        signal: new AbortController().signal,
      },
    );
    expect(out.ok && out.columns).toEqual([
      { name: 'found_at', type: 'TIMESTAMP' },
      { name: 'day', type: 'DATE' },
      { name: 'case_id', type: 'VARCHAR' },
    ]);
    const row = out.ok ? out.rows[0]! : {};
    expect(formatConsoleCell(row.found_at, 'TIMESTAMP', 'zh')).toBe('2024/01/05 08:30');
    expect(csvConsoleCell(row.found_at, 'TIMESTAMP')).toBe('2024-01-05 08:30:00');
    expect(csvConsoleCell(row.day, 'DATE')).toBe('2024-01-05');
    expect(formatConsoleCell(row.case_id, 'VARCHAR', 'zh')).toBe('A');
  });
});
