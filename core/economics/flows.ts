/**
 * What passes through a unit in one solved mode: mass by phase, volume by phase and temperature of
 * its inlets and outlets, and its energy duty. Reads the fields the energy and volume additions of
 * FORMAT.md ("Results of the additions") put on the results — stream `T`, `volumeFlow`, the
 * results' `duties` — and, when a result lacks them, falls back on documented estimates, saying so.
 *
 * Estimates when the results carry no volumes: m³/h = kg/h ÷ density of the phase, with aq and l at
 * 1000 kg/m³ (water), org at 800 kg/m³ (kerosene, as the Kerosene default price), s at 2500 kg/m³
 * (a typical mineral or oxide solid) — Flexsheet assumptions, overridable in
 * `economics.capital.densities`. Gases are not volumes of equipment and are left out.
 */
import { streamEndUnit } from '../modes';
import type { FlowsheetResults, StreamResult } from '../results';

/** The optional fields of the energy and volume additions, as FORMAT.md names them. */
interface StreamExtras {
  T?: number;
  volumeFlow?: Partial<Record<'aq' | 'org' | 's' | 'l' | 'g', number>>;
}
interface ResultsExtras {
  duties?: Record<string, number>;
}

export const DEFAULT_DENSITIES: Readonly<Record<'aq' | 'l' | 'org' | 's', number>> = { aq: 1000, l: 1000, org: 800, s: 2500 };

export type Densities = Readonly<Record<'aq' | 'l' | 'org' | 's', number>>;

const CONDENSED = ['aq', 'l', 'org', 's'] as const;

interface PortFlows {
  /** kg/h per species, per phase and in all. */
  species: Map<string, number>;
  byPhase: Map<string, number>;
  mass: number;
  /** m³/h of the condensed phases, and whether any of it was estimated from a density. */
  volume: number;
  volumeByPhase: Map<string, number>;
  volumeEstimated: boolean;
  /** Highest stream temperature given, °C. */
  T?: number;
}

const emptyFlows = (): PortFlows => ({ species: new Map(), byPhase: new Map(), mass: 0, volume: 0, volumeByPhase: new Map(), volumeEstimated: false });

function add(into: PortFlows, s: StreamResult & StreamExtras, densities: Densities): void {
  for (const [sp, kg] of Object.entries(s.massFlow)) into.species.set(sp, (into.species.get(sp) ?? 0) + kg);
  for (const [ph, kg] of Object.entries(s.totals.byPhase)) into.byPhase.set(ph, (into.byPhase.get(ph) ?? 0) + kg);
  into.mass += s.totals.mass;
  // A stream with volume flows (the energy and volume additions) gives every phase's: a phase it leaves out has none.
  const volumes = s.volumeFlow !== null && typeof s.volumeFlow === 'object' ? s.volumeFlow : undefined;
  for (const ph of CONDENSED) {
    const kg = s.totals.byPhase[ph] ?? 0;
    const given = volumes?.[ph];
    let m3 = 0;
    if (volumes) m3 = typeof given === 'number' && Number.isFinite(given) ? given : 0;
    else if (kg > 0) {
      m3 = kg / densities[ph];
      into.volumeEstimated = true;
    }
    into.volume += m3;
    into.volumeByPhase.set(ph, (into.volumeByPhase.get(ph) ?? 0) + m3);
  }
  if (typeof s.T === 'number' && Number.isFinite(s.T)) into.T = into.T === undefined ? s.T : Math.max(into.T, s.T);
}

export interface UnitFlows {
  inlet: PortFlows;
  outlet: PortFlows;
  /** What the unit discharges (its outlets; for a sink, what enters it). */
  discharge: PortFlows;
}

/**
 * Memo of a function of one solved results object (results are never changed once tabulated; a
 * study evaluates the same baseline results for every sample that does not re-solve).
 */
export function memoOnResults<T>(f: (r: FlowsheetResults, key: string) => T): (r: FlowsheetResults, key?: string) => T {
  const memo = new WeakMap<FlowsheetResults, Map<string, T>>();
  return (r, key = '') => {
    let m = memo.get(r);
    if (!m) memo.set(r, (m = new Map()));
    if (!m.has(key)) m.set(key, f(r, key));
    return m.get(key)!;
  };
}

const flowsMemo = memoOnResults((r, key) => {
  const [aq, l, org, s] = key.split(',').map(Number);
  return computeUnitFlows(r, { aq, l, org, s });
});

/** Inlet and outlet flows of every unit of a solved mode, by unit id (shared: do not change what it returns). */
export function unitFlows(results: FlowsheetResults, densities: Densities = DEFAULT_DENSITIES): Map<string, UnitFlows> {
  return flowsMemo(results, `${densities.aq},${densities.l},${densities.org},${densities.s}`);
}

function computeUnitFlows(results: FlowsheetResults, densities: Densities): Map<string, UnitFlows> {
  const out = new Map<string, UnitFlows>();
  const get = (u: string) => {
    let f = out.get(u);
    if (!f) {
      f = { inlet: emptyFlows(), outlet: emptyFlows(), discharge: emptyFlows() };
      out.set(u, f);
    }
    return f;
  };
  for (const s of Object.values(results.streams)) {
    add(get(streamEndUnit(s.from)).outlet, s, densities);
    add(get(streamEndUnit(s.to)).inlet, s, densities);
  }
  for (const f of out.values()) f.discharge = f.outlet.mass > 0 ? f.outlet : f.inlet;
  return out;
}

/** The duty of a unit from the energy balance (kW, > 0 supplied), when the results carry one. */
export function resultDuty(results: FlowsheetResults, unit: string): number | undefined {
  const d = (results as FlowsheetResults & ResultsExtras).duties;
  if (!d || typeof d !== 'object' || !Object.prototype.hasOwnProperty.call(d, unit)) return undefined;
  const v = d[unit];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** Whether the results come from the energy balance (carry `duties`). */
export function hasDuties(results: FlowsheetResults): boolean {
  const d = (results as FlowsheetResults & ResultsExtras).duties;
  return d !== null && typeof d === 'object';
}

/**
 * kg/h of each species entering every sink (a unit streams enter and none leave), from the streams
 * themselves rather than the results' per-unit tables, so that any unit id, `__proto__` included,
 * is a key like any other.
 */
export const sinkMaterials = memoOnResults(computeSinkMaterials);

function computeSinkMaterials(results: FlowsheetResults): Map<string, Map<string, number>> {
  const from = new Set<string>();
  for (const s of Object.values(results.streams)) from.add(streamEndUnit(s.from));
  const out = new Map<string, Map<string, number>>();
  for (const s of Object.values(results.streams)) {
    const to = streamEndUnit(s.to);
    if (from.has(to)) continue;
    let m = out.get(to);
    if (!m) out.set(to, (m = new Map()));
    for (const [sp, kg] of Object.entries(s.massFlow)) m.set(sp, (m.get(sp) ?? 0) + kg);
  }
  return out;
}
