/**
 * The results: recovery and grade, the stream table, a Sankey diagram of one element, two modes
 * compared, the economics of every mode, and pilot data reconciled against the plant. The last
 * three are loaded on first use.
 *
 * Tables are derived once per answer with every cell formatted (state/recovery.ts,
 * state/stream-table.ts), and each row is a memoised component keyed on its text: an answer that
 * changes a flow in a digit not shown re-renders nothing.
 */
import { lazy, Suspense, useEffect } from 'react';
import type { FlowsheetResults } from '../../core';
import type { ResultsTab } from '../state/store';
import { useEditor, useServices } from './context';
import { useResults, useShownStale } from './derived';
import { RecoveryTable } from './RecoveryTable';
import { SankeyView } from './Sankey';
import { StreamTable } from './StreamTable';

const EconomicsTab = lazy(() => import('./EconomicsTab'));
const PilotTab = lazy(() => import('./PilotTab'));
const CompareTab = lazy(() => import('./CompareTab'));

/** Records, after the browser has painted them, how long results took from the edit that caused them. */
function usePaintProbe(results: FlowsheetResults | undefined) {
  const { store, metrics } = useServices();
  useEffect(() => {
    const s = store.getState();
    const good = s.solve.lastGood;
    if (!results || !good || good.version !== s.version) return;
    const changedAt = s.changedAt;
    const id = requestAnimationFrame(() => {
      setTimeout(() => metrics.editToPaint.push(performance.now() - changedAt), 0);
    });
    return () => cancelAnimationFrame(id);
  }, [results, store, metrics]);
}

const TABS: readonly (readonly [ResultsTab, string])[] = [
  ['recovery', 'Recovery & grade'],
  ['streams', 'Streams'],
  ['sankey', 'Sankey'],
  ['compare', 'Compare modes'],
  ['economics', 'Economics'],
  ['pilot', 'Pilot data'],
];

/** A small mark on a tab: work under way, or problems to look at. */
function TabMark({ tab }: { tab: ResultsTab }) {
  const mark = useEditor((s) =>
    tab === 'pilot'
      ? s.pilot.status === 'running'
        ? 'busy'
        : (s.pilot.lastGood?.result.report.measurements.some((m) => m.status === 'gross error') ?? false)
          ? 'bad'
          : s.pilot.status === 'failed'
            ? 'bad'
            : s.pilot.data
              ? 'ok'
              : ''
      : tab === 'economics'
        ? s.economics.status === 'solving'
          ? 'busy'
          : ''
        : tab === 'compare'
          ? s.compare.status === 'solving'
            ? 'busy'
            : ''
          : '',
  );
  if (!mark) return null;
  return <span className={`tab-mark ${mark}`} aria-hidden="true" />;
}

/** Tabs whose panels solve on their own (in background workers): they are never greyed as stale. */
const OWN = new Set<ResultsTab>(['economics', 'pilot', 'compare']);

export function ResultsPanel() {
  const { store } = useServices();
  const results = useResults();
  const stale = useShownStale();
  const tab = useEditor((s) => s.resultsTab);
  usePaintProbe(results);
  const own = OWN.has(tab);
  return (
    <section className={`results${stale && !own ? ' stale' : ''}${own ? ' wide' : ''}`} aria-label="Results" data-stale={stale} data-tab={tab}>
      <div className="tabs" role="tablist">
        {TABS.map(([t, label]) => (
          <button key={t} type="button" role="tab" aria-selected={tab === t} className={tab === t ? 'active' : ''} onClick={() => store.setResultsTab(t)}>
            {label}
            <TabMark tab={t} />
          </button>
        ))}
        {stale && !own && (
          <span className="stale-badge" title="The plant changed and does not solve (or is being solved): these are the last good results">
            stale — last good results
          </span>
        )}
      </div>
      <div className="tab-body">
        {own ? (
          <Suspense fallback={<p className="muted">Loading…</p>}>{tab === 'economics' ? <EconomicsTab /> : tab === 'compare' ? <CompareTab /> : <PilotTab />}</Suspense>
        ) : !results ? (
          <p className="muted">No results yet: the plant has not solved.</p>
        ) : tab === 'streams' ? (
          <StreamTable results={results} />
        ) : tab === 'recovery' ? (
          <RecoveryTable results={results} />
        ) : (
          <SankeyView results={results} />
        )}
      </div>
    </section>
  );
}
