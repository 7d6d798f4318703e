import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbConnector } from '../../src/core/db/connector';
import { EMPTY_FILTERS } from '../../src/core/filters';
import type { CountRow } from '../../src/core/hotspots/cell-queries';
import { gridKindOf } from '../../src/core/hotspots/grid-kinds';
import { HotspotGridCache, runHotspotAnalysis } from '../../src/core/hotspots/hotspot-analysis';
import { buildOccupiedArea, studyAreaFilters } from '../../src/core/hotspots/study-area';
import { importFiles } from '../../src/core/import/import-pipeline';
import { PatrolAnalysis } from '../../src/core/patrols/patrol-analysis';
import { readTrackColumns } from '../../src/core/patrols/track-columns';
import { briefingHotspotSettings, rankBriefingHotspots } from '../../src/views/briefing/hotspot-adapter';
import { buildPatrolPresenceQuery, summarizeHotCellCoverage } from '../../src/views/briefing/patrol-coverage';
import { buildBriefingScope } from '../../src/views/briefing/queries';
import { toNeighbourhood } from '../../src/views/hotspots/hotspot-settings';
import { createSquareGridSpec } from '../../src/core/grid/square-grid';
import {
  buildHourlyDemandQuery,
  buildTeamsQuery,
  buildTrackQuery,
  type HourlyDemandRow,
  type TeamRow,
} from '../../src/views/patrols/queries';
import { openTestDb } from '../helpers/db';

describe('coverage of the hot cells, from the patrol view’s per-cell result', () => {
  it('averages the rate over the significant hot cells, a cell without passes at 0', () => {
    const result = {
      ids: ['0:0', '0:1', '1:0', '1:1'],
      rate: Float64Array.from([0.5, 0.25, 0, 1]),
      coverage: Float64Array.from([15, 8, 0, 31]),
    };
    const hot = [
      { id: '0:0', bin: 3 },
      { id: '1:0', bin: 1 },
      { id: '1:1', bin: -2 }, // a cold cell is not a hot one
    ];
    expect(summarizeHotCellCoverage(hot, result)).toEqual({ hotCells: 2, patrolled: 1, rate: 0.25 });
    expect(summarizeHotCellCoverage([], result)).toEqual({ hotCells: 0, patrolled: 0, rate: null });
  });
});

/** January 2023 of the samples: the hot spot analysis and the patrol coverage on the same grid and study area. */
describe('the briefing’s patrol tile on the sample cases and tracks', () => {
  const root = path.resolve(import.meta.dirname, '../..');
  const sample = (n: string) => new File([readFileSync(path.join(root, 'test/fixtures/samples', n))], n);
  const districts = JSON.parse(readFileSync(path.join(root, 'public/geo/beijing-districts.geojson'), 'utf8'));
  // the patrol view's area of Beijing data (patrol-area.ts): the districts as a boundary
  const patrolArea = { kind: 'boundary' as const, key: 'beijing', mask: districts };
  let db: DbConnector;
  beforeAll(async () => {
    db = await openTestDb();
    await importFiles(db, [sample('cases_2023_gbk.csv'), sample('patrol_tracks_2023.csv')], {
      crsByFile: { 'cases_2023_gbk.csv': 'GCJ02' },
    });
  }, 240_000);
  afterAll(() => db.close());

  it('covers the hot cells the hot spot analysis finds, cell for cell', async () => {
    const scope = buildBriefingScope(EMPTY_FILTERS, { kind: 'month', year: 2023, month: 1 })!;
    expect(await db.query(buildPatrolPresenceQuery(scope.filters))).toEqual([{ n: 1 }]);
    expect(
      await db.query(buildPatrolPresenceQuery({ ...scope.filters, from: '2030-01-01', to: '2030-01-31' })),
    ).toEqual([{ n: 0 }]);
    const settings = briefingHotspotSettings({});
    const kind = gridKindOf({ kind: 'square', sizeM: settings.cellM });
    const areaFilters = studyAreaFilters(scope.filters);
    const area = buildOccupiedArea(
      await db.query<CountRow & Record<string, unknown>>(kind.buildCountQuery(areaFilters)),
      areaFilters,
    );
    const countRows = await db.query<CountRow & Record<string, unknown>>(kind.buildCountQuery(scope.filters));
    const hotspots = runHotspotAnalysis(
      { grid: kind.request, area, hood: toNeighbourhood(settings), fdr: settings.fdr, countRows, emerging: null },
      new HotspotGridCache(),
    );
    const { significant } = rankBriefingHotspots(hotspots, kind.createGeometry(hotspots), 0, 5);

    const teams = (await db.query<TeamRow>(buildTeamsQuery())).map((r) => r.team);
    const range = { from: '2023-01-01', to: '2023-01-31' };
    const analysis = new PatrolAnalysis();
    analysis.loadTrack(
      'jan',
      kind.request,
      patrolArea,
      readTrackColumns(await db.queryArrowIPC(buildTrackQuery(range, teams)), teams),
    );
    const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
    const coverage = analysis.coverage({
      grid: kind.request,
      area: patrolArea,
      trackKey: 'jan',
      period: { fromDay: day(range.from), toDay: day(range.to) },
      unit: 'day',
      teams: null,
      hours: null,
      demandRows: await db.query<HourlyDemandRow>(
        buildHourlyDemandQuery(scope.filters, { kind: 'square', spec: createSquareGridSpec(settings.cellM) }, [range]),
      ),
      trendCells: 20,
    });
    // the two grids are the same square cells over different areas: the hot cells are found by id
    const summary = summarizeHotCellCoverage(significant, coverage);
    const hot = significant.filter((c) => c.bin > 0);
    const inCoverage = new Set(coverage.ids);
    expect(hot.every((c) => inCoverage.has(c.id))).toBe(true);
    expect(summary.hotCells).toBe(hot.length);
    expect(summary.hotCells).toBeGreaterThan(0);
    const index = new Map(coverage.ids.map((id, i) => [id, i]));
    const days = hot.map((c) => coverage.coverage[index.get(c.id)!]!);
    expect(summary.patrolled).toBe(days.filter((d) => d > 0).length);
    // patrol-days of all teams ≥ calendar days covered; the rate counts calendar days over the 31 days
    expect(coverage.days).toBe(31);
    expect(summary.rate).toBeGreaterThan(0);
    expect(summary.rate).toBeLessThanOrEqual(1);
  });
});
