/**
 * What an `sx` says about its solved state: the O/A its inlet streams imply (and a warning when a
 * declared `oa` is more than 5 % off), each stage's pH and D where the pH is computed, and — as a
 * refusal — a stage whose organic (or aqueous) lacks a reactant of an exchange: an overloaded
 * extractant, which has no steady state with non-negative flows.
 */
import type { UnitRefusal, UnitReport, UnitView } from '../core/unit-type';
import { fmt } from './equations';
import type { Exchange } from './sx-exchange';
import { stageD } from './sx-isotherm';
import type { StageIndex, StageModel } from './sx-stage';

const OA_TOLERANCE = 0.05;
/** A reactant's phase amount within this share of its flows through the stage counts as exhausted. */
const EXHAUSTED = 1e-9;

type Phases = { bucket: StageModel['bucket']; volume: Float64Array };

/** Organic and aqueous volume (m³/h) of the streams entering the unit. */
function inletVolumes(view: UnitView, m: Phases): { aq: number; org: number } {
  const v = { aq: 0, org: 0 };
  for (const base of [...view.inlets('aqIn'), ...view.inlets('orgIn')]) {
    m.bucket.forEach((b, k) => {
      if (b !== 'other') v[b] += m.volume[k] * view.value(base + k);
    });
  }
  return v;
}

/** The O/A the inlet streams imply, and the warning on a declared one they contradict. */
export function inspectOA(view: UnitView, report: UnitReport, m: Phases, declared: number | undefined): void {
  const v = inletVolumes(view, m);
  if (!(v.aq > 0 && v.org > 0)) return;
  const oa = v.org / v.aq;
  report.figure('oa', oa, 'm³/m³');
  if (declared !== undefined && Math.abs(oa / declared - 1) > OA_TOLERANCE) {
    report.warn('oa', `the streams bring ${fmt(oa)} m³ of organic per m³ of aqueous, not the declared O/A of ${fmt(declared)}: the equilibrium is solved at the declared one`);
  }
}

/** Each stage's pH and D where an isotherm is computed from it. */
export function inspectStages(view: UnitView, report: UnitReport, m: StageModel, stages: (visit: (st: StageIndex, j: number) => void) => void): void {
  if (!m.exchanges.some((e) => 'isotherm' in e.D)) return;
  stages((st, j) => {
    const aOut = Float64Array.from(m.bucket, (_, k) => view.value(st.aOut + k));
    report.figure(`pH stage ${j}`, m.ph(aOut).pH, '–');
    for (const e of m.exchanges) if ('isotherm' in e.D) report.figure(`D ${e.name} stage ${j}`, stageD(e.D, aOut, m.ph).D, '–');
  });
}

/** Stages whose phase lacks a reactant of an exchange in the direction it runs. */
export function refuseOverload(view: UnitView, converged: boolean, m: StageModel, stages: (visit: (st: StageIndex, j: number) => void) => void): UnitRefusal[] {
  const out: UnitRefusal[] = [];
  stages((st, j) => {
    m.exchanges.forEach((e, i) => {
      const xi = view.value(st.extent(i));
      for (const { k, nu } of e.terms) {
        if (k === e.x || k === e.y || !(nu * xi < 0)) continue;
        const inflow = [...st.aIn, ...st.bIn].reduce((s, b) => s + view.value(b + k), 0);
        const P = view.value(st.aOut + k) + view.value(st.bOut + k);
        const tol = EXHAUSTED * (inflow + Math.abs(nu * xi));
        if (converged ? P < -tol : P <= tol) out.push(overload(e, j, k, m));
      }
    });
  });
  return out.slice(0, 5);
}

function overload(e: Exchange, j: number, k: number, m: StageModel): UnitRefusal {
  const id = m.names[k];
  const organic = m.bucket[k] === 'org';
  return {
    path: e.path,
    species: id,
    message: organic
      ? `stage ${j}: the organic runs out of ${id} for the exchange "${e.equation}" (an overloaded extractant): feed more ${id} to the unit, or less of what it extracts`
      : `stage ${j}: the aqueous runs out of ${id} for the exchange "${e.equation}": feed more ${id} to the unit`,
  };
}
