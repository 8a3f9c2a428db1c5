/**
 * Editor panel: load pilot data (CSV), see measured against reconciled values, gross errors,
 * unobservable flows and fitted parameters. Controlled: the editor keeps the data and reconciles
 * in a worker (state/pilot.ts, one run at a time) and passes in what to show. Takes a file from its
 * picker, pasted text, or a file dropped onto it.
 */
import { formatNumber } from '../../core/format';
import { useState, type ChangeEvent, type CSSProperties, type DragEvent } from 'react';
import type { FlowsheetDoc } from '../../core';
import { accountingCsv, accountingView, exportCsv, fittedDocument, measurementRows, parameterRows, unobservableLines, verdictView, type PanelOptions, type RunResult } from './model';

/** Reconciled − measured, in standard deviations, as a bar centred on zero (±4 sd full scale). */
function ShiftBar({ shift }: { shift: number | null }) {
  if (shift === null) return null;
  const w = Math.min(Math.abs(shift), 4) * 10;
  // Only the bar's length and side are computed; the rest is ui/styles.css (.shift-bar).
  const bar: CSSProperties = { width: w, left: shift < 0 ? 40 - w : 40 };
  return (
    <span className="shift-bar" title={`${formatNumber(shift, 3)} sd`}>
      <span className="shift-zero" />
      <span className={`shift-value${Math.abs(shift) > 2 ? ' far' : ''}`} style={bar} />
    </span>
  );
}

export interface ReconcileViewProps {
  doc: FlowsheetDoc;
  mode?: string;
  /** The name of the data loaded; undefined before any. */
  fileName?: string;
  options: PanelOptions;
  onOptions(options: PanelOptions): void;
  /** The runs in the data, and the one shown. */
  runs: readonly string[];
  run?: string;
  onRun(run: string): void;
  /** The reconciliation of the run shown. */
  result?: RunResult;
  /** Runs for "Export CSV"; the run shown by default. */
  exportRuns?: readonly RunResult[];
  /** Problems with the data or the plant, one a line (with the line and column of the file). */
  problems?: readonly string[];
  /** A reconciliation is under way. */
  busy?: boolean;
  /** The result shown is of an earlier state of the plant, options or run. */
  stale?: boolean;
  /** A short note on the last reconciliation (time taken). */
  note?: string;
  onLoad(text: string, fileName: string): void;
  onClear?(): void;
  onApplyParameters(doc: FlowsheetDoc): void;
}

const runName = (r: string) => r || '(no run name)';

export function ReconcileView(props: ReconcileViewProps) {
  const { doc, mode, fileName, options, onOptions, runs, run, onRun, result, problems, busy, stale, note, onLoad, onClear, onApplyParameters } = props;
  const [pasting, setPasting] = useState(false);
  const [draft, setDraft] = useState('');
  const [over, setOver] = useState(false);
  const exportRuns = props.exportRuns ?? (result ? [result] : []);

  const load = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (file) onLoad(await file.text(), file.name);
  };
  const hasFiles = (e: DragEvent) => e.dataTransfer.types.includes('Files');
  const onDragOver = (e: DragEvent) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    e.stopPropagation();
    e.dataTransfer.dropEffect = 'copy';
    setOver(true);
  };
  const onDrop = async (e: DragEvent) => {
    if (!hasFiles(e)) return;
    // The data never reach the editor's own drop handler, which opens flowsheet files.
    e.preventDefault();
    e.stopPropagation();
    setOver(false);
    const file = e.dataTransfer.files[0];
    if (file) onLoad(await file.text(), file.name);
  };
  const save = (text: string, suffix: string) => {
    const blob = new Blob([text], { type: 'text/csv' });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = `${(fileName ?? 'data').replace(/\.csv$/i, '')}-${suffix}.csv`;
    a.click();
    URL.revokeObjectURL(url);
  };
  const download = () => save(exportCsv(exportRuns), 'reconciled');
  const downloadAccounting = () => save(accountingCsv(exportRuns), 'accounting');
  const set = <K extends keyof PanelOptions>(key: K, value: PanelOptions[K]) => onOptions({ ...options, [key]: value });
  const runIndex = run === undefined ? 0 : Math.max(0, runs.indexOf(run));

  return (
    <section
      className={`pilot-panel${over ? " dropping" : ""}`}
      aria-label="Pilot data reconciliation"
      data-testid="pilot-panel"
      data-busy={busy ? 'true' : 'false'}
      onDragOver={onDragOver}
      onDragEnter={onDragOver}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <div className="pilot-row">
        <strong>Pilot data</strong>
        <label>
          Load CSV <input type="file" accept=".csv,text/csv,text/plain" onChange={load} data-testid="pilot-file" />
        </label>
        <button type="button" onClick={() => setPasting((p) => !p)}>
          {pasting ? 'Close' : 'Paste CSV'}
        </button>
        {fileName && <span className="tone-muted">{fileName}</span>}
        {fileName && onClear && (
          <button type="button" onClick={onClear} title="Forget the data (the flowsheet is not touched)">
            Clear
          </button>
        )}
        {busy && (
          <span className="tone-muted" data-testid="pilot-busy">
            reconciling{run !== undefined ? ` run ${runName(run)}` : ''}…
          </span>
        )}
        {!busy && note && <span className="tone-muted">{note}</span>}
      </div>
      {pasting && (
        <div>
          <textarea
            className="pilot-textarea"
            value={draft}
            aria-label="pilot data CSV"
            placeholder={'run,stream,component,value,unit,sd,rel\nA,pls,Co,32.5,g/kg(aq),,2%'}
            onChange={(e) => setDraft(e.target.value)}
          />
          <button
            type="button"
            disabled={!draft.trim()}
            onClick={() => {
              onLoad(draft, 'pasted data');
              setPasting(false);
            }}
          >
            Reconcile pasted data
          </button>
        </div>
      )}
      <div className="pilot-row">
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
            <select aria-label="run" value={String(runIndex)} onChange={(e) => onRun(runs[Number(e.target.value)])}>
              {runs.map((r, i) => (
                <option key={r} value={String(i)}>
                  {runName(r)}
                </option>
              ))}
            </select>
          </label>
        )}
        {exportRuns.length > 0 && (
          <>
            <button type="button" onClick={download}>
              Export CSV
            </button>
            <button type="button" onClick={downloadAccounting} title="The verdict and the metal-accounting statement of each run">
              Export accounting CSV
            </button>
          </>
        )}
      </div>

      {!fileName && (
        <p className="tone-muted pilot-hint">
          Load a CSV of measurements (stream, component, value, unit, sd or rel) to compare them with the flowsheet's balances; or drop the file here.
        </p>
      )}
      {problems && problems.length > 0 && (
        <ul className="pilot-list tone-bad" role="alert" data-testid="pilot-problems">
          {problems.map((p, i) => (
            <li key={i}>{p}</li>
          ))}
        </ul>
      )}
      {result && (
        <div className={stale ? "pilot-stale" : undefined} data-stale={stale ? 'true' : 'false'} data-testid="pilot-result">
          <RunView run={result} doc={doc} mode={mode} onApplyParameters={onApplyParameters} />
        </div>
      )}
    </section>
  );
}

function RunView({ run: r, doc, mode, onApplyParameters }: { run: RunResult; doc: FlowsheetDoc; mode?: string; onApplyParameters: (doc: FlowsheetDoc) => void }) {
  const verdict = verdictView(r.report);
  const accounting = accountingView(r.report);
  const rows = measurementRows(r.report);
  const params = parameterRows(r);
  const fitted = fittedDocument(doc, r, mode);
  const gross = r.report.measurements.filter((m) => m.grossError);
  const hidden = unobservableLines(r.report);
  return (
    <>
      <div className={`pilot-verdict tone-${verdict.tone}`} role="status" data-verdict={verdict.status}>
        {r.run && <strong>Run {r.run}: </strong>}
        {verdict.headline}
      </div>
      {verdict.details.length > 0 && (
        <ul className="pilot-list" data-testid="pilot-verdict-details">
          {verdict.details.map((d) => (
            <li key={d}>{d}</li>
          ))}
        </ul>
      )}
      <table className="pilot-table">
        <thead>
          <tr>
            {['stream', 'component', 'unit'].map((h) => (
              <th key={h}>
                {h}
              </th>
            ))}
            <th className="num">measured</th>
            <th className="num">reconciled</th>
            <th>adjustment</th>
            <th className="num">test</th>
            <th>status</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((m) => (
            <tr key={m.key} title={m.source} data-measurement={`${m.stream}|${m.component}|${m.unit}`} data-status={m.status}>
              <td>{m.stream}</td>
              <td>{m.component}</td>
              <td>{m.unit}</td>
              <td className="num">{m.measured}</td>
              <td className="num">{m.reconciled}</td>
              <td>
                <ShiftBar shift={m.shift} />
              </td>
              <td className="num">{m.test}</td>
              <td className={`tone-${m.tone}`}>{m.status}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {gross.length > 0 && (
        <>
          <div className="pilot-h">Gross errors</div>
          <ul className="pilot-list">
            {gross.map((m) => (
              <li key={`${m.stream}|${m.component}|${m.unit}`}>
                {m.component} {m.unit} in {m.stream}: measured {formatNumber(m.measured)}
                {m.reconciled !== null ? `, the other data give ${m.reconciled.toPrecision(4)}` : ', the other data do not determine it'} (test {m.grossError!.test.toFixed(2)} &gt;{' '}
                {formatNumber(m.grossError!.critical, 3)})
              </li>
            ))}
          </ul>
        </>
      )}
      {hidden.length > 0 && (
        <>
          <div className="pilot-h">Not determined by the data</div>
          <ul className="pilot-list tone-muted">
            {hidden.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </>
      )}
      {accounting.rows.length > 0 && (
        <>
          <div className="pilot-h">Metal accounting ({accounting.per}; reconciled ± sd)</div>
          <table className="pilot-table" data-testid="pilot-accounting">
            <thead>
              <tr>
                <th>element</th>
                {['in', 'out', 'stock change', 'unaccounted', 'unaccounted as measured'].map((h) => (
                  <th key={h} className="num">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {accounting.rows.map((a) => (
                <tr key={a.element} data-element={a.element}>
                  <td>{a.element}</td>
                  <td className="num">{a.in}</td>
                  <td className="num">{a.out}</td>
                  <td className="num">{a.stock}</td>
                  <td className="num">{a.unaccounted}</td>
                  <td className="num">{a.measuredUnaccounted}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {params.length > 0 && (
        <>
          <div className="pilot-h">Unit parameters from the reconciled flows</div>
          <table className="pilot-table">
            <thead>
              <tr>
                <th>unit</th>
                <th>parameter</th>
                <th className="num">file</th>
                <th className="num">fitted</th>
                <th>status</th>
              </tr>
            </thead>
            <tbody>
              {params.map((p) => (
                <tr key={p.key}>
                  <td>{p.unit}</td>
                  <td>{p.parameter}</td>
                  <td className="num">{p.file}</td>
                  <td className="num">{p.fitted}</td>
                  <td className={`tone-${p.tone}`}>{p.status}</td>
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
        <ul className="pilot-list tone-muted">
          {r.report.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
    </>
  );
}
