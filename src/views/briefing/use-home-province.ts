import { useMemo } from 'react';
import { buildStationCentreQuery } from '../../core/analytics/origin-regions';
import { useApp } from '../shared/app-context';
import { useQuery } from '../shared/use-query';
import { detectHomeProvince } from '../origins/layers';
import { parseOriginParams, type StationCentreRow } from '../origins/queries';
import { useAreas } from '../origins/use-origin-setup';

const PROVINCE_FILES = ['china-provinces.geojson'];

export interface HomeProvince {
  /** XX0000, or null when it cannot be told (nothing mappable) or not yet */
  code: string | null;
  /** set in the origins view (og.home), or taken from where the busiest station finds people */
  how: 'set' | 'auto';
  loading: boolean;
}

/** The home province of 本省籍 / 外省籍, as the origins view decides it (its setting, else the data's station). */
export function useHomeProvince(): HomeProvince {
  const { params } = useApp();
  const set = parseOriginParams(params).home;
  const provinces = useAreas(PROVINCE_FILES).areas;
  const centre = useQuery<StationCentreRow & Record<string, unknown>>(
    'bf.station',
    set ? null : buildStationCentreQuery(),
  );
  const detected = useMemo(() => {
    const c = centre.rows?.[0];
    return detectHomeProvince(c ? [c.lon, c.lat] : null, provinces ?? []);
  }, [centre.rows, provinces]);
  if (set) return { code: set, how: 'set', loading: false };
  return { code: detected, how: 'auto', loading: centre.rows === null || provinces === null };
}
