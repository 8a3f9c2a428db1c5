/**
 * One statement about a reconciliation that agrees with every test it shows — the global χ² test
 * before and after gross errors were taken out, the measurement tests, and the χ² of the values kept
 * at or above zero — and says in words which measurement is suspect and what taking it out changes.
 */
import { formatOrDash } from '../format';
import { fmtChi, fmtValueSd } from './format';
import { describeMeasurement } from './measurements';
import type { MeasurementResult, Reconciliation } from './reconcile';
import { describeVariable } from './variables';

export type VerdictStatus = 'consistent' | 'gross errors' | 'inconsistent' | 'unchecked';

export interface Suspect {
  stream: string;
  component: string;
  unit: string;
  source?: string;
  measured: number;
  /** What the other data give for it (taken out), or its reconciled value (kept). */
  reconciled: number | null;
  reconciledSd: number | null;
  test: number;
  critical: number;
  status: 'gross error' | 'suspect';
}

export interface Verdict {
  /**
   * consistent: every test passes with every measurement; gross errors: they pass once the suspects
   * are taken out; inconsistent: some test still fails; unchecked: the data have no redundancy.
   */
  status: VerdictStatus;
  /** One sentence. */
  headline: string;
  /** The sentences after it: the tests before and after, what taking a measurement out changes, the bounds. */
  details: string[];
  suspects: Suspect[];
}

const chi = (x: number, dof: number, critical: number | null) =>
  critical === null ? `χ² = ${fmtChi(x)} with no degrees of freedom` : `χ² = ${fmtChi(x)} with ${dof} degree${dof === 1 ? '' : 's'} of freedom (critical ${formatOrDash(critical)})`;

export function verdictOf(rec: Reconciliation): Verdict {
  const suspects = suspectsOf(rec.measurements);
  const { status, headline, details } = rec.global.initial.critical === null ? unchecked(rec) : rec.rounds.length ? afterElimination(rec, suspects) : asMeasured(rec, suspects);
  const bounds = boundSentence(rec);
  if (!bounds) return { status, headline, details, suspects };
  if (rec.global.nonNegative.passed || status === 'inconsistent') return { status, headline, details: [...details, bounds], suspects };
  return { status: 'inconsistent', headline: `${headline.replace(/\.$/, '')}; but not once every flow is kept at or above zero (below).`, details: [...details, bounds], suspects };
}

type Statement = Pick<Verdict, 'status' | 'headline' | 'details'>;

function unchecked(rec: Reconciliation): Statement {
  const nn = rec.global.nonNegative;
  if (nn.bound && !nn.passed) {
    return {
      status: 'inconsistent',
      headline: `The balances leave these measurements no redundancy, yet they would make ${nn.bound} flow${nn.bound > 1 ? 's' : ''} negative: kept at or above zero, the values miss the data by χ² = ${fmtChi(rec.global.chiSquareNonNegative)}, above χ²(${1 - rec.options.alpha}, ${nn.dof}) = ${formatOrDash(nn.critical)}.`,
      details: [],
    };
  }
  return {
    status: 'unchecked',
    headline: 'Nothing can be checked: with these measurements the balances leave no redundancy (0 degrees of freedom), so every determined value follows from the measurements as they are.',
    details: [],
  };
}

function afterElimination(rec: Reconciliation, suspects: Suspect[]): Statement {
  const g = rec.global;
  const kept = suspects.filter((s) => s.status === 'suspect');
  const status = g.passed && !kept.length && !rec.tied ? 'gross errors' : 'inconsistent';
  return {
    status,
    headline: grossHeadline(rec, suspects.filter((s) => s.status === 'gross error'), status === 'gross errors'),
    details: [`With every measurement in, ${chi(g.initial.chiSquare, g.initial.dof, g.initial.critical)} fails the global test.`, ...rec.rounds.map((r) => roundSentence(rec, r))],
  };
}

function asMeasured(rec: Reconciliation, suspects: Suspect[]): Statement {
  const g = rec.global;
  const failing = suspects.length ? `${suspects.map(suspectText).join('; ')} ${suspects.length > 1 ? 'fail their' : 'fails its'} measurement test${rec.options.eliminate ? '' : ' (kept: elimination is off)'}` : '';
  if (g.passed && !suspects.length) {
    return { status: 'consistent', headline: `The data are consistent with the balances: ${chi(g.chiSquare, g.dof, g.critical)} passes the global test, and every redundant measurement passes its own test.`, details: [] };
  }
  if (g.passed) return { status: 'inconsistent', headline: `The global test passes (${chi(g.chiSquare, g.dof, g.critical)}), but ${failing}: check ${suspects.length > 1 ? 'them' : 'it'}.`, details: [] };
  const why = rec.tied
    ? `The largest measurement test is shared by ${rec.tied.map((i) => describeMeasurement(rec.measurements[i].measurement)).join('; ')}: one of them is likely in error, but the data cannot tell which.`
    : failing
      ? `${failing}.`
      : 'No single measurement stands out: check the standard deviations, or the balances used (see "Balances used").';
  return { status: 'inconsistent', headline: `The data are not consistent with the balances: ${chi(g.chiSquare, g.dof, g.critical)} fails the global test.`, details: [why] };
}

function suspectsOf(results: readonly MeasurementResult[]): Suspect[] {
  return results.flatMap((r): Suspect[] => {
    if (r.status !== 'gross error' && r.status !== 'suspect') return [];
    const m = r.measurement;
    return [
      {
        stream: m.stream,
        component: m.component,
        unit: m.unit,
        ...(m.source ? { source: m.source } : {}),
        measured: m.value,
        reconciled: r.reconciled,
        reconciledSd: r.reconciledSd,
        test: r.grossError?.test ?? r.test ?? 0,
        critical: r.grossError?.critical ?? 0,
        status: r.status,
      },
    ];
  });
}

const suspectText = (s: Suspect) => `${describeMeasurement(s)} (test ${s.test.toFixed(2)})`;

function grossHeadline(rec: Reconciliation, gross: Suspect[], passes: boolean): string {
  const g = rec.global;
  const what = gross.map((s) => `${describeMeasurement(s)}, measured ${formatOrDash(s.measured)} where the other data give ${fmtValueSd(s.reconciled, s.reconciledSd)} (test ${s.test.toFixed(2)} > ${s.critical.toFixed(2)})`).join('; ');
  const subject = gross.length === 1 ? `One measurement is in error: ${what}` : `${gross.length} measurements are in error: ${what}`;
  return passes
    ? `${subject}. Without ${gross.length === 1 ? 'it' : 'them'} the data are consistent with the balances: ${chi(g.chiSquare, g.dof, g.critical)}.`
    : `${subject}. Without ${gross.length === 1 ? 'it' : 'them'} the data are still not consistent with the balances: ${chi(g.chiSquare, g.dof, g.critical)}${rec.tied ? '; the largest remaining test is shared by several measurements, so the data cannot tell which is wrong' : ''}.`;
}

function roundSentence(rec: Reconciliation, r: Reconciliation['rounds'][number]): string {
  const m = rec.measurements[r.measurement].measurement;
  const moved = r.shifts.length
    ? `; it moves most ${r.shifts.map((s) => `${describeMeasurement(rec.measurements[s.measurement].measurement)} (from ${formatOrDash(s.before)} to ${formatOrDash(s.after)}, ${s.bySd.toFixed(1)} sd)`).join(', ')}`
    : '';
  return `Taking out ${describeMeasurement(m)} (measured ${formatOrDash(m.value)}) brings χ² from ${fmtChi(r.before.chiSquare)} to ${fmtChi(r.after.chiSquare)}; the balances put it at ${formatOrDash(r.reconciledWith)} with it and ${formatOrDash(r.reconciledWithout)} without it (before the bounds on the flows)${moved}.`;
}

function boundSentence(rec: Reconciliation): string | undefined {
  const nn = rec.global.nonNegative;
  if (!nn.bound) return undefined;
  const held = rec.status.flatMap((s, v) => (s === 'bound' ? [describeVariable(rec.plant, rec.index, v).text] : []));
  const names = held.length > 3 ? `${held.slice(0, 3).join('; ')} and ${held.length - 3} more` : held.join('; ');
  const start = `Keeping every flow at or above zero holds ${nn.bound} flow${nn.bound > 1 ? 's' : ''} at zero that the data would make negative (${names}) and raises χ² to ${formatOrDash(rec.global.chiSquareNonNegative)}`;
  if (nn.passed) return `${start}, within the χ²(${1 - rec.options.alpha}, ${nn.dof}) = ${formatOrDash(nn.critical)} that ${nn.bound} bound${nn.bound > 1 ? 's' : ''} allow: consistent.`;
  return `${start}, above the χ²(${1 - rec.options.alpha}, ${nn.dof}) = ${formatOrDash(nn.critical)} that ${nn.bound} bound${nn.bound > 1 ? 's' : ''} allow: the data and the plant's structure disagree there (a flow the pilot does not have, or a measurement near those flows in error).`;
}
