/**
 * The study panel: pick a study of the file (its `studies` section) or the quick price study, run it
 * on Web Workers (study-pool.ts) with a progress bar, and read the percentiles, the tornado chart
 * of a chosen metric and the rank correlations. `StudyResultView` renders a result by itself.
 *
 *   <StudyPanel doc={doc} />
 */
import { useMemo, useState } from 'react';
import type { FlowsheetDoc } from '../../core';
import { modeNames } from '../../core/economics';
import { PERCENTILES, quickPriceStudy, readStudy, type StudyResult } from '../../core/economics/study';
import { runBrowserStudy, type BrowserStudyOptions } from './study-pool';
import { tornadoGeometry } from './tornado';
import './study.css';

const QUICK = '(quick price study)';
const fmt = (x: number) => (Number.isFinite(x) ? Number(x.toPrecision(5)).toLocaleString('en-US', { maximumFractionDigits: 6 }) : '–');

function TornadoChart({ result, metric, width = 560 }: { result: StudyResult; metric: number; width?: number }) {
  const g = tornadoGeometry(result.tornado[metric], result.baseline[metric], { width, rowHeight: 22, left: 170, right: 16, top: 8, bottom: 28 });
  return (
    <svg className="study-tornado" width={width} height={g.height} role="img" aria-label={`tornado of ${result.study.metrics[metric].name}`} data-testid="study-tornado">
      {g.ticks.map((t) => (
        <g key={t.at}>
          <line x1={t.at} x2={t.at} y1={4} y2={g.height - 24} className="tick" />
          <text x={t.at} y={g.height - 10} textAnchor="middle">
            {t.label}
          </text>
        </g>
      ))}
      {g.rows.map((r) => (
        <g key={r.label}>
          <text x={164} y={r.y + 15} textAnchor="end">
            {r.label}
          </text>
          <rect className="low" x={r.low.x} y={r.y + 3} width={Math.max(1, r.low.w)} height={16}>
            <title>{`${r.label} at ${fmt(r.low.value)} (low): ${fmt(r.low.at)}`}</title>
          </rect>
          <rect className="high" x={r.high.x} y={r.y + 3} width={Math.max(1, r.high.w)} height={16}>
            <title>{`${r.label} at ${fmt(r.high.value)} (high): ${fmt(r.high.at)}`}</title>
          </rect>
        </g>
      ))}
      <line x1={g.baseX} x2={g.baseX} y1={2} y2={g.height - 24} className="baseline" />
    </svg>
  );
}

export function StudyResultView({ result }: { result: StudyResult }) {
  const [metric, setMetric] = useState(0);
  const s = result.study;
  return (
    <div className="study-result" data-testid="study-result">
      <table className="study-table" data-testid="study-summary">
        <thead>
          <tr>
            <th>metric</th>
            <th>mean</th>
            <th>sd</th>
            {PERCENTILES.map((p) => (
              <th key={p}>P{Math.round(p * 100)}</th>
            ))}
            <th>baseline</th>
          </tr>
        </thead>
        <tbody>
          {s.metrics.map((m, k) => (
            <tr key={m.name} className={k === metric ? 'selected' : undefined} onClick={() => setMetric(k)}>
              <td>{m.name}</td>
              <td>{fmt(result.summary[k].mean)}</td>
              <td>{fmt(result.summary[k].sd)}</td>
              {result.summary[k].percentiles.map((v, i) => (
                <td key={i}>{fmt(v)}</td>
              ))}
              <td>{fmt(result.baseline[k])}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h4>Tornado: {s.metrics[metric].name} (each parameter at its P10 and P90, the others at baseline; click a metric above)</h4>
      <TornadoChart result={result} metric={metric} />
      {result.spearman.length > 0 && (
        <table className="study-table" data-testid="study-spearman">
          <thead>
            <tr>
              <th>Spearman ρ</th>
              {s.parameters.map((p) => (
                <th key={p.name}>{p.name}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {s.metrics.map((m, k) => (
              <tr key={m.name}>
                <td>{m.name}</td>
                {result.spearman[k].map((r, i) => (
                  <td key={i}>{Number.isFinite(r) ? r.toFixed(3) : '–'}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="muted">
        {result.samples.toLocaleString('en-US')} {s.method === 'monte-carlo' ? `samples (seed ${s.seed})` : 'sweep points'} in {(result.timing.ms / 1000).toFixed(2)} s on {result.timing.lanes} worker{result.timing.lanes === 1 ? '' : 's'}
        {result.refused.length ? `; ${result.refused.length} refused by the plant` : ''}.
      </p>
    </div>
  );
}

export interface StudyPanelProps {
  doc: FlowsheetDoc;
  /** Options of the run (workers; an in-thread compile for tests). */
  options?: BrowserStudyOptions;
}

export function StudyPanel({ doc, options }: StudyPanelProps) {
  const names = useMemo(() => Object.keys((doc.studies ?? {}) as object), [doc]);
  const [name, setName] = useState(names[0] ?? QUICK);
  const [samples, setSamples] = useState<number | undefined>(undefined);
  const [progress, setProgress] = useState<[number, number] | undefined>();
  const [result, setResult] = useState<StudyResult | undefined>();
  const [problems, setProblems] = useState<string[]>([]);
  const run = async () => {
    const withQuick = name === QUICK ? { ...doc, studies: { [QUICK]: quickPriceStudy(doc) } } : doc;
    const { study, problems: p } = readStudy(withQuick, name, modeNames(doc));
    setProblems(p.map((d) => `${d.path}: ${d.message}`));
    if (!study) return;
    setResult(undefined);
    setProgress([0, 1]);
    try {
      setResult(await runBrowserStudy(withQuick, samples ? { ...study, samples } : study, { ...options, onProgress: (d, t) => setProgress([d, t]) }));
    } catch (e) {
      setProblems([e instanceof Error ? e.message : String(e)]);
    } finally {
      setProgress(undefined);
    }
  };
  return (
    <section className="study-panel" data-testid="study-panel">
      <h3>Studies</h3>
      <div className="study-controls">
        <select value={name} onChange={(e) => setName(e.target.value)} aria-label="study">
          {[...names, QUICK].map((n) => (
            <option key={n}>{n}</option>
          ))}
        </select>
        <label>
          samples <input type="number" min={1} value={samples ?? ''} placeholder="as in the file" onChange={(e) => setSamples(e.target.value ? Number(e.target.value) : undefined)} />
        </label>
        <button type="button" onClick={run} disabled={progress !== undefined} data-testid="study-run">
          Run
        </button>
        {progress && <progress max={progress[1]} value={progress[0]} data-testid="study-progress" />}
      </div>
      {problems.length > 0 && (
        <ul className="problems" role="alert">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      {result && <StudyResultView result={result} />}
    </section>
  );
}
