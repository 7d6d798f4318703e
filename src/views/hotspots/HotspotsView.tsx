import { useApp } from '../../app/app-context';

export function HotspotsView() {
  const { t } = useApp();
  return <p className="note">{t('nav.comingSoon')}</p>;
}
