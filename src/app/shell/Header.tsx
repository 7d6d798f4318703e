import { ImportButton } from '../../views/shared/ImportButton';
import type { ShellTranslate } from './messages';
import { VIEWS, type ViewId } from '../url-state';

interface Props {
  t: ShellTranslate;
  view: ViewId;
  demo: boolean;
  onView(view: ViewId): void;
  onToggleLang(): void;
  onFiles(files: File[]): void;
}

export function Header({ t, view, demo, onView, onToggleLang, onFiles }: Props) {
  return (
    <header className="app-header">
      <div className="brand">
        <span className="brand-title">{t('app.title')}</span>
        <span className="brand-sub">{t('app.subtitle')}</span>
        {demo && <span className="badge badge-demo">{t('app.demoBadge')}</span>}
      </div>
      <nav className="tabs" role="tablist">
        {VIEWS.map((v) => (
          <button
            key={v}
            role="tab"
            aria-selected={v === view}
            className={v === view ? 'tab active' : 'tab'}
            onClick={() => onView(v)}
          >
            {t(`nav.${v}`)}
          </button>
        ))}
      </nav>
      <div className="header-actions">
        <ImportButton label={t('common.import')} onFiles={onFiles} testId="file-input" />
        <button className="ghost" onClick={onToggleLang}>
          {t('header.lang')}
        </button>
      </div>
    </header>
  );
}
