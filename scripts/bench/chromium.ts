/** Headless Chromium for the bench (the tests' launcher and static server) and the tab's memory from /proc. */
import { readdirSync, readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../../test/helpers/browser';

export { CHROMIUM_PATH } from '../../test/helpers/browser';
export { CROSS_ORIGIN_ISOLATION_HEADERS, serveFolders } from '../../test/helpers/static-server';

/** The tests' headless Chromium, with precise memory figures for the bench. */
export function launchChromium(): Promise<Browser> {
  return launchBrowser(['--enable-precise-memory-info']);
}

export interface TreeMemory {
  /** proportional set size (shared pages split between sharers) of every process this bench started */
  total: number;
  /** the largest renderer's (the tab, its Web Workers included) */
  renderer: number;
}

/** PSS of this process's descendants, read from /proc (Linux; RSS where smaps_rollup is unreadable). */
export function sampleDescendantMemory(root = process.pid): TreeMemory {
  const parent = new Map<number, number>();
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return { total: 0, renderer: 0 };
  }
  for (const d of pids) {
    try {
      const statText = readFileSync(`/proc/${d}/stat`, 'utf8');
      const fields = statText.slice(statText.lastIndexOf(')') + 2).split(' ');
      parent.set(Number(d), Number(fields[1]));
    } catch {
      // gone meanwhile
    }
  }
  const isDescendant = (pid: number): boolean => {
    for (let p = parent.get(pid), hops = 0; p !== undefined && hops < 64; p = parent.get(p), hops++) {
      if (p === root) return true;
    }
    return false;
  };
  let total = 0;
  let renderer = 0;
  for (const pid of parent.keys()) {
    if (!isDescendant(pid)) continue;
    try {
      const rss = residentKiB(pid) * 1024;
      total += rss;
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer')) renderer = Math.max(renderer, rss);
    } catch {
      // gone meanwhile
    }
  }
  return { total, renderer };
}

function residentKiB(pid: number): number {
  try {
    return Number(/^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0);
  } catch {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  }
}
