/**
 * The economics panel: modes side by side, the switchover matrix (a cell opens the itemised
 * switchover), and the campaign plan with a chart of annual margin against campaign cycle length
 * and its sensitivity to switchover cost. Self-contained: give it the document and the solved
 * results of every mode (or an analysis computed elsewhere, e.g. in a worker); it imports no
 * editor state and needs no stylesheet.
 *
 *   <EconomicsPanel doc={doc} results={{ 'black-mass': r1, magnet: r2 }} />
 */
import { useMemo, useState, type CSSProperties } from 'react';
import type { Diagnostic, FlowsheetDoc, FlowsheetResults } from '../../core';
import { analyse, validateEconomics, type CampaignResult, type EconomicsAnalysis, type ModeEconomics, type Switchover } from '../../core/economics';
import { CapitalSection } from './CapitalSection';
import { chartGeometry, type Series } from './chart';

interface EconomicsPanelProps {
  doc: FlowsheetDoc;
  /** Solved results per mode name ("(base)" for a flowsheet without modes). */
  results?: Readonly<Record<string, FlowsheetResults>>;
  /** An analysis computed elsewhere; when given, `results` is not needed. */
  analysis?: EconomicsAnalysis;
  /** Chart size in px. */
  chartWidth?: number;
  chartHeight?: number;
}

const S = {
  panel: { fontSize: 12, color: 'var(--text, #222)', display: 'flex', flexDirection: 'column', gap: 14, padding: 8 } as CSSProperties,
  h: { fontSize: 13, fontWeight: 600, margin: '2px 0 4px' } as CSSProperties,
  table: { borderCollapse: 'collapse', fontVariantNumeric: 'tabular-nums' } as CSSProperties,
  th: { textAlign: 'left', padding: '2px 8px', borderBottom: '1px solid var(--line, #ccc)', fontWeight: 600 } as CSSProperties,
  thNum: { textAlign: 'right', padding: '2px 8px', borderBottom: '1px solid var(--line, #ccc)', fontWeight: 600 } as CSSProperties,
  td: { padding: '2px 8px', borderBottom: '1px solid var(--line-soft, #eee)' } as CSSProperties,
  num: { padding: '2px 8px', textAlign: 'right', borderBottom: '1px solid var(--line-soft, #eee)' } as CSSProperties,
  muted: { color: 'var(--muted, #777)' } as CSSProperties,
  error: { color: 'var(--error, #c0392b)' } as CSSProperties,
  cell: { cursor: 'pointer', padding: '2px 8px', textAlign: 'right', borderBottom: '1px solid var(--line-soft, #eee)' } as CSSProperties,
};

function money(x: number): string {
  if (!Number.isFinite(x)) return '–';
  if (x === 0) return '–';
  const a = Math.abs(x);
  return x.toLocaleString('en-US', a >= 100 ? { maximumFractionDigits: 0 } : { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

const hours = (x: number) => (Number.isFinite(x) ? Number(x.toPrecision(4)).toLocaleString('en-US', { maximumFractionDigits: 2 }) : '∞');
const sig = (x: number) => (x === 0 ? '–' : Number(x.toPrecision(4)).toLocaleString('en-US', { maximumFractionDigits: 6 }));

type Outcome = { ok: true; analysis: EconomicsAnalysis } | { ok: false; problems: readonly Diagnostic[] };

function compute(doc: FlowsheetDoc, results: EconomicsPanelProps['results'], given: EconomicsAnalysis | undefined): Outcome {
  if (given) return { ok: true, analysis: given };
  const problems = validateEconomics(doc);
  if (problems.length) return { ok: false, problems };
  if (!results || !Object.keys(results).length) return { ok: false, problems: [{ path: '(results)', message: 'no solved modes to analyse yet' }] };
  try {
    return { ok: true, analysis: analyse(doc, results) };
  } catch (e) {
    const diagnostics = (e as { diagnostics?: readonly Diagnostic[] }).diagnostics;
    if (diagnostics) return { ok: false, problems: diagnostics };
    return { ok: false, problems: [{ path: '(economics)', message: e instanceof Error ? e.message : String(e) }] };
  }
}

function ModesTable({ modes, currency }: { modes: readonly ModeEconomics[]; currency: string }) {
  const rows: [string, (m: ModeEconomics) => string][] = [
    ['feed, t/h', (m) => sig(m.feed.tonnesPerHour)],
    [`revenue, ${currency}/h`, (m) => money(m.perHour.revenue)],
    [`reagents, ${currency}/h`, (m) => money(m.perHour.reagents)],
    [`purchased feeds, ${currency}/h`, (m) => money(m.perHour.feeds)],
    [`utilities, ${currency}/h`, (m) => money(m.perHour.utilities)],
    [`fixed, ${currency}/h`, (m) => money(m.perHour.fixed)],
    [`margin, ${currency}/h`, (m) => money(m.perHour.margin)],
    [`margin, ${currency}/t feed`, (m) => money(m.perTonneFeed.margin)],
    ['reagent intensity, kg/t feed', (m) => sig(m.reagentIntensity)],
    ['planned hours, h/yr', (m) => (m.hours === undefined ? '–' : hours(m.hours))],
    [`margin at planned hours, ${currency}/yr`, (m) => (m.annual ? money(m.annual.margin) : '–')],
  ];
  const products = [...new Set(modes.flatMap((m) => m.products.filter((p) => p.priced).map((p) => p.unit)))];
  return (
    <section>
      <h3 style={S.h}>Modes side by side</h3>
      <table style={S.table} data-testid="economics-modes">
        <thead>
          <tr>
            <th style={S.th} />
            {modes.map((m) => (
              <th key={m.mode} style={S.thNum}>
                {m.mode}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map(([label, f]) => (
            <tr key={label}>
              <td style={S.td}>{label}</td>
              {modes.map((m) => (
                <td key={m.mode} style={{ ...S.num, fontWeight: label.startsWith('margin,') ? 600 : undefined }}>
                  {f(m)}
                </td>
              ))}
            </tr>
          ))}
          {products.map((p) => (
            <tr key={`product-${p}`}>
              <td style={S.td}>
                value of {p}, {currency}/h
              </td>
              {modes.map((m) => (
                <td key={m.mode} style={S.num}>
                  {money(m.products.find((x) => x.unit === p)?.valuePerHour ?? 0)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function SwitchoverDetail({ s }: { s: Switchover }) {
  const busy = (u: Switchover['units'][number]) => u.time > 0 || u.cost > 0 || u.cleaningCost > 0 || u.flushed !== undefined;
  const shown = s.units.filter(busy);
  const quiet = s.units.filter((u) => !busy(u) && u.status !== 'unchanged' && u.status !== 'standby');
  return (
    <div data-testid="switchover-detail" style={{ marginTop: 6 }}>
      <div style={S.h}>
        {s.from} → {s.to}: {hours(s.downtime)} h down, {money(s.total)} {s.currency}
      </div>
      <table style={S.table}>
        <thead>
          <tr>
            {['unit', 'status', 'work h', 'start–finish h', 'flushed kg', `value lost ${s.currency}`, `work + cleaning ${s.currency}`, 'why'].map((h, i) => (
              <th key={h} style={i >= 2 && i <= 6 ? S.thNum : S.th}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {shown.map((u) => (
            <tr key={u.unit}>
              <td style={S.td}>{u.unit}</td>
              <td style={S.td}>{u.status}</td>
              <td style={S.num}>{u.work ? hours(u.time) : '–'}</td>
              <td style={S.num}>{u.work ? `${hours(u.start)}–${hours(u.finish)}` : ''}</td>
              <td style={S.num}>{u.flushed ? sig(u.flushed.kg) : '–'}</td>
              <td style={S.num}>{u.flushed ? money(u.flushed.lost) : '–'}</td>
              <td style={S.num}>{money(u.cost + u.cleaningCost)}</td>
              <td style={{ ...S.td, ...S.muted }}>{u.reasons.join('; ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {quiet.length > 0 && (
        <div style={{ ...S.muted, marginTop: 4 }}>
          No changeover data (no time, cost or hold-up): {quiet.map((u) => `${u.unit} (${u.status})`).join(', ')}
        </div>
      )}
      <div style={{ ...S.muted, marginTop: 4 }}>
        Changeover {money(s.items.changeover)} · cleaning {money(s.items.cleaning)} · inventory {money(s.items.inventory)} · disposal {money(s.items.disposal)} · lost margin{' '}
        {money(s.items.lostMargin)} ({hours(s.downtime)} h × {money(s.lostMarginRate)}/h)
        {s.criticalPath.length ? ` · critical chain ${s.criticalPath.join(' → ')}` : ''}
      </div>
    </div>
  );
}

function Matrix({ a }: { a: EconomicsAnalysis }) {
  const m = a.matrix;
  const [pick, setPick] = useState<[number, number] | undefined>(m.modes.length > 1 ? [0, 1] : undefined);
  return (
    <section>
      <h3 style={S.h}>Switchover cost, {a.currency} (downtime h) — from row to column; click a cell</h3>
      <table style={S.table} data-testid="switchover-matrix">
        <thead>
          <tr>
            <th style={S.th}>from \ to</th>
            {m.modes.map((t) => (
              <th key={t} style={S.thNum}>
                {t}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {m.modes.map((f, i) => (
            <tr key={f}>
              <td style={S.td}>{f}</td>
              {m.modes.map((t, j) => (
                <td
                  key={t}
                  style={{ ...S.cell, background: pick && pick[0] === i && pick[1] === j ? 'var(--selected, #e8f1f8)' : undefined }}
                  onClick={() => i !== j && setPick([i, j])}
                  title={i === j ? 'no switchover' : `${f} → ${t}: direct ${money(m.direct[i][j])}, lost margin ${money(m.total[i][j] - m.direct[i][j])}`}
                >
                  {i === j ? '–' : `${money(m.total[i][j])} (${hours(m.downtime[i][j])} h)`}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {pick && <SwitchoverDetail s={m.detail[pick[0]][pick[1]]} />}
    </section>
  );
}

const COLORS: Record<string, string> = { '0.5': '#27ae60', '1': '#2e86c1', '2': '#c0392b' };

function MarginChart({ campaign, currency, width = 640, height = 280 }: { campaign: CampaignResult; currency: string; width?: number; height?: number }) {
  const box = { width, height, left: 64, right: 12, top: 26, bottom: 36 };
  const series: Series[] = campaign.sensitivity
    .filter((s) => s.factor === 0.5 || s.factor === 2)
    .map((s) => ({ label: `switchover cost × ${s.factor}`, points: s.curve, dashed: true, color: COLORS[String(s.factor)] }));
  series.push({ label: 'annual margin (best plan at each cycle)', points: campaign.curve, color: COLORS['1'] });
  const g = chartGeometry(series, box);
  const o = campaign.optimum;
  return (
    <svg width={width} height={height} role="img" aria-label="annual margin against campaign cycle length" data-testid="margin-chart" style={{ fontSize: 10, fontFamily: 'inherit' }}>
      {g.yTicks.map((t) => (
        <g key={`y${t.value}`}>
          <line x1={box.left} x2={width - box.right} y1={t.at} y2={t.at} stroke="#e5e5e5" />
          <text x={box.left - 4} y={t.at + 3} textAnchor="end" fill="#666">
            {t.label}
          </text>
        </g>
      ))}
      {g.xTicks.map((t) => (
        <g key={`x${t.value}`}>
          <line x1={t.at} x2={t.at} y1={box.top} y2={height - box.bottom} stroke="#f0f0f0" />
          <text x={t.at} y={height - box.bottom + 12} textAnchor="middle" fill="#666">
            {t.label}
          </text>
        </g>
      ))}
      <line x1={box.left} x2={width - box.right} y1={height - box.bottom} y2={height - box.bottom} stroke="#999" />
      <line x1={box.left} x2={box.left} y1={box.top} y2={height - box.bottom} stroke="#999" />
      <text x={(box.left + width - box.right) / 2} y={height - 4} textAnchor="middle" fill="#444">
        campaign cycle length, operating h (log scale)
      </text>
      <text x={12} y={(box.top + height - box.bottom) / 2} textAnchor="middle" fill="#444" transform={`rotate(-90 12 ${(box.top + height - box.bottom) / 2})`}>
        annual margin, {currency}/yr
      </text>
      {g.paths.map((p) => (
        <path key={p.label} d={p.d} fill="none" stroke={p.color} strokeWidth={p.dashed ? 1.2 : 2} strokeDasharray={p.dashed ? '5 3' : undefined}>
          <title>{p.label}</title>
        </path>
      ))}
      {o.regime !== 'idle' && (
        <g data-testid="optimum-marker">
          <circle cx={g.x(o.cycle)} cy={g.y(o.annual.margin)} r={4} fill={COLORS['1']} />
          <text x={g.x(o.cycle) + 6} y={g.y(o.annual.margin) - 6} fill="#222">
            T* = {hours(o.cycle)} h
          </text>
        </g>
      )}
      {[...series].reverse().map((s, i, all) => (
        <g key={`legend-${s.label}`} transform={`translate(${box.left + 4 + all.slice(0, i).reduce((x, t) => x + 34 + 5.2 * t.label.length, 0)}, 10)`}>
          <line x1={0} x2={18} y1={-3} y2={-3} stroke={s.color} strokeWidth={2} strokeDasharray={s.dashed ? '5 3' : undefined} />
          <text x={22} y={0} fill="#444">
            {s.label}
          </text>
        </g>
      ))}
    </svg>
  );
}

function Campaign({ a, width, height }: { a: EconomicsAnalysis; width?: number; height?: number }) {
  const c = a.campaign;
  const o = c.optimum;
  return (
    <section>
      <h3 style={S.h}>Campaign plan</h3>
      {o.regime === 'idle' ? (
        <div>No mode earns its keep: the plant is best left idle.</div>
      ) : (
        <div data-testid="campaign-summary">
          {o.rotation.length > 1 ? (
            <>
              Cycle <b>{hours(o.cycle)} h</b> ({o.cyclesPerYear.toFixed(2)} a year): {o.modes.filter((m) => o.rotation.includes(m.name)).map((m) => `${m.name} ${hours(m.runPerCycle)} h`).join(', ')}; {money(o.switchoverPerCycle)} {a.currency} and{' '}
              {hours(o.downtimePerCycle)} h of switchovers per cycle.
            </>
          ) : (
            <>Run {o.rotation[0]} alone: the other modes do not pay for their switchovers.</>
          )}{' '}
          Annual margin <b>{money(o.annual.margin)}</b> {a.currency}/yr (contribution {money(o.annual.contribution)}, switchovers −{money(o.annual.switchovers)}, stock holding −{money(o.annual.holding)}, fixed −
          {money(o.annual.fixed)}); {o.regime === 'availability' ? 'every mode runs all its available material.' : 'capacity binds.'}
        </div>
      )}
      <MarginChart campaign={c} currency={a.currency} width={width} height={height} />
      <table style={S.table} data-testid="campaign-sensitivity">
        <thead>
          <tr>
            {['switchover cost ×', 'T* h', 'cycles/yr', `margin ${a.currency}/yr`, 'rotation'].map((h, i) => (
              <th key={h} style={i < 4 ? S.thNum : S.th}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {c.sensitivity.map((s) => (
            <tr key={s.factor} style={s.factor === 1 ? { fontWeight: 600 } : undefined}>
              <td style={S.num}>{s.factor}</td>
              <td style={S.num}>{s.rotation.length > 1 ? hours(s.cycle) : '–'}</td>
              <td style={S.num}>{s.rotation.length > 1 ? (c.model.hoursPerYear / s.cycle).toFixed(2) : '–'}</td>
              <td style={S.num}>{money(s.margin)}</td>
              <td style={S.td}>{s.rotation.join(' → ') || 'idle'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function EconomicsPanel({ doc, results, analysis, chartWidth, chartHeight }: EconomicsPanelProps) {
  const outcome = useMemo(() => compute(doc, results, analysis), [doc, results, analysis]);
  if (!outcome.ok) {
    return (
      <div style={S.panel} data-testid="economics-panel">
        <h3 style={S.h}>Economics</h3>
        <ul style={S.error}>
          {outcome.problems.map((p, i) => (
            <li key={i}>
              {p.path}: {p.message}
            </li>
          ))}
        </ul>
      </div>
    );
  }
  const a = outcome.analysis;
  return (
    <div style={S.panel} data-testid="economics-panel">
      <ModesTable modes={a.modes} currency={a.currency} />
      <Matrix a={a} />
      <Campaign a={a} width={chartWidth} height={chartHeight} />
      {a.capital && a.investment && <CapitalSection a={a} capital={a.capital} investment={a.investment} />}
      {a.warnings.length > 0 && (
        <section>
          <h3 style={S.h}>Warnings</h3>
          <ul style={S.muted}>
            {a.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

