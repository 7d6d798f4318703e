import type { Crs } from '../../core/geo/coords';
import type { UserGridIssue } from '../../core/grid/user-grid';
import type { CoverageRequest, CoverageResult, PlanRequest, PlanResult } from '../../core/patrols/patrol-analysis';

/** Messages to the patrol worker; each is answered once, in order. */
export type PatrolWorkerRequest =
  | { type: 'userGrid'; id: number; token: string; geojson: unknown; crs: Crs }
  | { type: 'track'; id: number; key: string; ipc: Uint8Array; teams: string[] }
  | { type: 'coverage'; id: number; request: CoverageRequest }
  | { type: 'plan'; id: number; request: PlanRequest };

export type PatrolWorkerResponse =
  | { type: 'ok'; id: number; result: UserGridIssue[] | CoverageResult | PlanResult | null }
  | { type: 'error'; id: number; message: string };
