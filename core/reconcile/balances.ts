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
import { transformations, unitSandbox, type UnitSandbox } from './sandbox';
import { streamVariable, type VariableIndex } from './variables';

export type BalanceLevel = 'element' | 'species';

export interface UnitBalance {
  unit: string;
  type: string;
  /** Number of independent balance equations over the unit. */
  equations: number;
  description: string;
}

/** The laws of every unit over its species, independent of which flows a data set frees. */
export interface PlantBalances {
  level: BalanceLevel;
  units: UnitBalance[];
  /** Per unit: the conserved combinations p (over species): p·(Σ out − Σ in − doses + stock change) = 0. */
  laws: Float64Array[][];
  warnings: string[];
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

/** Each unit run by itself (sandbox.ts), or undefined where its equations do not determine it. */
export function unitSandboxes(plant: CompiledFlowsheet): (UnitSandbox | undefined)[] {
  return plant.units.map((unit) => (unit.type.role ? undefined : unitSandbox(plant, unit)));
}

/** The balances of every unit at a level, from the units' own equations (sandboxes, computed once per plant). */
export function plantBalances(plant: CompiledFlowsheet, level: BalanceLevel = 'element', sandboxes: readonly (UnitSandbox | undefined)[] = unitSandboxes(plant)): PlantBalances {
  const units: UnitBalance[] = [];
  const laws: Float64Array[][] = [];
  const warnings: string[] = [];
  plant.units.forEach((unit, u) => {
    const type = unit.type.type;
    const law = unitLaw(plant, u, level, sandboxes[u]);
    if (law.warning) warnings.push(law.warning);
    units.push({ unit: unit.id, type, equations: law.P.length, description: law.description });
    laws.push(law.P);
  });
  return { level, units, laws, warnings };
}

/** What one unit conserves, in words and as combinations of species. */
function unitLaw(plant: CompiledFlowsheet, u: number, level: BalanceLevel, sandbox: UnitSandbox | undefined): { P: Float64Array[]; description: string; warning?: string } {
  const unit = plant.units[u];
  const S = plant.species.list.length;
  if (unit.type.role) return { P: [], description: unit.type.role === 'source' ? 'feed: its flows are free' : 'product: its flows are free' };
  if (!sandbox) {
    return {
      P: [],
      description: 'no balance (its equations do not determine it)',
      warning: `unit "${unit.id}" (${unit.type.type}): its equations do not determine its outlets from its inlets, so no balance over it is used`,
    };
  }
  const T = spanBasis([...transformations(sandbox, S), ...declaredTransformations(plant, u)], S);
  if (T.length === 0) return { P: complement([], S), description: 'species balances' };
  const speciesLevel = complement(T, S);
  if (level === 'species') return { P: speciesLevel, description: `balances of what its ${describeTransformations(plant, u)} conserve (declared stoichiometry, free extents)` };
  return elementLaw(plant, u, T, speciesLevel);
}

/** Element and charge balances over the species a unit transforms, species balances for the rest. */
function elementLaw(plant: CompiledFlowsheet, u: number, T: Float64Array[], speciesLevel: Float64Array[]): { P: Float64Array[]; description: string; warning?: string } {
  const species = plant.species;
  const S = species.list.length;
  const unit = plant.units[u];
  const touched: number[] = [];
  for (let k = 0; k < S; k++) if (T.some((t) => Math.abs(t[k]) > 1e-9)) touched.push(k);
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
  const charged = charge.some((v) => v !== 0);
  if (charged) rowsE.push(charge);
  const basis = orthonormalize(rowsE, 1e-9);
  // A unit whose changes break an element balance keeps only what they conserve.
  if (basis.some((p) => T.some((t) => Math.abs(dot(p, t)) > 1e-7))) {
    return {
      P: speciesLevel,
      description: `balances of what its ${describeTransformations(plant, u)} conserve (they do not conserve elements)`,
      warning: `unit "${unit.id}" (${unit.type.type}) changes species in a way that does not balance elements; only what it conserves is used`,
    };
  }
  const others = S - touched.length;
  return {
    P: basis,
    description:
      `element balances (${elementNames.join(', ')}${charged ? ', charge' : ''}) over the ${touched.length} species it transforms` + (others ? `; the ${others} others balance as species` : ''),
  };
}

/**
 * The balance rows over the unknowns of an index: for every unit and law p,
 * p·(Σ outlets − Σ inlets − doses + stock changes) = 0.
 */
export function balanceRows(plant: CompiledFlowsheet, laws: PlantBalances, index: VariableIndex): Balances {
  const S = index.nSpecies;
  const rows: Map<number, number>[] = [];
  const rowUnit: number[] = [];
  const units = laws.units.map((b) => ({ ...b }));
  plant.units.forEach((unit, u) => {
    const doses = index.doses.filter((d) => d.unitIndex === u);
    const stock = index.accumulations.filter((a) => a.unitIndex === u);
    if (stock.length) units[u].description += `; with the stock change of ${stock.length} species over the period`;
    for (const p of laws.laws[u]) {
      const row = new Map<number, number>();
      const add = (v: number, c: number) => {
        if (c === 0) return;
        const next = (row.get(v) ?? 0) + c;
        if (Math.abs(next) < 1e-14) row.delete(v);
        else row.set(v, next);
      };
      for (const s of unit.outlets.values()) for (let k = 0; k < S; k++) add(streamVariable(index, s, k), p[k]);
      for (const s of [...unit.inlets.values()].flat()) for (let k = 0; k < S; k++) add(streamVariable(index, s, k), -p[k]);
      for (const d of doses) add(d.variable, -p[d.species]);
      for (const a of stock) add(a.variable, p[a.species]);
      if (row.size) {
        rows.push(row);
        rowUnit.push(u);
      }
    }
  });
  return { level: laws.level, units, rows, rowUnit, warnings: [...laws.warnings] };
}

/** The balance rows of a plant over an index (plantBalances, then balanceRows). */
export function buildBalances(plant: CompiledFlowsheet, index: VariableIndex, level: BalanceLevel = 'element'): Balances {
  return balanceRows(plant, plantBalances(plant, level), index);
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
