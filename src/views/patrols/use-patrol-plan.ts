import { useEffect, useMemo, useState } from 'react';
import { useApp } from '../shared/app-context';
import { useQuery } from '../shared/use-query';
import {
  listSeasonWindowsInData,
  nextSeasonWindow,
  type PastSeasonWindow,
  type SeasonSpec,
  type SeasonWindow,
} from '../../core/calendar/season-windows';
import type { PlanRequest, PlanResult } from '../../core/patrols/patrol-analysis';
import { getPatrolEngine } from '../../core/patrols/patrol-engine';
import type { PatrolSettings } from './patrol-settings';
import { buildHourlyDemandQuery, windowsToRanges, type HourlyDemandRow } from './queries';
import { cellKeysOf, type PatrolBasis } from './use-patrol-coverage';

/** Past windows offered by default: the latest five the data reach. */
const DEFAULT_YEARS = 5;

export interface PatrolPlanState {
  season: SeasonSpec;
  /** every past window the data reach, latest first */
  windows: PastSeasonWindow[];
  /** those the plan learns from */
  chosen: PastSeasonWindow[];
  target: SeasonWindow | null;
  result: PlanResult | null;
  loading: boolean;
  error: string | null;
}

export function seasonOf(settings: PatrolSettings): SeasonSpec {
  return settings.season === 'custom'
    ? { kind: 'custom', from: settings.customFrom, to: settings.customTo }
    : { kind: settings.season };
}

export function usePatrolPlan(basis: PatrolBasis, settings: PatrolSettings): PatrolPlanState {
  const { filters, span } = useApp();
  const season = useMemo(() => seasonOf(settings), [settings]);
  const windows = useMemo(() => (span ? listSeasonWindowsInData(season, span.first, span.last) : []), [season, span]);
  const chosen = useMemo(() => {
    const wanted = new Set(settings.years);
    const picked = settings.years.length ? windows.filter((w) => wanted.has(w.year)) : windows.slice(0, DEFAULT_YEARS);
    return picked;
  }, [windows, settings.years]);
  const target = useMemo(() => (span ? nextSeasonWindow(season, span.last) : null), [season, span]);
  const { grid, coverageArea, trackKey, period } = basis;
  const expectedSql =
    grid && chosen.length ? buildHourlyDemandQuery(filters, cellKeysOf(grid), windowsToRanges(chosen)) : null;
  const expected = useQuery<HourlyDemandRow & Record<string, unknown>>('patrols:expected', expectedSql);
  const request = useMemo<PlanRequest | null>(() => {
    if (!grid || !coverageArea || !trackKey || !period || !expected.rows || expected.loading) return null;
    return {
      grid,
      area: coverageArea,
      trackKey,
      period,
      expectedRows: expected.rows,
      seasons: chosen.reduce((s, w) => s + w.coveredDays / w.days, 0),
      hours: settings.planHours.length ? settings.planHours : null,
      mode: settings.mode,
      k: settings.k,
      reach: settings.reach,
      beatSize: settings.beatSize,
      shiftHours: settings.shiftHours,
      pinnedIds: settings.pinned,
      removedIds: settings.removed,
    };
  }, [grid, coverageArea, trackKey, period, expected.rows, expected.loading, chosen, settings]);
  const [outcome, setOutcome] = useState<{
    request: PlanRequest;
    result: PlanResult | null;
    error: string | null;
  } | null>(null);
  useEffect(() => {
    if (!request) return;
    let alive = true;
    getPatrolEngine()
      .plan(request)
      .then(
        (result) => alive && setOutcome({ request, result, error: null }),
        (err: Error) => alive && setOutcome({ request, result: null, error: err.message }),
      );
    return () => {
      alive = false;
    };
  }, [request]);
  return {
    season,
    windows,
    chosen,
    target,
    result: outcome?.result ?? null,
    loading: expected.loading || (request !== null && outcome?.request !== request),
    error: expected.error ?? outcome?.error ?? null,
  };
}
