import type { UserStudyGrid } from '../grid/user-grid';
import type { GridRequest } from '../hotspots/grid-kinds';
import type { StudyArea } from '../hotspots/study-area';
import type { GridLogColumns } from './grid-log-passes';
import type { CoverageRequest, CoverageResult, PassReport, PlanRequest, PlanResult } from './patrol-analysis';

/** Which passes: a track (its key) on a grid over an area. */
export interface PassTarget {
  trackKey: string;
  grid: GridRequest;
  area: StudyArea;
}

/** Messages to the patrol worker; each is answered once, in order. */
export type PatrolWorkerRequest =
  | { type: 'userGrid'; id: number; token: string; features: UserStudyGrid['features'] }
  | { type: 'begin'; id: number; target: PassTarget; teams: string[] }
  | { type: 'chunk'; id: number; target: PassTarget; ipc: Uint8Array; teams: string[] }
  | { type: 'logs'; id: number; target: PassTarget; logs: GridLogColumns }
  | { type: 'finish'; id: number; target: PassTarget }
  | { type: 'coverage'; id: number; request: CoverageRequest }
  | { type: 'plan'; id: number; request: PlanRequest };

export type PatrolWorkerResponse =
  | { type: 'ok'; id: number; result: CoverageResult | PlanResult | PassReport | null }
  | { type: 'error'; id: number; message: string };
