/**
 * Design specifications (FORMAT.md "Specifications"): a target on a stream (a quantity of a
 * species, an element or the whole stream) met by adjusting one numeric parameter of a unit. The
 * editor writes them into the file's `specs` (a mode may override them as it overrides units:
 * `modes.<name>.specs`, merge patches) and shows them on the adjusted unit and the target stream;
 * the values found come back in the results' `specs` once the engine solves them.
 */
import { mergePatch, type AnyUnitType, type FlowsheetDoc, type UnitDecl } from '../../core';
import { cloneDeep } from './deep';
import type { Command } from './commands';
import { plain } from './doc';
import { diffPatch, SAME } from './merge-diff';
import { defineEntry, deleteEntry, hasOwn, own, setEntry } from './own';
import { modeOf } from './plant';

export type SpecQuantity = 'massFlow' | 'molarFlow' | 'massFraction' | 'concentration' | 'pH' | 'T';

export const SPEC_QUANTITIES: readonly { quantity: SpecQuantity; label: string; unit: string }[] = [
  { quantity: 'massFlow', label: 'mass flow', unit: 'kg/h' },
  { quantity: 'molarFlow', label: 'molar flow', unit: 'kmol/h' },
  { quantity: 'massFraction', label: 'mass fraction', unit: 'kg/kg' },
  { quantity: 'concentration', label: 'concentration', unit: 'g/L' },
  { quantity: 'pH', label: 'pH', unit: '' },
  { quantity: 'T', label: 'temperature', unit: '°C' },
];

interface SpecTarget {
  stream: string;
  species?: string;
  element?: string;
  quantity: SpecQuantity;
  value: number;
}

interface SpecAdjust {
  unit: string;
  param: (string | number)[];
  min?: number;
  max?: number;
}

export interface SpecDecl {
  target: SpecTarget;
  adjust: SpecAdjust;
  notes?: string | string[];
}

type Specs = Record<string, SpecDecl>;

/** The specifications of the plant shown: the file's, with the mode's overrides merged. */
export function plantSpecs(doc: FlowsheetDoc, mode: string | undefined): Readonly<Specs> {
  const base = (doc.specs && typeof doc.specs === 'object' ? doc.specs : {}) as Specs;
  const patches = modeOf(doc, mode)?.specs as Record<string, Partial<SpecDecl> | null> | undefined;
  if (!patches) return base;
  const out: Specs = {};
  for (const id of Object.keys(base)) {
    if (!hasOwn(patches, id)) defineEntry(out, id, base[id]);
    else if (patches[id] !== null) defineEntry(out, id, mergePatch(base[id], patches[id]) as SpecDecl);
  }
  for (const id of Object.keys(patches)) if (!hasOwn(base, id) && patches[id]) defineEntry(out, id, patches[id] as SpecDecl);
  return out;
}

/** Specs that adjust a unit, and specs that target a stream. */
export function specsByPlace(specs: Readonly<Specs>): { units: Map<string, string[]>; streams: Map<string, string[]> } {
  const units = new Map<string, string[]>();
  const streams = new Map<string, string[]>();
  const add = (m: Map<string, string[]>, k: string | undefined, id: string) => {
    if (typeof k !== 'string') return;
    const list = m.get(k);
    if (list) list.push(id);
    else m.set(k, [id]);
  };
  for (const id of Object.keys(specs)) {
    add(units, specs[id]?.adjust?.unit, id);
    add(streams, specs[id]?.target?.stream, id);
  }
  return { units, streams };
}

/** A spec in words: "Co mass fraction of co_strip_liquor = 0.09 kg/kg, adjusting strip_water flows.H2O(l) in [0, 20000]". */
export function describeSpec(spec: SpecDecl): string {
  const t = spec.target ?? ({} as SpecTarget);
  const q = SPEC_QUANTITIES.find((x) => x.quantity === t.quantity);
  const what = t.element ?? t.species ?? 'total';
  const a = spec.adjust ?? ({} as SpecAdjust);
  const range = a.min !== undefined || a.max !== undefined ? ` in [${a.min ?? '−∞'}, ${a.max ?? '∞'}]` : '';
  return `${what} ${q?.label ?? t.quantity} of ${t.stream} = ${t.value}${q?.unit ? ` ${q.unit}` : ''}, adjusting ${a.unit} ${(a.param ?? []).join('.')}${range}`;
}

/** The numeric parameters of a unit a spec may adjust, as paths. */
export function adjustableParams(type: AnyUnitType | undefined, unit: UnitDecl): (string | number)[][] {
  if (!type) return [];
  const out: (string | number)[][] = [];
  for (const name of Object.keys(type.params)) {
    const decl = type.params[name];
    const v = unit[name];
    switch (decl.kind) {
      case 'number':
      case 'integer':
        out.push([name]);
        break;
      case 'speciesAmounts':
      case 'distribution':
        for (const k of Object.keys((v as object) ?? {})) if (typeof (v as Record<string, unknown>)[k] === 'number') out.push([name, k]);
        break;
      case 'fractions': {
        // The last outlet takes the rest: it is never adjusted itself.
        const outlets = Object.keys((v as object) ?? {});
        for (const k of outlets.slice(0, -1)) out.push([name, k]);
        break;
      }
      case 'reactions':
        (Array.isArray(v) ? v : []).forEach((_, i) => out.push([name, i, 'conversion']));
        break;
      case 'reagents':
        for (const k of Object.keys((v as object) ?? {})) out.push([name, k, 'excess']);
        break;
      default:
        break;
    }
  }
  return out;
}

/** The value at a parameter path of a unit. */
export function valueAt(unit: UnitDecl, path: readonly (string | number)[]): unknown {
  let v: unknown = unit;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = Array.isArray(v) ? v[k as number] : own(v as Record<string, unknown>, String(k));
  }
  return v;
}

/** Sets (or, with undefined, removes) a spec, in the base file or as the mode's override. */
export function setSpec(id: string, spec: SpecDecl | undefined, mode?: string): Command {
  return {
    label: spec ? `spec ${id}` : `remove spec ${id}`,
    coalesce: spec ? `spec:${id}:${mode ?? ''}` : undefined,
    run(draft) {
      if (mode === undefined) {
        if (!spec) {
          deleteEntry(draft.specs as Record<string, unknown>, id);
          if (draft.specs && Object.keys(draft.specs).length === 0) delete draft.specs;
        } else setEntry(draft as Record<string, unknown>, 'specs', id, cloneDeep(spec));
        return;
      }
      const m = own(draft.modes, mode);
      if (!m) return;
      const base = own(draft.specs as Specs | undefined, id);
      if (!spec) {
        if (base) setEntry(m as Record<string, unknown>, 'specs', id, null);
        else deleteEntry(m.specs as Record<string, unknown>, id);
        return;
      }
      const patch = base ? diffPatch(plain(base), spec) : cloneDeep(spec);
      if (patch === SAME) deleteEntry(m.specs as Record<string, unknown>, id);
      else setEntry(m as Record<string, unknown>, 'specs', id, patch);
    },
  };
}

/** A spec id not yet used in the file. */
export function freshSpecId(doc: FlowsheetDoc, stem: string): string {
  const used = new Set(Object.keys((doc.specs as object) ?? {}));
  for (const m of Object.values(doc.modes ?? {})) for (const k of Object.keys((m.specs as object) ?? {})) used.add(k);
  const s = stem.replace(/[^\w-]+/g, '_') || 'spec';
  if (!used.has(s)) return s;
  for (let i = 2; ; i++) if (!used.has(`${s}${i}`)) return `${s}${i}`;
}

/** Values the results give for the specs, once the engine solves them: {specId: {value, target}}. */
export function specResults(results: unknown): Readonly<Record<string, { value: number; target: number }>> {
  const r = results as { specs?: Record<string, { value: number; target: number }> } | undefined;
  return r?.specs ?? {};
}
