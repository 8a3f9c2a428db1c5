/**
 * The "Economics" tab: the economics panel (ui/economics) over every mode of the plant, solved and
 * analysed in a background worker while this tab is open (state/economics.ts), and the study panel
 * (its own Web Workers, ui/economics/study-pool.ts). Loaded on first use.
 */
import { useMemo } from 'react';
import { modeNames } from '../../core/economics';
import { EconomicsPanel, StudyPanel } from '../economics';
import { economicsStale } from '../state/economics';
import { useEditor } from './context';

const ms = (x: number) => (x >= 1000 ? `${(x / 1000).toFixed(1)} s` : `${x.toFixed(0)} ms`);

export default function EconomicsTab() {
  const doc = useEditor((s) => s.doc);
  const economics = useEditor((s) => s.economics);
  const stale = useEditor(economicsStale);
  const modes = useMemo(() => modeNames(doc), [doc]);
  const a = economics.answer;
  const solving = economics.status === 'solving';
  const n = modes.length;
  const status = solving
    ? `solving ${n === 1 ? 'the plant' : `all ${n} modes`} (${modes.join(', ')})…`
    : a
      ? a.outcome.ok
        ? `${Object.keys(a.outcome.results).length} mode${Object.keys(a.outcome.results).length === 1 ? '' : 's'} solved and analysed in ${ms(a.solveMs)}${a.roundTripMs === 0 ? ' (layout change, not re-solved)' : ''}`
        : 'the modes do not all solve'
      : '';
  return (
    <div className="economics-tab" data-testid="economics-tab" data-status={economics.status} data-stale={stale}>
      <div className="tab-status muted" data-testid="economics-status">
        {status}
        {stale && <span className="stale-badge">stale — last analysis</span>}
      </div>
      {!a ? (
        <p className="muted">{solving ? 'Solving every mode of the plant…' : 'Waiting for the plant to solve…'}</p>
      ) : !a.outcome.ok ? (
        <ul className="problems" role="alert" data-testid="economics-problems">
          {a.outcome.diagnostics.map((d, i) => (
            <li key={i}>
              <code>{d.path}</code>: {d.message}
            </li>
          ))}
        </ul>
      ) : a.outcome.analysis ? (
        <div className={stale ? 'stale-body' : undefined}>
          <EconomicsPanel doc={doc} analysis={a.outcome.analysis} results={a.outcome.results} />
          <StudyPanel doc={doc} />
        </div>
      ) : (
        <ul className="problems" role="alert" data-testid="economics-problems">
          {a.outcome.problems.map((d, i) => (
            <li key={i}>
              <code>{d.path}</code>: {d.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
