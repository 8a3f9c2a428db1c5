/**
 * Checks the editor makes while the user types or draws, before anything reaches the solver:
 * a parameter value against its declared bounds, a connection against the ports, a reaction
 * equation against the declared species (element and charge balance).
 */
import { formatNumber } from '../../core/format';
import type { FlowsheetDoc, ParamDecl, UnitRegistry } from '../../core';
import { ChemistryError, checkBalance, describeImbalance, parseEquation, parseSpeciesId, type SpeciesInfo } from '../../core/chemistry';
import { parseRef, unitPorts } from './doc';
import { hasOwn, own } from './own';

const fmt = (x: number) => formatNumber(x, 6);

/** Parses a number field's text; an error message when it is not a valid value for `decl`. */
export function checkNumber(decl: Pick<ParamDecl, 'kind' | 'min' | 'max' | 'exclusiveMin'>, text: string): { value?: number; error?: string } {
  const t = text.trim();
  if (t === '') return { error: 'a number is needed' };
  const value = Number(t);
  if (!Number.isFinite(value)) return { error: `"${text}" is not a number` };
  if (decl.kind === 'integer' && !Number.isInteger(value)) return { error: 'must be a whole number' };
  if (decl.min !== undefined) {
    if (decl.exclusiveMin ? value <= decl.min : value < decl.min) return { error: `must be ${decl.exclusiveMin ? '>' : '≥'} ${fmt(decl.min)}` };
  }
  if (decl.max !== undefined && value > decl.max) return { error: `must be ≤ ${fmt(decl.max)}` };
  return { value };
}

/** "[0, 1]", "> 0", "1 … 50": the bounds of a declaration as shown next to its field. */
export function describeBounds(decl: Pick<ParamDecl, 'min' | 'max' | 'exclusiveMin'>): string {
  const { min, max, exclusiveMin } = decl;
  if (min !== undefined && max !== undefined) return `${exclusiveMin ? '(' : '['}${fmt(min)}, ${fmt(max)}]`;
  if (min !== undefined) return `${exclusiveMin ? '>' : '≥'} ${fmt(min)}`;
  if (max !== undefined) return `≤ ${fmt(max)}`;
  return '';
}

export interface Endpoint {
  unit: string;
  port: string;
}

/**
 * Whether a stream may be drawn from an outlet to an inlet. An outlet carries one stream; an
 * inlet that is not `multiple` takes one; phases, when both ports declare one, must agree.
 * Recycles (to an upstream unit, or back to the same unit) are allowed. `doc` is the plant drawn:
 * the base or a mode's (plant.ts).
 */
export function checkConnection(
  doc: Pick<FlowsheetDoc, 'units' | 'streams'>,
  registry: UnitRegistry,
  from: Endpoint,
  to: Endpoint,
  ignoreStream?: string,
): string | undefined {
  const src = own(doc.units, from.unit);
  const dst = own(doc.units, to.unit);
  if (!src) return `unit "${from.unit}" does not exist`;
  if (!dst) return `unit "${to.unit}" does not exist`;
  const out = unitPorts(src, registry).find((p) => p.name === from.port);
  const inn = unitPorts(dst, registry).find((p) => p.name === to.port);
  if (!out || out.direction !== 'out') return `"${from.unit}" has no outlet "${from.port}"`;
  if (!inn || inn.direction !== 'in') return `"${to.unit}" has no inlet "${to.port}"`;
  for (const [id, s] of Object.entries(doc.streams)) {
    if (id === ignoreStream) continue;
    const f = parseRef(s.from);
    const t = parseRef(s.to);
    if (f.unit === from.unit && f.port === from.port) return `outlet "${from.unit}.${from.port}" already carries stream "${id}": an outlet carries one stream (add a splitter)`;
    if (!inn.multiple && t.unit === to.unit && t.port === to.port) return `inlet "${to.unit}.${to.port}" takes one stream and already has "${id}" (mix them first)`;
  }
  if (out.phase && inn.phase && out.phase !== inn.phase) return `phase mismatch: "${from.port}" carries ${out.phase}, "${to.port}" expects ${inn.phase}`;
  return undefined;
}

/** The declared species, parsed; ids that do not parse are left out. */
export function speciesInfo(doc: FlowsheetDoc): Map<string, SpeciesInfo> {
  const out = new Map<string, SpeciesInfo>();
  for (const [id, decl] of Object.entries(doc.species ?? {})) {
    try {
      out.set(id, parseSpeciesId(id, decl?.formula));
    } catch {
      /* reported by the solver with its location */
    }
  }
  return out;
}

export interface EquationCheck {
  problems: string[];
  /** Species on the left, for the choice of key. */
  reactants: string[];
}

/** Parses an equation and checks its balance against the declared species, as the user types. */
export function checkEquation(equation: string, species: ReadonlyMap<string, SpeciesInfo>): EquationCheck {
  if (!equation.trim()) return { problems: ['write an equation, e.g. "2 H2(g) + O2(g) -> 2 H2O(l)"'], reactants: [] };
  try {
    const eq = parseEquation(equation);
    const problems = checkBalance(eq, (id) => species.get(id)).map(describeImbalance);
    return { problems, reactants: eq.left.map((t) => t.species) };
  } catch (e) {
    if (e instanceof ChemistryError) return { problems: [e.message], reactants: [] };
    throw e;
  }
}

/** Checks a new species id the way the core will read it. */
export function checkSpeciesId(doc: FlowsheetDoc, id: string, formula?: string): string | undefined {
  if (!id.trim()) return 'a species id cannot be empty';
  if (hasOwn(doc.species, id)) return `species "${id}" is already declared`;
  try {
    parseSpeciesId(id, formula || undefined);
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}
