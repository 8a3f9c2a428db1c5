/** Solve status, timing, problems (click one to bring what it is about into view), notices, autosave. */
import { formatNumber } from '../../core/format';
import { useState } from 'react';
import { hasOwn } from '../state/own';
import { useEditor, useServices } from './context';
import { Dialog } from './Dialog';
import { useDrains, usePlant, useShownStale } from './derived';

export function StatusBar({ savedAt }: { savedAt?: number }) {
  const { store } = useServices();
  const solve = useEditor((s) => s.solve);
  const mode = useEditor((s) => s.mode);
  const notice = useEditor((s) => s.notice);
  const plant = usePlant();
  const drains = useDrains();
  const stale = useShownStale();
  const [open, setOpen] = useState(false);
  const [showWarnings, setShowWarnings] = useState(false);
  const warnings = solve.lastGood?.results.warnings ?? [];
  const n = solve.diagnostics.length;
  const stats = solve.lastGood?.results.solver;
  const outlets = drains.filter((d) => d.direction === 'out').length;
  const inlets = drains.length - outlets;
  return (
    <footer className="statusbar" data-status={solve.status}>
      <span className={`status-pill ${solve.status}`} data-testid="solve-status">
        {solve.status === 'solving' ? 'solving…' : solve.status === 'ok' ? 'solved' : solve.status === 'failed' ? `${n} problem${n === 1 ? '' : 's'}` : '—'}
      </span>
      {mode !== undefined && <span className="mode-pill">mode “{mode}”</span>}
      {solve.status === 'ok' && drains.length > 0 && (
        <span className="open-ports" title="While the plant is built, open ports are solved through temporary products and feeds; the saved file is unchanged" data-testid="open-ports">
          {outlets > 0 && `${outlets} open outlet${outlets === 1 ? '' : 's'} drain to temporary products`}
          {outlets > 0 && inlets > 0 && ' · '}
          {inlets > 0 && `${inlets} open inlet${inlets === 1 ? '' : 's'} take nothing`}
        </span>
      )}
      {solve.solveMs !== undefined && (
        <span className="muted" title="solve time in the worker / from the edit request to the answer">
          {formatNumber(solve.solveMs, 3)} ms solve
          {solve.roundTripMs === 0 ? ' (layout change, not re-solved)' : ` · ${formatNumber(solve.roundTripMs ?? 0, 3)} ms round trip`}
        </span>
      )}
      {stats && (
        <span className="muted">
          {stats.unknowns} unknowns · {Object.keys(plant.units).length} units · {Object.keys(plant.streams).length} streams
        </span>
      )}
      {stale && <span className="stale-badge">results stale</span>}
      {n > 0 && (
        <button type="button" className="link" onClick={() => setOpen((o) => !o)} aria-expanded={open}>
          {open ? 'hide' : 'show'} problems
        </button>
      )}
      {warnings.length > 0 && (
        <button type="button" className="link warn" onClick={() => setShowWarnings((o) => !o)} aria-expanded={showWarnings} data-testid="warnings">
          {warnings.length} warning{warnings.length === 1 ? '' : 's'}
        </button>
      )}
      {notice && (
        <span className="notice" role="status">
          {notice}
        </span>
      )}
      <span className="spacer" />
      {savedAt !== undefined && <span className="muted">autosaved {new Date(savedAt).toLocaleTimeString()}</span>}
      {showWarnings && warnings.length > 0 && (
        <ul className="problem-list warnings-list">
          {warnings.map((d, i) => (
            <li key={i}>
              {d.unit ? (
                <button type="button" className="link" onClick={() => store.reveal({ units: hasOwn(plant.units, d.unit!) ? [d.unit!] : [], streams: [] })}>
                  {d.unit}
                </button>
              ) : (
                d.path
              )}
              : {d.message}
            </li>
          ))}
        </ul>
      )}
      {open && n > 0 && (
        <ul className="problem-list" data-testid="problem-list">
          {solve.diagnostics.map((d, i) => (
            <li key={i}>
              <button
                type="button"
                className="link"
                onClick={() =>
                  store.reveal({
                    units: d.unit && hasOwn(plant.units, d.unit) ? [d.unit] : [],
                    streams: !d.unit && d.stream && hasOwn(plant.streams, d.stream) ? [d.stream] : [],
                  })
                }
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
    <Dialog title={err.title} onClose={() => store.dismissFileError()} testId="file-error" tone="error">
      <p>The current plant is unchanged.</p>
      <ul>
        {err.diagnostics.map((d, i) => (
          <li key={i}>
            <code>{d.path}</code>: {d.message}
          </li>
        ))}
      </ul>
      <button type="button" onClick={() => store.dismissFileError()}>
        Close
      </button>
    </Dialog>
  );
}
