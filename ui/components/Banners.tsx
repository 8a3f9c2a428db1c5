/** Messages about the saved work (an autosave that could not be read, another tab on the plant), above the diagram. */
import { useEditor, useServices } from './context';
import { download } from './download';

export function Banners({ onTakeOver }: { onTakeOver(): void }) {
  const { store } = useServices();
  const banners = useEditor((s) => s.banners);
  if (banners.length === 0) return null;
  return (
    <div className="banners">
      {banners.map((b) => (
        <div key={b.kind} className={`banner banner-${b.kind}`} role="alert" data-banner={b.kind}>
          <span>{b.message}</span>
          {b.text !== undefined && (
            <button type="button" onClick={() => download(b.fileName ?? 'kept-autosave.json', b.text!, 'application/json')} data-testid="download-kept">
              Download it as a file
            </button>
          )}
          {(b.kind === 'other-tab' || b.kind === 'taken-over') && (
            <button type="button" className="primary" onClick={onTakeOver}>
              Edit here{b.kind === 'other-tab' ? ' (the other tab stops saving)' : ''}
            </button>
          )}
          <button type="button" className="icon" aria-label="dismiss" onClick={() => store.dismissBanner(b.kind)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
