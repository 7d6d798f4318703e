import type { AnalysisFailure } from '../analysis-error';
import type { UserStudyGrid } from '../grid/user-grid';
import type { AnalysisRequest, AnalysisResult } from './hotspot-analysis';

/** Messages to the hot spot worker. The user's grid arrives parsed (its WGS-84 features). */
export type HotspotWorkerRequest =
  | { type: 'userGrid'; id: number; token: string; features: UserStudyGrid['features'] }
  | { type: 'analyse'; id: number; request: AnalysisRequest };

/** Answers; an analysis superseded by a newer one before it started is answered `superseded`. */
export type HotspotWorkerResponse =
  | { type: 'userGrid'; id: number }
  | { type: 'result'; id: number; result: AnalysisResult }
  | { type: 'superseded'; id: number }
  | { type: 'error'; id: number; failure: AnalysisFailure };

/** The result's own typed arrays, handed over without a copy (the grid's centres stay in its cache). */
export function listTransferables(result: AnalysisResult): ArrayBuffer[] {
  const arrays: ArrayBufferView[] = [result.counts, result.z, result.p, result.bins, result.busiestNeighbour];
  const e = result.emerging;
  if (e) arrays.push(e.z, e.state, e.nHot, e.nCold, e.trendS, e.trendZ, e.trendP);
  return arrays.map((a) => a.buffer as ArrayBuffer);
}
