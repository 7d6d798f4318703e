import { parquetWriteBuffer } from 'hyparquet-writer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbConnector } from '../../src/core/db/connector';
import { stageFile } from '../../src/core/import/stage-file';
import { openTestDb } from '../helpers/db';

/**
 * Parquet text is copied into the staging table as UTF-8 bytes without decoding; values with surrounding
 * white space are still trimmed (and '' still NULL) as every other reader does.
 */
let db: DbConnector;
beforeAll(async () => {
  db = await openTestDb();
});
afterAll(() => db.close());

describe('Parquet text columns', () => {
  it('keeps plain values byte for byte and trims or empties padded ones', async () => {
    const values = ['北京西站南广场', ' padded ', '\u3000全角\u3000', '', 'tab\t', null, 'JZ2024000001'];
    const bytes = parquetWriteBuffer({
      columnData: [{ name: 'place', data: values }],
      schema: [
        { name: 'root', num_children: 1 },
        { name: 'place', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
      ],
    });
    const staged = await stageFile(db, new File([new Uint8Array(bytes)], 'text.parquet'), 'pq_text');
    const rows = await db.query<{ c0: string | null; __row: number }>(`SELECT c0, __row FROM pq_text ORDER BY __row`);
    // the blank rows ('' and NULL) are removed and counted, as for every format
    expect(rows).toEqual([
      { c0: '北京西站南广场', __row: 1 },
      { c0: 'padded', __row: 2 },
      { c0: '全角', __row: 3 },
      { c0: 'tab', __row: 5 },
      { c0: 'JZ2024000001', __row: 7 },
    ]);
    expect(staged.warnings).toEqual([
      { key: 'import.warning.blankRowsSkipped', params: { file: 'text.parquet', rows: 2 } },
    ]);
  });
});
