import { describe, expect, it } from 'vitest';
import { Table, tableToIPC } from 'apache-arrow';
import { utf8Vector } from '../../src/core/import/stage-rows';
import { openTestDb } from '../helpers/db';

describe('the hand-built Utf8 vector', () => {
  it('round-trips Chinese text, empty strings, nulls and astral characters through DuckDB', async () => {
    const values = ['救助编号', null, '', 'a,b"c', '𠀀 surrogate pair', null, 'x'.repeat(1000)];
    const ipc = tableToIPC(new Table({ v: utf8Vector(values) }), 'stream');
    const db = await openTestDb();
    await db.insertArrowIPC('t', ipc);
    const rows = await db.query<{ v: string | null }>('SELECT v FROM t');
    expect(rows.map((r) => r.v)).toEqual(values);
    await db.close();
  });
});
