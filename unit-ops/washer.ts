import type { EquationBuilder, UnitReport, UnitState, UnitType, UnitView } from '../core/unit-type';
import { countercurrentCascade, fmt, type CascadeStage } from './equations';
import { isLiquor } from './composite';

interface WasherParams {
  stages: number;
  washRatio?: number;
  efficiency?: number;
}

/** Relative disagreement between the declared and the fed wash ratio above which the unit warns. */
const RATIO_TOLERANCE = 0.05;

/**
 * Countercurrent washing of a filter cake (or a thickener underflow) over N ideal stages. The cake
 * moves from stage 1 to N, the wash liquor from N to 1. In each stage a share E (`efficiency`) of
 * the cake's liquor C mixes with the wash liquor W coming to the stage, the rest stays with the cake
 * unmixed, and the cake leaves holding the mass of liquor it came with (constant solids, constant
 * moisture), at the mixed composition:
 *
 *   M = E·C + W,   cakeOut = (1 − E)·C + φ·M,   washOut = (1 − φ)·M,   φ·m(M) = E·m(C)
 *
 * for every liquor species (aq, l, org), m(·) the liquor's mass. Solids stay with the cake, gases
 * leave with the wash. The wash ratio is therefore what the flows give, R = m(wash fed)/m(cake
 * liquor fed); with E = 1 and fresh water the washed cake keeps (R − 1)/(R^(N+1) − 1) of its
 * solutes. `washRatio` is an expectation: `inspect` reports the ratio fed and warns when it differs
 * by more than 5 %. φ is one internal unknown per stage and its rows are bilinear (`linearize`);
 * the relaxation (`state.initial`) is the declared ratio, φ = 1/(1 + R) (R = 2 if none is declared);
 * a stage with no liquor at all keeps that φ.
 */
export const washer: UnitType<WasherParams> = {
  type: 'washer',
  title: 'Countercurrent washer',
  description: 'Countercurrent washing of a cake over N stages: wash liquor displaces the entrained liquor',
  params: {
    stages: { kind: 'integer', min: 1, max: 20, unit: 'stages', required: true, default: 3, description: 'Number of countercurrent wash stages' },
    washRatio: {
      kind: 'number',
      min: 0,
      exclusiveMin: true,
      unit: 'kg wash liquor / kg cake liquor',
      default: 2,
      description: 'Expected wash liquor to cake liquor ratio: the ratio solved is the one the streams feed, and a disagreement over 5 % is a warning',
    },
    efficiency: {
      kind: 'number',
      min: 0,
      exclusiveMin: true,
      max: 1,
      unit: 'fraction',
      default: 1,
      description: 'Mixing efficiency: share of the cake liquor that mixes with the wash in each stage',
    },
  },
  ports: () => [
    { name: 'cake', direction: 'in', phase: 's', description: 'Cake to wash (solids and entrained liquor), enters stage 1' },
    { name: 'water', direction: 'in', multiple: true, phase: 'aq', description: 'Wash liquor, enters stage N' },
    { name: 'washed', direction: 'out', phase: 's', description: 'Washed cake, leaves stage N' },
    { name: 'filtrate', direction: 'out', phase: 'aq', description: 'Wash filtrate, leaves stage 1' },
  ],
  compile(params, ctx) {
    const R = params.washRatio;
    const E = params.efficiency ?? 1;
    if ((R !== undefined && !(R > 0)) || !(E > 0 && E <= 1)) {
      ctx.error('', `washRatio must be > 0 and efficiency in (0, 1], not ${fmt(R ?? NaN)} and ${fmt(E)}`);
      return undefined;
    }
    const N = params.stages;
    const list = ctx.species.list;
    const liquorMass = Float64Array.from(list, (s) => (isLiquor(s.phase) ? s.molarMass : 0));
    const phases = list.map((s) => (s.phase === 's' ? 'solid' : isLiquor(s.phase) ? 'liquor' : 'gas'));
    const relaxed = 1 / (1 + (R ?? 2));
    const cascade = countercurrentCascade(N, list.map((s) => s.id), { in: 'cake', out: 'washed', label: 'cake' }, { in: 'water', out: 'filtrate', label: 'wash liquor' });
    const shareOf = (eq: EquationBuilder, j: number) => eq.internal(cascade.internals + j - 1);
    const stage = { E, liquorMass, phases, relaxed };
    return {
      internals: cascade.internals + N,
      describeInternal: (i) => (i < cascade.internals ? cascade.describeInternal(i) : `share of the mixed liquor the cake keeps, stage ${i - cascade.internals + 1}`),
      equations: (eq) => cascade.stages(eq, (st) => writeFixedRows(eq, st, phases)),
      linearize: (eq, state) => cascade.stages(eq, (st, j) => writeStageRows(eq, state, st, shareOf(eq, j), stage)),
      inspect: (view, report) => inspectRatio(view, report, liquorMass, R),
    };
  },
};

/** Solids and gases: solids stay with the cake, gases leave with the wash (linear). */
function writeFixedRows(eq: EquationBuilder, st: CascadeStage, phases: readonly string[]): void {
  phases.forEach((ph, k) => {
    if (ph === 'liquor') return;
    const [keep, lose] = ph === 'solid' ? [st.aOut, st.bOut] : [st.bOut, st.aOut];
    eq.begin(keep + k);
    eq.term(keep + k, 1);
    for (const b of [...st.aIn, ...st.bIn]) eq.term(b + k, -1);
    eq.begin(lose + k);
    eq.term(lose + k, 1);
  });
}

interface StageData {
  E: number;
  liquorMass: Float64Array;
  phases: readonly string[];
  relaxed: number;
}

/** The liquor rows of one stage and its share row, linearised at the state. */
function writeStageRows(eq: EquationBuilder, state: UnitState, st: CascadeStage, share: number, d: StageData): void {
  const S = d.phases.length;
  const sum = (bases: readonly number[], k: number) => bases.reduce((s, b) => s + state.value(b + k), 0);
  let mC = 0;
  let mM = 0;
  for (let k = 0; k < S; k++) {
    mC += d.liquorMass[k] * sum(st.aIn, k);
    mM += d.liquorMass[k] * (d.E * sum(st.aIn, k) + sum(st.bIn, k));
  }
  const fixed = state.initial || !(mM > 0);
  const phi = fixed ? d.relaxed : state.value(share);
  eq.begin(share, fixed ? d.relaxed : phi * mM);
  eq.term(share, fixed ? 1 : mM);
  for (let k = 0; k < S; k++) {
    if (!d.liquorMass[k]) continue;
    for (const b of st.aIn) eq.term(b + k, fixed ? 0 : d.liquorMass[k] * (phi * d.E - d.E));
    for (const b of st.bIn) eq.term(b + k, fixed ? 0 : d.liquorMass[k] * phi);
  }
  for (let k = 0; k < S; k++) {
    if (!d.liquorMass[k]) continue;
    const M = fixed ? 0 : d.E * sum(st.aIn, k) + sum(st.bIn, k);
    // cakeOut = (1 − E)·C + φ·M;  washOut = (1 − φ)·M, linearised in (φ, M).
    eq.begin(st.aOut + k, -phi * M);
    eq.term(st.aOut + k, 1);
    for (const b of st.aIn) eq.term(b + k, -(1 - d.E) - phi * d.E);
    for (const b of st.bIn) eq.term(b + k, -phi);
    eq.term(share, -M);
    eq.begin(st.bOut + k, phi * M);
    eq.term(st.bOut + k, 1);
    for (const b of st.aIn) eq.term(b + k, -(1 - phi) * d.E);
    for (const b of st.bIn) eq.term(b + k, -(1 - phi));
    eq.term(share, M);
  }
}

/** The wash ratio the streams feed, and a warning when it is not the declared one. */
function inspectRatio(view: UnitView, report: UnitReport, liquorMass: Float64Array, declared: number | undefined): void {
  const mass = (bases: readonly number[]) => bases.reduce((s, b) => s + liquorMass.reduce((t, m, k) => t + m * view.value(b + k), 0), 0);
  const cake = mass(view.inlets('cake'));
  const wash = mass(view.inlets('water'));
  if (!(cake > 0)) return;
  const R = wash / cake;
  report.figure('washRatio', R, 'kg/kg');
  if (declared !== undefined && Math.abs(R / declared - 1) > RATIO_TOLERANCE) {
    report.warn('washRatio', `the streams feed ${fmt(R)} kg of wash liquor per kg of cake liquor, not the declared ${fmt(declared)}: the ratio fed is the one solved`);
  }
}
