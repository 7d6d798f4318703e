import { useEffect, useState } from 'react';
import type { QueryCoordinator } from '../../core/db/query-coordinator';
import type { Gb2260Index } from '../../core/geo/gb2260';
import { buildCreateOriginUnitsSql } from '../../core/geo/origin-units';
import type { PopulationTable } from '../../core/import/population-table';
import type { OriginLevel, RegionScope } from '../../core/analytics/origin-regions';
import type { AreaFeature } from './layers';

const prepared = new WeakMap<QueryCoordinator, Promise<void>>();

/** The origin_units lookup table, created once per database through the coordinator's queue. */
export function useOriginUnits(coordinator: QueryCoordinator, index: Gb2260Index | null): boolean {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    if (!index) return;
    let alive = true;
    let job = prepared.get(coordinator);
    if (!job) {
      job = coordinator.mutate((db) => db.exec(buildCreateOriginUnitsSql(index)));
      prepared.set(coordinator, job);
      job.catch(() => prepared.delete(coordinator));
    }
    job.then(
      () => alive && setReady(true),
      () => undefined,
    );
    return () => {
      alive = false;
    };
  }, [coordinator, index]);
  return ready;
}

const geoCache = new Map<string, Promise<AreaFeature[]>>();

/** A bundled boundary file (same origin, public/geo/), fetched once. */
export function loadAreas(file: string): Promise<AreaFeature[]> {
  let hit = geoCache.get(file);
  if (!hit) {
    hit = fetch(`${import.meta.env.BASE_URL}geo/${file}`)
      .then((r) => {
        if (!r.ok) throw new Error(`${file}: HTTP ${r.status}`);
        return r.json() as Promise<{ features: AreaFeature[] }>;
      })
      .then((j) => j.features);
    geoCache.set(file, hit);
    hit.catch(() => geoCache.delete(file));
  }
  return hit;
}

/** The files holding the areas of a map level within a scope: counties come one file per province, lazily. */
export function boundaryFilesOf(level: OriginLevel, scope: RegionScope | null, provinces: readonly string[]): string[] {
  if (level === 'province') return ['china-provinces.geojson'];
  if (level === 'prefecture') return ['china-prefectures.geojson'];
  const province = scope ? `${scope.code.slice(0, 2)}0000` : null;
  return (province ? [province] : provinces).map((p) => `counties/${p}.geojson`);
}

/** The areas of the map, and whether they are still loading; keeps the previous areas on screen meanwhile. */
export function useAreas(files: readonly string[]): { areas: AreaFeature[] | null; key: string } {
  const key = files.join('|');
  const [state, setState] = useState<{ key: string; areas: AreaFeature[] } | null>(null);
  useEffect(() => {
    let alive = true;
    Promise.all(key.split('|').map(loadAreas)).then(
      (parts) => alive && setState({ key, areas: parts.flat() }),
      () => undefined,
    );
    return () => {
      alive = false;
    };
  }, [key]);
  return { areas: state?.areas ?? null, key: state?.key ?? '' };
}

const POPULATION_KEY = 'outreach-atlas.population.v1';

/** The user's population table stays in this browser (localStorage), like the other settings. */
export function usePopulation(): [PopulationTable | null, (t: PopulationTable | null) => void] {
  const [table, setTable] = useState<PopulationTable | null>(() => {
    try {
      const raw = localStorage.getItem(POPULATION_KEY);
      return raw ? (JSON.parse(raw) as PopulationTable) : null;
    } catch {
      return null;
    }
  });
  const save = (t: PopulationTable | null) => {
    setTable(t);
    if (t) localStorage.setItem(POPULATION_KEY, JSON.stringify(t));
    else localStorage.removeItem(POPULATION_KEY);
  };
  return [table, save];
}

const SENDER_KEY = 'outreach-atlas.sheet-sender.v1';

/** The sheet's sender and contact line, remembered for the next sheet. */
export function useSheetSender(): [
  { sender: string; contact: string },
  (v: { sender: string; contact: string }) => void,
] {
  const [value, setValue] = useState(() => {
    try {
      return (
        (JSON.parse(localStorage.getItem(SENDER_KEY) ?? 'null') as { sender: string; contact: string } | null) ?? {
          sender: '',
          contact: '',
        }
      );
    } catch {
      return { sender: '', contact: '' };
    }
  });
  return [
    value,
    (v) => {
      setValue(v);
      localStorage.setItem(SENDER_KEY, JSON.stringify(v));
    },
  ];
}
