/**
 * Timing records shared by the Node, native and browser benchmarks (no Node or DOM imports: the bench
 * page bundles this file too). Every figure is one `Measurement`; bench.mjs joins them by id.
 */
export interface Measurement {
  id: string;
  /** wall-clock milliseconds: the median when several runs were made */
  ms: number;
  /** every timed run, in order (after the warm-up) */
  runs?: number[];
  /** result rows or another size that explains the figure */
  rows?: number;
  note?: string;
}

export interface MemorySample {
  id: string;
  /** bytes: resident set (Node) */
  rss?: number;
  /** bytes: proportional set size of the Chromium tab (renderer with its workers) */
  pss?: number;
  heapUsed?: number;
  external?: number;
  /** DuckDB's own accounting (duckdb_memory()) */
  duckdb?: number;
  note?: string;
}

export interface BenchResult {
  platform: 'node-wasm' | 'native' | 'browser' | 'app';
  engine: string;
  episodes: number;
  measurements: Measurement[];
  memory: MemorySample[];
  notes: string[];
  errors: string[];
}

export function createResult(platform: BenchResult['platform'], engine: string, episodes: number): BenchResult {
  return { platform, engine, episodes, measurements: [], memory: [], notes: [], errors: [] };
}

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  if (s.length === 0) return NaN;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** One timed run (ingest steps are too heavy to repeat). */
export async function timeOnce<T>(fn: () => Promise<T> | T): Promise<{ ms: number; value: Awaited<T> }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

/** Median of `runs` timed runs after `warmup` untimed ones (queries). */
export async function timeMedian<T>(
  fn: () => Promise<T> | T,
  runs = 3,
  warmup = 1,
): Promise<{ ms: number; runs: number[]; value: Awaited<T> }> {
  let value = await fn();
  for (let i = 1; i < warmup; i++) value = await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = await timeOnce(fn);
    times.push(t.ms);
    value = t.value;
  }
  return { ms: median(times), runs: times, value };
}

/** Runs a step and records it; a failing step is recorded as an error and the bench goes on. */
export async function record<T>(
  result: BenchResult,
  id: string,
  step: () => Promise<{ ms: number; runs?: number[]; value: T }>,
  describe?: (value: T) => { rows?: number; note?: string },
): Promise<T | undefined> {
  try {
    const t = await step();
    const extra = describe ? describe(t.value) : {};
    result.measurements.push({ id, ms: round(t.ms), ...(t.runs ? { runs: t.runs.map(round) } : {}), ...extra });
    return t.value;
  } catch (e) {
    result.errors.push(`${id}: ${describeError(e)}`);
    return undefined;
  }
}

export function describeError(e: unknown): string {
  if (e && typeof e === 'object' && 'message_' in e) return JSON.stringify((e as { message_: unknown }).message_);
  return e instanceof Error ? `${e.message}` : String(e);
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
