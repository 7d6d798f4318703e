import readXlsxFile from 'read-excel-file/universal';
import type { Gb2260Index } from '../geo/gb2260';
import { normalizeCode } from '../geo/gb2260';
import { tokenizeCsv } from './csv-tokenizer';
import { decodeToUtf8 } from './decode-text';

/**
 * A population table for rates per 10,000 residents (每万人): one row per region with a GB/T 2260 code or a
 * name, and a population. Headers seen in 统计年鉴 tables: 区划代码 / 行政区划代码 / 代码, 地区 / 名称 / 区划名称,
 * 常住人口 / 户籍人口 / 年末人口 / 人口; a header with 万 (常住人口（万人）) means tens of thousands. The first row
 * with a population header and a code or name header is the header row (title rows above it are skipped).
 */
export interface PopulationTable {
  /** current GB/T 2260 code → residents */
  byCode: Record<string, number>;
  fileName: string;
  /** the header the figures came from, e.g. 常住人口（万人） */
  column: string;
}

export interface PopulationProblem {
  /** 1-based row of the file */
  row: number;
  column: string;
  /** message key: population.error.noCode | population.error.badNumber | population.error.duplicate */
  key: string;
  value: string;
}

export interface PopulationResult {
  table: PopulationTable | null;
  problems: PopulationProblem[];
  /** message key when the file could not be read at all (population.error.noHeader | population.error.unreadable) */
  error: string | null;
}

const CODE_HEADER = /^(行政)?区划代码$|^代码$|^code$|^adcode$/i;
const NAME_HEADER = /^(地区|名称|区划名称|行政区划名称|地区名称|行政区|name|region)$/i;
const POPULATION_HEADER = /(常住人口|户籍人口|年末人口|总人口|人口|population)/i;

type Cell = string | number | boolean | Date | null | undefined;

function cellText(c: Cell): string {
  if (c === null || c === undefined) return '';
  if (c instanceof Date) return c.toISOString();
  return String(c).trim();
}

function readCsvRows(bytes: Uint8Array, fileName: string): string[][] {
  const { utf8 } = decodeToUtf8(bytes, 'auto', fileName);
  const text = new TextDecoder().decode(utf8);
  const rows: string[][] = [];
  let row: string[] = [];
  const delim = (text.split('\n')[0] ?? '').includes('\t') ? 0x09 : 0x2c;
  tokenizeCsv(utf8, delim, {
    field: (s, e, quoted) => {
      const t = new TextDecoder().decode(utf8.subarray(s, e));
      row.push((quoted ? t.replace(/""/g, '"') : t).trim());
    },
    endRecord: () => {
      rows.push(row);
      row = [];
    },
    anomaly: () => undefined,
  });
  return rows;
}

/** Reads a CSV or XLSX population table; names are resolved with `resolveName` (the origin text resolver). */
export async function readPopulationFile(
  bytes: Uint8Array,
  fileName: string,
  index: Gb2260Index,
  resolveName: (texts: string[]) => Map<string, string | null>,
): Promise<PopulationResult> {
  let rows: string[][];
  try {
    rows = /\.xlsx$/i.test(fileName)
      ? ((await readXlsxFile(bytes.slice().buffer)) as unknown as { data: Cell[][] }[])[0]!.data.map((r) =>
          r.map(cellText),
        )
      : readCsvRows(bytes, fileName);
  } catch {
    return { table: null, problems: [], error: 'population.error.unreadable' };
  }
  const headerIndex = rows.findIndex(
    (r) => r.some((c) => POPULATION_HEADER.test(c)) && r.some((c) => CODE_HEADER.test(c) || NAME_HEADER.test(c)),
  );
  const header = rows[headerIndex] ?? [];
  const popCol = header.findIndex((c) => POPULATION_HEADER.test(c));
  const codeCol = header.findIndex((c) => CODE_HEADER.test(c));
  const nameCol = header.findIndex((c) => NAME_HEADER.test(c));
  if (headerIndex < 0 || popCol < 0 || (codeCol < 0 && nameCol < 0)) {
    return { table: null, problems: [], error: 'population.error.noHeader' };
  }
  const scale = header[popCol]!.includes('万') ? 10_000 : 1;
  const body = rows.slice(headerIndex + 1);
  const names = nameCol >= 0 ? resolveName(body.map((r) => r[nameCol] ?? '').filter(Boolean)) : new Map();
  const byCode: Record<string, number> = {};
  const problems: PopulationProblem[] = [];
  body.forEach((r, i) => {
    const rowNumber = headerIndex + 2 + i;
    if (r.every((c) => c === '')) return;
    const rawCode = codeCol >= 0 ? (r[codeCol] ?? '') : '';
    const rawName = nameCol >= 0 ? (r[nameCol] ?? '') : '';
    const fromCode = rawCode ? index.migrateCode(normalizeCode(rawCode) ?? '') : null;
    const code = fromCode ?? (rawName ? (names.get(rawName) ?? null) : null);
    const rawPop = r[popCol] ?? '';
    const pop = Number(rawPop.replace(/[,，\s]/g, ''));
    if (!code) {
      problems.push({
        row: rowNumber,
        column: header[codeCol >= 0 ? codeCol : nameCol]!,
        key: 'population.error.noCode',
        value: rawCode || rawName,
      });
    } else if (!rawPop || !Number.isFinite(pop) || pop <= 0) {
      problems.push({ row: rowNumber, column: header[popCol]!, key: 'population.error.badNumber', value: rawPop });
    } else if (byCode[code] !== undefined) {
      problems.push({
        row: rowNumber,
        column: header[codeCol >= 0 ? codeCol : nameCol]!,
        key: 'population.error.duplicate',
        value: rawCode || rawName,
      });
    } else {
      byCode[code] = Math.round(pop * scale);
    }
  });
  return { table: { byCode, fileName, column: header[popCol]! }, problems, error: null };
}

/**
 * Residents of a region: the table's figure, else the sum over its subdivisions when every one of them has
 * a figure (a table of counties gives its prefectures and provinces too); null otherwise.
 */
export function populationOf(code: string, table: PopulationTable, index: Gb2260Index): number | null {
  const own = table.byCode[code];
  if (own !== undefined) return own;
  const children = index.childrenOf(code);
  if (children.length === 0) return null;
  let sum = 0;
  for (const child of children) {
    const p = populationOf(child.code, table, index);
    if (p === null) return null;
    sum += p;
  }
  return sum;
}
