import { describe, expect, it } from 'vitest';
import type { Translate } from '../../src/views/shared/i18n/translate';
import { computeEmergingHotspots, EMERGING_CATEGORIES } from '../../src/core/analytics/emerging-hotspots';
import { computeGiStar } from '../../src/core/analytics/gi-star';
import { classifyHotspots, HOTSPOT_CLASSES } from '../../src/core/analytics/hotspot-classes';
import { buildStudyGrid, createSquareGridSpec, squareGridPoint } from '../../src/core/grid/square-grid';
import { parseUserGrid } from '../../src/core/grid/user-grid';
import { buildCellsGeoJson, buildRankedListCsv } from '../../src/views/hotspots/exports';
import {
  buildCellDotLayerProps,
  buildCellTrendSeries,
  buildHotspotCells,
  buildHotspotLayerProps,
  buildHotspotLegend,
  formatHotspotTooltip,
  HOTSPOT_CLASS_COLORS,
  type HotspotCell,
} from '../../src/views/hotspots/layers';
import { attachProfiles, rankHotCells } from '../../src/views/hotspots/ranking';
import type { CellProfile } from '../../src/core/hotspots/cell-queries';
import { hotspotMessages } from '../../src/views/hotspots/messages';

function translator(lang: 'zh' | 'en'): Translate {
  const catalogue = hotspotMessages[lang] as Record<string, string>;
  return (key, params) => {
    const text = catalogue[key];
    if (text === undefined) throw new Error(`missing message ${key}`);
    return text.replace(/\{(\w+)\}/g, (m, name: string) => (params && name in params ? String(params[name]) : m));
  };
}
const zh = translator('zh');
const en = translator('en');

describe('hotspot messages', () => {
  it('zh and en have the same keys', () => {
    expect(Object.keys(hotspotMessages.en).sort()).toEqual(Object.keys(hotspotMessages.zh).sort());
  });

  it('uses the glossary terms', () => {
    const names = EMERGING_CATEGORIES.map((c) => zh(`hotspots.emerging.${c}`));
    expect(names).toEqual([
      '新增热点',
      '连续热点',
      '加强热点',
      '持续热点',
      '减弱热点',
      '分散热点',
      '振荡热点',
      '历史热点',
      '新增冷点',
      '连续冷点',
      '加强冷点',
      '持续冷点',
      '减弱冷点',
      '分散冷点',
      '振荡冷点',
      '历史冷点',
      '无明显模式',
    ]);
    expect(zh('hotspots.fdr')).toBe('错误发现率（FDR）校正');
    expect(zh('hotspots.mode.emerging')).toBe('新兴时空热点分析');
    expect(HOTSPOT_CLASSES.map((c) => zh(`hotspots.class.${c}`))[0]).toBe('热点（99% 置信度）');
  });
});

// A 5 × 5 study grid of 500 m cells with a cluster in the middle row, one record per cell.
const SPEC = createSquareGridSpec(500);
const [west, south] = squareGridPoint(0.5, 0.5, SPEC);
const [east, north] = squareGridPoint(4.5, 4.5, SPEC);
const grid = buildStudyGrid({ west, south, east, north }, 500);
const counts = Float64Array.from([0, 0, 1, 0, 0, 0, 4, 9, 5, 0, 1, 8, 20, 9, 0, 0, 5, 7, 3, 0, 0, 0, 0, 1, 0]);
const nb = grid.neighbours({ kind: 'queen' });
const gi = computeGiStar(counts, nb);
const bins = classifyHotspots(gi.z, gi.p, { fdr: false });
const cells = buildHotspotCells(grid, counts, gi, bins);
const centre = grid.indexOf(2, 2);
const PROFILE: CellProfile = {
  total: 20,
  places: [
    { name: '北京站广场', n: 12 },
    { name: '北京站东街', n: 5 },
    { name: '东单公交站', n: 3 },
  ],
  district: '东城区',
  street: '建国门街道',
  hours: [],
  months: [],
  peakHours: [21, 22],
  peakMonths: [1, 12],
};

describe('hotspot layers', () => {
  it('one record per cell of the study grid, empty ones included', () => {
    expect(grid.ids).toHaveLength(25);
    expect(cells).toHaveLength(25);
    expect(cells[centre]).toMatchObject({ id: '2:2', count: 20, hotspotClass: 'hot99' });
    expect(cells[0]?.count).toBe(0);
  });

  it('draws only significant cells by default, coloured by class', () => {
    const props = buildHotspotLayerProps(grid, cells, { mode: 'classes' });
    const shown = cells.filter((c) => c.bin !== 0);
    expect(shown.length).toBeGreaterThan(0);
    expect(props.data).toHaveLength(shown.length);
    const d = props.data.find((x) => x.cell.index === centre);
    expect(props.getFillColor(d!)).toEqual(HOTSPOT_CLASS_COLORS.hot99);
    expect(props.getPolygon(d!)[0]).toHaveLength(5);
    expect(buildHotspotLayerProps(grid, cells, { mode: 'classes', includeNone: true }).data).toHaveLength(25);
  });

  it('marks the drawn cells with dots too, for zooms where 500 m cells are specks', () => {
    const dots = buildCellDotLayerProps(grid, cells, 'classes');
    expect(dots.data.map((c) => c.id)).toEqual(cells.filter((c) => c.bin !== 0).map((c) => c.id));
    expect(dots.radiusMinPixels).toBe(4);
    // a 500 m cell spans 500 m north–south (the grid's own metres, on the same sphere)
    expect(dots.cellSizeM).toBeCloseTo(500, 6);
    const [r, g, b] = HOTSPOT_CLASS_COLORS.hot99;
    expect(dots.getFillColor(cells[centre] as HotspotCell)).toEqual([r, g, b, 255]);
  });

  it('legend counts every cell once', () => {
    const legend = buildHotspotLegend(cells, 'classes', en);
    expect(legend.map((l) => l.key)).toEqual([...HOTSPOT_CLASSES]);
    expect(legend.reduce((a, l) => a + l.count, 0)).toBe(25);
    expect(legend[0]?.label).toBe('Hot spot (99 % confidence)');
  });

  it('tooltip in Chinese with count, class, z and p', () => {
    const text = formatHotspotTooltip(cells[centre] as HotspotCell, zh);
    expect(text.split('\n')).toEqual([
      '网格 2:2',
      '发现人次：20',
      '热点（99% 置信度）',
      `Gi* z 值：${(cells[centre] as HotspotCell).z.toFixed(2)}`,
      'p 值：<0.001',
    ]);
  });

  it('tooltip with places: the busiest places, district and street before the cell', () => {
    const places = {
      profileOf: (id: string) => (id === '2:2' ? PROFILE : null),
      cellAt: (i: number) => cells[i],
    };
    const lines = formatHotspotTooltip(cells[centre] as HotspotCell, zh, places).split('\n');
    expect(lines.slice(0, 4)).toEqual([
      '发现地点：北京站广场（12）、北京站东街（5）、东单公交站（3）',
      '东城区 · 建国门街道',
      '网格 2:2',
      '发现人次：20',
    ]);
  });

  it('ranks hot cells by finds with their share of the total, and exports them as CSV, places first', () => {
    const total = counts.reduce((a, b) => a + b, 0);
    const ranked = attachProfiles(rankHotCells(cells, { total }), new Map([['2:2', PROFILE]]));
    expect(ranked[0]?.cell.id).toBe('2:2');
    expect(ranked[0]?.rank).toBe(1);
    expect(ranked[0]?.share).toBeCloseTo(20 / total, 12);
    expect(ranked.every((r, k) => k === 0 || (ranked[k - 1] as typeof r).cell.count >= r.cell.count)).toBe(true);
    const csv = buildRankedListCsv(ranked.slice(0, 1), zh, { total });
    expect(
      csv.startsWith(
        '\uFEFF排名,类型,发现地点（前3，人次）,区县,街道（乡镇）,网格编号,名称,发现人次,占比,Gi* z 值,p 值,热点等级,时空模式,邻近网格编号,高发时段,高发月份,中心经度,中心纬度\r\n',
      ),
    ).toBe(true);
    const row = csv.split('\r\n')[1]?.split(',');
    // 3 of 20 is small; the reader may know the three places' sum (20), so 5 goes too (20 − 12 − 5 = 3)
    expect(row?.slice(0, 9)).toEqual([
      '1',
      '本格有发现',
      '北京站广场（12）、北京站东街（—）、东单公交站（<5）',
      '东城区',
      '建国门街道',
      '2:2',
      '',
      '20',
      String(Math.round((20 / total) * 1e4) / 1e4),
    ]);
    // p below 0.001 in scientific notation, never rounded to 0
    expect(row?.[10]).toBe((cells[centre] as HotspotCell).p.toExponential(2));
    expect(row?.[10]).toMatch(/^[1-9]\.\d\de-\d+$/);
    expect(row?.[11]).toBe('热点（99% 置信度）');
    expect(row?.slice(13, 16)).toEqual(['', '21时 22时', '1月 12月']);
  });

  it('CSV: a small count is "<5" and its share "—" (the share of a known total gives it back); formulas defused', () => {
    const cell = { ...(cells[centre] as HotspotCell), id: '=HYPERLINK("x")', name: '东,城', count: 3 };
    const row1 = { rank: 1, cell, share: 0.5, profile: PROFILE, neighbour: null };
    const csv = buildRankedListCsv([row1], en, { total: 6, bom: false });
    const row = csv.split('\r\n')[1] as string;
    // the cell's count is suppressed: its places go out without counts, which would bound it
    expect(
      row.startsWith(
        `1,finds in the cell,北京站广场; 北京站东街; 东单公交站,东城区,建国门街道,"'=HYPERLINK(""x"")","东,城",<5,—,`,
      ),
    ).toBe(true);
    // a share of a total under k is hidden even beside a shown count
    const small = buildRankedListCsv([{ ...row1, cell: { ...cell, count: 0 }, share: 0, profile: null }], en, {
      total: 4,
      bom: false,
    });
    expect(small.split('\r\n')[1]?.split(',').slice(8, 10)).toEqual(['0', '—']);
  });

  it('GeoJSON export: significant cells with statistics and labels', () => {
    const fc = buildCellsGeoJson(grid, cells, zh);
    const shown = cells.filter((c) => c.bin !== 0).length;
    expect(fc.features).toHaveLength(shown);
    const f = fc.features.find((x) => x.id === '2:2')!;
    expect(f.geometry.type).toBe('Polygon');
    expect(f.properties).toMatchObject({
      cell_id: '2:2',
      count: 20,
      suppressed: false,
      gi_bin: 3,
      class: 'hot99',
      class_label: '热点（99% 置信度）',
    });
    expect(buildCellsGeoJson(grid, cells, zh, { includeNone: true }).features).toHaveLength(25);
  });

  it('MultiPolygon cells of a user grid become several polygons and a MultiPolygon feature', () => {
    const { grid: user } = parseUserGrid({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { 网格编号: 'M1', 名称: '两块' },
          geometry: {
            type: 'MultiPolygon',
            coordinates: [
              [
                [
                  [116, 39],
                  [116.01, 39],
                  [116.01, 39.01],
                  [116, 39],
                ],
              ],
              [
                [
                  [116.02, 39],
                  [116.03, 39],
                  [116.03, 39.01],
                  [116.02, 39],
                ],
              ],
            ],
          },
        },
      ],
    });
    const userCells = buildHotspotCells(user!, [4], { z: [3], p: [0.002] }, [3]);
    expect(buildHotspotLayerProps(user!, userCells, { mode: 'classes' }).data).toHaveLength(2);
    const f = buildCellsGeoJson(user!, userCells, en).features[0]!;
    expect(f.geometry.type).toBe('MultiPolygon');
    expect(f.properties.name).toBe('两块');
    expect(formatHotspotTooltip(userCells[0] as HotspotCell, zh).split('\n')[0]).toBe('网格 两块（M1）');
  });

  it('emerging mode: pattern colours, tooltip with trend, series for the chart', () => {
    const cube = new Float64Array(3 * 25);
    cube.set(counts, 2 * 25);
    const em = computeEmergingHotspots(cube, 3, nb);
    const ec = buildHotspotCells(grid, counts, gi, bins, em);
    expect(ec[centre]?.category).toBe('new_hot');
    const legend = buildHotspotLegend(ec, 'emerging', zh);
    expect(legend.find((l) => l.key === 'new_hot')?.label).toBe('新增热点');
    const text = formatHotspotTooltip(ec[centre] as HotspotCell, zh).split('\n');
    expect(text[5]).toBe('时空模式：新增热点');
    expect(text[6]).toBe('热点切片 1 个，冷点切片 0 个，共 3 个');
    expect(text[7]).toMatch(/^趋势（Mann–Kendall）：无显著趋势，z = /);
    const starts = [Date.UTC(2024, 0, 1), Date.UTC(2024, 1, 1), Date.UTC(2024, 2, 1)];
    const series = buildCellTrendSeries(em, centre, starts);
    expect(series.map((s) => [s.sliceStart, s.state])).toEqual([
      [starts[0], 0],
      [starts[1], 0],
      [starts[2], 1],
    ]);
  });
});
