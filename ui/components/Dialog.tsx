/** A modal dialog: Escape, the close button or a click outside closes it; focus starts inside. */
import { useEffect, useRef, type ReactNode } from 'react';

export function Dialog({ title, onClose, children, testId, tone, wide }: { title: ReactNode; onClose(): void; children: ReactNode; testId?: string; tone?: 'error'; wide?: boolean }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        onClose();
      }
    };
    window.addEventListener('keydown', onKey, true);
    const first = box.current?.querySelector<HTMLElement>('.modal-body input, .modal-body select, .modal-body textarea, .modal-body button') ?? box.current?.querySelector<HTMLElement>('button');
    first?.focus();
    return () => window.removeEventListener('keydown', onKey, true);
  }, [onClose]);
  return (
    <div className="modal-backdrop" role="presentation" onClick={onClose}>
      <div ref={box} className={`modal${tone === 'error' ? ' modal-error' : ''}${wide ? ' wide' : ''}`} role="dialog" aria-modal="true" aria-label={typeof title === 'string' ? title : undefined} onClick={(e) => e.stopPropagation()} data-testid={testId}>
        <div className="modal-head">
          <h2>{title}</h2>
          <button type="button" className="icon" aria-label="close" onClick={onClose}>
            ×
          </button>
        </div>
        <div className="modal-body">{children}</div>
      </div>
    </div>
  );
}
