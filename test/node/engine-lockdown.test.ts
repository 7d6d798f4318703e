import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbConnector } from '../../src/core/db/connector';
import { registeredFilePath } from '../../src/core/db/engine-lockdown';
import { runReadOnlyQuery } from '../../src/core/db/read-only-query';
import { openTestDb } from '../helpers/db';

/**
 * The engine's own defence, with the console's checks out of the way: every statement here goes straight
 * to the connector, as a bypass would. A loopback server counts the requests that reach it.
 */
describe('the locked engine', () => {
  let db: DbConnector;
  let server: Server;
  let base = '';
  const hits: string[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      hits.push(`${req.method} ${req.url}`);
      res.end('a,b\n1,2\n');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    db = await openTestDb();
    await db.exec('CREATE TABLE cases AS SELECT range AS i FROM range(10)');
  });
  afterAll(async () => {
    await db.close();
    await new Promise((resolve) => server.close(resolve));
  });

  const FILES = /Permission Error: Cannot access file .* file system operations are disabled by configuration/;
  const LOCKED = /the configuration has been locked/;
  it.each([
    ["SELECT * FROM read_text('{base}/x')", FILES],
    ["SELECT * FROM read_csv('{base}/x.csv')", FILES],
    ["FROM '{base}/x.csv'", FILES],
    ["SELECT * FROM read_text('https://127.0.0.1/x')", FILES],
    ["FROM 's3://bucket/cases.csv'", FILES],
    ["SELECT * FROM read_text('/etc/passwd')", FILES],
    ["SELECT * FROM read_text('registered/../package.json')", FILES],
    ["ATTACH '{base}/x.db' AS remote", FILES],
    ["ATTACH 'local.db' AS local", FILES],
    ["COPY cases TO 'out.csv'", FILES],
    ["COPY cases TO '{base}/upload.csv'", FILES],
    ["EXPORT DATABASE 'export-dir'", FILES],
    ['LOAD httpfs', /Loading external extensions is disabled/],
    ['SET enable_external_access = true', LOCKED],
    ['RESET enable_external_access', LOCKED],
    ['SET lock_configuration = false', LOCKED],
    ["SET allowed_directories = ['/']", LOCKED],
    ['SET autoload_known_extensions = true', LOCKED],
    ['PRAGMA threads = 1', LOCKED],
  ])('refuses %s', async (statement, error) => {
    await expect(db.exec(statement.replace('{base}', base))).rejects.toThrow(error);
  });

  it('refuses a URL built from case rows with SET VARIABLE and getvariable', async () => {
    await db.exec(`SET VARIABLE u = '${base}/leak?n=' || (SELECT count(*) FROM cases)`);
    await expect(db.query(`SELECT * FROM read_text(getvariable('u'))`)).rejects.toThrow(FILES);
  });

  it('accepts INSTALL as the no-op it is in DuckDB-WASM: nothing is fetched or installed', async () => {
    await db.exec('INSTALL httpfs');
    expect(
      await db.query(
        `SELECT extension_name FROM duckdb_extensions() WHERE installed AND install_mode <> 'STATICALLY_LINKED'`,
      ),
    ).toEqual([]);
  });

  it('still reads buffers registered under registered/, and only there', async () => {
    const path = registeredFilePath('probe.csv');
    await db.registerFileBuffer(path, new TextEncoder().encode('a,b\n1,2\n'));
    expect(await db.query(`SELECT * FROM read_csv('${path}')`)).toEqual([{ a: 1, b: 2 }]);
    await db.dropFile(path);
    await expect(db.registerFileBuffer('elsewhere.csv', new Uint8Array(1))).rejects.toThrow(/registered\//);
    expect(() => registeredFilePath('../x.csv')).toThrow();
  });

  it('runs a read-only query so that no write gets through, and refuses several statements', async () => {
    for (const write of [
      'DELETE FROM cases',
      'DROP TABLE cases',
      'CREATE TABLE x AS SELECT 1',
      'INSERT INTO cases VALUES (99)',
    ]) {
      await expect(runReadOnlyQuery(db, write)).rejects.toThrow(/read-only/);
    }
    await expect(runReadOnlyQuery(db, 'SELECT 1; DELETE FROM cases')).rejects.toThrow(/multiple statements/);
    expect(await runReadOnlyQuery(db, 'SELECT count(*) AS n FROM cases')).toEqual([{ n: 10 }]);
  });

  it('let no request reach the loopback server', () => {
    expect(hits).toEqual([]);
  });
});
