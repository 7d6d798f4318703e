import { describe, expect, it } from 'vitest';
import { originMessages, type OriginTranslate } from '../../src/views/origins/messages';
import type { OriginRateRow, OriginTableRow } from '../../src/views/origins/queries';
import { buildSheetModel, sheetToXlsx, type ReturnerRow, type SheetInput } from '../../src/views/origins/sheet';
import { createTranslator, mergeMessages } from '../../src/views/shared/i18n/translate';
import { sharedMessages } from '../../src/views/shared/messages';

const translator = (lang: 'zh' | 'en') =>
  createTranslator(mergeMessages(sharedMessages, originMessages), lang) as OriginTranslate;

const row = (over: Partial<OriginTableRow>): OriginTableRow => ({
  is_total: false,
  region: '410100',
  episodes: 5205,
  persons: 3976,
  minors: 174,
  elderly: 606,
  mental: 315,
  poor: 406,
  poverty_recorded: 3976,
  sent_home: 2957,
  median_stay_days: 2.4,
  first_found: null,
  last_found: null,
  unknown_identity: 0,
  ...over,
});
const rate = (returned: number, cohort: number): OriginRateRow => ({
  region: '410100',
  cohort,
  returned,
  sent_home_cohort: cohort,
  complete_periods: 12,
  periods: 12,
  not_linkable: 0,
});
const returners = (n: number): ReturnerRow[] =>
  Array.from({ length: n }, (_, i) => ({
    region: '410100',
    token: `T${i}`,
    exit_case_id: `C${i}`,
    exit_found_at: 0,
    exit_at: 0,
    exit_outcome: null,
    next_found_at: 0,
    next_case_id: null,
    next_place: null,
    gap_days: 30,
  }));
const input = (r: OriginTableRow, rt: OriginRateRow | null, found: number): SheetInput => ({
  region: '410100',
  name: '郑州市',
  figures: { row: r, rate: rt, returnRate: rt ? rt.returned / rt.cohort : null, population: null, per10k: null },
  returners: returners(found),
  poor: [],
  episodes: [],
  period: { from: '2022-01-01', to: '2025-12-31' },
  sender: '',
  contact: '',
});
const value = (m: ReturnType<typeof buildSheetModel>, label: string) => m.summary.find((s) => s.label === label)?.value;

describe('the coordination sheet (反馈至流出地)', () => {
  it('gives the return rate its own counts (complete cohorts), apart from everyone found again', () => {
    // 667 persons found again in all, 664 of them in the 2,481-person complete cohorts: 664 / 2,481 = 26.76 %
    const m = buildSheetModel(input(row({}), rate(664, 2481), 667), translator('zh'), 'zh');
    expect(value(m, '返乡后365天内再次受助人数')).toBe(667);
    expect(value(m, '365天内再次受助率（随访期满批次）')).toBe('26.8%（664/2,481）');
    const en = buildSheetModel(input(row({}), rate(664, 2481), 667), translator('en'), 'en');
    expect(en.summary.find((s) => s.label.startsWith('Return rate'))?.value).toBe('26.8% (664/2,481)');
  });

  it('suppresses counts under 5 and a rate whose counts are small, in the model and the workbook', () => {
    const small = row({ episodes: 4, persons: 3, minors: 0, elderly: 1, mental: 0, poor: 2, poverty_recorded: 3 });
    const m = buildSheetModel(input(small, rate(2, 3), 2), translator('zh'), 'zh');
    expect(value(m, '救助人次')).toBe('<5');
    expect(value(m, '救助人数')).toBe('<5');
    expect(value(m, '返乡后365天内再次受助人数')).toBe('<5');
    expect(value(m, '其中未成年人')).toBe(0);
    // a rate over a cohort under 5 is not shown, and neither are its counts
    const shownRate = value(m, '365天内再次受助率（随访期满批次）');
    expect(String(shownRate)).not.toMatch(/\d/);
    const cells = sheetToXlsx(m, translator('zh'))[0]!.rows.flat();
    for (const c of cells) if (typeof c === 'number') expect(c === 0 || c >= 5, String(c)).toBe(true);
  });
});
