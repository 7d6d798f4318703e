import { useEffect, useMemo, useState } from 'react';
import { useApp } from '../shared/app-context';
import { useQuery } from '../shared/use-query';
import { EMPTY_FILTERS } from '../../core/filters';
import { createSquareGridSpec } from '../../core/grid/square-grid';
import type { UserStudyGrid } from '../../core/grid/user-grid';
import type { GridRequest } from '../../core/hotspots/grid-kinds';
import type { StudyArea } from '../../core/hotspots/study-area';
import type { CoverageResult, DayPeriod } from '../../core/patrols/patrol-analysis';
import { gridKindOf, type CellGeometry } from '../../core/hotspots/grid-kinds';
import { choosePatrolArea, type DistrictCollection, type PatrolArea } from '../../core/patrols/patrol-area';
import type { HotspotSettings } from '../hotspots/hotspot-settings';
import { buildMappedExtentQuery, type MappedExtentRow } from '../../core/hotspots/study-area';
import { getPatrolEngine } from '../../core/patrols/patrol-engine';
import type { PatrolSettings } from './patrol-settings';
import {
  buildGridLogQuery,
  buildHourlyDemandQuery,
  buildPatrolSpanQuery,
  buildTeamsQuery,
  buildTrackQuery,
  listMonthRanges,
  toGridLogColumns,
  type CellKeySpec,
  type DayRange,
  type GridLogRow,
  type HourlyDemandRow,
  type PatrolSpanRow,
  type TeamRow,
} from './queries';

export interface LoadedUserGrid {
  token: string;
  fileName: string;
  grid: UserStudyGrid;
}

const DAY_MS = 86_400_000;
/** Pass collections started on this page, numbering each run's key in the engine. */
let collectionRuns = 0;
export const dayNumber = (iso: string) => Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);

let districtsPromise: Promise<DistrictCollection | null> | null = null;

/** Beijing's district outlines (the study area's mask, as in the hot spot view), fetched once from the app. */
export function loadDistricts(): Promise<DistrictCollection | null> {
  districtsPromise ??= fetch(`${import.meta.env.BASE_URL}geo/beijing-districts.geojson`)
    .then((r) => (r.ok ? (r.json() as Promise<DistrictCollection>) : null))
    .catch(() => null);
  return districtsPromise;
}

export function useDistrictOutlines(): { districts: DistrictCollection | null; ready: boolean } {
  const [state, setState] = useState<{ districts: DistrictCollection | null; ready: boolean }>({
    districts: null,
    ready: false,
  });
  useEffect(() => {
    let alive = true;
    void loadDistricts().then((districts) => alive && setState({ districts, ready: true }));
    return () => {
      alive = false;
    };
  }, []);
  return state;
}

export function toGridRequest(hs: HotspotSettings, userGrid: LoadedUserGrid | null): GridRequest | null {
  if (hs.grid === 'square') return { kind: 'square', sizeM: hs.cellM };
  if (hs.grid === 'h3') return { kind: 'h3', resolution: hs.h3Resolution };
  return userGrid ? { kind: 'user', token: userGrid.token } : null;
}

export function cellKeysOf(grid: GridRequest): CellKeySpec {
  return grid.kind === 'square' ? { kind: 'square', spec: createSquareGridSpec(grid.sizeM) } : { kind: 'bins' };
}

export interface PatrolBasis {
  teams: string[];
  patrolSpan: PatrolSpanRow | null;
  area: PatrolArea | null;
  coverageArea: StudyArea | null;
  grid: GridRequest | null;
  range: DayRange | null;
  period: DayPeriod | null;
  /** the key of the track's passes in the engine, once it has them */
  trackKey: string | null;
  /** months of track read so far, while the passes are being collected */
  progress: { done: number; total: number } | null;
  loading: boolean;
  error: string | null;
}

/**
 * What every part of the view shares: the teams, the study area and grid (the hot spot view's), the period
 * (the global filter's, else the span of the data), and the period's track points handed to the engine.
 */
export function usePatrolBasis(hs: HotspotSettings, userGrid: LoadedUserGrid | null): PatrolBasis {
  const { filters, span, coordinator, dataVersion } = useApp();
  const { districts, ready } = useDistrictOutlines();
  const areaFilters = useMemo(() => ({ ...EMPTY_FILTERS, districts: filters.districts }), [filters.districts]);
  const extent = useQuery<MappedExtentRow>('patrols:area', buildMappedExtentQuery(areaFilters));
  const teamsQ = useQuery<TeamRow>('patrols:teams', buildTeamsQuery());
  const spanQ = useQuery<PatrolSpanRow>('patrols:span', buildPatrolSpanQuery());
  const area = useMemo(
    () => (ready ? choosePatrolArea(extent.rows?.[0], districts, filters.districts) : null),
    [ready, extent.rows, districts, filters.districts],
  );
  const teams = useMemo(() => (teamsQ.rows ?? []).map((r) => r.team), [teamsQ.rows]);
  const patrolSpan = spanQ.rows?.[0] ?? null;
  const from = filters.from ?? span?.first ?? patrolSpan?.first_day ?? null;
  const to = filters.to ?? span?.last ?? patrolSpan?.last_day ?? null;
  const range = useMemo(() => (from && to && from <= to ? { from, to } : null), [from, to]);
  const grid = useMemo(() => toGridRequest(hs, userGrid), [hs, userGrid]);

  // `key` is what the view wants; `engineKey` names one collection in the engine, unique per run, so a run the
  // view abandoned (its effect cleaned up mid-way) cannot finish or feed the run that replaced it.
  const [track, setTrack] = useState<{ key: string; engineKey: string; error: string | null } | null>(null);
  const [progress, setProgress] = useState<{ key: string; done: number; total: number } | null>(null);
  const coverageArea = area ? area.area : null;
  const firstDay = patrolSpan?.first_day ?? null;
  const lastDay = patrolSpan?.last_day ?? null;
  const wantedKey =
    grid && coverageArea && teamsQ.rows && firstDay && lastDay
      ? `${dataVersion}|${teams.length}|${firstDay}|${lastDay}|${JSON.stringify(grid)}|${coverageArea.key}`
      : null;
  useEffect(() => {
    if (!wantedKey || !grid || !coverageArea || !firstDay || !lastDay) return;
    let alive = true;
    const engine = getPatrolEngine();
    const engineKey = `${wantedKey}#${++collectionRuns}`;
    const target = { trackKey: engineKey, grid, area: coverageArea };
    // a month of track at a time: the passes of millions of points, never all the points at once
    const months = listMonthRanges(firstDay, lastDay);
    void (async () => {
      try {
        await engine.beginPasses(target, teams);
        for (let m = 0; m < months.length; m++) {
          if (!alive) return;
          setProgress({ key: wantedKey, done: m, total: months.length });
          const ipc = await coordinator.queryArrow(buildTrackQuery(months[m] as DayRange, teams));
          if (!alive) return;
          await engine.addTrackChunk(target, ipc, teams);
        }
        const logs = await coordinator.query<GridLogRow>(buildGridLogQuery(teams));
        if (!alive) return;
        await engine.addGridLogs(target, toGridLogColumns(logs));
        await engine.finishPasses(target);
        if (alive) setTrack({ key: wantedKey, engineKey, error: null });
      } catch (err) {
        if (alive) setTrack({ key: wantedKey, engineKey, error: err instanceof Error ? err.message : String(err) });
      }
    })();
    return () => {
      alive = false;
    };
    // the key holds the data version, the teams, the span, the grid and the area
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [wantedKey, coordinator]);

  const trackKey = track?.key === wantedKey && !track.error ? track.engineKey : null;
  const period = useMemo(
    () => (range ? { fromDay: dayNumber(range.from), toDay: dayNumber(range.to) } : null),
    [range],
  );
  return {
    teams,
    patrolSpan,
    area,
    coverageArea,
    grid,
    range,
    period,
    trackKey,
    progress: progress?.key === wantedKey && trackKey === null ? progress : null,
    loading: !ready || extent.loading || teamsQ.loading || (wantedKey !== null && trackKey === null && !track?.error),
    error: extent.error ?? teamsQ.error ?? spanQ.error ?? (track?.key === wantedKey ? (track?.error ?? null) : null),
  };
}

export interface PatrolCoverage {
  result: CoverageResult | null;
  geometry: CellGeometry | null;
  loading: boolean;
  error: string | null;
}

export function usePatrolCoverage(
  basis: PatrolBasis,
  settings: PatrolSettings,
  userGrid: LoadedUserGrid | null,
): PatrolCoverage {
  const { filters } = useApp();
  const { grid, range, coverageArea, trackKey, period, teams } = basis;
  const demandSql = grid && range ? buildHourlyDemandQuery(filters, cellKeysOf(grid), [range]) : null;
  const demand = useQuery<HourlyDemandRow & Record<string, unknown>>('patrols:demand', demandSql);
  const teamIdx = useMemo(
    () => (settings.teams.length ? settings.teams.map((t) => teams.indexOf(t)).filter((i) => i >= 0) : null),
    [settings.teams, teams],
  );
  const request = useMemo(() => {
    if (!grid || !coverageArea || !trackKey || !period || !demand.rows || demand.loading) return null;
    return {
      grid,
      area: coverageArea,
      trackKey,
      period,
      unit: settings.unit,
      teams: teamIdx,
      hours: settings.hours.length ? settings.hours : null,
      demandRows: demand.rows,
      trendCells: 20,
    };
  }, [grid, coverageArea, trackKey, period, demand.rows, demand.loading, settings.unit, teamIdx, settings.hours]);
  const [outcome, setOutcome] = useState<{
    request: unknown;
    result: CoverageResult | null;
    geometry: CellGeometry | null;
    error: string | null;
  } | null>(null);
  const gridOfUser = userGrid?.grid ?? null;
  useEffect(() => {
    if (!request) return;
    let alive = true;
    getPatrolEngine()
      .coverage(request)
      .then(
        (result) =>
          alive &&
          setOutcome({
            request,
            result,
            geometry: gridKindOf(request.grid, gridOfUser).createGeometry(result),
            error: null,
          }),
        (err: Error) => alive && setOutcome({ request, result: null, geometry: null, error: err.message }),
      );
    return () => {
      alive = false;
    };
    // the user grid follows its token, which is part of the request
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [request]);
  return {
    result: outcome?.result ?? null,
    geometry: outcome?.geometry ?? null,
    loading: basis.loading || demand.loading || (request !== null && outcome?.request !== request),
    error: demand.error ?? outcome?.error ?? null,
  };
}
