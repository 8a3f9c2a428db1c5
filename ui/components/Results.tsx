/**
 * The results: stream table, recovery and grade, a Sankey diagram of one element, the economics of
 * every mode, and pilot data reconciled against the plant. The last two are loaded on first use.
 *
 * Tables are derived once per answer with every cell formatted (results-view.ts), and each row is
 * a memoised component keyed on its text: an answer that changes a flow in a digit not shown
 * re-renders nothing.
 */
import { lazy, memo, Suspense, useEffect, useMemo, useState } from 'react';
import type { FlowsheetResults } from '../../core';
import type { EditorStore, ResultsTab } from '../state/store';
import { FLOW_UNITS, flowingSpecies, recoveryTable, sortRows, streamRows, streamTable, streamTableCsv, type FlowUnit, type RecoveryTableRow, type SortKey, type StreamTableRow } from '../state/results-view';
import { useEditor, useServices } from './context';
import { useResults, useShownStale } from './derived';
import { download } from './download';
import { SankeyView } from './Sankey';

const EconomicsTab = lazy(() => import('./EconomicsTab'));
const PilotTab = lazy(() => import('./PilotTab'));

const StreamRowView = memo(
  function StreamRowView({ row, selected, store }: { row: StreamTableRow; selected: boolean; store: EditorStore }) {
    return (
      <tr className={selected ? 'selected' : ''} onClick={() => store.select({ units: [], streams: [row.id] })} data-stream-row={row.id}>
        <td>{row.id}</td>
        <td>{row.from}</td>
        <td>{row.to}</td>
        {row.cells.map((c, i) => (
          <td key={i} className="num">
            {c}
          </td>
        ))}
      </tr>
    );
  },
  (a, b) => a.row.key === b.row.key && a.selected === b.selected && a.store === b.store,
);

function StreamTable({ results, unit, setUnit }: { results: FlowsheetResults; unit: FlowUnit; setUnit(u: FlowUnit): void }) {
  const { store } = useServices();
  const declared = useEditor((s) => s.doc.species);
  const selected = useEditor((s) => s.selection.streams);
  const name = useEditor((s) => s.doc.name);
  const [sort, setSort] = useState<SortKey>({ column: 'id', descending: false });
  const species = useMemo(() => flowingSpecies(results, Object.keys(declared)), [results, declared]);
  const rows = useMemo(() => sortRows(streamRows(results, unit), sort), [results, unit, sort]);
  const shown = useMemo(() => streamTable(rows, species), [rows, species]);
  const header = (column: string, label: string, num = false) => (
    <th
      key={column}
      className={`${num ? 'num ' : ''}sortable${sort.column === column ? ' sorted' : ''}`}
      onClick={() => setSort((s) => ({ column, descending: s.column === column ? !s.descending : num }))}
      aria-sort={sort.column === column ? (sort.descending ? 'descending' : 'ascending') : 'none'}
      title="Sort"
    >
      {label}
      {sort.column === column ? (sort.descending ? ' ▾' : ' ▴') : ''}
    </th>
  );
  return (
    <div className="stream-table-wrap">
      <div className="table-tools">
        <label>
          flows in{' '}
          <select aria-label="flow unit" value={unit} onChange={(e) => setUnit(e.target.value as FlowUnit)}>
            {FLOW_UNITS.map((u) => (
              <option key={u}>{u}</option>
            ))}
          </select>
        </label>
        <button type="button" className="small" onClick={() => download(`${name || 'streams'}-streams.csv`, streamTableCsv(rows, species, unit), 'text/csv')}>
          Export CSV
        </button>
      </div>
      <div className="scroll">
        <table className="stream-table" data-testid="stream-table">
          <thead>
            <tr>
              {header('id', 'stream')}
              {header('from', 'from')}
              {header('to', 'to')}
              {header('total', `total [${unit}]`, true)}
              {species.map((s) => header(s, s, true))}
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <StreamRowView key={r.id} row={r} selected={selected.includes(r.id)} store={store} />
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

const RecoveryRowView = memo(
  function RecoveryRowView({ row, elements }: { row: RecoveryTableRow; elements: readonly string[] }) {
    return (
      <tr data-product={row.product}>
        <td>{row.product}</td>
        <td className="num">{row.cells[0]}</td>
        {elements.map((el, i) => [
          <td key={`${el}r`} className="num" data-recovery={`${row.product}:${el}`}>
            {row.cells[1 + 2 * i]}
          </td>,
          <td key={`${el}g`} className="num" data-grade={`${row.product}:${el}`}>
            {row.cells[2 + 2 * i]}
          </td>,
        ])}
      </tr>
    );
  },
  // The key holds the elements and every cell's text.
  (a, b) => a.row.key === b.row.key,
);

function RecoveryTable({ results }: { results: FlowsheetResults }) {
  const view = useMemo(() => recoveryTable(results), [results]);
  const { elements } = view;
  return (
    <div className="scroll">
      <table className="recovery-table" data-testid="recovery-table">
        <thead>
          <tr>
            <th rowSpan={2}>product</th>
            <th rowSpan={2} className="num">
              kg/h
            </th>
            {elements.map((el) => (
              <th key={el} colSpan={2} className="center">
                {el}
              </th>
            ))}
          </tr>
          <tr>
            {elements.map((el) => [
              <th key={`${el}r`} className="num">
                recovery
              </th>,
              <th key={`${el}g`} className="num">
                grade
              </th>,
            ])}
          </tr>
        </thead>
        <tbody>
          {view.rows.map((r) => (
            <RecoveryRowView key={r.product} row={r} elements={elements} />
          ))}
        </tbody>
      </table>
      <table className="balance-table">
        <thead>
          <tr>
            <th>element</th>
            <th className="num">in [kg/h]</th>
            <th className="num">out [kg/h]</th>
          </tr>
        </thead>
        <tbody>
          {view.balance.map((b) => (
            <tr key={b.element}>
              <td>{b.element}</td>
              <td className="num">{b.in}</td>
              <td className="num">{b.out}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

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
        : '',
  );
  if (!mark) return null;
  return <span className={`tab-mark ${mark}`} aria-hidden="true" />;
}

export function ResultsPanel() {
  const { store } = useServices();
  const results = useResults();
  const stale = useShownStale();
  const tab = useEditor((s) => s.resultsTab);
  const [unit, setUnit] = useState<FlowUnit>('kg/h');
  usePaintProbe(results);
  const own = tab === 'economics' || tab === 'pilot';
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
          <Suspense fallback={<p className="muted">Loading…</p>}>{tab === 'economics' ? <EconomicsTab /> : <PilotTab />}</Suspense>
        ) : !results ? (
          <p className="muted">No results yet: the plant has not solved.</p>
        ) : tab === 'streams' ? (
          <StreamTable results={results} unit={unit} setUnit={setUnit} />
        ) : tab === 'recovery' ? (
          <RecoveryTable results={results} />
        ) : (
          <SankeyView results={results} />
        )}
      </div>
    </section>
  );
}
