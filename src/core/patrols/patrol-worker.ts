/// <reference lib="webworker" />
import { PatrolAnalysis } from './patrol-analysis';
import { readTrackColumns } from './track-columns';
import type { PatrolWorkerRequest, PatrolWorkerResponse } from './patrol-worker-protocol';

declare const self: DedicatedWorkerGlobalScope;

const analysis = new PatrolAnalysis();

function answer(msg: PatrolWorkerRequest): PatrolWorkerResponse {
  try {
    switch (msg.type) {
      case 'userGrid':
        analysis.registerUserGrid(msg.token, msg.features);
        return { type: 'ok', id: msg.id, result: null };
      case 'begin':
        analysis.beginPasses(msg.target.trackKey, msg.target.grid, msg.target.area, msg.teams);
        return { type: 'ok', id: msg.id, result: null };
      case 'chunk':
        analysis.addTrackChunk(
          msg.target.trackKey,
          msg.target.grid,
          msg.target.area,
          readTrackColumns(msg.ipc, msg.teams),
        );
        return { type: 'ok', id: msg.id, result: null };
      case 'logs':
        analysis.addGridLogs(msg.target.trackKey, msg.target.grid, msg.target.area, msg.logs);
        return { type: 'ok', id: msg.id, result: null };
      case 'finish':
        return {
          type: 'ok',
          id: msg.id,
          result: analysis.finishPasses(msg.target.trackKey, msg.target.grid, msg.target.area),
        };
      case 'coverage':
        return { type: 'ok', id: msg.id, result: analysis.coverage(msg.request) };
      case 'plan':
        return { type: 'ok', id: msg.id, result: analysis.plan(msg.request) };
    }
  } catch (err) {
    return { type: 'error', id: msg.id, message: err instanceof Error ? err.message : String(err) };
  }
}

self.onmessage = (event: MessageEvent<PatrolWorkerRequest>) => self.postMessage(answer(event.data));
