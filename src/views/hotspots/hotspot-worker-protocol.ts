import type { Crs } from '../../core/geo/coords';
import type { UserGridIssue } from '../../core/grid/user-grid';
import type { AnalysisRequest, AnalysisResult } from './hotspot-analysis';

/** Messages to the hot spot worker. */
export type HotspotWorkerRequest =
  | { type: 'userGrid'; id: number; token: string; geojson: unknown; crs: Crs }
  | { type: 'analyse'; id: number; request: AnalysisRequest };

/** A failure the view can name: a message key with params, or plain text. */
export interface HotspotFailure {
  key?: string;
  params?: Record<string, number>;
  message: string;
}

/** Answers; an analysis superseded by a newer one before it started is answered `superseded`. */
export type HotspotWorkerResponse =
  | { type: 'userGrid'; id: number; issues: UserGridIssue[] }
  | { type: 'result'; id: number; result: AnalysisResult }
  | { type: 'superseded'; id: number }
  | { type: 'error'; id: number; failure: HotspotFailure };

export function describeFailure(err: unknown): HotspotFailure {
  const e = err as { key?: unknown; params?: unknown; message?: unknown };
  const message = err instanceof Error ? err.message : String(err);
  if (typeof e?.key === 'string') return { key: e.key, params: (e.params ?? {}) as Record<string, number>, message };
  return { message };
}

/** The result's own typed arrays, handed over without a copy (the grid's centres stay in its cache). */
export function listTransferables(result: AnalysisResult): ArrayBuffer[] {
  const arrays: ArrayBufferView[] = [result.counts, result.z, result.p, result.bins];
  const e = result.emerging;
  if (e) arrays.push(e.z, e.state, e.nHot, e.nCold, e.trendS, e.trendZ, e.trendP);
  return arrays.map((a) => a.buffer as ArrayBuffer);
}

/** A failed or superseded analysis as the view receives it. */
export class HotspotError extends Error {
  readonly key: string | undefined;
  readonly params: Record<string, number>;
  constructor(
    failure: HotspotFailure,
    readonly superseded = false,
  ) {
    super(failure.message);
    this.key = failure.key;
    this.params = failure.params ?? {};
  }
}
