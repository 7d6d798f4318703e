import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbConnector } from '../../src/core/db/connector';
import { prepareDatabase } from '../../src/core/db/prepare-database';
import { importFiles } from '../../src/core/import/import-pipeline';
import { checkImportFits, parseMemorySize } from '../../src/core/import/memory-fit';
import type { SourceFile } from '../../src/core/import/source-file';
import { openTestDb } from '../helpers/db';

let db: DbConnector;
beforeAll(async () => {
  db = await openTestDb();
  await prepareDatabase(db);
});
afterAll(() => db.close());

/** A file that claims a size and fails the test if anything tries to read it. */
function unreadable(name: string, size: number): SourceFile {
  return {
    name,
    size,
    arrayBuffer: () => Promise.reject(new Error(`${name} was read`)),
  };
}

describe('will a file fit in the engine’s memory', () => {
  it('reads the engine’s limit as it prints it', () => {
    expect(parseMemorySize('3.1 GiB')).toBeCloseTo(3.1 * 2 ** 30, 0);
    expect(parseMemorySize('512.0 MiB')).toBe(512 * 2 ** 20);
    expect(parseMemorySize('2 GB')).toBe(2e9);
    expect(parseMemorySize('unlimited')).toBeNull();
  });

  it('judges a file by its size and the engine’s limit less what it holds', async () => {
    const small = await checkImportFits(db, { name: 'a.csv', size: 10 * 2 ** 20 });
    expect(small.fits).toBe(true);
    expect(small.needed).toBe(45 * 2 ** 20);
    // the engine's default limit in Node is 3.1 GiB: a 1 GB CSV would need about 4.5 GB at its peak
    const large = await checkImportFits(db, { name: 'b.csv', size: 2 ** 30 });
    expect(large.fits).toBe(false);
    expect(large.available).toBeLessThan(large.needed);
  });

  it('refuses a file too large for the tab before reading it, and goes on with the others', async () => {
    const small = new File(['救助编号,求助时间\nM1,2024-01-05 08:00:00\n'], 'small.csv');
    const result = await importFiles(db, [unreadable('big.csv', 2 ** 30), small]);
    expect(result.errors).toEqual([
      {
        fileName: 'big.csv',
        message: {
          key: 'import.error.tooLargeForMemory',
          params: { file: 'big.csv', needed: 4608, available: expect.any(Number) as number },
        },
      },
    ]);
    expect(result.reports.map((r) => [r.fileName, r.rowsLoaded])).toEqual([['small.csv', 1]]);
  });
});
