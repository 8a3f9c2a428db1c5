/**
 * Two modes side by side: what the second changes against the first (units only one has, units out
 * of service, parameters with both values, streams routed differently), and both plants solved:
 * product flows and recoveries, reagents, the element balance. Solved in a background worker while
 * this tab is open.
 */
import { useMemo } from 'react';
import type { FlowsheetResults } from '../../core';
import { formatNumber, formatPercent } from '../../core/format';
import { compareKey, modeDifferences, modeName, type SideOutcome } from '../state/compare';
import { summarize, unitLabel } from '../state/doc';
import { own } from '../state/own';
import { plantView } from '../state/plant';
import { elementBalance } from '../state/recovery';
import { useEditor, useServices } from './context';
import { useSpeciesInfo } from './derived';

const KIND: Record<string, string> = {
  'only-a': 'only in the first',
  'only-b': 'only in the second',
  'idle-a': 'out of service in the first',
  'idle-b': 'out of service in the second',
  changed: 'runs differently',
};

function Side({ outcome }: { outcome: SideOutcome | undefined }) {
  if (!outcome) return <span className="muted">solving…</span>;
  if (!outcome.ok) return <span className="field-error">{outcome.diagnostics[0]?.message ?? 'does not solve'}</span>;
  return null;
}

function productRows(r: FlowsheetResults | undefined) {
  return r ? Object.keys(r.grade) : [];
}

export default function CompareTab() {
  const { store } = useServices();
  const doc = useEditor((s) => s.doc);
  const compare = useEditor((s) => s.compare);
  const version = useEditor((s) => s.version);
  const key = useMemo(() => compareKey(store.getState()), [store, compare, version, doc]);
  const modes = Object.keys(doc.modes ?? {});
  const diff = useMemo(() => modeDifferences(doc, key.a, key.b), [doc, key.a, key.b]);
  const info = useSpeciesInfo();
  const answer = compare.answer && compare.answer.key.a === key.a && compare.answer.key.b === key.b ? compare.answer : undefined;
  const stale = !!answer && answer.key.version !== version;
  const ra = answer?.a.ok ? answer.a.results : undefined;
  const rb = answer?.b.ok ? answer.b.results : undefined;
  if (modes.length === 0) return <p className="muted">This plant has no modes to compare. Create one in “Modes…”.</p>;
  const pa = plantView(doc, key.a);
  const pb = plantView(doc, key.b);
  const label = (id: string) => {
    const u = own(pa.units, id) ?? own(pb.units, id) ?? own(doc.units, id);
    return u ? unitLabel(id, u) : id;
  };
  const products = [...new Set([...productRows(ra), ...productRows(rb)])];
  const elements = [...new Set([...Object.keys(ra?.elements ?? {}), ...Object.keys(rb?.elements ?? {})])];
  const balA = ra ? new Map(elementBalance(ra, info).map((b) => [b.element, b])) : undefined;
  const balB = rb ? new Map(elementBalance(rb, info).map((b) => [b.element, b])) : undefined;
  const reagentTotal = (r: FlowsheetResults | undefined) => (r ? Object.values(r.reagents).reduce((s, d) => s + Object.values(d).reduce((a, b) => a + b, 0), 0) : undefined);
  const pick = (which: 'a' | 'b', v: string) => {
    const m = v === '' ? undefined : v;
    store.setCompareModes(which === 'a' ? m : key.a, which === 'b' ? m : key.b);
  };
  return (
    <div className={`compare-tab${stale ? ' stale-body' : ''}`} data-testid="compare-tab" data-status={compare.status}>
      <div className="table-tools">
        <label>
          compare{' '}
          <select aria-label="first mode" value={key.a ?? ''} onChange={(e) => pick('a', e.target.value)}>
            <option value="">base</option>
            {modes.map((m) => (
              <option key={m}>{m}</option>
            ))}
          </select>
        </label>
        <label>
          with{' '}
          <select aria-label="second mode" value={key.b ?? ''} onChange={(e) => pick('b', e.target.value)}>
            <option value="">base</option>
            {modes.map((m) => (
              <option key={m}>{m}</option>
            ))}
          </select>
        </label>
        {compare.status === 'solving' && <span className="muted">solving both…</span>}
        {answer && <span className="muted">solved in {formatNumber(answer.ms, 3)} ms</span>}
      </div>
      <div className="compare-grid">
        <section>
          <h3 className="table-title">What differs</h3>
          {diff.units.length === 0 && diff.streams.length === 0 && <p className="muted">The two run the same plant.</p>}
          <table className="kv-table" data-testid="compare-differences">
            <tbody>
              {diff.units.map((u) => (
                <tr key={u.unit} data-difference={u.unit}>
                  <td>
                    <button type="button" className="link" onClick={() => store.reveal({ units: [u.unit], streams: [] })}>
                      {u.label}
                    </button>
                  </td>
                  <td>{KIND[u.kind]}</td>
                  <td>
                    {u.params.map((p) => (
                      <div key={p.name} className="param-diff">
                        <b>{p.name}</b>: {summarize(p.a, 40)} → {summarize(p.b, 40)}
                      </div>
                    ))}
                  </td>
                </tr>
              ))}
              {diff.streams.length > 0 && (
                <tr>
                  <td>streams</td>
                  <td colSpan={2}>
                    {diff.streams.length} routed differently:{' '}
                    {diff.streams
                      .slice(0, 12)
                      .map((s) => s.stream)
                      .join(', ')}
                    {diff.streams.length > 12 ? ', …' : ''}
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </section>
        <section>
          <h3 className="table-title">Products</h3>
          <table className="kv-table" data-testid="compare-products">
            <thead>
              <tr>
                <th>product</th>
                <th className="num">{modeName(key.a)} [kg/h]</th>
                <th className="num">{modeName(key.b)} [kg/h]</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <td />
                <td>
                  <Side outcome={answer?.a} />
                </td>
                <td>
                  <Side outcome={answer?.b} />
                </td>
              </tr>
              {products.map((p) => (
                <tr key={p}>
                  <td>{label(p)}</td>
                  <td className="num">{ra?.grade[p] ? formatNumber(ra.grade[p].massFlow) : '—'}</td>
                  <td className="num">{rb?.grade[p] ? formatNumber(rb.grade[p].massFlow) : '—'}</td>
                </tr>
              ))}
              <tr className="total">
                <td>reagents dosed</td>
                <td className="num">{reagentTotal(ra) !== undefined ? formatNumber(reagentTotal(ra)!) : ''}</td>
                <td className="num">{reagentTotal(rb) !== undefined ? formatNumber(reagentTotal(rb)!) : ''}</td>
              </tr>
            </tbody>
          </table>
          <h3 className="table-title">Elements</h3>
          <table className="kv-table" data-testid="compare-elements">
            <thead>
              <tr>
                <th>element</th>
                <th className="num">{modeName(key.a)}: in [kg/h]</th>
                <th className="num">of it from reagents</th>
                <th className="num">{modeName(key.b)}: in [kg/h]</th>
                <th className="num">of it from reagents</th>
              </tr>
            </thead>
            <tbody>
              {elements.map((el) => {
                const a = balA?.get(el);
                const b = balB?.get(el);
                const share = (x: typeof a) => (x && x.feeds + x.reagents > 0 && x.reagents > 0 ? formatPercent(x.reagents / (x.feeds + x.reagents)) : '');
                return (
                  <tr key={el}>
                    <td>{el}</td>
                    <td className="num">{a ? formatNumber(a.feeds + a.reagents) : '—'}</td>
                    <td className="num">{share(a)}</td>
                    <td className="num">{b ? formatNumber(b.feeds + b.reagents) : '—'}</td>
                    <td className="num">{share(b)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      </div>
    </div>
  );
}
