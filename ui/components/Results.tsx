/** The results: stream table, recovery and grade, and a Sankey diagram of one element. */
import { useEffect, useMemo, useState } from 'react';
import type { FlowsheetResults } from '../../core';
import { FLOW_UNITS, flowingSpecies, formatFlow, formatPercent, recoveryRows, sortRows, streamRows, streamTableCsv, type FlowUnit, type SortKey } from '../state/results-view';
import { useEditor, useServices } from './context';
import { useResults, useStale } from './derived';
import { download } from './download';
import { SankeyView } from './Sankey';

function StreamTable({ results, unit, setUnit }: { results: FlowsheetResults; unit: FlowUnit; setUnit(u: FlowUnit): void }) {
  const { store } = useServices();
  const declared = useEditor((s) => s.doc.species);
  const selected = useEditor((s) => s.selection.streams);
  const name = useEditor((s) => s.doc.name);
  const [sort, setSort] = useState<SortKey>({ column: 'id', descending: false });
  const species = useMemo(() => flowingSpecies(results, Object.keys(declared)), [results, declared]);
  const rows = useMemo(() => sortRows(streamRows(results, unit), sort), [results, unit, sort]);
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
            {rows.map((r) => (
              <tr key={r.id} className={selected.includes(r.id) ? 'selected' : ''} onClick={() => store.select({ units: [], streams: [r.id] })} data-stream-row={r.id}>
                <td>{r.id}</td>
                <td>{r.from}</td>
                <td>{r.to}</td>
                <td className="num">{formatFlow(r.total)}</td>
                {species.map((s) => (
                  <td key={s} className="num">
                    {r.flows[s] ? formatFlow(r.flows[s]) : ''}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function RecoveryTable({ results }: { results: FlowsheetResults }) {
  const { elements, rows } = useMemo(() => recoveryRows(results), [results]);
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
          {rows.map((r) => (
            <tr key={r.product} data-product={r.product}>
              <td>{r.product}</td>
              <td className="num">{formatFlow(r.massFlow)}</td>
              {elements.map((el) => [
                <td key={`${el}r`} className="num" data-recovery={`${r.product}:${el}`}>
                  {r.recovery[el] !== undefined ? formatPercent(r.recovery[el]) : ''}
                </td>,
                <td key={`${el}g`} className="num" data-grade={`${r.product}:${el}`}>
                  {r.grade[el] !== undefined ? formatPercent(r.grade[el]) : ''}
                </td>,
              ])}
            </tr>
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
          {Object.entries(results.elements).map(([el, b]) => (
            <tr key={el}>
              <td>{el}</td>
              <td className="num">{formatFlow(b.in)}</td>
              <td className="num">{formatFlow(b.out)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

type Tab = 'streams' | 'recovery' | 'sankey';

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

export function ResultsPanel() {
  const results = useResults();
  const stale = useStale();
  const [tab, setTab] = useState<Tab>('recovery');
  const [unit, setUnit] = useState<FlowUnit>('kg/h');
  usePaintProbe(results);
  return (
    <section className={`results${stale ? ' stale' : ''}`} aria-label="Results" data-stale={stale}>
      <div className="tabs" role="tablist">
        {(
          [
            ['recovery', 'Recovery & grade'],
            ['streams', 'Streams'],
            ['sankey', 'Sankey'],
          ] as const
        ).map(([t, label]) => (
          <button key={t} type="button" role="tab" aria-selected={tab === t} className={tab === t ? 'active' : ''} onClick={() => setTab(t)}>
            {label}
          </button>
        ))}
        {stale && (
          <span className="stale-badge" title="The plant changed and does not solve (or is being solved): these are the last good results">
            stale — last good results
          </span>
        )}
      </div>
      <div className="tab-body">
        {!results ? (
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
