import { useApp } from '../../app/app-context';

export function RepeatReturnsView() {
  const { t } = useApp();
  return <p className="note">{t('nav.comingSoon')}</p>;
}
