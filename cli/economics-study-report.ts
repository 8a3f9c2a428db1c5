/** Text and CSV reports of a study: percentiles, rank correlations, tornado bars, refused samples. */
import { textTable } from '../core/format';
import { csvLine } from '../core/csv';
import { PERCENTILES, type StudyResult } from '../core/economics/study';
import { num } from './table';

const g = (x: number) => (Number.isNaN(x) ? '–' : num(x, 5));

function formatSummary(r: StudyResult): string {
  const head = ['metric', 'n', 'mean', 'sd', ...PERCENTILES.map((p) => `P${Math.round(p * 100)}`), 'baseline'];
  return textTable(
    head,
    r.study.metrics.map((m, k) => {
      const s = r.summary[k];
      return [m.name, String(s.n), g(s.mean), g(s.sd), ...s.percentiles.map(g), g(r.baseline[k])];
    }),
    ['l', ...head.slice(1).map(() => 'r' as const)],
  );
}

function formatSpearman(r: StudyResult): string {
  if (!r.spearman.length) return '';
  return [
    "Spearman rank correlation (metric × parameter)",
    textTable(['metric', ...r.study.parameters.map((p) => p.name)], r.study.metrics.map((m, k) => [m.name, ...r.spearman[k].map((x) => (Number.isNaN(x) ? '–' : x.toFixed(3)))])),
  ].join('\n');
}

/** A tornado per metric: bars from the baseline to the metric at each parameter's low and high end, widest first. */
function formatTornado(r: StudyResult, width = 24): string {
  const out: string[] = [];
  r.study.metrics.forEach((m, k) => {
    const base = r.baseline[k];
    const bars = r.tornado[k];
    const span = Math.max(...bars.map((b) => Math.max(Math.abs(b.atLow - base), Math.abs(b.atHigh - base))).filter(Number.isFinite), 0);
    const side = (x: number, dir: 1 | -1) => {
      const n = span > 0 && Number.isFinite(x) ? Math.round((Math.abs(x - base) / span) * width) : 0;
      const mine = Math.sign(x - base) === dir;
      return mine ? '█'.repeat(n) : '';
    };
    out.push(
      `Tornado: ${m.name} (baseline ${g(base)}; each parameter at its P10 and P90, or its least and greatest value, the others at baseline)`,
      textTable(
        ['parameter', 'low → high', 'metric at low', 'metric at high', `${'−'.padStart(width)}|+`],
        bars.map((b) => {
          const lo = Math.min(b.atLow, b.atHigh);
          const hi = Math.max(b.atLow, b.atHigh);
          return [b.parameter, `${g(b.low)} → ${g(b.high)}`, g(b.atLow), g(b.atHigh), `${side(lo, -1).padStart(width)}|${side(hi, 1)}`];
        }),
        ['l', 'r', 'r', 'r', 'l'],
      ),
      '',
    );
  });
  return out.join('\n');
}

export function formatStudy(r: StudyResult, workers: number): string {
  const s = r.study;
  const rows = r.samples + 1 + 2 * s.parameters.length;
  const lines = [
    `Study ${s.name}: ${s.method === 'monte-carlo' ? `Monte Carlo, ${r.samples.toLocaleString('en-US')} samples, seed ${s.seed}` : `one-at-a-time, ${r.samples} points`} over ${s.parameters.length} parameters; modes ${s.modes.join(', ')}`,
    '',
    formatSummary(r),
    '',
    formatSpearman(r),
    '',
    formatTornado(r),
    `${rows.toLocaleString('en-US')} evaluations in ${(r.timing.ms / 1000).toFixed(2)} s on ${workers} worker${workers === 1 ? '' : 's'}: ${r.timing.samplesPerSecond.toFixed(0)} /s, ${(r.timing.samplesPerSecond / Math.max(1, workers)).toFixed(0)} /s per worker.`,
  ];
  if (r.refused.length) lines.push(`${r.refused.length} samples refused by the plant (no numbers): first, sample ${r.refused[0][0] + 1}: ${r.refused[0][1]}`);
  return lines.filter((l, i, a) => !(l === '' && a[i - 1] === '')).join('\n');
}

/** One row per sample: its number, the parameter values applied, the metrics, and the refusal if any. */
export function studyCsv(r: StudyResult): string {
  const P = r.study.parameters.length;
  const M = r.study.metrics.length;
  const refused = new Map(r.refused);
  const lines = [csvLine(['sample', ...r.study.parameters.map((p) => p.name), ...r.study.metrics.map((m) => m.name), 'refused'])];
  for (let i = 0; i < r.samples; i++) {
    const row: (number | string | null)[] = [i + 1];
    for (let k = 0; k < P; k++) row.push(r.values[i * P + k]);
    for (let k = 0; k < M; k++) {
      const v = r.metrics[i * M + k];
      row.push(Number.isNaN(v) ? null : v);
    }
    row.push(refused.get(i) ?? '');
    lines.push(csvLine(row));
  }
  return lines.join('\n') + '\n';
}
