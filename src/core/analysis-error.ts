/**
 * The one error of the analyses (study grids, hot spots): a limit or missing input the view names by
 * message key (too many cells, no user grid …), a failure with only a text, or an analysis superseded
 * by a newer one before it started (not shown). It crosses a worker boundary as its plain fields.
 */
export class AnalysisError extends Error {
  constructor(
    message: string,
    readonly key?: string,
    readonly params: Record<string, number> = {},
    readonly superseded = false,
  ) {
    super(message);
  }

  /** Whatever was thrown, as a AnalysisError (its key and params kept when it had them). */
  static from(err: unknown): AnalysisError {
    if (err instanceof AnalysisError) return err;
    const e = err as { key?: unknown; params?: unknown; message?: unknown } | null;
    const message = err instanceof Error ? err.message : String(err);
    if (typeof e?.key === 'string')
      return new AnalysisError(message, e.key, (e.params ?? {}) as Record<string, number>);
    return new AnalysisError(message);
  }
}

/** The fields of a AnalysisError as they are posted between the worker and the page. */
export type AnalysisFailure = Pick<AnalysisError, 'message' | 'key' | 'params'>;

export function toFailure(err: unknown): AnalysisFailure {
  const e = AnalysisError.from(err);
  return { message: e.message, key: e.key, params: e.params };
}
