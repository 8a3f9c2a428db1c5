/**
 * Changing the file's flow basis (FORMAT.md `basis`: the unit of every flow number in the file).
 * Either the flows are converted, so the plant stays the same size (600 kg/h becomes 0.6 t/h),
 * or — only when asked — the numbers are kept and read in the new unit. Flows are the unit
 * parameters of kind `speciesAmounts` (a feed's `flows`), in the base and in every mode's
 * patches, and the bounds of a specification that adjusts one of them.
 */
import type { FlowBasis, FlowsheetDoc, UnitDecl, UnitRegistry } from '../../core';
import { cloneDeep } from './deep';
import type { SpeciesInfo } from '../../core/chemistry';
import type { Command } from './commands';
import { fromKgPerHour, roundSig, toKgPerHour } from './feed';
import { hasOwn, own } from './own';
import { speciesInfo } from './validate';

/** The names of a unit type's parameters that hold flows in the file's basis. */
function flowParams(registry: UnitRegistry, type: string | undefined): string[] {
  const t = type ? registry.get(type) : undefined;
  return t ? Object.keys(t.params).filter((p) => t.params[p].kind === 'speciesAmounts') : [];
}

/** An amount of a species in another basis; undefined when the molar mass is needed and unknown. */
function convertAmount(amount: number, species: string, from: FlowBasis, to: FlowBasis, info: ReadonlyMap<string, SpeciesInfo>): number | undefined {
  if (from === to) return amount;
  const massOnly = (b: FlowBasis) => b === 'kg/h' || b === 't/h';
  const M = info.get(species)?.molarMass;
  if (M === undefined && !(massOnly(from) && massOnly(to))) return undefined;
  return roundSig(fromKgPerHour(to, toKgPerHour(from, amount, M ?? 1), M ?? 1));
}

function convertMap(map: unknown, from: FlowBasis, to: FlowBasis, info: ReadonlyMap<string, SpeciesInfo>, missing: Set<string>): void {
  if (!map || typeof map !== 'object') return;
  const m = map as Record<string, unknown>;
  for (const sp of Object.keys(m)) {
    const v = m[sp];
    if (typeof v !== 'number') continue;
    const c = convertAmount(v, sp, from, to, info);
    if (c === undefined) missing.add(sp);
    else m[sp] = c;
  }
}

/** Species whose flows cannot be converted (no molar mass: undeclared, or an id that does not parse). */
export function unconvertible(doc: FlowsheetDoc, registry: UnitRegistry, to: FlowBasis): string[] {
  const missing = new Set<string>();
  const copy = cloneDeep(doc);
  convertFlows(copy, registry, doc.basis, to, missing);
  return [...missing];
}

function convertFlows(draft: FlowsheetDoc, registry: UnitRegistry, from: FlowBasis, to: FlowBasis, missing: Set<string>) {
  const info = speciesInfo(draft);
  const convertUnit = (unit: Record<string, unknown> | null | undefined, type: string | undefined) => {
    if (!unit) return;
    for (const p of flowParams(registry, type)) if (hasOwn(unit, p)) convertMap(unit[p], from, to, info, missing);
  };
  for (const id of Object.keys(draft.units)) convertUnit(draft.units[id], draft.units[id].type);
  for (const name of Object.keys(draft.modes ?? {})) {
    const m = draft.modes![name];
    for (const id of Object.keys(m.units ?? {})) {
      const patch = m.units![id];
      const type = (patch && typeof patch.type === 'string' ? patch.type : own(draft.units, id)?.type) as string | undefined;
      convertUnit(patch, type);
    }
  }
  // Specifications that adjust a flow: their bounds are flows too.
  const specs = draft.specs as Record<string, { adjust?: { unit?: string; param?: unknown[]; min?: number; max?: number } }> | undefined;
  for (const id of Object.keys(specs ?? {})) {
    const a = specs![id]?.adjust;
    if (!a || !Array.isArray(a.param) || a.param.length !== 2 || typeof a.unit !== 'string') continue;
    const unit = own(draft.units, a.unit) as UnitDecl | undefined;
    if (!unit || !flowParams(registry, unit.type).includes(String(a.param[0]))) continue;
    const sp = String(a.param[1]);
    for (const k of ['min', 'max'] as const) {
      const v = a[k];
      if (typeof v !== 'number') continue;
      const c = convertAmount(v, sp, from, to, info);
      if (c === undefined) missing.add(sp);
      else a[k] = c;
    }
  }
}

/**
 * Sets the basis. With `convert`, every flow is converted so the plant keeps its size; flows of
 * species without a molar mass (only between mass and molar bases) are left as they were.
 */
export function setBasis(basis: FlowBasis, registry: UnitRegistry, convert: boolean): Command {
  return {
    label: convert ? `basis ${basis} (flows converted)` : `basis ${basis} (numbers kept)`,
    run(draft) {
      if (draft.basis === basis) return;
      if (convert) convertFlows(draft, registry, draft.basis, basis, new Set());
      draft.basis = basis;
    },
  };
}
