import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeCoordinates, guessCrs, preselectedCrs } from '../../src/core/import/guess-crs';
import { peekTable } from '../../src/core/import/peek-table';

const SAMPLES = path.resolve(import.meta.dirname, '../fixtures/samples');

/** A Node file over bytes, with slice as a browser File has. */
function fileOf(name: string, bytes: Uint8Array) {
  const blob = new Blob([Uint8Array.from(bytes)]);
  return {
    name,
    size: bytes.length,
    arrayBuffer: () => blob.arrayBuffer(),
    slice: (start: number, end: number) => blob.slice(start, end),
  };
}
const sample = (name: string) => fileOf(name, new Uint8Array(readFileSync(path.join(SAMPLES, name))));
const text = (name: string, csv: string) => fileOf(name, new TextEncoder().encode(csv));

describe('the datum a file shows before it is imported', () => {
  it('a 坐标系 column decides per row (the XLSX sample, its header below a title row)', async () => {
    const peek = await peekTable(sample('cases_2024.xlsx'));
    expect(peek && guessCrs('cases_2024.xlsx', peek.headers)).toEqual({ source: 'column', header: '坐标系' });
  });

  it('plain 经度/纬度 headers say nothing: raw GPS is preselected and said to be a guess (GBK sample, tracks)', async () => {
    for (const name of ['cases_2023_gbk.csv', 'patrol_tracks_2023.csv']) {
      const peek = await peekTable(sample(name));
      expect(peek?.headers).toContain('经度');
      const guess = guessCrs(name, peek!.headers);
      expect(guess).toEqual({ source: 'none' });
      expect(preselectedCrs(guess)).toBe('WGS84');
      expect(describeCoordinates(peek!.coordinates)).toBe('degrees');
    }
  });

  it('a header or a file name naming a source system preselects its datum', async () => {
    const baidu = await peekTable(text('export.csv', '救助编号,百度经度,百度纬度\nA1,116.41,39.91\n'));
    expect(guessCrs('export.csv', baidu!.headers)).toEqual({ source: 'header', crs: 'BD09', header: '百度经度' });
    expect(guessCrs('高德导出.csv', ['救助编号', '经度', '纬度'])).toEqual({ source: 'fileName', crs: 'GCJ02' });
    expect(guessCrs('gps_tracks.csv', ['巡查组', 'lng', 'lat'])).toEqual({ source: 'fileName', crs: 'WGS84' });
    expect(guessCrs('bd_points.csv', ['id', 'lng', 'lat'])).toEqual({ source: 'fileName', crs: 'BD09' });
  });

  it('says when longitude and latitude look swapped, or projected in metres', () => {
    expect(
      describeCoordinates([
        [39.9, 116.4],
        [39.8, 116.3],
      ]),
    ).toBe('swapped');
    expect(
      describeCoordinates([
        [12958161, 4852834],
        [12958000, 4852000],
      ]),
    ).toBe('projected');
    expect(describeCoordinates([[0, 0]])).toBe('none');
    expect(describeCoordinates([[116.4, 39.9]])).toBe('degrees');
  });

  it('reads only the start of a large text file, and gives up on formats it does not peek at', async () => {
    const rows = Array.from({ length: 40_000 }, (_, i) => `A${i},116.4,39.9`).join('\n');
    const peek = await peekTable(text('big.csv', `救助编号,经度,纬度\n${rows}\n`));
    expect(peek?.coordinates.length).toBe(199);
    expect(await peekTable(text('rows.json', '[{"a":1}]'))).toBeNull();
  });
});
