/**
 * Equipment compatibility: does a mode ask a unit for a duty outside the limits it was built for?
 * A unit's limits are `equipment.limits` of its base declaration (the physical unit; a unit a mode
 * adds carries its own). What a mode asks of it:
 *
 * - T, °C: the unit's `T` parameter in that mode, else `equipment.duty.T`, else the hottest outlet
 *   stream's `T` in the solved results (the energy balance of FORMAT.md);
 * - P, bar absolute: the unit's `P` parameter, else `equipment.duty.P` (atmospheric when neither);
 * - media: what the solved streams through it carry — `chloride` (an aqueous species with Cl),
 *   `fluoride` (F), `sulfate` (S with O), `nitrate` (N with O), `organic` (any organic-phase
 *   species) — plus `equipment.duty.media`;
 * - phases: the phases with flow in or out;
 * - service: the labels of `equipment.duty.service`.
 *
 * Each excursion names the unit, the mode, what it asks, the limit and the limit's JSON path.
 */
import type { FlowsheetDoc, UnitDecl } from '../document';
import type { FlowsheetResults } from '../results';
import { equipmentOf } from './equipment';
import { unitFlows, type UnitFlows } from './flows';
import { viewOf } from './margin';
import { own } from './own';
import { speciesTableOf } from './prices';
import type { LimitsDecl } from './types';

export interface Incompatibility {
  unit: string;
  mode: string;
  what: 'T' | 'P' | 'media' | 'phases' | 'service';
  reason: string;
  /** JSON path of the limit exceeded. */
  path: string;
}

/** The limits of a unit: its base declaration's, or (a unit only a mode adds) the mode's. */
function limitsOf(doc: FlowsheetDoc, unit: string, modeDecl: UnitDecl | undefined): { limits: LimitsDecl; path: string } | undefined {
  const base = own(doc.units, unit);
  const decl = base ?? modeDecl;
  const limits = equipmentOf(decl).limits;
  return limits ? { limits, path: `units.${unit}.equipment.limits` } : undefined;
}

const num = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) ? x : undefined);
const list = (x: string | string[] | undefined) => (x === undefined ? [] : Array.isArray(x) ? x : [x]);

/** Media carried by the flows through a unit (see the module comment). */
function mediaOf(doc: FlowsheetDoc, flows: UnitFlows | undefined): Set<string> {
  const media = new Set<string>();
  if (!flows) return media;
  const table = speciesTableOf(doc);
  for (const port of [flows.inlet, flows.outlet]) {
    for (const [id, kg] of port.species) {
      const k = table.index.get(id);
      if (k === undefined || !(kg > 0)) continue;
      const sp = table.list[k];
      if (sp.phase === 'org') media.add('organic');
      if (sp.phase !== 'aq') continue;
      const el = sp.elements;
      if (el.Cl) media.add('chloride');
      if (el.F) media.add('fluoride');
      if (el.S && el.O) media.add('sulfate');
      if (el.N && el.O) media.add('nitrate');
    }
  }
  return media;
}

function phasesOf(flows: UnitFlows | undefined): Set<string> {
  const out = new Set<string>();
  for (const port of flows ? [flows.inlet, flows.outlet] : []) for (const [ph, kg] of port.byPhase) if (kg > 0) out.add(ph);
  return out;
}

function rangeProblems(unit: string, mode: string, what: 'T' | 'P', asked: number | undefined, r: { min?: number; max?: number } | undefined, path: string, u: string): Incompatibility[] {
  if (asked === undefined || !r) return [];
  const out: Incompatibility[] = [];
  if (r.max !== undefined && asked > r.max) out.push({ unit, mode, what, path: `${path}.${what}.max`, reason: `unit "${unit}": mode ${mode} asks ${asked} ${u}, above its limit of ${r.max} ${u}` });
  if (r.min !== undefined && asked < r.min) out.push({ unit, mode, what, path: `${path}.${what}.min`, reason: `unit "${unit}": mode ${mode} asks ${asked} ${u}, below its limit of ${r.min} ${u}` });
  return out;
}

function setProblems(unit: string, mode: string, what: 'media' | 'phases' | 'service', asked: Iterable<string>, allowed: readonly string[] | undefined, path: string, noun: string): Incompatibility[] {
  if (!allowed) return [];
  const outside = [...asked].filter((x) => !allowed.includes(x));
  if (!outside.length) return [];
  const key = what === 'service' ? 'services' : what;
  return [{ unit, mode, what, path: `${path}.${key}`, reason: `unit "${unit}": mode ${mode} asks ${noun} ${outside.join(', ')}, which it is not built for (${allowed.length ? allowed.join(', ') : 'none listed'})` }];
}

/** Every unit of `mode` asked for a duty outside its limits. */
export function modeCompatibility(doc: FlowsheetDoc, mode: string, results: FlowsheetResults | undefined): Incompatibility[] {
  const view = viewOf(doc, mode);
  const flows = results ? unitFlows(results) : new Map<string, UnitFlows>();
  const out: Incompatibility[] = [];
  for (const [unit, decl] of Object.entries(view.units)) {
    if (decl === null || typeof decl !== 'object') continue;
    const l = limitsOf(doc, unit, decl);
    if (!l) continue;
    const duty = equipmentOf(decl).duty ?? {};
    const f = flows.get(unit);
    const T = num(decl.T) ?? num(duty.T) ?? f?.outlet.T;
    const P = num(decl.P) ?? num(duty.P);
    const media = new Set([...mediaOf(doc, f), ...list(duty.media)]);
    out.push(
      ...rangeProblems(unit, mode, 'T', T, l.limits.T, l.path, '°C'),
      ...rangeProblems(unit, mode, 'P', P, l.limits.P, l.path, 'bar'),
      ...setProblems(unit, mode, 'media', media, l.limits.media, l.path, 'service in'),
      ...setProblems(unit, mode, 'phases', phasesOf(f), l.limits.phases, l.path, 'phases'),
      ...setProblems(unit, mode, 'service', list(duty.service), l.limits.services, l.path, 'the duty'),
    );
  }
  return out;
}

/** Per unit, the modes (of those given) that ask it for a duty outside its limits. */
export function incompatibleModes(problems: readonly Incompatibility[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const p of problems) {
    let s = out.get(p.unit);
    if (!s) out.set(p.unit, (s = new Set()));
    s.add(p.mode);
  }
  return out;
}
