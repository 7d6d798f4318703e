import { readFileSync } from 'node:fs';
import path from 'node:path';
import { bbox, booleanIntersects, booleanPointInPolygon, lineString, point } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { buildStudyGrid, squareCellPolygon, squareGridPoint } from '../../src/core/grid/square-grid';
import { parseUserGrid } from '../../src/core/grid/user-grid';
import { computeCoverage } from '../../src/core/patrols/coverage';
import { findCoverageGaps, rankCoverageGaps } from '../../src/core/patrols/coverage-gaps';
import { PassCollector } from '../../src/core/patrols/patrol-passes';
import { createPolygonCellFinder } from '../../src/core/patrols/polygon-cell-finder';
import { createSquareCellFinder } from '../../src/core/patrols/square-cell-finder';
import { computeTrackPasses, type TrackColumns } from '../../src/core/patrols/track-passes';
import { computeWeeklyCoverage } from '../../src/core/patrols/weekly-coverage';

const ROOT = path.resolve(import.meta.dirname, '../..');
const DAY = 86_400_000;

/** The sample export's points (巡查组,定位时间,经度,纬度), one patrol per team and day as the import makes it. */
function readSampleTrack(): TrackColumns {
  const lines = readFileSync(path.join(ROOT, 'test/fixtures/samples/patrol_tracks_2023.csv'), 'utf8')
    .trim()
    .split('\n');
  const rows = lines.slice(1).map((l) => {
    const [team, time, lon, lat] = l.split(',');
    return {
      team: team as string,
      ms: Date.parse(`${(time as string).replace(' ', 'T')}Z`),
      lon: Number(lon),
      lat: Number(lat),
    };
  });
  const teams = [...new Set(rows.map((r) => r.team))].sort();
  const key = (r: (typeof rows)[number]) => `${r.team}|${Math.floor(r.ms / DAY)}`;
  rows.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.ms - b.ms));
  const patrols = new Map<string, number>();
  return {
    patrol: Int32Array.from(rows.map((r) => patrols.get(key(r)) ?? patrols.set(key(r), patrols.size).get(key(r))!)),
    team: Int32Array.from(rows.map((r) => teams.indexOf(r.team))),
    time: Float64Array.from(rows.map((r) => r.ms)),
    lon: Float64Array.from(rows.map((r) => r.lon)),
    lat: Float64Array.from(rows.map((r) => r.lat)),
    teams,
  };
}

describe('coverage by district equals patrol-days whose track touches it (sample tracks, district polygons)', () => {
  it('matches an independent count with turf on the bundled district outlines', () => {
    const districts = JSON.parse(readFileSync(path.join(ROOT, 'public/geo/beijing-districts.geojson'), 'utf8')) as {
      features: Feature<Polygon | MultiPolygon, { name: string }>[];
    };
    const { grid } = parseUserGrid(districts);
    if (!grid) throw new Error('districts did not parse');
    const track = readSampleTrack();
    const { passes, report } = computeTrackPasses(track, createPolygonCellFinder(grid));
    // the sample's README: 10 fixes at (0,0), signal gaps of 18–31 minutes, no other jumps
    expect(report.invalid).toBe(10);
    expect(report.jumps).toBe(0);
    expect(report.gaps).toBeGreaterThan(0);
    const days = passes.day.reduce((a, b) => Math.max(a, b), 0);
    const coverage = computeCoverage(passes, { fromDay: 0, toDay: days, unit: 'day' }).coverage;

    // independent: for every patrol, the districts its points lie in or its joined segments intersect
    const boxes = districts.features.map((f) => bbox(f));
    const touched = districts.features.map(() => new Set<string>());
    const n = track.time.length;
    for (let i = 0; i < n; i++) {
      const lon = track.lon[i] as number;
      const lat = track.lat[i] as number;
      if (lon === 0 && lat === 0) continue;
      const patrolDay = `${track.team[i]}|${Math.floor((track.time[i] as number) / DAY)}`;
      districts.features.forEach((f, d) => {
        if (booleanPointInPolygon(point([lon, lat]), f)) touched[d]!.add(patrolDay);
      });
      // the previous valid point of the same patrol
      let j = i - 1;
      while (j >= 0 && track.patrol[j] === track.patrol[i] && track.lon[j] === 0 && track.lat[j] === 0) j--;
      if (j < 0 || track.patrol[j] !== track.patrol[i]) continue;
      const a: [number, number] = [track.lon[j] as number, track.lat[j] as number];
      const dtMin = ((track.time[i] as number) - (track.time[j] as number)) / 60_000;
      const km = haversineKm(a, [lon, lat]);
      if (dtMin > 15 || km > 3) continue;
      const seg = lineString([a, [lon, lat]]);
      const sb = [Math.min(a[0], lon), Math.min(a[1], lat), Math.max(a[0], lon), Math.max(a[1], lat)];
      districts.features.forEach((f, d) => {
        const b = boxes[d]!;
        if (sb[0]! > b[2]! || sb[2]! < b[0]! || sb[1]! > b[3]! || sb[3]! < b[1]!) return;
        if (booleanIntersects(seg, f)) touched[d]!.add(patrolDay);
      });
    }
    const expected = touched.map((s) => s.size);
    expect(Array.from(coverage)).toEqual(expected);
    // the sample patrols several districts
    expect(expected.filter((x) => x > 0).length).toBeGreaterThan(2);
  }, 120_000);
});

function haversineKm(a: [number, number], b: [number, number]): number {
  const r = Math.PI / 180;
  const h =
    Math.sin(((b[1] - a[1]) * r) / 2) ** 2 +
    Math.cos(a[1] * r) * Math.cos(b[1] * r) * Math.sin(((b[0] - a[0]) * r) / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.sqrt(h));
}

describe('the polygon walk agrees with the square walk on a grid of square polygons', () => {
  it('gives the same cells for random segments', () => {
    const origin = { lon: 116.3975, lat: 39.9087 };
    const spec = { originLon: origin.lon, originLat: origin.lat, sizeM: 500 };
    const [west, south] = squareGridPoint(0.5, 0.5, spec);
    const [east, north] = squareGridPoint(7.5, 7.5, spec);
    const square = buildStudyGrid({ west, south, east, north }, 500, { origin });
    const features = square.ids.map((id, i) => ({
      type: 'Feature',
      properties: { id },
      geometry: { type: 'Polygon', coordinates: squareCellPolygon(square.cellX[i]!, square.cellY[i]!, spec) },
    }));
    const { grid: polygons } = parseUserGrid({ type: 'FeatureCollection', features });
    if (!polygons) throw new Error('no grid');
    const a = createSquareCellFinder(square);
    const b = createPolygonCellFinder(polygons);
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 8;
    for (let k = 0; k < 300; k++) {
      const [lonA, latA] = squareGridPoint(rand(), rand(), spec);
      const [lonB, latB] = squareGridPoint(rand(), rand(), spec);
      const cellsA = new Set<string>();
      const cellsB = new Set<string>();
      a.forEachSegmentCell(lonA, latA, lonB, latB, (c) => cellsA.add(square.ids[c]!));
      b.forEachSegmentCell(lonA, latA, lonB, latB, (c) => cellsB.add(polygons.ids[c]!));
      expect([...cellsB].sort()).toEqual([...cellsA].sort());
    }
  });
});

describe('coverage counts, gaps and the weekly trend (hand-made passes)', () => {
  // cells 0–4, teams A (0) and B (1); days 100–106 (1970-04-11 is a Saturday, day 102 a Monday)
  const c = new PassCollector(5, ['A', 'B']);
  c.add(0, 0, 100, 19);
  c.add(0, 0, 100, 20); // same team-day, another hour
  c.add(0, 1, 100, 19); // another team the same day
  c.add(0, 0, 103, 7);
  c.add(0, 0, 103, 7); // a repeat
  c.add(1, 1, 104, 21);
  c.add(2, 0, 106, 6);
  c.add(3, 0, 99, 6); // before the period
  const passes = c.finish();

  it('counts patrol-days, covered days, patrol-hours and the last day per cell', () => {
    const days = computeCoverage(passes, { fromDay: 100, toDay: 106, unit: 'day' });
    // cell 0: patrol-days A@100, B@100, A@103 = 3; calendar days 100, 103 = 2 of 7
    expect(Array.from(days.coverage)).toEqual([3, 1, 1, 0, 0]);
    expect(days.rate[0]).toBeCloseTo(2 / 7, 12);
    expect(Array.from(days.lastDay)).toEqual([103, 104, 106, -1, -1]);
    expect(Array.from(days.teamFlags.subarray(0, 2))).toEqual([1, 1]);
    const hours = computeCoverage(passes, { fromDay: 100, toDay: 106, unit: 'hour' });
    // cell 0: A@100h19, A@100h20, B@100h19, A@103h7 = 4 patrol-hours; (day, hour) slots 100/19, 100/20, 103/7 = 3 of 7 × 24
    expect(hours.coverage[0]).toBe(4);
    expect(hours.rate[0]).toBeCloseTo(3 / (7 * 24), 12);
    const teamB = computeCoverage(passes, { fromDay: 100, toDay: 106, unit: 'day', teams: [1] });
    expect(Array.from(teamB.coverage)).toEqual([1, 1, 0, 0, 0]);
    const evening = computeCoverage(passes, { fromDay: 100, toDay: 106, unit: 'day', hours: [19, 20, 21] });
    expect(Array.from(evening.coverage)).toEqual([2, 1, 0, 0, 0]);
  });

  it('finds gap cells: top-quintile demand and bottom-quintile coverage among cells with demand', () => {
    // ten cells with demand 1…10 (and two without); coverage falls as demand rises, except cell 9
    const demand = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 0, 0];
    const coverage = [9, 8, 7, 6, 5, 4, 3, 2, 1, 9, 0, 0];
    const { gap, demandAtLeast, coverageAtMost } = findCoverageGaps(demand, coverage);
    // n = 10: the 2nd largest demand is 9, the 2nd smallest coverage 2 → only cell 8 (demand 9, coverage 1)
    expect(demandAtLeast).toBe(9);
    expect(coverageAtMost).toBe(2);
    expect(Array.from(gap)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0]);
    const ranked = rankCoverageGaps([1, 1, 1, 1], [8, 6, 3, 9], [0, 2, 1, 0]);
    // never patrolled first by demand (3, 0), then 3/1 = 3 (cell 2) before 6/2 = 3 (cell 1) by demand
    expect(ranked).toEqual([3, 0, 1, 2]);
  });

  it('gives the weekly coverage rate of chosen cells per team and for all teams', () => {
    const trend = computeWeeklyCoverage(passes, [0, 1], 100, 106);
    // weeks: Monday 95 (days 100–101 in the period) and Monday 102 (days 102–106)
    expect(trend.weeks).toEqual([95, 102]);
    // A: week 1 cell 0 day 100 → 1 / (2 cells × 2 days); week 2 cell 0 day 103 → 1 / (2 × 5)
    expect(trend.rates[0]).toEqual([1 / 4, 1 / 10]);
    // B: week 1 cell 0 day 100; week 2 cell 1 day 104
    expect(trend.rates[1]).toEqual([1 / 4, 1 / 10]);
    // all: (0,100) | (0,103), (1,104)
    expect(trend.rates[2]).toEqual([1 / 4, 2 / 10]);
  });
});
