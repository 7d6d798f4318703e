import { readFileSync } from 'node:fs';
import { booleanPointInPolygon, point } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbConnector } from '../../src/core/db/connector';
import { prepareDatabase } from '../../src/core/db/prepare-database';
import {
  buildPointDistrictSql,
  installDistrictBoundaries,
  readDistrictBoundaries,
  type DistrictBoundaries,
} from '../../src/core/geo/district-sql';
import { importFiles } from '../../src/core/import/import-pipeline';
import { joinSql, sql } from '../../src/core/sql/sql';
import { openTestDb } from '../helpers/db';

const GEOJSON = JSON.parse(readFileSync('public/geo/beijing-districts.geojson', 'utf8')) as FeatureCollection<
  Polygon | MultiPolygon,
  { name: string; code: string }
>;

let db: DbConnector;
let boundaries: DistrictBoundaries;
beforeAll(async () => {
  db = await openTestDb();
  await prepareDatabase(db);
  boundaries = readDistrictBoundaries(GEOJSON);
  await installDistrictBoundaries(db, boundaries);
});
afterAll(() => db.close());

/** district name of each point by the SQL ray casting, null outside every polygon */
async function locate(points: [number, number][]): Promise<(string | null)[]> {
  const values = joinSql(points.map(([x, y], k) => sql`(${k}, ${x}, ${y})`));
  const rows = await db.query<{ k: number; name: string }>(
    `WITH located AS (${buildPointDistrictSql(sql`(SELECT * FROM (VALUES ${values}) v(k, x, y))`, boundaries).text})
     SELECT l.k, n.name FROM located l JOIN __district_names n ON n.id = l.district_id`,
  );
  const byKey = new Map(rows.map((r) => [Number(r.k), r.name]));
  return points.map((_, k) => byKey.get(k) ?? null);
}

/** The same question answered by turf (an independent implementation) on the same polygons. */
function locateWithTurf([x, y]: [number, number]): string | null {
  const hit = GEOJSON.features.find((f: Feature<Polygon | MultiPolygon, { name: string }>) =>
    booleanPointInPolygon(point([x, y]), f),
  );
  return hit?.properties.name ?? null;
}

describe('district of a point, by ray casting in SQL', () => {
  it('reads the 16 districts and their edges from the bundled boundaries', () => {
    expect(boundaries.districts.map((d) => d.name)).toContain('丰台区');
    expect(boundaries.districts).toHaveLength(16);
    expect(boundaries.edges.length).toBeGreaterThan(4000);
  });

  // Wikipedia's coordinates (WGS-84) of landmarks well inside their district.
  it.each([
    ['天安门', '东城区', 116.3975, 39.9087],
    ['丰台站', '丰台区', 116.28861, 39.84833],
    ['中关村', '海淀区', 116.3161, 39.9841],
    ['颐和园', '海淀区', 116.2755, 39.9999],
    ['通州万达广场', '通州区', 116.6556, 39.9079],
    ['八达岭长城', '延庆区', 116.0162, 40.3566],
    // the airport's 首都机场街道 is an enclave of 朝阳区 inside 顺义区: the second polygon of a MultiPolygon
    ['首都国际机场', '朝阳区', 116.5871, 40.0801],
  ])('puts %s in %s', async (_, district, lon, lat) => {
    expect(await locate([[lon as number, lat as number]])).toEqual([district]);
  });

  it('puts a point outside Beijing in no district (上海人民广场)', async () => {
    expect(await locate([[121.4737, 31.2304]])).toEqual([null]);
  });

  it('agrees with turf on 3,000 seeded random points over Beijing, borders included', async () => {
    let seed = 20240229;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const { west, south, east, north } = boundaries.bbox;
    const points: [number, number][] = [];
    for (let i = 0; i < 2000; i++) points.push([west + random() * (east - west), south + random() * (north - south)]);
    // and 1,000 near the city centre, where districts are small and borders dense
    for (let i = 0; i < 1000; i++) points.push([116.3 + random() * 0.2, 39.85 + random() * 0.1]);
    const sqlAnswers = await locate(points);
    const disagreements = points.filter((p, i) => sqlAnswers[i] !== locateWithTurf(p));
    expect(disagreements).toEqual([]);
    expect(new Set(sqlAnswers).size).toBe(17);
  });
});

describe('the import derives found_district from the coordinates', () => {
  const csv = (name: string, text: string) => new File([text], name);

  it('fills the district of exports without a district column, and uses a file district only without a position', async () => {
    const result = await importFiles(
      db,
      [
        csv(
          'no-district.csv',
          '救助编号,求助时间,经度,纬度\nD1,2024-01-05 08:00:00,116.28861,39.84833\nD2,2024-01-06 08:00:00,116.3975,39.9087\nD3,2024-01-07 08:00:00,,\n',
        ),
        csv(
          'with-district.csv',
          '救助编号,求助时间,经度,纬度,所属区\nW1,2024-02-01 08:00:00,116.3975,39.9087,西城区\nW2,2024-02-02 08:00:00,,,西城\nW3,2024-02-03 08:00:00,116.3975,39.9087,东城区\nW4,2024-02-04 08:00:00,121.4737,31.2304,开发区\n',
        ),
      ],
      { districts: boundaries },
    );
    expect(result.errors).toEqual([]);
    const rows = await db.query(
      `SELECT case_id, found_district, found_district_recorded FROM cases WHERE case_id SIMILAR TO '[DW][0-9]' ORDER BY case_id`,
    );
    expect(rows).toEqual([
      { case_id: 'D1', found_district: '丰台区', found_district_recorded: null },
      { case_id: 'D2', found_district: '东城区', found_district_recorded: null },
      { case_id: 'D3', found_district: null, found_district_recorded: null },
      // the position wins over the file's district, and the disagreement is counted
      { case_id: 'W1', found_district: '东城区', found_district_recorded: '西城区' },
      // no position: the file's district, named as the boundaries name it
      { case_id: 'W2', found_district: '西城区', found_district_recorded: '西城' },
      { case_id: 'W3', found_district: '东城区', found_district_recorded: '东城区' },
      // a position outside every district (Shanghai): the file's district stays
      { case_id: 'W4', found_district: '开发区', found_district_recorded: '开发区' },
    ]);
    expect(result.reports.map((r) => [r.fileName, r.districts])).toEqual([
      ['no-district.csv', { fromCoordinates: 2, fromFile: 0, disagreements: 0 }],
      ['with-district.csv', { fromCoordinates: 2, fromFile: 2, disagreements: 1 }],
    ]);
    // the 区县 filter and a link with d=丰台区 read this column
    const [n] = await db.query(`SELECT count(*) AS n FROM cases WHERE found_district IN ('丰台区')`);
    expect(n).toEqual({ n: 1 });
    // the import's work tables, the district lookups included, are gone: only the data tables stay
    const tables = await db.query(`SELECT table_name FROM duckdb_tables() ORDER BY table_name`);
    expect(tables.map((t) => t.table_name)).toEqual(['cases', 'import_rejects', 'patrol_logs', 'patrol_points']);
  });
});
