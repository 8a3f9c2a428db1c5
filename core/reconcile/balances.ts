/**
 * The conservation laws that reconciliation holds exactly, unit by unit.
 *
 * Reconciliation keeps what cannot be wrong and frees what the pilot is meant to measure. For each
 * unit it keeps the balances and frees the model's parameters (split fractions, separation
 * factors, conversions, reagent excess, D values):
 *
 * - From the unit's own equations the core learns, without knowing the unit type, in which
 *   directions it changes species flows (Σ outlets − Σ inlets − reagent doses). A mixer,
 *   splitter or separator changes none, so every species balances over it (node balances). An
 *   `sx` unit moves X(aq) to X(org) and nothing else, so X(aq) + X(org) balances over the unit
 *   and every other species balances alone: the sum of its stage balances. A reactor changes
 *   species along its reactions. Declared reactions (any parameter of kind `reactions`) and
 *   phase transfers (kind `distribution`) count as transformations even where the file's
 *   conversion or D is 0, since the pilot may show them.
 * - Balance level `element` (default) requires of a transforming unit only that elements and
 *   charge balance over the species it transforms; the species it does not touch balance one by
 *   one. Level `species` requires, in addition, that the transformation follow the declared
 *   stoichiometry at free extents (the reaction invariants).
 * - Feeds and products impose nothing: their streams are free. A reagent dose is a free,
 *   non-negative unknown of the unit's balance, as an unmeasured inlet would be.
 */
import { parseEquation, stoichiometry } from '../chemistry';
import type { CompiledFlowsheet } from '../compile';
import { complement, dot, orthonormalize, spanBasis } from './linalg';
import type { VariableIndex } from './measurements';
import { transformations, unitSandbox } from './sandbox';

export type BalanceLevel = 'element' | 'species';

export interface UnitBalance {
  unit: string;
  type: string;
  /** Number of independent balance equations over the unit. */
  equations: number;
  description: string;
}

export interface Balances {
  level: BalanceLevel;
  units: UnitBalance[];
  /** One sparse row per equation: Σ coef·x[var] = 0, over the VariableIndex unknowns. */
  rows: Map<number, number>[];
  /** The unit each row balances. */
  rowUnit: number[];
  warnings: string[];
}

export function buildBalances(plant: CompiledFlowsheet, index: VariableIndex, level: BalanceLevel = 'element'): Balances {
  const species = plant.species;
  const S = species.list.length;
  const units: UnitBalance[] = [];
  const rows: Map<number, number>[] = [];
  const rowUnit: number[] = [];
  const warnings: string[] = [];
  plant.units.forEach((unit, u) => {
    const type = unit.type.type;
    if (unit.type.role === 'source' || unit.type.role === 'sink') {
      units.push({ unit: unit.id, type, equations: 0, description: unit.type.role === 'source' ? 'feed: its flows are free' : 'product: its flows are free' });
      return;
    }
    const sandbox = unitSandbox(plant, unit);
    if (!sandbox) {
      warnings.push(`unit "${unit.id}" (${type}): its equations do not determine its outlets from its inlets, so no balance over it is used`);
      units.push({ unit: unit.id, type, equations: 0, description: 'no balance (its equations do not determine it)' });
      return;
    }
    const directions = [...transformations(sandbox, S), ...declaredTransformations(plant, u)];
    const T = spanBasis(directions, S);
    let P: Float64Array[];
    let description: string;
    if (T.length === 0) {
      P = complement([], S);
      description = 'species balances';
    } else {
      const touched: number[] = [];
      for (let k = 0; k < S; k++) if (T.some((t) => Math.abs(t[k]) > 1e-9)) touched.push(k);
      const speciesLevel = complement(T, S);
      if (level === 'species') {
        P = speciesLevel;
        description = `balances of what its ${describeTransformations(plant, u)} conserve (declared stoichiometry, free extents)`;
      } else {
        const rowsE: Float64Array[] = [];
        for (let k = 0; k < S; k++) {
          if (touched.includes(k)) continue;
          const e = new Float64Array(S);
          e[k] = 1;
          rowsE.push(e);
        }
        const elementNames: string[] = [];
        species.elements.forEach((el, e) => {
          const r = new Float64Array(S);
          for (const k of touched) r[k] = species.elementMatrix[e * S + k];
          if (r.some((v) => v !== 0)) {
            rowsE.push(r);
            elementNames.push(el);
          }
        });
        const charge = new Float64Array(S);
        for (const k of touched) charge[k] = species.list[k].charge;
        if (charge.some((v) => v !== 0)) rowsE.push(charge);
        const basis = orthonormalize(rowsE, 1e-9);
        // A unit whose changes break an element balance keeps only what they conserve.
        const broken = basis.some((p) => T.some((t) => Math.abs(dot(p, t)) > 1e-7));
        if (broken) {
          P = speciesLevel;
          description = `balances of what its ${describeTransformations(plant, u)} conserve (they do not conserve elements)`;
          warnings.push(`unit "${unit.id}" (${type}) changes species in a way that does not balance elements; only what it conserves is used`);
        } else {
          P = basis;
          const others = S - touched.length;
          description =
            `element balances (${elementNames.join(', ')}${charge.some((v) => v !== 0) ? ', charge' : ''}) over the ${touched.length} species it transforms` +
            (others ? `; the ${others} others balance as species` : '');
        }
      }
    }
    const doses = index.doses.filter((d) => d.unitIndex === u);
    for (const p of P) {
      const row = new Map<number, number>();
      const add = (v: number, c: number) => {
        if (c === 0) return;
        const next = (row.get(v) ?? 0) + c;
        if (Math.abs(next) < 1e-14) row.delete(v);
        else row.set(v, next);
      };
      for (const s of unit.outlets.values()) for (let k = 0; k < S; k++) add(plant.streams[s].offset + k, p[k]);
      for (const s of [...unit.inlets.values()].flat()) for (let k = 0; k < S; k++) add(plant.streams[s].offset + k, -p[k]);
      for (const d of doses) add(d.variable, -p[d.species]);
      if (row.size) {
        rows.push(row);
        rowUnit.push(u);
      }
    }
    units.push({ unit: unit.id, type, equations: P.length, description });
  });
  return { level, units, rows, rowUnit, warnings };
}

/** Transformations the unit's parameters declare: reactions (kind `reactions`) and phase transfers (kind `distribution`). */
function declaredTransformations(plant: CompiledFlowsheet, u: number): Float64Array[] {
  const unit = plant.units[u];
  const species = plant.species;
  const S = species.list.length;
  const out: Float64Array[] = [];
  for (const [name, decl] of Object.entries(unit.type.params)) {
    const value = unit.params[name];
    if (decl.kind === 'reactions' && Array.isArray(value)) {
      for (const r of value) {
        const equation = (r as { equation?: unknown })?.equation;
        if (typeof equation !== 'string') continue;
        try {
          const nu = stoichiometry(parseEquation(equation));
          const v = new Float64Array(S);
          let ok = true;
          for (const [id, c] of nu) {
            const k = species.index.get(id);
            if (k === undefined) ok = false;
            else v[k] = c;
          }
          if (ok) out.push(v);
        } catch {
          // The unit compiled, so its equations parse; nothing to add otherwise.
        }
      }
    }
    if (decl.kind === 'distribution' && value && typeof value === 'object') {
      for (const formula of Object.keys(value)) {
        const aq = species.index.get(`${formula}(aq)`);
        const org = species.index.get(`${formula}(org)`);
        if (aq === undefined || org === undefined) continue;
        const v = new Float64Array(S);
        v[aq] = -1;
        v[org] = 1;
        out.push(v);
      }
    }
  }
  return out;
}

function describeTransformations(plant: CompiledFlowsheet, u: number): string {
  const kinds = Object.values(plant.units[u].type.params).map((d) => d.kind);
  if (kinds.includes('reactions')) return 'reactions';
  if (kinds.includes('distribution')) return 'phase transfers';
  return 'transformations';
}
