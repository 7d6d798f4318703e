import type { Crs } from '../../core/geo/coords';
import type { UserGridIssue } from '../../core/grid/user-grid';
import type { CoverageArea, CoverageGridRequest } from '../../core/patrols/coverage-grid';
import type { CoverageRequest, CoverageResult, PlanRequest, PlanResult } from '../../core/patrols/patrol-analysis';
import type { TrackPassReport } from '../../core/patrols/track-passes';

/** Which passes: a track (its key) on a grid over an area. */
export interface PassTarget {
  trackKey: string;
  grid: CoverageGridRequest;
  area: CoverageArea;
}

/** Messages to the patrol worker; each is answered once, in order. */
export type PatrolWorkerRequest =
  | { type: 'userGrid'; id: number; token: string; geojson: unknown; crs: Crs }
  | { type: 'begin'; id: number; target: PassTarget; teams: string[] }
  | { type: 'chunk'; id: number; target: PassTarget; ipc: Uint8Array; teams: string[] }
  | { type: 'finish'; id: number; target: PassTarget }
  | { type: 'coverage'; id: number; request: CoverageRequest }
  | { type: 'plan'; id: number; request: PlanRequest };

export type PatrolWorkerResponse =
  | { type: 'ok'; id: number; result: UserGridIssue[] | CoverageResult | PlanResult | TrackPassReport | null }
  | { type: 'error'; id: number; message: string };
