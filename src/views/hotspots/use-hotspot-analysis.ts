import { useEffect, useMemo, useState } from 'react';
import { useApp } from '../shared/app-context';
import { useQuery } from '../shared/use-query';
import { AnalysisError } from '../../core/analysis-error';
import type { CountRow } from '../../core/hotspots/cell-queries';
import type { UserStudyGrid } from '../../core/grid/user-grid';
import { gridKindOf, type CellGeometry, type GridRequest, type HotspotGridKind } from '../../core/hotspots/grid-kinds';
import type { AnalysisRequest, AnalysisResult } from '../../core/hotspots/hotspot-analysis';
import { getHotspotEngine } from '../../core/hotspots/hotspot-engine';
import {
  buildBoundaryArea,
  buildMappedExtentQuery,
  buildOccupiedArea,
  chooseMapFrame,
  studyAreaFilters,
  USER_GRID_AREA,
  type MapFrame,
  type MappedExtentRow,
  type ParsedBoundary,
  type StudyArea,
} from '../../core/hotspots/study-area';
import { toNeighbourhood, type HotspotSettings } from './hotspot-settings';
import { buildPeriodExtentQuery, listHotspotSlices, type PeriodExtentRow } from './queries';

/** A GeoJSON file the user imported on this page, parsed, with the token the engine knows it by. */
export interface LoadedFile<T> {
  token: string;
  fileName: string;
  value: T;
}

export type LoadedUserGrid = LoadedFile<UserStudyGrid>;
export type LoadedBoundary = LoadedFile<ParsedBoundary>;

export interface HotspotAnalysis {
  /** an analysis is being asked or computed (the previous result stays shown meanwhile) */
  loading: boolean;
  error: AnalysisError | null;
  /** the grid kind is 'user' and no grid file has been imported yet */
  needsUserGrid: boolean;
  /** the study area is a boundary and none has been imported yet */
  needsBoundary: boolean;
  /** the base map and where it opens; null when nothing can be mapped */
  frame: MapFrame | null;
  /** the study area the result was computed on */
  area: StudyArea | null;
  period: PeriodExtentRow | null;
  slices: number[];
  result: AnalysisResult | null;
  geometry: CellGeometry | null;
  /** the grid kind the result was computed on */
  kind: HotspotGridKind | null;
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
 * The hot spot analysis of the current filters and settings: count queries (the period's and, for the
 * default study area, the whole data's) through the shared coordinator, then the statistics in the hot
 * spot worker. Stale answers are dropped.
 */
export function useHotspotAnalysis(
  settings: HotspotSettings,
  userGrid: LoadedUserGrid | null,
  boundary: LoadedBoundary | null,
): HotspotAnalysis {
  const { filters } = useApp();
  const areaFilters = useMemo(() => studyAreaFilters(filters), [filters]);
  const extent = useQuery<MappedExtentRow>('hotspots:extent', buildMappedExtentQuery(areaFilters));
  const period = useQuery<PeriodExtentRow>('hotspots:period', buildPeriodExtentQuery(filters));
  const frame = useMemo(() => chooseMapFrame(extent.rows?.[0]), [extent.rows]);

  const { grid: gridKind, cellM, h3Resolution, mode, slice } = settings;
  const userToken = userGrid?.token ?? null;
  const grid = useMemo<GridRequest | null>(() => {
    if (gridKind === 'square') return { kind: gridKind, sizeM: cellM };
    if (gridKind === 'h3') return { kind: gridKind, resolution: h3Resolution };
    return userToken ? { kind: gridKind, token: userToken } : null;
  }, [gridKind, cellM, h3Resolution, userToken]);

  const gridOfUser = userGrid?.value ?? null;
  const kind = useMemo(() => (grid ? gridKindOf(grid, gridOfUser) : null), [grid, gridOfUser]);
  const occupied = gridKind !== 'user' && settings.area === 'occupied';
  const areaSql = occupied ? (kind?.buildCountQuery(areaFilters) ?? null) : null;
  const areaRows = useQuery<CountRow & Record<string, unknown>>('hotspots:area', areaSql);
  const area = useMemo<StudyArea | null>(() => {
    if (gridKind === 'user') return USER_GRID_AREA;
    if (settings.area === 'boundary') return boundary ? buildBoundaryArea(boundary.value, boundary.token) : null;
    return areaRows.rows && !areaRows.loading ? buildOccupiedArea(areaRows.rows, areaFilters) : null;
  }, [gridKind, settings.area, boundary, areaRows.rows, areaRows.loading, areaFilters]);

  const countSql = kind?.buildCountQuery(filters) ?? null;
  const sliceSql = mode === 'emerging' ? (kind?.buildSliceCountQuery(filters, slice) ?? null) : null;
  const counts = useQuery<CountRow & Record<string, unknown>>('hotspots:counts', countSql);
  const sliceCounts = useQuery<CountRow & Record<string, unknown>>('hotspots:sliceCounts', sliceSql);
  const periodRow = period.rows?.[0] ?? null;
  const slices = useMemo(
    () => (periodRow && mode === 'emerging' ? listHotspotSlices(filters, periodRow, slice) : []),
    [filters, periodRow, mode, slice],
  );

  const queriesBusy =
    period.loading ||
    counts.loading ||
    (areaSql !== null && areaRows.loading) ||
    (sliceSql !== null && sliceCounts.loading);
  const { hood, bandM, fdr } = settings;
  const countRows = counts.rows;
  const sliceRows = sliceSql === null ? null : sliceCounts.rows;
  const request = useMemo<AnalysisRequest | null>(() => {
    if (queriesBusy || !area || !grid || !countRows) return null;
    if (sliceSql !== null && !sliceRows) return null;
    return {
      grid,
      area,
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

  const queryError =
    extent.error ??
    period.error ??
    counts.error ??
    (areaSql !== null ? areaRows.error : null) ??
    (sliceSql !== null ? sliceCounts.error : null);
  const needsBoundary = gridKind !== 'user' && settings.area === 'boundary' && !boundary;
  const nothingMapped = !extent.loading && extent.rows !== null && frame === null;
  const shown = grid !== null && !needsBoundary;
  return {
    loading: shown && !nothingMapped && (queriesBusy || analysing),
    error: queryError ? new AnalysisError(queryError) : failure,
    needsUserGrid: gridKind === 'user' && !userGrid,
    needsBoundary,
    frame,
    area: shown ? (outcome?.request.area ?? null) : null,
    period: periodRow,
    slices,
    result: shown ? (computed?.result ?? null) : null,
    geometry: shown ? (computed?.geometry ?? null) : null,
    kind: computed?.kind ?? null,
  };
}
