import type { Crs } from '../geo/coords';
import { suggestCaseMapping, suggestPatrolMapping } from './header-aliases';

/**
 * What the import settings preselect as a file's datum, and why. A 坐标系 column decides per row; else a
 * header or the file name that names a source system (百度经度, 高德导出…); else nothing is known and
 * the user is asked (WGS-84, raw GPS, is preselected and said to be a guess).
 */
export type CrsGuess =
  | { source: 'column'; header: string }
  | { source: 'header'; crs: Crs; header: string }
  | { source: 'fileName'; crs: Crs }
  | { source: 'none' };

/** What the sample's coordinates look like, whatever the datum. */
export type CoordinateShape = 'degrees' | 'swapped' | 'projected' | 'none';

const SYSTEM_WORDS: readonly [Crs, RegExp][] = [
  ['BD09', /百度|baidu|bd09|(^|[^a-z])bd([^a-z]|$)/i],
  ['GCJ02', /高德|腾讯|火星|gcj|amap|gaode|tencent/i],
  ['WGS84', /gps|wgs|天地图|北斗|cgcs/i],
];

function crsOfText(text: string): Crs | null {
  return SYSTEM_WORDS.find(([, re]) => re.test(text))?.[0] ?? null;
}

export function guessCrs(fileName: string, headers: readonly string[]): CrsGuess {
  const mapping = { ...suggestPatrolMapping(headers), ...suggestCaseMapping(headers) };
  if (mapping.crs !== undefined) return { source: 'column', header: headers[mapping.crs] ?? '' };
  const coordinateHeaders = [mapping.lon, mapping.lat].flatMap((i) => (i === undefined ? [] : [headers[i] ?? '']));
  for (const header of coordinateHeaders) {
    const crs = crsOfText(header);
    if (crs) return { source: 'header', crs, header };
  }
  const byName = crsOfText(fileName.replace(/\.[^.]+$/, ''));
  return byName ? { source: 'fileName', crs: byName } : { source: 'none' };
}

/**
 * The shape of sample coordinates (lon, lat as read): degrees inside China, longitude and latitude
 * swapped, or projected metres (a Mercator export), which no datum choice can fix.
 */
export function describeCoordinates(sample: readonly (readonly [number, number])[]): CoordinateShape {
  const usable = sample.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y) && !(x === 0 && y === 0));
  if (usable.length === 0) return 'none';
  const share = (test: (x: number, y: number) => boolean) =>
    usable.filter(([x, y]) => test(x, y)).length / usable.length;
  if (share((x, y) => Math.abs(x) > 1000 || Math.abs(y) > 1000) > 0.5) return 'projected';
  if (share((x, y) => inChina(y, x) && !inChina(x, y)) > 0.5) return 'swapped';
  return 'degrees';
}

function inChina(lon: number, lat: number): boolean {
  return lon >= 73 && lon <= 136 && lat >= 3 && lat <= 54;
}

/** The datum a guess preselects. */
export function preselectedCrs(guess: CrsGuess): Crs {
  return guess.source === 'header' || guess.source === 'fileName' ? guess.crs : 'WGS84';
}
