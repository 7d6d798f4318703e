/** What the bench page shares with its driver (window.__bench) and small page helpers. */
import type { BenchResult, MemorySample } from '../measure';

export interface BenchState {
  phase: string;
  done: boolean;
  result: BenchResult | null;
}

export interface RunConfig {
  episodes: number;
  light: boolean;
}

declare global {
  interface Window {
    __bench: BenchState;
    __runBench: (config: RunConfig) => Promise<void>;
    __runScale: (config: RunConfig) => Promise<void>;
    __runThreads: (config: RunConfig) => Promise<void>;
  }
}

export function setPhase(phase: string): void {
  window.__bench.phase = phase;
  const log = document.getElementById('log');
  if (log) log.textContent += `${new Date().toISOString().slice(11, 19)} ${phase}\n`;
}

/** Lets the driver, which polls every 200 ms, sample the tab's memory in this state. */
export function hold(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 700));
}

export function pickedFiles(): File[] {
  const input = document.getElementById('files') as HTMLInputElement | null;
  return [...(input?.files ?? [])].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export function fetchJson(path: string): Promise<unknown> {
  return fetch(`/${path}`).then((r) => {
    if (!r.ok) throw new Error(`${path}: HTTP ${r.status}`);
    return r.json();
  });
}

export function pageMemory(id: string): MemorySample {
  const m = (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory;
  return { id, ...(m ? { heapUsed: m.usedJSHeapSize } : {}), note: 'page main thread JS heap' };
}
