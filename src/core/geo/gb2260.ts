import type { CodeChange } from './code-changes';

/**
 * GB/T 2260 administrative divisions: province (level 1, XX0000), prefecture (level 2, XXYY00) and county
 * (level 3). Two deviations from the raw code list, both made so one prefecture = one area on the map:
 * - a municipality (北京/天津/上海/重庆) has one prefecture XX0100 named after it; 重庆's 500200 (县) folds into it;
 * - a county-level unit directly under a province (济源 419001, 仙桃 429004, 石河子 659001…) has the province as
 *   its parent and is its own prefecture when rolled up; the pseudo prefectures XX9000 do not exist.
 */
export type Gb2260Level = 1 | 2 | 3;
export type RollUpLevel = 'county' | 'prefecture' | 'province';

export interface Gb2260Unit {
  code: string;
  name: string;
  level: Gb2260Level;
  parent: string | null;
  /** WGS-84 label point of the area, or the parent's when the bundled boundaries lack it. */
  centroid: [number, number] | null;
  /** English name, for provinces, municipalities and Beijing's districts only. */
  nameEn?: string;
}

export interface Gb2260Index {
  readonly units: readonly Gb2260Unit[];
  readonly changes: readonly CodeChange[];
  get(code: string): Gb2260Unit | undefined;
  childrenOf(code: string | null): readonly Gb2260Unit[];
  /** Current code for a current, retired or renamed code; an unknown code falls back to its nearest known prefix. */
  migrateCode(code: string | number): string | null;
  rollUpCode(code: string | number, level: RollUpLevel): string | null;
  provinceOf(code: string | number): string | null;
  /** Full name from the province down, e.g. 河南省周口市郸城县 (municipalities are not repeated: 北京市东城区). */
  nameOf(code: string | number): string | null;
}

const LEVEL_OF: Record<RollUpLevel, Gb2260Level> = { province: 1, prefecture: 2, county: 3 };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

function parseUnits(json: unknown): Gb2260Unit[] {
  if (!Array.isArray(json)) throw new Error('gb2260: expected an array of units');
  return json.map((u, i) => {
    if (!isRecord(u) || typeof u.code !== 'string' || typeof u.name !== 'string') {
      throw new Error(`gb2260: unit ${i} lacks code or name`);
    }
    const level = u.level;
    if (level !== 1 && level !== 2 && level !== 3) throw new Error(`gb2260: unit ${u.code} has level ${String(level)}`);
    const c = u.centroid;
    const centroid =
      Array.isArray(c) && typeof c[0] === 'number' && typeof c[1] === 'number'
        ? ([c[0], c[1]] as [number, number])
        : null;
    const unit: Gb2260Unit = {
      code: u.code,
      name: u.name,
      level,
      parent: typeof u.parent === 'string' ? u.parent : null,
      centroid,
    };
    if (typeof u.nameEn === 'string') unit.nameEn = u.nameEn;
    return unit;
  });
}

function parseChanges(json: unknown): CodeChange[] {
  if (json === undefined || json === null) return [];
  if (!Array.isArray(json)) throw new Error('gb2260: expected an array of code changes');
  return json.filter(
    (c): c is CodeChange => isRecord(c) && typeof c.code === 'string' && typeof c.current === 'string',
  );
}

/** Normalise a code as exports write it: 6 digits, or 2/4 digits for a province/prefecture, or a 9/12-digit NBS
 * township/village code (first 6 digits kept). */
export function normalizeCode(code: string | number): string | null {
  const s = String(code).trim().replace(/\.0+$/, '');
  if (!/^\d+$/.test(s)) return null;
  if (s.length === 2) return `${s}0000`;
  if (s.length === 4) return `${s}00`;
  if (s.length === 6 || s.length === 9 || s.length === 12) return s.slice(0, 6);
  return null;
}

/** Build the lookup structures over the table written by scripts/build-geo.ts (public/geo/gb2260.json and
 * gb2260-changes.json). */
export function loadGb2260(table: unknown, changesJson?: unknown): Gb2260Index {
  const units = parseUnits(table);
  const changes = parseChanges(changesJson);
  const byCode = new Map(units.map((u) => [u.code, u]));
  const children = new Map<string | null, Gb2260Unit[]>();
  for (const u of units) {
    let list = children.get(u.parent);
    if (!list) children.set(u.parent, (list = []));
    list.push(u);
  }
  const renamed = new Map<string, string>();
  for (const c of changes) if (!renamed.has(c.code) || c.code !== c.current) renamed.set(c.code, c.current);

  const migrateCode = (raw: string | number): string | null => {
    let code = normalizeCode(raw);
    if (!code) return null;
    for (let hops = 0; hops < 5 && !byCode.has(code); hops++) {
      const next = renamed.get(code);
      if (!next || next === code) break;
      code = next;
    }
    if (byCode.has(code)) return code;
    const prefecture = `${code.slice(0, 4)}00`;
    if (byCode.has(prefecture)) return prefecture;
    const province = `${code.slice(0, 2)}0000`;
    return byCode.has(province) ? province : null;
  };

  const rollUpCode = (raw: string | number, level: RollUpLevel): string | null => {
    const code = migrateCode(raw);
    const start = code ? byCode.get(code) : undefined;
    if (!start) return null;
    let unit: Gb2260Unit = start;
    const target = LEVEL_OF[level];
    while (unit.level > target) {
      const parent: Gb2260Unit | undefined = unit.parent ? byCode.get(unit.parent) : undefined;
      // A county-level unit directly under its province is its own prefecture.
      if (!parent || parent.level < target) break;
      unit = parent;
    }
    return unit.code;
  };

  const nameOf = (raw: string | number): string | null => {
    const code = migrateCode(raw);
    const names: string[] = [];
    for (let u = code ? byCode.get(code) : undefined; u; u = u.parent ? byCode.get(u.parent) : undefined) {
      if (names[0] !== u.name) names.unshift(u.name);
    }
    return names.length ? names.join('') : null;
  };

  return {
    units,
    changes,
    get: (code) => byCode.get(code),
    childrenOf: (code) => children.get(code) ?? [],
    migrateCode,
    rollUpCode,
    provinceOf: (code) => rollUpCode(code, 'province'),
    nameOf,
  };
}

/** Fetch and index the bundled table (same-origin files under `${baseUrl}geo/`). */
export async function fetchGb2260(baseUrl: string, fetchFn: typeof fetch = fetch): Promise<Gb2260Index> {
  const load = async (file: string): Promise<unknown> => {
    const res = await fetchFn(`${baseUrl}geo/${file}`);
    if (!res.ok) throw new Error(`gb2260: ${file} HTTP ${res.status}`);
    return res.json();
  };
  const [table, changes] = await Promise.all([load('gb2260.json'), load('gb2260-changes.json')]);
  return loadGb2260(table, changes);
}

export interface RollupRow {
  code: string;
  county: string | null;
  prefecture: string | null;
  province: string | null;
  name: string;
  lon: number | null;
  lat: number | null;
}

/** One row per current and retired code with its roll-ups, for a lookup table joined in SQL on origin_code. */
export function buildRollupRows(index: Gb2260Index): RollupRow[] {
  const rows: RollupRow[] = [];
  const codes = [...index.units.map((u) => u.code), ...index.changes.map((c) => c.code)];
  const seen = new Set<string>();
  for (const code of codes) {
    if (seen.has(code)) continue;
    seen.add(code);
    const current = index.migrateCode(code);
    const unit = current ? index.get(current) : undefined;
    if (!unit) continue;
    rows.push({
      code,
      county: unit.level === 3 ? unit.code : null,
      prefecture:
        unit.level >= 2 || index.childrenOf(unit.code).length === 0 ? index.rollUpCode(unit.code, 'prefecture') : null,
      province: index.provinceOf(unit.code),
      name: index.nameOf(unit.code) ?? unit.name,
      lon: unit.centroid?.[0] ?? null,
      lat: unit.centroid?.[1] ?? null,
    });
  }
  return rows;
}
