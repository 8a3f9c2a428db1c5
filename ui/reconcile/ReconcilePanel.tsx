/**
 * Editor panel: load pilot data (CSV), reconcile it against the flowsheet being edited, and see
 * measured against reconciled values, gross errors, unobservable flows and fitted parameters.
 * Self-contained: it needs the document and a callback, and nothing of the editor shell.
 *
 *   <ReconcilePanel doc={doc} onApplyParameters={(next) => dispatch(replaceDocument(next))} />
 */
import { useMemo, useState, type ChangeEvent, type CSSProperties } from 'react';
import type { FlowsheetDoc, UnitRegistry } from '../../core';
import type { ReconciledRun } from '../../core/reconcile';
import { registry as shippedRegistry } from '../../unit-ops';
import { DEFAULT_OPTIONS, exportCsv, fittedDocument, measurementRows, parameterRows, runReconciliation, summary, unobservableLines, type PanelOptions, type Tone } from './model';

export interface ReconcilePanelProps {
  /** The flowsheet document (FORMAT.md) being edited. */
  doc: FlowsheetDoc;
  /** Called with a copy of the document carrying the fitted unit parameters, when the user applies them. */
  onApplyParameters: (doc: FlowsheetDoc) => void;
  /** Reconcile against this mode of the document. */
  mode?: string;
  /** Unit types; the shipped registry by default. */
  registry?: UnitRegistry;
  /** Data to start with, e.g. kept by the editor from an earlier session. */
  initialData?: { text: string; fileName?: string };
}

const COLORS: Record<Tone, string> = { ok: '#1f7a3a', warn: '#9a6700', bad: '#b42318', muted: '#6b7280' };

const styles: Record<string, CSSProperties> = {
  panel: { fontFamily: 'system-ui, sans-serif', fontSize: 13, padding: 12, display: 'flex', flexDirection: 'column', gap: 10, color: '#111827' },
  row: { display: 'flex', gap: 10, alignItems: 'center', flexWrap: 'wrap' },
  table: { borderCollapse: 'collapse', width: '100%' },
  th: { textAlign: 'left', borderBottom: '1px solid #d1d5db', padding: '3px 6px', fontWeight: 600, whiteSpace: 'nowrap' },
  td: { borderBottom: '1px solid #f3f4f6', padding: '3px 6px', whiteSpace: 'nowrap' },
  num: { textAlign: 'right', fontVariantNumeric: 'tabular-nums' },
  textarea: { width: '100%', minHeight: 90, fontFamily: 'ui-monospace, monospace', fontSize: 12 },
  problems: { color: COLORS.bad, margin: 0, paddingLeft: 18 },
  h: { fontSize: 13, fontWeight: 600, margin: '6px 0 2px' },
};

/** Reconciled − measured, in standard deviations, as a bar centred on zero (±4 sd full scale). */
function ShiftBar({ shift }: { shift: number | null }) {
  if (shift === null) return null;
  const w = Math.min(Math.abs(shift), 4) * 10;
  const bar: CSSProperties = { position: 'absolute', top: 3, height: 8, width: w, background: Math.abs(shift) > 2 ? COLORS.warn : '#60a5fa', left: shift < 0 ? 40 - w : 40 };
  return (
    <span title={`${shift.toFixed(2)} sd`} style={{ position: 'relative', display: 'inline-block', width: 80, height: 14 }}>
      <span style={{ position: 'absolute', left: 40, top: 0, bottom: 0, width: 1, background: '#9ca3af' }} />
      <span style={bar} />
    </span>
  );
}

export function ReconcilePanel({ doc, onApplyParameters, mode, registry = shippedRegistry, initialData }: ReconcilePanelProps) {
  const [data, setData] = useState<{ text: string; fileName: string } | undefined>(initialData && { text: initialData.text, fileName: initialData.fileName ?? 'data.csv' });
  const [pasting, setPasting] = useState(false);
  const [draft, setDraft] = useState('');
  const [options, setOptions] = useState<PanelOptions>(DEFAULT_OPTIONS);
  const [runIndex, setRunIndex] = useState(0);

  const outcome = useMemo(() => (data ? runReconciliation(doc, data.text, data.fileName, options, registry, mode) : undefined), [doc, data, options, registry, mode]);
  const runs = outcome?.ok ? outcome.runs : [];
  const run = runs[Math.min(runIndex, runs.length - 1)];

  const load = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (!file) return;
    setData({ text: await file.text(), fileName: file.name });
    setRunIndex(0);
  };
  const download = () => {
    const blob = new Blob([exportCsv(runs)], { type: 'text/csv' });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = `${(data?.fileName ?? 'data').replace(/\.csv$/i, '')}-reconciled.csv`;
    a.click();
    URL.revokeObjectURL(url);
  };
  const set = <K extends keyof PanelOptions>(key: K, value: PanelOptions[K]) => setOptions((o) => ({ ...o, [key]: value }));

  return (
    <section style={styles.panel} aria-label="Pilot data reconciliation">
      <div style={styles.row}>
        <strong>Pilot data</strong>
        <label>
          Load CSV <input type="file" accept=".csv,text/csv" onChange={load} />
        </label>
        <button type="button" onClick={() => setPasting((p) => !p)}>
          {pasting ? 'Close' : 'Paste CSV'}
        </button>
        {data && <span style={{ color: COLORS.muted }}>{data.fileName}</span>}
      </div>
      {pasting && (
        <div>
          <textarea
            style={styles.textarea}
            value={draft}
            placeholder={'run,stream,component,value,unit,sd,rel\nA,pls,Co,32.5,g/kg(aq),,2%'}
            onChange={(e) => setDraft(e.target.value)}
          />
          <button
            type="button"
            disabled={!draft.trim()}
            onClick={() => {
              setData({ text: draft, fileName: 'pasted data' });
              setRunIndex(0);
              setPasting(false);
            }}
          >
            Reconcile pasted data
          </button>
        </div>
      )}
      <div style={styles.row}>
        <label>
          Balances{' '}
          <select value={options.balances} onChange={(e) => set('balances', e.target.value as PanelOptions['balances'])}>
            <option value="element">elements over reacting units</option>
            <option value="species">declared stoichiometry</option>
          </select>
        </label>
        <label>
          α{' '}
          <select value={String(options.alpha)} onChange={(e) => set('alpha', Number(e.target.value))}>
            {[0.01, 0.05, 0.1].map((a) => (
              <option key={a} value={String(a)}>
                {a}
              </option>
            ))}
          </select>
        </label>
        <label>
          <input type="checkbox" checked={options.eliminate} onChange={(e) => set('eliminate', e.target.checked)} /> take gross errors out
        </label>
        <label>
          <input type="checkbox" checked={options.fit} onChange={(e) => set('fit', e.target.checked)} /> fit unit parameters
        </label>
        {runs.length > 1 && (
          <label>
            Run{' '}
            <select value={String(runIndex)} onChange={(e) => setRunIndex(Number(e.target.value))}>
              {runs.map((r, i) => (
                <option key={r.run} value={String(i)}>
                  {r.run}
                </option>
              ))}
            </select>
          </label>
        )}
        {runs.length > 0 && (
          <button type="button" onClick={download}>
            Export CSV
          </button>
        )}
      </div>

      {!data && <p style={{ color: COLORS.muted, margin: 0 }}>Load a CSV of measurements (stream, component, value, unit, sd or rel) to compare them with the flowsheet's balances.</p>}
      {outcome && !outcome.ok && (
        <ul style={styles.problems} role="alert">
          {outcome.problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      {run && <RunView run={run} doc={doc} mode={mode} onApplyParameters={onApplyParameters} />}
    </section>
  );
}

function RunView({ run: r, doc, mode, onApplyParameters }: { run: ReconciledRun; doc: FlowsheetDoc; mode?: string; onApplyParameters: (doc: FlowsheetDoc) => void }) {
  const s = summary(r.report);
  const rows = measurementRows(r.report);
  const params = parameterRows(r);
  const fitted = fittedDocument(doc, r, mode);
  const gross = r.report.measurements.filter((m) => m.grossError);
  const hidden = unobservableLines(r.report);
  return (
    <>
      <div style={{ color: COLORS[s.tone] }} role="status">
        {r.run && <strong>Run {r.run}: </strong>}
        {s.text}
      </div>
      <table style={styles.table}>
        <thead>
          <tr>
            {['stream', 'component', 'unit'].map((h) => (
              <th key={h} style={styles.th}>
                {h}
              </th>
            ))}
            <th style={{ ...styles.th, ...styles.num }}>measured</th>
            <th style={{ ...styles.th, ...styles.num }}>reconciled</th>
            <th style={styles.th}>adjustment</th>
            <th style={{ ...styles.th, ...styles.num }}>test</th>
            <th style={styles.th}>status</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((m) => (
            <tr key={m.key} title={m.source}>
              <td style={styles.td}>{m.stream}</td>
              <td style={styles.td}>{m.component}</td>
              <td style={styles.td}>{m.unit}</td>
              <td style={{ ...styles.td, ...styles.num }}>{m.measured}</td>
              <td style={{ ...styles.td, ...styles.num }}>{m.reconciled}</td>
              <td style={styles.td}>
                <ShiftBar shift={m.shift} />
              </td>
              <td style={{ ...styles.td, ...styles.num }}>{m.test}</td>
              <td style={{ ...styles.td, color: COLORS[m.tone], fontWeight: m.tone === 'bad' ? 600 : 400 }}>{m.status}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {gross.length > 0 && (
        <>
          <div style={styles.h}>Gross errors</div>
          <ul style={{ margin: 0, paddingLeft: 18 }}>
            {gross.map((m) => (
              <li key={`${m.stream}|${m.component}|${m.unit}`}>
                {m.component} {m.unit} in {m.stream}: measured {m.measured.toPrecision(4)}
                {m.reconciled !== null ? `, the other data give ${m.reconciled.toPrecision(4)}` : ', the other data do not determine it'} (test {m.grossError!.test.toFixed(2)} &gt;{' '}
                {m.grossError!.critical.toFixed(2)})
              </li>
            ))}
          </ul>
        </>
      )}
      {hidden.length > 0 && (
        <>
          <div style={styles.h}>Not determined by the data</div>
          <ul style={{ margin: 0, paddingLeft: 18, color: COLORS.muted }}>
            {hidden.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </>
      )}
      {params.length > 0 && (
        <>
          <div style={styles.h}>Unit parameters from the reconciled flows</div>
          <table style={styles.table}>
            <thead>
              <tr>
                <th style={styles.th}>unit</th>
                <th style={styles.th}>parameter</th>
                <th style={{ ...styles.th, ...styles.num }}>file</th>
                <th style={{ ...styles.th, ...styles.num }}>fitted</th>
                <th style={styles.th}>status</th>
              </tr>
            </thead>
            <tbody>
              {params.map((p) => (
                <tr key={p.key}>
                  <td style={styles.td}>{p.unit}</td>
                  <td style={styles.td}>{p.parameter}</td>
                  <td style={{ ...styles.td, ...styles.num }}>{p.file}</td>
                  <td style={{ ...styles.td, ...styles.num }}>{p.fitted}</td>
                  <td style={{ ...styles.td, color: COLORS[p.tone] }}>{p.status}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div>
            <button type="button" disabled={!fitted} onClick={() => fitted && onApplyParameters(fitted)}>
              Apply fitted parameters to the flowsheet
            </button>
          </div>
        </>
      )}
      {r.report.warnings.length > 0 && (
        <ul style={{ margin: 0, paddingLeft: 18, color: COLORS.muted }}>
          {r.report.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
    </>
  );
}

export default ReconcilePanel;
