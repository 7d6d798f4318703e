import { useEffect, useMemo, useState } from 'react';
import { useApp } from '../shared/app-context';
import { useQuery } from '../shared/use-query';
import { EMPTY_FILTERS } from '../../core/filters';
import { AnalysisError } from '../../core/analysis-error';
import type { UserStudyGrid } from '../../core/grid/user-grid';
import {
  gridKindOf,
  type CellGeometry,
  type CountRow,
  type GridRequest,
  type HotspotGridKind,
} from '../../core/hotspots/grid-kinds';
import type { AnalysisRequest, AnalysisResult } from '../../core/hotspots/hotspot-analysis';
import { getHotspotEngine } from '../../core/hotspots/hotspot-engine';
import {
  buildMappedExtentQuery,
  chooseStudyArea,
  type ChosenArea,
  type DistrictCollection,
  type MappedExtentRow,
} from '../../core/hotspots/study-area';
import { toNeighbourhood, type HotspotSettings } from './hotspot-settings';
import { buildPeriodExtentQuery, listHotspotSlices, type PeriodExtentRow } from './queries';

export interface LoadedUserGrid {
  token: string;
  fileName: string;
  grid: UserStudyGrid;
}

export interface HotspotAnalysis {
  /** an analysis is being asked or computed (the previous result stays shown meanwhile) */
  loading: boolean;
  error: AnalysisError | null;
  /** the grid kind is 'user' and no grid file has been imported yet */
  needsUserGrid: boolean;
  area: ChosenArea | null;
  period: PeriodExtentRow | null;
  slices: number[];
  result: AnalysisResult | null;
  geometry: CellGeometry | null;
  /** the grid kind the result was computed on */
  kind: HotspotGridKind | null;
}

let districtsPromise: Promise<DistrictCollection | null> | null = null;

/** Beijing's district outlines, the study area's mask; fetched once from the app's own folder. */
function loadDistricts(): Promise<DistrictCollection | null> {
  districtsPromise ??= fetch(`${import.meta.env.BASE_URL}geo/beijing-districts.geojson`)
    .then((r) => (r.ok ? (r.json() as Promise<DistrictCollection>) : null))
    .catch(() => null);
  return districtsPromise;
}

function useDistricts(): { districts: DistrictCollection | null; ready: boolean } {
  const [state, setState] = useState<{ districts: DistrictCollection | null; ready: boolean }>({
    districts: null,
    ready: false,
  });
  useEffect(() => {
    let alive = true;
    void loadDistricts().then((districts) => {
      if (alive) setState({ districts, ready: true });
    });
    return () => {
      alive = false;
    };
  }, []);
  return state;
}

interface Computed {
  result: AnalysisResult;
  geometry: CellGeometry;
  kind: HotspotGridKind;
}

interface Outcome {
  request: AnalysisRequest;
  computed: Computed | null;
  failure: AnalysisError | null;
}

/**
 * The hot spot analysis of the current filters and settings: count queries through the shared
 * coordinator, then the statistics in the hot spot worker. Stale answers are dropped.
 */
export function useHotspotAnalysis(settings: HotspotSettings, userGrid: LoadedUserGrid | null): HotspotAnalysis {
  const { filters } = useApp();
  const { districts, ready: districtsReady } = useDistricts();
  const areaFilters = useMemo(() => ({ ...EMPTY_FILTERS, districts: filters.districts }), [filters.districts]);
  const extent = useQuery<MappedExtentRow>('hotspots:area', buildMappedExtentQuery(areaFilters));
  const period = useQuery<PeriodExtentRow>('hotspots:period', buildPeriodExtentQuery(filters));
  const area = useMemo(
    () => (districtsReady ? chooseStudyArea(extent.rows?.[0], districts, filters.districts) : null),
    [districtsReady, extent.rows, districts, filters.districts],
  );

  const { grid: gridKind, cellM, h3Resolution, mode, slice } = settings;
  const userToken = userGrid?.token ?? null;
  const grid = useMemo<GridRequest | null>(() => {
    if (gridKind === 'square') return { kind: gridKind, sizeM: cellM };
    if (gridKind === 'h3') return { kind: gridKind, resolution: h3Resolution };
    return userToken ? { kind: gridKind, token: userToken } : null;
  }, [gridKind, cellM, h3Resolution, userToken]);

  const gridOfUser = userGrid?.grid ?? null;
  const kind = useMemo(() => (grid ? gridKindOf(grid, gridOfUser) : null), [grid, gridOfUser]);
  const countSql = kind?.buildCountQuery(filters) ?? null;
  const sliceSql = mode === 'emerging' ? (kind?.buildSliceCountQuery(filters, slice) ?? null) : null;
  const counts = useQuery<CountRow & Record<string, unknown>>('hotspots:counts', countSql);
  const sliceCounts = useQuery<CountRow & Record<string, unknown>>('hotspots:sliceCounts', sliceSql);
  const periodRow = period.rows?.[0] ?? null;
  const slices = useMemo(
    () => (periodRow && mode === 'emerging' ? listHotspotSlices(filters, periodRow, slice) : []),
    [filters, periodRow, mode, slice],
  );

  const queriesBusy = extent.loading || period.loading || counts.loading || (sliceSql !== null && sliceCounts.loading);
  const { hood, bandM, fdr } = settings;
  const countRows = counts.rows;
  const sliceRows = sliceSql === null ? null : sliceCounts.rows;
  const request = useMemo<AnalysisRequest | null>(() => {
    if (queriesBusy || !area || !grid || !countRows) return null;
    if (sliceSql !== null && !sliceRows) return null;
    return {
      grid,
      area: area.area,
      hood: toNeighbourhood({ hood, bandM }),
      fdr,
      countRows,
      emerging: sliceRows ? { slices, rows: sliceRows } : null,
    };
  }, [queriesBusy, area, grid, countRows, sliceRows, sliceSql, slices, hood, bandM, fdr]);

  const [outcome, setOutcome] = useState<Outcome | null>(null);
  useEffect(() => {
    if (!request || !kind) return;
    let alive = true;
    getHotspotEngine()
      .analyse(request)
      .then(
        (result) => {
          if (!alive) return;
          const geometry = kind.createGeometry(result);
          setOutcome({ request, computed: { result, geometry, kind }, failure: null });
        },
        (err: AnalysisError) => {
          if (alive && !err.superseded) setOutcome({ request, computed: null, failure: err });
        },
      );
    return () => {
      alive = false;
    };
    // the kind follows the request's grid (and the user grid's token, part of it)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [request]);
  const analysing = request !== null && outcome?.request !== request;
  // a failure stays until a newer answer replaces it; a result stays shown while the next is computed
  const computed = outcome?.computed ?? null;
  const failure = outcome?.failure ?? null;

  const queryError = extent.error ?? period.error ?? counts.error ?? (sliceSql !== null ? sliceCounts.error : null);
  const noArea = districtsReady && !extent.loading && !area;
  return {
    loading: !noArea && grid !== null && (queriesBusy || analysing || !districtsReady),
    error: queryError ? new AnalysisError(queryError) : failure,
    needsUserGrid: gridKind === 'user' && !userGrid,
    area,
    period: periodRow,
    slices,
    result: grid !== null ? (computed?.result ?? null) : null,
    geometry: grid !== null ? (computed?.geometry ?? null) : null,
    kind: computed?.kind ?? null,
  };
}
