import { describe, expect, it } from 'vitest';
import {
  bd09ToGcj02,
  distanceMetres,
  gcj02ToBd09,
  gcj02ToWgs84,
  toWgs84,
  wgs84ToGcj02,
} from '../../src/core/geo/coords';
import { installCoordinateMacros, withWgs84Sql } from '../../src/core/geo/coords-sql';
import { openTestDb } from '../helpers/db';

// Published test vectors of eviltransform (googollee/eviltransform, go/transform_test.go),
// written there as {wgsLat, wgsLng, gcjLat, gcjLng}; here as [lon, lat] pairs.
const WGS_GCJ_VECTORS: [string, [number, number], [number, number]][] = [
  ['Shanghai', [121.5272106, 31.1774276], [121.531541859215, 31.17530398364597]],
  ['Shenzhen', [113.912316, 22.543847], [113.9171764808363, 22.540796131694766]],
  ['Beijing', [116.377817, 39.911954], [116.38404722455657, 39.91334545536069]],
];
// README example of wandergis/coordtransform: bd09togcj02(116.404, 39.915) and its one-step
// gcj02towgs84(116.404, 39.915), an approximation within a few metres of the exact inverse.
const BD_TO_GCJ: [[number, number], [number, number]] = [
  [116.404, 39.915],
  [116.39762729119315, 39.90865673957631],
];
const GCJ_TO_WGS_APPROX: [[number, number], [number, number]] = [
  [116.404, 39.915],
  [116.39775550083061, 39.91359571849836],
];
const BEIJING_WGS: [number, number] = [116.377817, 39.911954];

describe('datum conversions', () => {
  it.each(WGS_GCJ_VECTORS)('matches the published WGS-84 → GCJ-02 vector for %s', (_name, wgs, gcj) => {
    const g = wgs84ToGcj02(...wgs);
    expect(g[0]).toBeCloseTo(gcj[0], 9);
    expect(g[1]).toBeCloseTo(gcj[1], 9);
    expect(distanceMetres(gcj02ToWgs84(...gcj), wgs)).toBeLessThan(0.05);
  });

  it('matches the published BD-09 → GCJ-02 example exactly', () => {
    const g = bd09ToGcj02(...BD_TO_GCJ[0]);
    expect(g[0]).toBeCloseTo(BD_TO_GCJ[1][0], 12);
    expect(g[1]).toBeCloseTo(BD_TO_GCJ[1][1], 12);
  });

  it('agrees with the published approximate GCJ-02 → WGS-84 example to within 5 m', () => {
    const w = gcj02ToWgs84(...GCJ_TO_WGS_APPROX[0]);
    expect(distanceMetres(w, GCJ_TO_WGS_APPROX[1])).toBeLessThan(5);
  });

  it.each([
    [116.39135, 39.90738],
    [121.4737, 31.2304],
    [91.1409, 29.6456],
    [113.2644, 23.1291],
  ])('round-trips GCJ-02 at (%f, %f) within 0.05 m', (lon, lat) => {
    const back = gcj02ToWgs84(...wgs84ToGcj02(lon, lat));
    expect(distanceMetres([lon, lat], back)).toBeLessThan(0.05);
  });

  it("round-trips BD-09 within 0.5 m (Baidu's published pair of formulas is not an exact inverse)", () => {
    const bd = gcj02ToBd09(...wgs84ToGcj02(...BEIJING_WGS));
    expect(distanceMetres(BEIJING_WGS, toWgs84(bd[0], bd[1], 'BD09'))).toBeLessThan(0.5);
    // Baidu's offset over GCJ-02 is about 0.0065/0.006 degrees.
    const g = bd09ToGcj02(...bd);
    expect(bd[0] - g[0]).toBeCloseTo(0.0065, 2);
  });

  it('gives the same answer in SQL as in TypeScript, to under a metre', async () => {
    const db = await openTestDb();
    await installCoordinateMacros(db);
    const gcj = wgs84ToGcj02(...BEIJING_WGS);
    const bd = gcj02ToBd09(...gcj);
    const rows = await db.query<{ crs: string; lon: number; lat: number }>(
      `SELECT crs, to_wgs_lon(x, y, crs) AS lon, to_wgs_lat(x, y, crs) AS lat FROM (VALUES
        (${gcj[0]}, ${gcj[1]}, 'GCJ02'), (${bd[0]}, ${bd[1]}, 'BD09'), (${BEIJING_WGS[0]}, ${BEIJING_WGS[1]}, 'WGS84')
      ) t(x, y, crs)`,
    );
    for (const r of rows) expect(distanceMetres(BEIJING_WGS, [r.lon, r.lat])).toBeLessThan(1);
    const staged = await db.query<{ crs: string; wgs_lon: number; wgs_lat: number }>(
      withWgs84Sql(`(SELECT * FROM (VALUES
        (${gcj[0]}, ${gcj[1]}, 'GCJ02'), (${bd[0]}, ${bd[1]}, 'BD09'), (${BEIJING_WGS[0]}, ${BEIJING_WGS[1]}, 'WGS84')
      ) t(lon_in, lat_in, crs))`),
    );
    expect(staged).toHaveLength(3);
    for (const r of staged) expect(distanceMetres(BEIJING_WGS, [r.wgs_lon, r.wgs_lat])).toBeLessThan(1);
    await db.close();
  });
});
