import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import readXlsxFile from 'read-excel-file/universal';
import { describe, expect, it } from 'vitest';
import { toSheetName, writeXlsx } from '../../src/core/export/xlsx';
import { ExportCancelled, zipEntries } from '../../src/core/export/zip';
import { loadGb2260 } from '../../src/core/geo/gb2260';
import { createOriginResolver } from '../../src/core/geo/origin-resolver';
import { populationOf, readPopulationFile } from '../../src/core/import/population-table';

const readJson = (file: string): unknown => JSON.parse(readFileSync(`public/geo/${file}`, 'utf8'));
const index = loadGb2260(readJson('gb2260.json'), readJson('gb2260-changes.json'));
const resolve = createOriginResolver(index);

type Sheets = { sheet: string; data: unknown[][] }[];
const readBack = async (bytes: Uint8Array) => (await readXlsxFile(bytes.slice().buffer)) as unknown as Sheets;

describe('XLSX (write-excel-file) and ZIP (fflate)', () => {
  it('writes sheets that read back cell for cell, tokens and codes staying text', async () => {
    const bytes = await writeXlsx([
      {
        name: '汇总',
        rows: [
          ['项目', '数值'],
          ['救助人次', 208],
          ['人员编号', '000123'],
        ],
        stickyRows: 1,
      },
      { name: '名单', rows: [['人员编号'], ['=1+2'], [null]] },
    ]);
    const sheets = await readBack(bytes);
    expect(sheets.map((s) => s.sheet)).toEqual(['汇总', '名单']);
    expect(sheets[0]!.data).toEqual([
      ['项目', '数值'],
      ['救助人次', 208],
      ['人员编号', '000123'],
    ]);
    expect(sheets[1]!.data[1]).toEqual(['=1+2']);
  });

  it("cuts sheet names to Excel's 31 characters without its forbidden characters", () => {
    expect(toSheetName('a/b:c')).toBe('a·b·c');
    expect(toSheetName('x'.repeat(40))).toHaveLength(31);
  });

  it('zips one file per entry with UTF-8 names, reports progress, de-duplicates names', async () => {
    const progress: string[] = [];
    const zip = await zipEntries(
      ['凉山彝族自治州', '朝阳区', '朝阳区'].map((name) => ({
        name: `${name}.xlsx`,
        build: () => writeXlsx([{ name, rows: [[name]] }]),
      })),
      { onProgress: (p) => progress.push(`${p.done}/${p.total} ${p.name}`) },
    );
    expect(progress).toEqual(['1/3 凉山彝族自治州.xlsx', '2/3 朝阳区.xlsx', '3/3 朝阳区_2.xlsx']);
    const files = unzipSync(zip);
    expect(Object.keys(files)).toEqual(['凉山彝族自治州.xlsx', '朝阳区.xlsx', '朝阳区_2.xlsx']);
    expect((await readBack(files['凉山彝族自治州.xlsx']!))[0]!.data).toEqual([['凉山彝族自治州']]);
  });

  it('stops between files when cancelled', async () => {
    const controller = new AbortController();
    let built = 0;
    const entries = Array.from({ length: 5 }, (_, i) => ({
      name: `${i}.xlsx`,
      build: async () => {
        built++;
        if (i === 1) controller.abort();
        return new Uint8Array([i]);
      },
    }));
    await expect(zipEntries(entries, { signal: controller.signal })).rejects.toBeInstanceOf(ExportCancelled);
    expect(built).toBe(2);
  });
});

describe('population table for rates per 10,000 residents', () => {
  it('reads codes or names, 万人 units, title rows; reports bad rows by row and column', async () => {
    const csv = [
      '2023年常住人口（统计年鉴）',
      '区划代码,地区,常住人口（万人）',
      '513400,凉山彝族自治州,486.5',
      ',四川省成都市,"2,140.3"',
      '371200,莱芜市,100',
      '999999,不存在,10',
      '110105,朝阳区,abc',
    ].join('\r\n');
    const result = await readPopulationFile(new TextEncoder().encode(csv), 'pop.csv', index, resolve);
    expect(result.error).toBeNull();
    expect(result.table!.byCode).toEqual({ '513400': 4_865_000, '510100': 21_403_000, '370100': 1_000_000 });
    expect(result.table!.column).toBe('常住人口（万人）');
    expect(result.problems).toEqual([
      { row: 6, column: '区划代码', key: 'population.error.noCode', value: '999999' },
      { row: 7, column: '常住人口（万人）', key: 'population.error.badNumber', value: 'abc' },
    ]);
  });

  it('refuses a file without a population column, and sums a region from all of its subdivisions', async () => {
    const bad = await readPopulationFile(new TextEncoder().encode('a,b\n1,2'), 'x.csv', index, resolve);
    expect(bad).toMatchObject({ table: null, error: 'population.error.noHeader' });
    const counties = index.childrenOf('513400').map((u, i) => `${u.code},${1000 + i}`);
    const ok = await readPopulationFile(
      new TextEncoder().encode(['代码,人口', ...counties].join('\n')),
      'c.csv',
      index,
      resolve,
    );
    const n = counties.length;
    expect(populationOf('513400', ok.table!, index)).toBe(1000 * n + (n * (n - 1)) / 2);
    expect(populationOf('510000', ok.table!, index)).toBeNull();
  });
});
