/** Solve status, timing, problems (click one to select what it is about), notices, autosave. */
import { useState } from 'react';
import { useEditor, useServices } from './context';
import { useShownStale } from './derived';

export function StatusBar({ savedAt }: { savedAt?: number }) {
  const { store } = useServices();
  const solve = useEditor((s) => s.solve);
  const doc = useEditor((s) => s.doc);
  const notice = useEditor((s) => s.notice);
  const stale = useShownStale();
  const [open, setOpen] = useState(false);
  const n = solve.diagnostics.length;
  const stats = solve.lastGood?.results.solver;
  return (
    <footer className="statusbar" data-status={solve.status}>
      <span className={`status-pill ${solve.status}`} data-testid="solve-status">
        {solve.status === 'solving' ? 'solving…' : solve.status === 'ok' ? 'solved' : solve.status === 'failed' ? `${n} problem${n === 1 ? '' : 's'}` : '—'}
      </span>
      {solve.solveMs !== undefined && (
        <span title="solve time in the worker / from the edit request to the answer">
          {solve.solveMs.toFixed(1)} ms solve ·{' '}
          {solve.roundTripMs === 0 ? 'layout change, not re-solved' : `${solve.roundTripMs?.toFixed(1)} ms round trip`}
        </span>
      )}
      {stats && (
        <span className="muted">
          {stats.unknowns} unknowns · {Object.keys(doc.units).length} units · {Object.keys(doc.streams).length} streams
        </span>
      )}
      {stale && <span className="stale-badge">results stale</span>}
      {n > 0 && (
        <button type="button" className="link" onClick={() => setOpen((o) => !o)} aria-expanded={open}>
          {open ? 'hide' : 'show'} problems
        </button>
      )}
      {notice && (
        <span className="notice" role="status">
          {notice}
        </span>
      )}
      <span className="spacer" />
      {savedAt !== undefined && <span className="muted">autosaved {new Date(savedAt).toLocaleTimeString()}</span>}
      {open && n > 0 && (
        <ul className="problem-list" data-testid="problem-list">
          {solve.diagnostics.map((d, i) => (
            <li key={i}>
              <button
                type="button"
                className="link"
                onClick={() => store.select({ units: d.unit && d.unit in doc.units ? [d.unit] : [], streams: !d.unit && d.stream && d.stream in doc.streams ? [d.stream] : [] })}
              >
                {d.path}
              </button>
              : {d.message}
            </li>
          ))}
        </ul>
      )}
    </footer>
  );
}

export function FileErrorDialog() {
  const { store } = useServices();
  const err = useEditor((s) => s.fileError);
  if (!err) return null;
  return (
    <div className="modal-backdrop" role="presentation" onClick={() => store.dismissFileError()}>
      <div className="modal" role="alertdialog" aria-labelledby="file-error-title" onClick={(e) => e.stopPropagation()} data-testid="file-error">
        <h2 id="file-error-title">{err.title}</h2>
        <p>The current plant is unchanged.</p>
        <ul>
          {err.diagnostics.map((d, i) => (
            <li key={i}>
              <code>{d.path}</code>: {d.message}
            </li>
          ))}
        </ul>
        <button type="button" onClick={() => store.dismissFileError()} autoFocus>
          Close
        </button>
      </div>
    </div>
  );
}
