import { readFileSync } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbConnector } from '../../src/core/db/connector';
import { importFiles } from '../../src/core/import/import-pipeline';
import { openTestDb } from '../helpers/db';

/**
 * The canonical `outcome` folds every way home into returned_home; `outcome_detail` keeps the way, read from the
 * same 去向 label, so the monthly report can tell 护送返乡 from 购票返乡.
 */
const SAMPLES = path.resolve(import.meta.dirname, '../fixtures/samples');
const CSV = 'cases_2023_gbk.csv';
const WAYS = { 护送返乡: 'escorted_home', 购票返乡: 'ticket_home', 自行返乡: 'self_home', 返乡: 'unspecified_home' };

/** Label counts read from the file's text, without the rows the import rejects (README: 4 bad dates, 3 empty ids). */
function countLabelsInFile(): { all: Record<string, number>; kept: Record<string, number> } {
  const text = iconv.decode(readFileSync(path.join(SAMPLES, CSV)), 'gbk');
  const all: Record<string, number> = {};
  const kept: Record<string, number> = {};
  const badDates = new Set(['待核实', '#VALUE!', '2023/13/5 8:30', '2023/2/30 8:00']);
  for (const line of text.split(/\r?\n/).slice(1)) {
    const fields = line.split(',');
    const label = fields[fields.length - 1] ?? '';
    if (!(label in WAYS)) continue;
    all[label] = (all[label] ?? 0) + 1;
    if (fields[0] !== '' && !badDates.has(fields[2] ?? '')) kept[label] = (kept[label] ?? 0) + 1;
  }
  return { all, kept };
}

let db: DbConnector;
beforeAll(async () => {
  db = await openTestDb();
  await importFiles(db, [new File([readFileSync(path.join(SAMPLES, CSV))], CSV)], {});
}, 120_000);
afterAll(() => db.close());

describe('outcome_detail on the GBK sample', () => {
  it('tells the four ways home apart, as many as the file has (rejected rows aside)', async () => {
    const { all, kept } = countLabelsInFile();
    // the fixture's facts (the brief for issue 13)
    expect(all).toEqual({ 护送返乡: 1088, 购票返乡: 54, 自行返乡: 66, 返乡: 58 });
    const rows = await db.query<{ outcome_detail: string; n: number }>(
      `SELECT outcome_detail, count(*) AS n FROM cases WHERE outcome = 'returned_home' GROUP BY 1 ORDER BY 1`,
    );
    const expected = Object.entries(WAYS)
      .map(([label, code]) => ({ outcome_detail: code, n: kept[label] ?? 0 }))
      .sort((a, b) => a.outcome_detail.localeCompare(b.outcome_detail));
    expect(rows).toEqual(expected);
  });

  it('is empty for every other outcome', async () => {
    const [row] = await db.query<{ n: number }>(
      `SELECT count(*) AS n FROM cases WHERE outcome IS DISTINCT FROM 'returned_home' AND outcome_detail IS NOT NULL`,
    );
    expect(row?.n).toBe(0);
  });
});
