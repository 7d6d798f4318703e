import { useEffect, useMemo, useState } from 'react';
import { useApp } from '../shared/app-context';
import { useQuery } from '../shared/use-query';
import { EMPTY_FILTERS } from '../../core/filters';
import { createSquareGridSpec } from '../../core/grid/square-grid';
import type { UserStudyGrid } from '../../core/grid/user-grid';
import { createCellGeometry, type CellGeometry } from './cell-geometry';
import { chooseStudyArea, type ChosenArea, type DistrictCollection } from './hotspot-area';
import type { AnalysisRequest, AnalysisResult, CountRow, GridRequest } from './hotspot-analysis';
import { getHotspotEngine } from './hotspot-engine';
import { toNeighbourhood, type HotspotSettings } from './hotspot-settings';
import type { HotspotError } from './hotspot-worker-protocol';
import {
  buildBinCountsQuery,
  buildBinSliceCountsQuery,
  buildMappedExtentQuery,
  buildPeriodExtentQuery,
  buildSquareCellCountsQuery,
  buildSquareCellSliceCountsQuery,
  listHotspotSlices,
  type MappedExtentRow,
  type PeriodExtentRow,
} from './queries';

export interface LoadedUserGrid {
  token: string;
  fileName: string;
  grid: UserStudyGrid;
}

export interface HotspotFailureView {
  key?: string;
  params?: Record<string, number>;
  message: string;
}

export interface HotspotAnalysis {
  /** an analysis is being asked or computed (the previous result stays shown meanwhile) */
  loading: boolean;
  error: HotspotFailureView | null;
  /** the grid kind is 'user' and no grid file has been imported yet */
  needsUserGrid: boolean;
  area: ChosenArea | null;
  period: PeriodExtentRow | null;
  slices: number[];
  result: AnalysisResult | null;
  geometry: CellGeometry | null;
  /** the grid the result was computed on */
  grid: GridRequest | null;
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
  grid: GridRequest;
}

interface Outcome {
  request: AnalysisRequest;
  computed: Computed | null;
  failure: HotspotFailureView | null;
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

  const { grid: kind, cellM, h3Resolution, mode, slice } = settings;
  const userToken = userGrid?.token ?? null;
  const grid = useMemo<GridRequest | null>(() => {
    if (kind === 'square') return { kind, sizeM: cellM };
    if (kind === 'h3') return { kind, resolution: h3Resolution };
    return userToken ? { kind, token: userToken } : null;
  }, [kind, cellM, h3Resolution, userToken]);

  const countSql =
    grid === null
      ? null
      : grid.kind === 'square'
        ? buildSquareCellCountsQuery(filters, createSquareGridSpec(grid.sizeM))
        : buildBinCountsQuery(filters);
  const sliceSql =
    grid === null || mode !== 'emerging'
      ? null
      : grid.kind === 'square'
        ? buildSquareCellSliceCountsQuery(filters, createSquareGridSpec(grid.sizeM), slice)
        : buildBinSliceCountsQuery(filters, slice);
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
  const gridOfUser = userGrid?.grid ?? null;
  useEffect(() => {
    if (!request) return;
    let alive = true;
    getHotspotEngine()
      .analyse(request)
      .then(
        (result) => {
          if (!alive) return;
          const geometry = createCellGeometry(request.grid, result, request.grid.kind === 'user' ? gridOfUser : null);
          setOutcome({ request, computed: { result, geometry, grid: request.grid }, failure: null });
        },
        (err: HotspotError) => {
          if (alive && !err.superseded) {
            setOutcome({
              request,
              computed: null,
              failure: { key: err.key, params: err.params, message: err.message },
            });
          }
        },
      );
    return () => {
      alive = false;
    };
    // the user grid's geometry follows its token, which is part of the request
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
    error: queryError ? { message: queryError } : failure,
    needsUserGrid: kind === 'user' && !userGrid,
    area,
    period: periodRow,
    slices,
    result: grid !== null ? (computed?.result ?? null) : null,
    geometry: grid !== null ? (computed?.geometry ?? null) : null,
    grid: computed?.grid ?? null,
  };
}
