/// <reference lib="webworker" />
import { toFailure } from '../analysis-error';
import { HotspotGridCache, runHotspotAnalysis } from './hotspot-analysis';
import { listTransferables, type HotspotWorkerRequest, type HotspotWorkerResponse } from './hotspot-worker-protocol';

declare const self: DedicatedWorkerGlobalScope;

const cache = new HotspotGridCache();
let latest: Extract<HotspotWorkerRequest, { type: 'analyse' }> | null = null;
let scheduled = false;

function reply(message: HotspotWorkerResponse, transfer: Transferable[] = []): void {
  self.postMessage(message, transfer);
}

/** Runs only the newest analysis of those that queued up while the previous one was computing. */
function runLatest(): void {
  scheduled = false;
  const job = latest;
  latest = null;
  if (!job) return;
  try {
    const result = runHotspotAnalysis(job.request, cache);
    reply({ type: 'result', id: job.id, result }, listTransferables(result));
  } catch (err) {
    reply({ type: 'error', id: job.id, failure: toFailure(err) });
  }
}

self.onmessage = (event: MessageEvent<HotspotWorkerRequest>) => {
  const msg = event.data;
  if (msg.type === 'userGrid') {
    try {
      cache.registerUserGrid(msg.token, msg.features);
      reply({ type: 'userGrid', id: msg.id });
    } catch (err) {
      reply({ type: 'error', id: msg.id, failure: toFailure(err) });
    }
    return;
  }
  if (latest) reply({ type: 'superseded', id: latest.id });
  latest = msg;
  if (!scheduled) {
    scheduled = true;
    setTimeout(runLatest, 0);
  }
};
