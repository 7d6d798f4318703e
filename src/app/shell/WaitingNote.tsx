import { useCallback, useSyncExternalStore } from 'react';
import type { QueryCoordinator } from '../../core/db/query-coordinator';
import type { ShellTranslate } from './messages';
import { getConsoleSession } from '../../views/sql-console/console-session';

/**
 * While an import, a save or a console query holds the engine, the views' questions wait behind it;
 * this says so, instead of leaving old numbers on screen as if they were the answer.
 */
export function WaitingNote({ coordinator, t }: { coordinator: QueryCoordinator; t: ShellTranslate }) {
  const status = useSyncExternalStore(
    useCallback((changed: () => void) => coordinator.subscribe(changed), [coordinator]),
    () => coordinator.status(),
  );
  if (!status.exclusive || status.waiting === 0) return null;
  return (
    <div className="banner waiting" role="status" data-testid="waiting-note">
      {t(`app.waiting.${status.exclusive}`)}
      {status.exclusive === 'console' && (
        <button className="ghost small" onClick={() => getConsoleSession(coordinator).cancel()}>
          {t('app.waiting.cancel')}
        </button>
      )}
    </div>
  );
}
