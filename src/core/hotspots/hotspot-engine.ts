import { AnalysisError } from '../analysis-error';
import type { UserStudyGrid } from '../grid/user-grid';
import { HotspotGridCache, runHotspotAnalysis, type AnalysisRequest, type AnalysisResult } from './hotspot-analysis';
import type { HotspotWorkerRequest, HotspotWorkerResponse } from './hotspot-worker-protocol';

/** The hot spot statistics, in a worker when the browser has one, else on the calling thread. */
export interface HotspotEngine {
  analyse(request: AnalysisRequest): Promise<AnalysisResult>;
  /** hands the user's parsed grid to the engine under `token` (see GridRequest) */
  registerUserGrid(token: string, grid: UserStudyGrid): Promise<void>;
}

type Pending = { resolve(value: unknown): void; reject(err: unknown): void };

function createWorkerEngine(): HotspotEngine {
  const worker = new Worker(new URL('./hotspot-worker.ts', import.meta.url), { type: 'module' });
  const pending = new Map<number, Pending>();
  let nextId = 1;
  worker.onmessage = (event: MessageEvent<HotspotWorkerResponse>) => {
    const msg = event.data;
    const p = pending.get(msg.id);
    if (!p) return;
    pending.delete(msg.id);
    if (msg.type === 'result') p.resolve(msg.result);
    else if (msg.type === 'userGrid') p.resolve(undefined);
    else if (msg.type === 'superseded') p.reject(new AnalysisError('superseded', undefined, {}, true));
    else p.reject(new AnalysisError(msg.failure.message, msg.failure.key, msg.failure.params));
  };
  worker.onerror = (event) => {
    const err = new AnalysisError(event.message || 'hot spot worker failed');
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };
  const send = <T>(build: (id: number) => HotspotWorkerRequest): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      worker.postMessage(build(id));
    });
  return {
    analyse: (request) => send((id) => ({ type: 'analyse', id, request })),
    registerUserGrid: (token, grid) => send((id) => ({ type: 'userGrid', id, token, features: grid.features })),
  };
}

function createInlineEngine(): HotspotEngine {
  const cache = new HotspotGridCache();
  const run = <T>(f: () => T): Promise<T> =>
    new Promise((resolve, reject) => {
      try {
        resolve(f());
      } catch (err) {
        reject(AnalysisError.from(err));
      }
    });
  return {
    analyse: (request) => run(() => runHotspotAnalysis(request, cache)),
    registerUserGrid: (token, grid) => run(() => cache.registerUserGrid(token, grid.features)),
  };
}

let engine: HotspotEngine | null = null;

/** One engine per page, so that its study grids are reused when the view is left and re-entered. */
export function getHotspotEngine(): HotspotEngine {
  engine ??= typeof Worker === 'undefined' ? createInlineEngine() : createWorkerEngine();
  return engine;
}
