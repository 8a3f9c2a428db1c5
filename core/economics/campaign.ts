/**
 * Campaign planning: how long to run each mode before switching, to maximise the annual margin.
 *
 * THE MODEL (economic lot scheduling on one line, with a capacity limit)
 *
 * The plant runs its modes in a fixed rotation, over and over: a cycle of T operating hours runs
 * each mode i of the rotation once, for x_i·T hours, and switches between consecutive modes. Over
 * the cycle:
 *   - S = Σ S(i→j) over consecutive pairs of the rotation: direct switchover cost (unit work,
 *     cleaning, flushed inventory, disposal; not lost margin, which the model derives itself);
 *   - τ = Σ τ(i→j): switchover downtime, hours;
 *   - capacity: Σ x_i·T + τ ≤ T, i.e. Σ x_i ≤ 1 − τ/T (the rest of the cycle is idle);
 *   - availability: 0 ≤ x_i ≤ ρ_i, where ρ_i = (feed available or product demand per year) /
 *     (processing rate c_i × H) is the share of the H operating hours of a year that mode i's
 *     material can keep the plant busy.
 * Mode i earns its variable margin m_i per hour run. Its stock (feed waiting for its campaign, or
 * product waiting for customers) builds up at the average rate x_i·c_i over the whole cycle and
 * runs down at c_i − x_i·c_i during the campaign: a saw-tooth of peak x_i·c_i·(1 − x_i)·T, average
 * half of that. Holding one kg for a year costs h_i (carrying rate × value per kg, or given), so
 * with k_i = h_i·c_i, and H/T cycles a year, the annual margin is
 *
 *     M(T, x) = H·Σ m_i·x_i − H·S/T − (T/2)·Σ k_i·x_i·(1 − x_i) − F            (F: fixed costs)
 *
 * AVAILABILITY-LIMITED OPTIMUM (the classical result). When the plant has room for everything
 * (x_i = ρ_i), only the last two terms depend on T:  cost(T) = H·S/T + (T/2)·Σ k_i·ρ_i·(1 − ρ_i).
 * dcost/dT = −H·S/T² + ½·Σ k_i·ρ_i·(1 − ρ_i) = 0 gives
 *
 *     T* = sqrt( 2·H·S / Σ k_i·ρ_i·(1 − ρ_i) )
 *
 * (with a_i = ρ_i·c_i the average rate, Σ k_i ρ_i (1−ρ_i) = Σ h_i a_i (1 − ρ_i): the form
 * S/T + h·T·a·(1 − a/c)/2 of economic lot scheduling). The cost is convex in T, so T* is the
 * minimum; the cycle must still leave room for the switchovers: T ≥ T_min = τ / (1 − Σ ρ_i), and
 * the optimum is max(T*, T_min), clipped to the cycles considered [minCycle, maxCycle].
 *
 * CAPACITY-CONSTRAINED OPTIMUM. When the switchovers do not leave room for all material
 * (T < T_min), or some mode is not worth running, x is chosen too. For a fixed T the objective is
 * linear plus convex in x (−x(1 − x) = x² − x), so its maximum over the polytope {0 ≤ x_i ≤ ρ_i,
 * Σ x_i ≤ 1 − τ/T} is at a vertex: every x_i is 0 or ρ_i except at most one "free" mode k, which
 * takes the capacity left, x_k = α − τ/T with α = 1 − Σ_{i full} ρ_i. Substituting, every vertex
 * gives M on its interval of T of the form
 *
 *     M(T) = A − B/T − C·T,
 *     A = H·Σ_full m_i ρ_i + H·m_k·α − k_k·τ·(2α − 1)/2 − F
 *     B = H·(S + m_k·τ) − k_k·τ²/2
 *     C = ½·Σ_full k_i ρ_i (1 − ρ_i) + ½·k_k·α·(1 − α)
 *
 * (without a free mode, drop the k terms: B = H·S). H·m_k·τ/T is the lost margin: each switchover
 * takes τ hours from the marginal mode k. On an interval [lo, hi]: if B > 0 and C > 0, M is
 * concave with its maximum at clamp(sqrt(B/C), lo, hi); if B > 0 and C = 0 it rises to hi; if
 * B ≤ 0 it falls from lo. The interval: T ≥ τ/α (x_k ≥ 0), T ≤ τ/(α − ρ_k) when α > ρ_k
 * (x_k ≤ ρ_k); without a free mode, T ≥ τ/(1 − Σ_full ρ_i). Taking the best over every rotation
 * (every subset of modes in every cyclic order — S and τ depend on the order — for up to 6 modes), every vertex and
 * its exact optimum gives the global optimum of the model; the same enumeration at a given T gives
 * M(T), the curve of annual margin against campaign length. Idle all year (M = −F) is included.
 */

export interface CampaignMode {
  name: string;
  /** Variable margin per operating hour while running, m_i. */
  marginPerHour: number;
  /** ρ_i: the largest share of the year's operating hours this mode can run (availability); ≥ 1 or Infinity: unlimited. */
  share: number;
  /** k_i = h_i·c_i: annual holding cost per unit of x_i(1 − x_i)·T/2 (currency per year per kg/h). */
  holding: number;
  /** False when the mode cannot run at all (its equipment refuses its duties). */
  runnable?: boolean;
  /** Processing rate c_i (kg/h of the stocked material) and holding cost per kg-year h_i, for reports. */
  rate?: number;
  holdingPerKgYear?: number;
  stock?: string;
}

export interface CampaignModel {
  /** H: operating hours per year. */
  hoursPerYear: number;
  /** F: fixed costs per year. */
  fixedPerYear: number;
  modes: CampaignMode[];
  /** S(i→j): direct switchover cost (no lost margin), currency. */
  switchCost: number[][];
  /** τ(i→j): switchover downtime, h. */
  downtime: number[][];
  /** allowed[i][j]: false when the switchover i → j is refused (incompatible equipment); default all allowed. */
  allowed?: boolean[][];
  /** Cycles considered, h. */
  minCycle: number;
  maxCycle: number;
}

interface PlanMode {
  name: string;
  /** x_i: share of the operating hours run. */
  share: number;
  availableShare: number;
  hoursPerYear: number;
  /** x_i·T: campaign length, h. */
  runPerCycle: number;
  marginPerHour: number;
}

export interface CampaignPlan {
  /** T, operating hours per cycle (Infinity not used: clipped to maxCycle). */
  cycle: number;
  rotation: string[];
  cyclesPerYear: number;
  modes: PlanMode[];
  switchoverPerCycle: number;
  downtimePerCycle: number;
  idlePerCycle: number;
  annual: { contribution: number; switchovers: number; holding: number; fixed: number; margin: number };
  /** Whether every mode of the rotation runs at its availability (the classical case) or capacity binds. */
  regime: 'availability' | 'capacity' | 'idle';
}

interface Piece {
  rotation: number[];
  S: number;
  tau: number;
  x: (T: number) => number[];
  A: number;
  B: number;
  C: number;
  lo: number;
  hi: number;
  regime: CampaignPlan['regime'];
}

const EPS = 1e-12;

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [items.slice()];
  const out: T[][] = [];
  items.forEach((x, i) => {
    for (const rest of permutations([...items.slice(0, i), ...items.slice(i + 1)])) out.push([x, ...rest]);
  });
  return out;
}

/** Every rotation: each non-empty subset of modes in each cyclic order (first mode fixed). Up to 6 modes; beyond, single modes and nearest-neighbour orders of all modes only. */
export function rotations(n: number, switchCost: number[][]): number[][] {
  const out: number[][] = [];
  if (n <= 6) {
    for (let mask = 1; mask < 1 << n; mask++) {
      const subset = [...Array(n).keys()].filter((i) => mask & (1 << i));
      const [first, ...rest] = subset;
      for (const p of permutations(rest)) out.push([first, ...p]);
    }
    return out;
  }
  for (let i = 0; i < n; i++) out.push([i]);
  for (let s = 0; s < n; s++) {
    const order = [s];
    const left = new Set([...Array(n).keys()].filter((i) => i !== s));
    while (left.size) {
      const last = order[order.length - 1];
      let best = -1;
      for (const j of left) if (best < 0 || switchCost[last][j] < switchCost[last][best]) best = j;
      order.push(best);
      left.delete(best);
    }
    out.push(order);
  }
  return out;
}

function cycleSum(rot: readonly number[], m: number[][]): number {
  if (rot.length < 2) return 0;
  let s = 0;
  for (let i = 0; i < rot.length; i++) s += m[rot[i]][rot[(i + 1) % rot.length]];
  return s;
}

const pieceCache = new WeakMap<CampaignModel, Piece[]>();

/** Every vertex piece of every rotation (see the model above), without the [minCycle, maxCycle] bounds. */
function pieces(model: CampaignModel): Piece[] {
  let cached = pieceCache.get(model);
  if (!cached) {
    cached = buildPieces(model);
    pieceCache.set(model, cached);
  }
  return cached;
}

/** A rotation runs only runnable modes and makes only allowed switchovers. */
function rotationAllowed(model: CampaignModel, rot: readonly number[]): boolean {
  if (rot.some((i) => model.modes[i].runnable === false)) return false;
  if (rot.length < 2 || !model.allowed) return true;
  return rot.every((i, k) => model.allowed![i][rot[(k + 1) % rot.length]] !== false);
}

function buildPieces(model: CampaignModel): Piece[] {
  const H = model.hoursPerYear;
  const F = model.fixedPerYear;
  const modes = model.modes;
  const rho = modes.map((m) => Math.min(1, Math.max(0, m.share)));
  const out: Piece[] = [];
  for (const rot of rotations(modes.length, model.switchCost)) {
    if (!rotationAllowed(model, rot)) continue;
    const S = cycleSum(rot, model.switchCost);
    const tau = cycleSum(rot, model.downtime);
    const k = rot.length;
    // state per mode of the rotation: 0 zero, 1 full; plus at most one free.
    for (let free = -1; free < k; free++) {
      const others = rot.filter((_, i) => i !== free);
      for (let mask = 0; mask < 1 << others.length; mask++) {
        const full = others.filter((_, i) => mask & (1 << i));
        // Nothing runs: that is the idle plant (M = −F), handled on its own.
        if (free < 0 && full.length === 0) continue;
        const P = full.reduce((s, i) => s + rho[i], 0);
        let A = H * full.reduce((s, i) => s + modes[i].marginPerHour * rho[i], 0) - F;
        let B = H * S;
        let C = 0.5 * full.reduce((s, i) => s + modes[i].holding * rho[i] * (1 - rho[i]), 0);
        let lo = 0;
        let hi = Infinity;
        const fixedX = (T: number) => {
          const x = new Array<number>(modes.length).fill(0);
          for (const i of full) x[i] = rho[i];
          void T;
          return x;
        };
        let x = fixedX;
        let regime: CampaignPlan['regime'] = full.length === rot.length ? 'availability' : 'capacity';
        if (free < 0) {
          if (P > 1 + EPS) continue;
          if (1 - P <= EPS) {
            if (tau > 0) continue;
          } else lo = tau / (1 - P);
        } else {
          const f = rot[free];
          const alpha = 1 - P;
          const kf = modes[f].holding;
          const mf = modes[f].marginPerHour;
          if (tau === 0) {
            if (alpha < -EPS || alpha > rho[f] + EPS) continue;
          } else {
            if (alpha <= EPS) continue;
            lo = tau / alpha;
            if (alpha > rho[f] + EPS) hi = tau / (alpha - rho[f]);
          }
          A += H * mf * alpha - (kf * tau * (2 * alpha - 1)) / 2;
          B += H * mf * tau - (kf * tau * tau) / 2;
          C += 0.5 * kf * alpha * (1 - alpha);
          x = (T: number) => {
            const v = fixedX(T);
            v[f] = Math.min(rho[f], Math.max(0, alpha - tau / T));
            return v;
          };
          regime = 'capacity';
        }
        out.push({ rotation: rot, S, tau, x, A, B, C, lo, hi, regime });
      }
    }
  }
  return out;
}

const valueAt = (p: Piece, T: number) => p.A - p.B / T - p.C * T;

/** argmax of A − B/T − C·T on [lo, hi] (see the model). */
export function bestCycle(A: number, B: number, C: number, lo: number, hi: number): number {
  void A;
  if (B > 0 && C > 0) return Math.min(hi, Math.max(lo, Math.sqrt(B / C)));
  if (B > 0) return hi;
  return lo;
}

function planOf(model: CampaignModel, p: Piece | undefined, T: number): CampaignPlan {
  const H = model.hoursPerYear;
  if (!p) {
    return {
      cycle: T,
      rotation: [],
      cyclesPerYear: 0,
      modes: model.modes.map((m) => ({ name: m.name, share: 0, availableShare: m.share, hoursPerYear: 0, runPerCycle: 0, marginPerHour: m.marginPerHour })),
      switchoverPerCycle: 0,
      downtimePerCycle: 0,
      idlePerCycle: T,
      annual: { contribution: 0, switchovers: 0, holding: 0, fixed: model.fixedPerYear, margin: -model.fixedPerYear },
      regime: 'idle',
    };
  }
  const x = p.x(T);
  const contribution = H * model.modes.reduce((s, m, i) => s + m.marginPerHour * x[i], 0);
  const switchovers = (H * p.S) / T;
  const holding = (T / 2) * model.modes.reduce((s, m, i) => s + m.holding * x[i] * (1 - x[i]), 0);
  const used = x.reduce((a, b) => a + b, 0);
  return {
    cycle: T,
    rotation: p.rotation.map((i) => model.modes[i].name),
    cyclesPerYear: H / T,
    modes: model.modes.map((m, i) => ({
      name: m.name,
      share: x[i],
      availableShare: m.share,
      hoursPerYear: x[i] * H,
      runPerCycle: x[i] * T,
      marginPerHour: m.marginPerHour,
    })),
    switchoverPerCycle: p.S,
    downtimePerCycle: p.tau,
    idlePerCycle: Math.max(0, T * (1 - used) - p.tau),
    annual: { contribution, switchovers, holding, fixed: model.fixedPerYear, margin: contribution - switchovers - holding - model.fixedPerYear },
    regime: p.regime,
  };
}

/** The best plan with cycle length exactly T (no [minCycle, maxCycle] bounds): the curve M(T). */
export function planAt(model: CampaignModel, T: number): CampaignPlan {
  let best: Piece | undefined;
  let value = -model.fixedPerYear;
  for (const p of pieces(model)) {
    if (T < p.lo * (1 - 1e-12) || T > p.hi * (1 + 1e-12)) continue;
    const v = valueAt(p, T);
    if (v > value) {
      value = v;
      best = p;
    }
  }
  return planOf(model, best, T);
}

export interface CampaignResult {
  model: CampaignModel;
  optimum: CampaignPlan;
  /** For the rotation of the optimum with every mode at its availability: the classical formulas. */
  classical?: { rotation: string[]; S: number; tau: number; eoq: number; minCycle: number; denominator: number };
  /** M(T) on a geometric grid from minCycle to maxCycle, with the optimum's T included. */
  curve: { cycle: number; margin: number }[];
  /** Optimum when every switchover cost is multiplied by `factor`. */
  sensitivity: { factor: number; cycle: number; margin: number; rotation: string[]; curve: { cycle: number; margin: number }[] }[];
}

/** The cycle and plan that maximise the annual margin, over T in [minCycle, maxCycle]. */
export function optimise(model: CampaignModel): CampaignPlan {
  let best: { p: Piece; T: number; v: number } | undefined;
  for (const p of pieces(model)) {
    const lo = Math.max(p.lo, model.minCycle);
    const hi = Math.min(p.hi, model.maxCycle);
    if (lo > hi * (1 + 1e-12)) continue;
    const T = bestCycle(p.A, p.B, p.C, lo, Math.max(lo, hi));
    const v = valueAt(p, T);
    if (!best || v > best.v) best = { p, T, v };
  }
  if (!best || best.v <= -model.fixedPerYear) return planOf(model, undefined, model.maxCycle);
  return planOf(model, best.p, best.T);
}

export function grid(minCycle: number, maxCycle: number, n = 61): number[] {
  if (n < 2 || maxCycle <= minCycle) return [minCycle];
  const r = Math.log(maxCycle / minCycle);
  return Array.from({ length: n }, (_, i) => minCycle * Math.exp((r * i) / (n - 1)));
}

function curveOf(model: CampaignModel, extra: number[] = []): { cycle: number; margin: number }[] {
  return [...grid(model.minCycle, model.maxCycle), ...extra]
    .sort((a, b) => a - b)
    .map((T) => ({ cycle: T, margin: planAt(model, T).annual.margin }));
}

export const SENSITIVITY_FACTORS = [0, 0.25, 0.5, 1, 2, 4];

/** Optimum, classical formulas, the margin curve and its sensitivity to switchover cost. */
export function planCampaign(model: CampaignModel, factors: readonly number[] = SENSITIVITY_FACTORS): CampaignResult {
  const optimum = optimise(model);
  let classical: CampaignResult['classical'];
  if (optimum.rotation.length > 1) {
    const idx = optimum.rotation.map((n) => model.modes.findIndex((m) => m.name === n));
    const rho = idx.map((i) => Math.min(1, Math.max(0, model.modes[i].share)));
    const S = cycleSum(idx, model.switchCost);
    const tau = cycleSum(idx, model.downtime);
    const denominator = idx.reduce((s, i, j) => s + model.modes[i].holding * rho[j] * (1 - rho[j]), 0);
    const room = 1 - rho.reduce((a, b) => a + b, 0);
    classical = {
      rotation: optimum.rotation,
      S,
      tau,
      denominator,
      eoq: denominator > 0 ? Math.sqrt((2 * model.hoursPerYear * S) / denominator) : Infinity,
      minCycle: room > 0 ? tau / room : tau > 0 ? Infinity : 0,
    };
  }
  const sensitivity = factors.map((factor) => {
    const scaled = { ...model, switchCost: model.switchCost.map((r) => r.map((s) => s * factor)) };
    const o = optimise(scaled);
    return { factor, cycle: o.cycle, margin: o.annual.margin, rotation: o.rotation, curve: curveOf(scaled, [o.cycle]) };
  });
  return { model, optimum, ...(classical ? { classical } : {}), curve: curveOf(model, [optimum.cycle]), sensitivity };
}
