import type { ReactNode } from 'react';

/**
 * A titled card; `actions` (exports) sit in its header, next to what they export, and `help` (a
 * HelpPopover) right after the title.
 */
export function Panel({
  title,
  actions,
  help,
  children,
  className,
}: {
  title: string;
  actions?: ReactNode;
  help?: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  return (
    <section className={`panel ${className ?? ''}`}>
      <header className="panel-header">
        <h2>
          {title}
          {help}
        </h2>
        {actions && <div className="panel-actions">{actions}</div>}
      </header>
      <div className="panel-body">{children}</div>
    </section>
  );
}
