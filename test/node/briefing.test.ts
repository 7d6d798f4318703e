import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportPeriodSpec } from '../../src/core/calendar/report-periods';
import type { DbConnector } from '../../src/core/db/connector';
import { EMPTY_FILTERS, type GlobalFilters } from '../../src/core/filters';
import { loadGb2260 } from '../../src/core/geo/gb2260';
import { createOriginResolver } from '../../src/core/geo/origin-resolver';
import { buildCreateOriginUnitsSql } from '../../src/core/geo/origin-units';
import { buildOccupiedArea, studyAreaFilters } from '../../src/core/hotspots/study-area';
import type { CountRow } from '../../src/core/hotspots/cell-queries';
import { gridKindOf } from '../../src/core/hotspots/grid-kinds';
import { HotspotGridCache, runHotspotAnalysis } from '../../src/core/hotspots/hotspot-analysis';
import { importFiles } from '../../src/core/import/import-pipeline';
import { createTranslator, mergeMessages } from '../../src/views/shared/i18n/translate';
import { sharedMessages } from '../../src/views/shared/messages';
import { buildKpiQuery, lastYearFilters } from '../../src/views/overview/queries';
import type { KpiRow } from '../../src/views/overview/layers';
import { buildRepeatReturnQueries, DEFAULT_REPEAT_RETURN_PARAMS } from '../../src/views/repeat-returns/queries';
import type { CohortRateRow } from '../../src/views/repeat-returns/queries';
import { buildCohortCells } from '../../src/views/repeat-returns/layers';
import { summarizeCohorts } from '../../src/views/repeat-returns/view-data';
import { buildOriginTableQuery } from '../../src/core/analytics/origin-regions';
import type { OriginTableRow } from '../../src/views/origins/queries';
import { buildHotspotCells } from '../../src/views/hotspots/layers';
import { rankHotCells } from '../../src/views/hotspots/ranking';
import { briefingHotspotSettings, rankBriefingHotspots } from '../../src/views/briefing/hotspot-adapter';
import {
  buildPeriodFigures,
  buildTiles,
  periodOf,
  type PeriodFigures,
  type Tile,
} from '../../src/views/briefing/figures';
import { briefingMessages, type BriefingTranslate } from '../../src/views/briefing/messages';
import { buildNarrative } from '../../src/views/briefing/narrative';
import { labelReportPeriod, presentTile } from '../../src/views/briefing/present';
import { buildBriefingQueries, buildBriefingScope, type ExtraRow } from '../../src/views/briefing/queries';
import { listTopOrigins } from '../../src/views/briefing/view-model';
import { toNeighbourhood } from '../../src/views/hotspots/hotspot-settings';
import { openTestDb } from '../helpers/db';

const readJson = (file: string): unknown => JSON.parse(readFileSync(`public/geo/${file}`, 'utf8'));
const index = loadGb2260(readJson('gb2260.json'), readJson('gb2260-changes.json'));
const SAMPLES = path.resolve(import.meta.dirname, '../fixtures/samples');
const SPAN = { first: '2023-01-01', last: '2024-08-31' };
const HOME = '110000';
const translator = (lang: 'zh' | 'en') =>
  createTranslator(mergeMessages(sharedMessages, briefingMessages), lang) as BriefingTranslate;

let db: DbConnector;
beforeAll(async () => {
  db = await openTestDb();
  const files = ['cases_2023_gbk.csv', 'cases_2024.xlsx'].map(
    (n) => new File([readFileSync(path.join(SAMPLES, n))], n),
  );
  await importFiles(db, files, {
    resolveOrigin: createOriginResolver(index),
    crsByFile: { 'cases_2023_gbk.csv': 'GCJ02' },
  });
  await db.exec(buildCreateOriginUnitsSql(index));
}, 240_000);
afterAll(() => db.close());

const month = (year: number, m: number): ReportPeriodSpec => ({ kind: 'month', year, month: m });

/** The briefing's figures of a period's filters, from its own queries. */
async function figuresOf(q: { kpi: string; extra: string; cohorts: string }): Promise<PeriodFigures> {
  const [kpi] = await db.query<KpiRow & Record<string, unknown>>(q.kpi);
  const [extra] = await db.query<ExtraRow>(q.extra);
  const cohorts = await db.query<CohortRateRow>(q.cohorts);
  return buildPeriodFigures(kpi!, extra!, cohorts);
}

async function briefingOf(spec: ReportPeriodSpec, global: GlobalFilters = EMPTY_FILTERS) {
  const scope = buildBriefingScope(global, spec)!;
  const q = buildBriefingQueries(scope, HOME);
  const current = await figuresOf(q);
  const previous = await figuresOf({ kpi: q.kpiPrevious, extra: q.extraPrevious, cohorts: q.cohortsPrevious });
  const lastYear =
    q.kpiLastYear && q.extraLastYear && q.cohortsLastYear
      ? await figuresOf({ kpi: q.kpiLastYear, extra: q.extraLastYear, cohorts: q.cohortsLastYear })
      : null;
  const tiles = buildTiles(
    current,
    {
      previous: { period: periodOf(scope.previous), figures: previous },
      lastYear: scope.lastYear ? { period: periodOf(scope.lastYear), figures: lastYear } : null,
    },
    SPAN,
  );
  return { scope, q, current, previous, lastYear, tiles };
}

/** What the Overview shows when the global period filter holds `f`'s dates. */
async function overviewKpi(f: GlobalFilters): Promise<KpiRow> {
  const [row] = await db.query<KpiRow & Record<string, unknown>>(buildKpiQuery(f));
  return row!;
}

/** The repeat-returns view's headline rate for the filters. */
async function repeatReturnHeadline(f: GlobalFilters) {
  const rows = await db.query<CohortRateRow>(buildRepeatReturnQueries(f, DEFAULT_REPEAT_RETURN_PARAMS).cohortsOverall);
  return summarizeCohorts(buildCohortCells(rows, 365));
}

const tile = (tiles: Tile[], id: Tile['id']) => tiles.find((t) => t.id === id)!;

describe('every briefing figure is the figure its view shows for the same filters', () => {
  it('August 2024: the Overview’s KPIs, this month and a year earlier', async () => {
    const b = await briefingOf(month(2024, 8));
    const aug: GlobalFilters = { ...EMPTY_FILTERS, from: '2024-08-01', to: '2024-08-31' };
    expect(b.scope.filters).toEqual(aug);
    expect(b.scope.previous).toMatchObject({ from: '2024-07-01', to: '2024-07-31' });
    expect(b.scope.lastYear).toEqual(lastYearFilters(aug));
    const k = await overviewKpi(aug);
    expect(k.episodes).toBeGreaterThan(100);
    expect(b.current).toMatchObject({
      episodes: k.episodes,
      persons: k.persons,
      minors: k.minors,
      elderly: k.elderly,
      returnedHome: k.returned_home,
      medianStay: k.median_stay_days,
    });
    const ly = await overviewKpi({ ...EMPTY_FILTERS, from: '2023-08-01', to: '2023-08-31' });
    expect(b.lastYear?.episodes).toBe(ly.episodes);
    expect(tile(b.tiles, 'episodes').vsLastYear).toEqual({
      kind: 'change',
      ratio: (k.episodes - ly.episodes) / ly.episodes,
    });
    const jul = await overviewKpi({ ...EMPTY_FILTERS, from: '2024-07-01', to: '2024-07-31' });
    expect(tile(b.tiles, 'persons').vsPrevious).toEqual({
      kind: 'change',
      ratio: (k.persons - jul.persons) / jul.persons,
    });
  });

  it('mental health episodes and new persons, counted by hand', async () => {
    const b = await briefingOf(month(2024, 8));
    const [hand] = await db.query<{ mental: number; new_persons: number }>(`
      SELECT (SELECT count(*) FROM cases WHERE found_at >= DATE '2024-08-01' AND found_at < DATE '2024-09-01'
                AND array_to_string(groups, ',') LIKE '%mental%') AS mental,
             (SELECT count(*) FROM (SELECT person_key FROM cases GROUP BY person_key
                HAVING min(found_at) >= DATE '2024-08-01'
                   AND count(*) FILTER (WHERE found_at < DATE '2024-09-01') > 0)) AS new_persons`);
    expect(b.current.mental).toBe(hand!.mental);
    expect(b.current.newPersons).toBe(hand!.new_persons);
    expect(b.current.newPersons).toBeLessThan(b.current.persons);
  });

  it('the 365-day repeat-return rate is the repeat-returns view’s headline (not yet known for August 2024)', async () => {
    const aug = await briefingOf(month(2024, 8));
    const headline = await repeatReturnHeadline(aug.scope.filters);
    expect(aug.current.returnRate).toBe(headline.rate);
    expect(aug.current.returnRate).toBeNull();
    // June 2023's exits have been followed for 365 days by 2024-08-31
    const june = await briefingOf(month(2023, 6));
    const juneHeadline = await repeatReturnHeadline(june.scope.filters);
    expect(june.current.returnRate).not.toBeNull();
    expect(june.current).toMatchObject({
      returnRate: juneHeadline.rate,
      returnCohort: juneHeadline.completeCohort,
      returned: juneHeadline.returned,
    });
    // its change against May is in percentage points, not a ratio of rates
    const may = await briefingOf(month(2023, 5));
    expect(tile(june.tiles, 'returnRate').vsPrevious).toEqual({
      kind: 'change',
      ratio: june.current.returnRate! - may.current.returnRate!,
    });
  });

  it('the origin list is the origins view’s province table, and adds up to the episodes', async () => {
    const b = await briefingOf(month(2024, 8));
    const rows = await db.query<OriginTableRow>(b.q.originTable);
    expect(rows).toEqual(await db.query<OriginTableRow>(buildOriginTableQuery(b.scope.filters, 'province')));
    const total = rows.find((r) => r.is_total)!;
    expect(total.episodes).toBe(b.current.episodes);
    expect(rows.filter((r) => !r.is_total).reduce((s, r) => s + r.episodes, 0)).toBe(b.current.episodes);
    const top = listTopOrigins(rows, index, 5, 'zh');
    expect(top).toHaveLength(5);
    const byEpisodes = rows.filter((r) => !r.is_total && r.region).sort((a, c) => c.episodes - a.episodes);
    expect(top.map((o) => o.episodes)).toEqual(byEpisodes.slice(0, 5).map((r) => r.episodes));
    expect(top[0]!.share).toBeCloseTo(top[0]!.episodes / b.current.episodes, 12);
    expect(top[0]!.name).toBe(index.get(top[0]!.region)!.name);
  });

  it('the hot spots are the hot spot view’s ranked list, for the briefing’s period', async () => {
    const b = await briefingOf(month(2024, 8));
    const settings = briefingHotspotSettings({ 'hs.mode': 'emerging', 'hs.grid': 'user' });
    expect(settings).toMatchObject({ mode: 'gi', grid: 'square', cellM: 500 });
    const kind = gridKindOf({ kind: 'square', sizeM: settings.cellM });
    // the hot spot view's study area: the cells with finds over the whole data
    const areaFilters = studyAreaFilters(b.scope.filters);
    const area = buildOccupiedArea(
      await db.query<CountRow & Record<string, unknown>>(kind.buildCountQuery(areaFilters)),
      areaFilters,
    );
    const countRows = await db.query<CountRow & Record<string, unknown>>(kind.buildCountQuery(b.scope.filters));
    const result = runHotspotAnalysis(
      { grid: kind.request, area, hood: toNeighbourhood(settings), fdr: settings.fdr, countRows, emerging: null },
      new HotspotGridCache(),
    );
    const geometry = kind.createGeometry(result);
    const mapped = countRows.reduce((s, r) => s + Number(r.n), 0);
    const briefing = rankBriefingHotspots(result, geometry, mapped, 5);
    const view = rankHotCells(buildHotspotCells(geometry, result.counts, result, result.bins, null), {
      total: mapped,
    });
    // the view's ranked rows (cells where people were found in the period), its first five
    expect(briefing.ranked).toEqual(view.filter((r) => r.rank !== null).slice(0, 5));
    expect(briefing.ranked.map((r) => r.rank)).toEqual(briefing.ranked.map((_, i) => i + 1));
    expect(briefing.ranked.length).toBeGreaterThan(0);
    expect(briefing.ranked.every((r) => r.cell.count > 0 && r.cell.bin > 0)).toBe(true);
    expect(briefing.ranked[0]!.share).toBeCloseTo(briefing.ranked[0]!.cell.count / mapped, 12);
    expect(briefing.significant.every((c) => c.bin !== 0)).toBe(true);
  });
});

describe('comparison periods', () => {
  it('a period starting before the data: no 同比, and 环比 says no data, never 0 % or infinity', async () => {
    const winter = await briefingOf({ kind: 'winter', year: 2022 });
    expect(winter.scope.filters).toMatchObject({ from: '2022-12-01', to: '2023-02-28' });
    expect(tile(winter.tiles, 'episodes').vsLastYear).toEqual({ kind: 'noData' });
    expect(tile(winter.tiles, 'episodes').vsPrevious).toEqual({ kind: 'noData' });
    const year = await briefingOf({ kind: 'year', year: 2023 });
    expect(tile(year.tiles, 'episodes').vsPrevious).toEqual({ kind: 'noData' });
    // 2024 against 2023; the year 2024 is not over in the data (to 08-31)
    const y2024 = await briefingOf({ kind: 'year', year: 2024 });
    expect(tile(y2024.tiles, 'episodes').vsPrevious.kind).toBe('change');
  });

  it('a month before the data: zero episodes and no comparison', async () => {
    const dec = await briefingOf(month(2022, 12));
    expect(dec.current.episodes).toBe(0);
    expect(tile(dec.tiles, 'episodes').vsPrevious).toEqual({ kind: 'noData' });
    expect(tile(dec.tiles, 'episodes').vsLastYear).toEqual({ kind: 'noData' });
    const display = presentTile(tile(dec.tiles, 'episodes'), false, 'zh', translator('zh'));
    expect(display.vsPrevious.text).toBe('无数据');
  });

  it('leap February 2024 against February 2023 (28 days)', async () => {
    const feb = await briefingOf(month(2024, 2));
    expect(feb.scope.filters).toMatchObject({ from: '2024-02-01', to: '2024-02-29' });
    expect(feb.scope.lastYear).toMatchObject({ from: '2023-02-01', to: '2023-02-28' });
    const ly = await overviewKpi({ ...EMPTY_FILTERS, from: '2023-02-01', to: '2023-02-28' });
    expect(feb.lastYear?.episodes).toBe(ly.episodes);
  });

  it('the Spring Festival window compares with last year’s window, not the same days', async () => {
    const sf = await briefingOf({ kind: 'springFestival', year: 2024 });
    expect(sf.scope.filters).toMatchObject({ from: '2024-01-26', to: '2024-02-25' });
    expect(sf.scope.lastYear).toMatchObject({ from: '2023-01-07', to: '2023-02-06' });
    const ly = await overviewKpi({ ...EMPTY_FILTERS, from: '2023-01-07', to: '2023-02-06' });
    expect(sf.lastYear?.episodes).toBe(ly.episodes);
  });

  it('keeps the other global filters in every comparison', async () => {
    const b = await briefingOf(month(2024, 8), {
      ...EMPTY_FILTERS,
      sexes: ['f'],
      from: '2000-01-01',
      to: '2000-01-31',
    });
    const k = await overviewKpi({ ...EMPTY_FILTERS, sexes: ['f'], from: '2024-08-01', to: '2024-08-31' });
    expect(b.current.episodes).toBe(k.episodes);
    expect(b.scope.lastYear?.sexes).toEqual(['f']);
    expect(b.scope.previous.sexes).toEqual(['f']);
  });
});

/** Reads the Chinese narrative back into its figures. */
function parseZh(text: string) {
  const lead = /^(.+?)，共救助流浪乞讨人员(.+?)人次（(.+?)人），救助人次同比(.+?)、环比(.+?)。/.exec(text);
  const groups = /其中，新增受助人员(.+?)人；未成年人(.+?)人次、老年人(.+?)人次、精神障碍患者(.+?)人次。/.exec(text);
  const home = /返乡(.+?)人次；受助人员在站天数中位数为(.+?)天。/.exec(text);
  return {
    period: lead?.[1],
    episodes: lead?.[2],
    persons: lead?.[3],
    yoy: lead?.[4],
    mom: lead?.[5],
    newPersons: groups?.[1],
    minors: groups?.[2],
    elderly: groups?.[3],
    mental: groups?.[4],
    returnedHome: home?.[1],
    medianStay: home?.[2],
  };
}

const number = (s: string | undefined) => Number((s ?? '').replace(/[,，]/g, ''));
const percent = (s: string) => /([\d.]+)%/.exec(s)?.[1];

describe('the narrative says what the tiles say', () => {
  for (const exact of [true, false]) {
    it(`in Chinese${exact ? ', exact' : ', suppressed'}: parsed back, every number equals its tile`, async () => {
      const b = await briefingOf(month(2024, 8), { ...EMPTY_FILTERS, sexes: ['f'] });
      const t = translator('zh');
      const tiles = new Map(b.tiles.map((x) => [x.id, { tile: x, display: presentTile(x, exact, 'zh', t) }]));
      const text = buildNarrative(
        {
          period: labelReportPeriod(b.scope.spec, t, 'zh'),
          tiles,
          latestRate: { period: '2023年8月', rate: '12.5%' },
          hotspots: { places: ['朝阳区 三里屯', '东城区', '朝阳区 三里屯'], cells: 7 },
          origins: [{ name: '河南省', episodes: '30' }],
          sides: { in: '占10.0%', out: '占80.0%', unknown: '不足5人次' },
        },
        t,
        'zh',
      );
      const parsed = parseZh(text);
      expect(parsed.period).toBe('2024年8月');
      for (const id of ['episodes', 'persons', 'newPersons', 'minors', 'elderly', 'mental', 'returnedHome'] as const) {
        const shown = tiles.get(id)!.display;
        expect(parsed[id], id).toBe(shown.value);
        if (exact) expect(number(parsed[id]), id).toBe(b.current[id]);
      }
      // women in August 2024: 2 episodes with a mental disorder, which leave the unit as "<5"
      expect(b.current.mental).toBe(2);
      expect(parsed.mental).toBe(exact ? '2' : '<5');
      expect(number(parsed.medianStay)).toBeCloseTo(b.current.medianStay!, 1);
      // the changes: the tile's "+12.3%" is the narrative's "上升12.3%"
      const yoy = tiles.get('episodes')!.display.vsLastYear!.text;
      if (/%/.test(yoy)) expect(percent(parsed.yoy!)).toBe(percent(yoy));
      const mom = tiles.get('episodes')!.display.vsPrevious.text;
      if (/%/.test(mom)) {
        expect(percent(parsed.mom!)).toBe(percent(mom));
        expect(parsed.mom!.startsWith(mom.startsWith('+') ? '上升' : '下降')).toBe(true);
      }
      if (exact) {
        const ratio = tile(b.tiles, 'episodes').vsLastYear;
        if (ratio?.kind === 'change') expect(Number(percent(parsed.yoy!))).toBeCloseTo(Math.abs(ratio.ratio) * 100, 1);
      }
      expect(text).toContain('尚处于365天随访期内；随访期已满的最近一批（2023年8月离站）再次受助率为12.5%。');
      expect(text).toContain('发现热点主要集中在朝阳区 三里屯、东城区一带，显著热点网格共7个。');
      // one origin region is not called the top three
      expect(text).toContain(
        '从户籍地看，人次最多的是河南省（30人次）；本省籍占10.0%，外省籍占80.0%，户籍地无法查明的不足5人次。',
      );
    });
  }

  it('in English, with a month before the data: no comparable data, zeros', async () => {
    const b = await briefingOf(month(2022, 12));
    const t = translator('en');
    const tiles = new Map(b.tiles.map((x) => [x.id, { tile: x, display: presentTile(x, false, 'en', t) }]));
    const text = buildNarrative(
      {
        period: labelReportPeriod(b.scope.spec, t, 'en'),
        tiles,
        latestRate: null,
        hotspots: { places: [], cells: 0 },
        origins: [],
        sides: null,
      },
      t,
      'en',
    );
    expect(text).toMatch(
      /^In December 2022 the station helped 0 episodes \(0 persons\): no comparable data on the same period last year and no comparable data on the previous period\./,
    );
    expect(text).toContain('No statistically significant hot spot this period.');
    const unnamed = buildNarrative(
      { period: 'x', tiles, latestRate: null, hotspots: { places: [], cells: 3 }, origins: [], sides: null },
      t,
      'en',
    );
    expect(unnamed).toContain('There were 3 significant hot cells.');
  });

  it('in Chinese, names the top origins by how many there are (三, 两), and a month with no base reads as a sentence', async () => {
    const b = await briefingOf(month(2022, 12));
    const t = translator('zh');
    const tiles = new Map(b.tiles.map((x) => [x.id, { tile: x, display: presentTile(x, false, 'zh', t) }]));
    const origins = [
      { name: '河南省', episodes: '30' },
      { name: '河北省', episodes: '12' },
      { name: '安徽省', episodes: '<5' },
      { name: '甘肃省', episodes: '<5' },
    ];
    const sides = { in: '占10.0%', out: '占80.0%', unknown: '占10.0%' };
    const narrate = (list: typeof origins) =>
      buildNarrative({ period: '2022年12月', tiles, latestRate: null, hotspots: null, origins: list, sides }, t, 'zh');
    expect(narrate(origins)).toContain(
      '从户籍地看，人次居前三位的依次为河南省（30人次）、河北省（12人次）、安徽省（<5人次）；',
    );
    expect(narrate(origins.slice(0, 2))).toContain('人次居前两位的依次为河南省（30人次）、河北省（12人次）；');
    expect(narrate(origins)).toMatch(
      /^2022年12月，共救助流浪乞讨人员0人次（0人），救助人次同比无可比数据、环比无可比数据。/,
    );
  });
});
