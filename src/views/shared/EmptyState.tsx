import { ImportButton } from './ImportButton';
import { useApp } from './app-context';
import { useSharedTranslate } from './use-translate';

/**
 * What a view shows instead of blank axes when there is nothing to draw: with no data loaded, how to
 * import (a button, or a drop anywhere); with data but none in the filters, that the filters exclude all.
 */
export function EmptyState({ testId }: { testId?: string }) {
  const { span, importFiles } = useApp();
  const t = useSharedTranslate();
  return (
    <div className="empty-state" data-testid={testId ?? 'empty-state'}>
      <p>{span ? t('common.empty.filtered') : t('common.empty.noData')}</p>
      <ImportButton label={t('common.import')} onFiles={importFiles} />
    </div>
  );
}
