import { useEffect, useId, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { useSharedTranslate } from './use-translate';
import './help-popover.css';

interface Props {
  /** what the popover explains; its heading and the button's accessible name */
  topic: string;
  children: ReactNode;
  testId?: string;
}

/**
 * A small ⓘ button that opens a short explanation beside it. It is a disclosure: the button says whether
 * it is open (aria-expanded); Escape or a click elsewhere closes it, and Escape gives the focus back to
 * the button.
 */
export function HelpPopover({ topic, children, testId }: Props) {
  const t = useSharedTranslate();
  const [open, setOpen] = useState(false);
  const [place, setPlace] = useState<{ top: number; left: number } | null>(null);
  const id = useId();
  const root = useRef<HTMLSpanElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointer = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  // Fixed to the viewport beside the button, so that no scrolling table or map clips it: below it (above
  // when there is no room below), moved left when the right has no room; it follows the button when the
  // page or a table scrolls.
  useLayoutEffect(() => {
    if (!open) return;
    const measure = () => {
      const b = button.current?.getBoundingClientRect();
      const width = panel.current?.offsetWidth ?? 0;
      const height = panel.current?.offsetHeight ?? 0;
      if (!b) return;
      const right = document.documentElement.clientWidth - 8;
      const below = b.bottom + 6;
      const above = b.top - 6 - height;
      const top = below + height > window.innerHeight && above > 8 ? above : below;
      setPlace({ top, left: Math.max(8, Math.min(b.left - 8, right - width)) });
    };
    measure();
    window.addEventListener('scroll', measure, true);
    window.addEventListener('resize', measure);
    return () => {
      window.removeEventListener('scroll', measure, true);
      window.removeEventListener('resize', measure);
    };
  }, [open]);

  return (
    <span className="help" ref={root}>
      <button
        ref={button}
        type="button"
        className="help-button"
        aria-label={t('common.help', { topic })}
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        data-testid={testId}
        onClick={() => setOpen((o) => !o)}
      >
        ⓘ
      </button>
      {open && (
        <div
          ref={panel}
          id={id}
          role="region"
          aria-label={topic}
          className="help-popover"
          style={place ? { top: place.top, left: place.left } : { visibility: 'hidden' }}
          data-testid={testId && `${testId}-popover`}
        >
          <div className="help-title">{topic}</div>
          <div className="help-body">{children}</div>
        </div>
      )}
    </span>
  );
}
