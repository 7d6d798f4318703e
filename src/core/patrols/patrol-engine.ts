import type { UserStudyGrid } from '../grid/user-grid';
import {
  PatrolAnalysis,
  type CoverageRequest,
  type CoverageResult,
  type PassReport,
  type PlanRequest,
  type PlanResult,
} from './patrol-analysis';
import { readTrackColumns } from './track-columns';
import type { GridLogColumns } from './grid-log-passes';
import type { PassTarget, PatrolWorkerRequest, PatrolWorkerResponse } from './patrol-worker-protocol';

/** The patrol computations, in a worker when the browser has one, else on the calling thread. */
export interface PatrolEngine {
  /** hands the user's parsed grid to the engine under `token` */
  registerUserGrid(token: string, grid: UserStudyGrid): Promise<unknown>;
  beginPasses(target: PassTarget, teams: string[]): Promise<void>;
  /** a chunk of the track (Arrow IPC of the track query); the bytes are transferred, not copied */
  addTrackChunk(target: PassTarget, ipc: Uint8Array, teams: string[]): Promise<void>;
  /** every log by grid cell, once per collection, before finishPasses */
  addGridLogs(target: PassTarget, logs: GridLogColumns): Promise<void>;
  finishPasses(target: PassTarget): Promise<PassReport>;
  coverage(request: CoverageRequest): Promise<CoverageResult>;
  plan(request: PlanRequest): Promise<PlanResult>;
}

type Body<T> = T extends unknown ? Omit<T, 'id'> : never;

function createWorkerEngine(): PatrolEngine {
  const worker = new Worker(new URL('./patrol-worker.ts', import.meta.url), { type: 'module' });
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: unknown): void }>();
  let nextId = 1;
  worker.onmessage = (event: MessageEvent<PatrolWorkerResponse>) => {
    const msg = event.data;
    const p = pending.get(msg.id);
    if (!p) return;
    pending.delete(msg.id);
    if (msg.type === 'ok') p.resolve(msg.result);
    else p.reject(new Error(msg.message));
  };
  worker.onerror = (event) => {
    for (const p of pending.values()) p.reject(new Error(event.message || 'patrol worker failed'));
    pending.clear();
  };
  const send = <T>(body: Body<PatrolWorkerRequest>, transfer: Transferable[] = []): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      worker.postMessage({ ...body, id } as PatrolWorkerRequest, transfer);
    });
  return {
    registerUserGrid: (token, grid) => send({ type: 'userGrid', token, features: grid.features }),
    beginPasses: (target, teams) => send({ type: 'begin', target, teams }),
    addTrackChunk: (target, ipc, teams) => {
      // transfer only a buffer of its own, never one the bytes share with something else
      const own = ipc.byteOffset === 0 && ipc.byteLength === ipc.buffer.byteLength ? ipc : ipc.slice();
      return send({ type: 'chunk', target, ipc: own, teams }, [own.buffer as ArrayBuffer]);
    },
    addGridLogs: (target, logs) => send({ type: 'logs', target, logs }),
    finishPasses: (target) => send({ type: 'finish', target }),
    coverage: (request) => send({ type: 'coverage', request }),
    plan: (request) => send({ type: 'plan', request }),
  };
}

function createInlineEngine(): PatrolEngine {
  const analysis = new PatrolAnalysis();
  const run = <T>(f: () => T) => new Promise<T>((resolve) => resolve(f()));
  return {
    registerUserGrid: (token, grid) => run(() => analysis.registerUserGrid(token, grid.features)),
    beginPasses: (t, teams) => run(() => analysis.beginPasses(t.trackKey, t.grid, t.area, teams)),
    addTrackChunk: (t, ipc, teams) =>
      run(() => analysis.addTrackChunk(t.trackKey, t.grid, t.area, readTrackColumns(ipc, teams))),
    addGridLogs: (t, logs) => run(() => analysis.addGridLogs(t.trackKey, t.grid, t.area, logs)),
    finishPasses: (t) => run(() => analysis.finishPasses(t.trackKey, t.grid, t.area)),
    coverage: (request) => run(() => analysis.coverage(request)),
    plan: (request) => run(() => analysis.plan(request)),
  };
}

let engine: PatrolEngine | null = null;

/** One engine per page: its grids and passes are kept when the view is left and re-entered. */
export function getPatrolEngine(): PatrolEngine {
  engine ??= typeof Worker === 'undefined' ? createInlineEngine() : createWorkerEngine();
  return engine;
}
