import type { QueryCoordinator } from '../../core/db/query-coordinator';
import type { GlobalFilters } from '../../core/filters';
import { SQL_EXAMPLES } from './queries';
import { runConsoleQuery, type ConsoleOutcome } from './run-console-query';

export const ROW_LIMIT = 10_000;
export const TIME_LIMITS_S = [10, 30, 60, 120, 300] as const;
export const DEFAULT_TIME_LIMIT_S = 60;

export interface ConsoleState {
  text: string;
  timeLimitS: number;
  /** null when idle; 'queued' while an import or save holds the engine */
  phase: 'queued' | 'running' | null;
  /** performance.now() when the current phase began */
  since: number;
  outcome: ConsoleOutcome | null;
  /** queries answered or refused so far (the page shows it, so a test knows when an outcome is new) */
  finished: number;
}

/**
 * The console's query outlives the console view: the user may switch to the overview while it runs (the
 * overview then says it waits), and come back to cancel it or read its answer. One session a coordinator.
 */
export class ConsoleSession {
  private state: ConsoleState = {
    text: SQL_EXAMPLES[0]!,
    timeLimitS: DEFAULT_TIME_LIMIT_S,
    phase: null,
    since: 0,
    outcome: null,
    finished: 0,
  };
  private readonly listeners = new Set<() => void>();
  private controller: AbortController | null = null;

  constructor(private readonly coordinator: QueryCoordinator) {}

  snapshot = (): ConsoleState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  edit(change: Partial<Pick<ConsoleState, 'text' | 'timeLimitS'>>): void {
    this.set(change);
  }

  /** Runs the text; `filters` (the filter bar's) narrow `filtered_cases`. */
  async run(filters?: GlobalFilters): Promise<void> {
    if (this.controller) return;
    const abort = new AbortController();
    this.controller = abort;
    let timer: ReturnType<typeof setTimeout> | undefined;
    this.set({ phase: 'queued', since: performance.now(), outcome: null });
    try {
      const outcome = await runConsoleQuery(this.coordinator, this.state.text, {
        limit: ROW_LIMIT,
        signal: abort.signal,
        filters,
        onStart: () => {
          timer = setTimeout(() => abort.abort('timeout'), this.state.timeLimitS * 1000);
          this.set({ phase: 'running', since: performance.now() });
        },
      });
      this.set({ outcome, finished: this.state.finished + 1 });
    } finally {
      clearTimeout(timer);
      this.controller = null;
      this.set({ phase: null });
    }
  }

  /** Stops the query in the engine, or takes it out of the queue if it has not started. */
  cancel(): void {
    this.controller?.abort('cancelled');
  }

  private set(change: Partial<ConsoleState>): void {
    this.state = { ...this.state, ...change };
    for (const listener of this.listeners) listener();
  }
}

const sessions = new WeakMap<QueryCoordinator, ConsoleSession>();

export function getConsoleSession(coordinator: QueryCoordinator): ConsoleSession {
  let session = sessions.get(coordinator);
  if (!session) sessions.set(coordinator, (session = new ConsoleSession(coordinator)));
  return session;
}
