/**
 * One stage of an exchange `sx` (sx.ts): mixer then settler. In the mixer every species of the
 * aqueous phase (H2O(l) and the (aq) species, from both inlets) and of the organic phase ((org),
 * from both inlets) meets; each exchange e proceeds by a signed extent ξ_e:
 *
 *   P[k] = Σ_inlets in[k] + Σ_e ν_e,k·ξ_e            (the stage's aqueous or organic phase)
 *
 * The settler sends the aqueous phase to the aqueous outflow but a share φa entrained in the
 * organic, and the organic phase to the organic outflow but a share φo entrained in the aqueous:
 *
 *   aqOut[k] = (1 − φa)·P[k], orgOut[k] = φa·P[k]      (aqueous species)
 *   orgOut[k] = (1 − φo)·P[k], aqOut[k] = φo·P[k]      (organic species)
 *
 * Species of neither phase (solids, gases) stay in the stream they came with. Equilibrium of each
 * exchange, c(Y in the organic) = D·c(X in the aqueous) in kmol/m³ of each phase:
 *
 *   orgOut[Y]·V_aq(aqOut) = D·aqOut[X]·V_org(orgOut)     (volumes from the flows: bilinear)
 *   (1 − φa)·orgOut[Y] = D·oa·(1 − φo)·aqOut[X]          (with `oa`, the phases' volume ratio)
 *
 * with D fixed or D = 10^(slope·(pH − pH50)) at the aqueous outflow's pH (sx-isotherm.ts). The
 * entrainment is a volume fraction e of the outflow: ρ = e/(1 − e) of the other phase's volume, so
 * φa·V_aq(P) = ρa·V_org(orgOut) and φo·V_org(P) = ρo·V_aq(aqOut) (bilinear; the unknowns are
 * ψ = φ/ρ, of order one however small the entrainment) — or, with
 * `oa`, the constants φa = A(1 − B)/(1 − AB), φo = B(1 − A)/(1 − AB), A = ρa·oa, B = ρo/oa.
 * Row of ξ_e: orgOut[Y] = (1 − φo)·P[Y]; row of orgOut[Y]: the equilibrium.
 * Relaxation (`state.initial`): the linear form with O/A = `oa` (1 without it), D fixed or 1 (the
 * isotherm at its pH50), and the entrainment shares at that O/A.
 */
import type { EquationBuilder, UnitState } from '../core/unit-type';
import type { CascadeStage } from './equations';
import type { Exchange } from './sx-exchange';
import { relaxedD, stageD, type StagePH } from './sx-isotherm';

export type Bucket = 'aq' | 'org' | 'other';

/** A share of a phase entrained in the other outflow: a constant, or an unknown (its index in the stage block). */
/** φ = ρ·ψ with ψ the stage's unknown; `relaxed` is φ at the relaxation. */
type VariableShare = { unknown: number; relaxed: number; rho: number };
export type Share = { value: number } | VariableShare;

export interface StageModel {
  /** Species ids, for messages. */
  names: readonly string[];
  bucket: readonly Bucket[];
  /** m³ per kmol of each species in its phase (core/properties VolumeCoefficients). */
  volume: Float64Array;
  exchanges: readonly Exchange[];
  /** Per species, the exchanges that move it: [exchange index, ν]. */
  moves: ReadonlyArray<ReadonlyArray<readonly [number, number]>>;
  /** Per species, the exchange whose organic product it is (−1: none). */
  productOf: Int32Array;
  aq: Share;
  org: Share;
  oa: number | undefined;
  /** The O/A the relaxation takes. */
  relaxedOA: number;
  ph: (flows: Float64Array) => StagePH;
}

/** Indices of one stage: its streams, its extents and entrainment shares. */
export interface StageIndex extends CascadeStage {
  extent: (e: number) => number;
  share: (s: Share) => number;
}

type Terms = [number, number][];

/** Σ inlets + Σ ν·ξ: the stage's phase amount of species k, as (variable, coefficient). */
function phaseTerms(m: StageModel, st: StageIndex, k: number): Terms {
  const t: Terms = [...st.aIn, ...st.bIn].map((b) => [b + k, 1]);
  for (const [e, nu] of m.moves[k]) t.push([st.extent(e), nu]);
  return t;
}

const valueOf = (t: Terms, state: UnitState) => t.reduce((s, [v, c]) => s + c * state.value(v), 0);

/** Whether the rows of a phase's species are linear (their share is a constant). */
const fixedShare = (s: Share) => 'value' in s;

/**
 * The stage's rows: with `state` undefined the linear ones (for `equations`), with a state the
 * nonlinear ones linearised there (for `linearize`).
 */
export function writeStage(eq: EquationBuilder, m: StageModel, st: StageIndex, state?: UnitState): void {
  m.bucket.forEach((b, k) => {
    if (b === 'other') {
      if (!state) writeStays(eq, st, k);
      return;
    }
    const share = b === 'aq' ? m.aq : m.org;
    if (fixedShare(share) === !!state) return;
    const [own, other] = b === 'aq' ? [st.aOut, st.bOut] : [st.bOut, st.aOut];
    const P = phaseTerms(m, st, k);
    const e = m.productOf[k];
    writeSplit(eq, e >= 0 ? st.extent(e) : own + k, own + k, P, share, st, false, state);
    writeSplit(eq, other + k, other + k, P, share, st, true, state);
  });
  m.exchanges.forEach((ex, e) => {
    const linear = m.oa !== undefined && 'fixed' in ex.D;
    if (linear === !state) writeEquilibrium(eq, m, ex, st, state);
  });
  if (state) for (const [s, phase] of [[m.aq, 'aq'], [m.org, 'org']] as const) if ('unknown' in s) writeShareRow(eq, m, st, s, phase, state);
}

/** A species of neither phase leaves in the stream it came with. */
function writeStays(eq: EquationBuilder, st: StageIndex, k: number): void {
  for (const [out, ins] of [[st.aOut, st.aIn], [st.bOut, st.bIn]] as const) {
    eq.begin(out + k);
    eq.term(out + k, 1);
    for (const b of ins) eq.term(b + k, -1);
  }
}

/**
 * out = s·P with s = φ (entrained) or 1 − φ (the phase's own outflow), as the row of `target`;
 * φ a constant, or ρ·ψ with ψ an unknown linearised at the state (relaxed at state.initial).
 */
function writeSplit(eq: EquationBuilder, target: number, out: number, P: Terms, share: Share, st: StageIndex, entrained: boolean, state?: UnitState): void {
  const [alpha, beta] = entrained ? [0, 1] : [1, -1];
  const variable = 'unknown' in share;
  const rho = variable ? share.rho : 1;
  const psi = !variable ? share.value : !state || state.initial ? share.relaxed / rho : state.value(st.share(share));
  const Pstar = variable && state && !state.initial ? valueOf(P, state) : 0;
  eq.begin(target, -beta * rho * Pstar * psi);
  eq.term(out, 1);
  const s = alpha + beta * rho * psi;
  // A constant share of 0 (no entrainment) leaves the row out = 0 on its own: a singleton the
  // linear solve gives exactly, with no zero coefficients tying it to the phase's other rows.
  if (variable || s !== 0) for (const [v, c] of P) eq.term(v, -s * c);
  if (variable) eq.term(st.share(share), -beta * rho * Pstar);
}

/** Σ a_k·out[k] over a phase: (variable, coefficient). */
function volumeTerms(m: StageModel, base: number, phase: Bucket): Terms {
  const t: Terms = [];
  m.bucket.forEach((b, k) => {
    if (b === phase) t.push([base + k, m.volume[k]]);
  });
  return t;
}

/**
 * The equilibrium of exchange `ex` as the row of orgOut[Y]: Y·A = D·X·B (see the header), linear
 * (with `oa` and D fixed, or relaxed) or linearised for the Newton (writeBalanced).
 */
function writeEquilibrium(eq: EquationBuilder, m: StageModel, ex: Exchange, st: StageIndex, state?: UnitState): void {
  const Y = st.bOut + ex.y;
  const X = st.aOut + ex.x;
  const cA = 1 - shareValue(m.aq);
  const cO = 1 - shareValue(m.org);
  if (!state || state.initial) {
    const D = state ? relaxedD(ex.D) : (ex.D as { fixed: number }).fixed;
    eq.begin(Y, 0);
    eq.term(Y, cA);
    eq.term(X, -D * (m.oa ?? m.relaxedOA) * cO);
    if (state) for (const [v] of [...volumeTerms(m, st.aOut, 'aq'), ...volumeTerms(m, st.bOut, 'org')]) eq.term(v, 0);
    return;
  }
  const aOut = Float64Array.from(m.bucket, (_, k) => state.value(st.aOut + k));
  const { D, dD } = stageD(ex.D, aOut, m.ph);
  const aqV = volumeTerms(m, st.aOut, 'aq');
  const orgV = volumeTerms(m, st.bOut, 'org');
  const fixedOA = m.oa !== undefined;
  const A = fixedOA ? cA : valueOf(aqV, state);
  const B = fixedOA ? m.oa! * cO : valueOf(orgV, state);
  const y = state.value(Y);
  const x = state.value(X);
  // u = Y·A (the organic side) and g = X·B (the aqueous side without D), with their gradients.
  const du = new Map<number, number>([[Y, A]]);
  const dg = new Map<number, number>([[X, B]]);
  const add = (m: Map<number, number>, v: number, c: number) => m.set(v, (m.get(v) ?? 0) + c);
  const dDv = new Map<number, number>();
  for (const [v, a] of aqV) {
    add(du, v, fixedOA ? 0 : y * a);
    if (dD) dDv.set(v, dD[v - st.aOut]);
  }
  for (const [v, a] of orgV) add(dg, v, fixedOA ? 0 : x * a);
  writeBalanced(eq, Y, y * A, du, x * B, dg, D, dDv, state);
}

/**
 * The row of u = D·g: the residual u − D·g, its Jacobian exact but for D's dependence (on the pH),
 * which is weighted by the smaller side, min(g, u/D), instead of g. At equilibrium (u = D·g) that is
 * the exact Jacobian, so the Newton converges quadratically; far from it a step cannot ask for a
 * negative D through the larger side (an isotherm of slope 2.5 swings D a hundredfold per 0.8 pH).
 */
function writeBalanced(
  eq: EquationBuilder,
  target: number,
  u: number,
  du: Map<number, number>,
  g: number,
  dg: Map<number, number>,
  D: number,
  dD: Map<number, number>,
  state: UnitState,
): void {
  const weight = D > 0 ? Math.min(g, u / D) : g;
  const J = new Map<number, number>();
  const add = (v: number, c: number) => J.set(v, (J.get(v) ?? 0) + c);
  for (const [v, c] of du) add(v, c);
  for (const [v, c] of dg) add(v, -D * c);
  for (const [v, c] of dD) add(v, -weight * c);
  let rhs = -(u - D * g);
  for (const [v, c] of J) rhs += c * state.value(v);
  eq.begin(target, rhs);
  for (const [v, c] of J) eq.term(v, c);
}

/** The value of a share: the constant, or the relaxed value. */
function shareValue(s: Share): number {
  return 'value' in s ? s.value : s.relaxed;
}

/**
 * The share's unknown ψ = φ/ρ (of order one whatever ρ): ψa·V_aq(P) = V_org(orgOut), or
 * ψo·V_org(P) = V_aq(aqOut), linearised (relaxed: φ = φ0).
 */
function writeShareRow(eq: EquationBuilder, m: StageModel, st: StageIndex, s: VariableShare, phase: 'aq' | 'org', state: UnitState): void {
  const psi = st.share(s);
  const P: Terms = [];
  let V = 0;
  m.bucket.forEach((b, k) => {
    if (b !== phase || !m.volume[k]) return;
    const t = phaseTerms(m, st, k);
    V += m.volume[k] * valueOf(t, state);
    for (const [v, c] of t) P.push([v, m.volume[k] * c]);
  });
  const other = phase === 'aq' ? volumeTerms(m, st.bOut, 'org') : volumeTerms(m, st.aOut, 'aq');
  const fixed = state.initial || !(V > 0);
  const relaxed = s.relaxed / s.rho;
  const psiStar = fixed ? relaxed : state.value(psi);
  eq.begin(psi, fixed ? relaxed : psiStar * V);
  eq.term(psi, fixed ? 1 : V);
  for (const [v, c] of P) eq.term(v, fixed ? 0 : psiStar * c);
  for (const [v, a] of other) eq.term(v, fixed ? 0 : -a);
}
