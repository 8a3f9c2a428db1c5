/**
 * Payables by grade: a product's value after its realisation factor (a mixed product sold below the
 * separated products' prices) and its specification (docs/economics.md "Payables by grade").
 *
 *   value = Σ lines × realisation                                        (realisation 0..1, default 1)
 *   below spec: − discount × value − Σ penalty_k × kg of k beyond its limit
 *
 * A limit is on a mass fraction of the product stream: of an element (a symbol such as "Co") or of
 * a species id. For a `min` limit, the kg short is (min − fraction) × product kg; for `max`, the kg
 * over is (fraction − max) × product kg.
 */
import { ATOMIC_WEIGHTS } from '../chemistry';
import type { SpeciesTable } from '../species';
import { own } from './own';
import type { ResolvedPrice, ValueLine } from './prices';

export interface ResolvedSpec {
  min: ReadonlyMap<string, number>;
  max: ReadonlyMap<string, number>;
  discount: number;
  penalties: ReadonlyMap<string, ResolvedPrice>;
}

export interface SpecCheck {
  /** Element symbol or species id. */
  what: string;
  bound: 'min' | 'max';
  limit: number;
  /** Mass fraction in the product. */
  value: number;
  met: boolean;
  /** kg/h short of a min or beyond a max (0 when met). */
  kgOff: number;
}

const isElement = (k: string) => /^[A-Z][a-z]?$/.test(k) && own(ATOMIC_WEIGHTS, k) !== undefined;

/** Mass fraction of an element or species in a material (kg of each species). */
function fractionOf(what: string, material: ReadonlyMap<string, number>, total: number, elements: ReadonlyMap<string, number>): number {
  if (!(total > 0)) return 0;
  return ((isElement(what) ? elements.get(what) : material.get(what)) ?? 0) / total;
}

/** Element kg of a material, from the species' formulas. */
function elementMap(material: ReadonlyMap<string, number>, table: SpeciesTable): Map<string, number> {
  const out = new Map<string, number>();
  for (const [id, kg] of material) {
    const k = table.index.get(id);
    if (k === undefined || kg === 0) continue;
    const sp = table.list[k];
    for (const [el, n] of Object.entries(sp.elements)) out.set(el, (out.get(el) ?? 0) + (kg * n * ATOMIC_WEIGHTS[el]) / sp.molarMass);
  }
  return out;
}

/** Every limit of the spec checked against the material. */
export function checkSpec(spec: ResolvedSpec, material: ReadonlyMap<string, number>, table: SpeciesTable): SpecCheck[] {
  const total = [...material.values()].reduce((a, b) => a + b, 0);
  const elements = elementMap(material, table);
  const checks: SpecCheck[] = [];
  const check = (bound: 'min' | 'max', what: string, limit: number) => {
    const value = fractionOf(what, material, total, elements);
    const off = bound === 'min' ? limit - value : value - limit;
    const met = off <= 1e-12;
    checks.push({ what, bound, limit, value, met, kgOff: met ? 0 : off * total });
  };
  for (const [what, limit] of spec.min) check('min', what, limit);
  for (const [what, limit] of spec.max) check('max', what, limit);
  return checks;
}

/** The realisation and off-spec lines that follow a product's value lines. */
export function gradeLines(value: number, realisation: number, spec: ResolvedSpec | undefined, checks: readonly SpecCheck[]): ValueLine[] {
  const lines: ValueLine[] = [];
  let v = value;
  if (realisation !== 1) {
    lines.push({ item: `realisation ${+(realisation * 100).toFixed(4)} % (mixed product)`, kg: 0, price: 0, value: -(1 - realisation) * v, source: 'economics: realisation' });
    v *= realisation;
  }
  if (!spec) return lines;
  const missed = checks.filter((c) => !c.met);
  if (missed.length && spec.discount > 0) {
    lines.push({ item: `below spec (${missed.map((c) => c.what).join(', ')}): discount ${+(spec.discount * 100).toFixed(4)} %`, kg: 0, price: 0, value: -spec.discount * v, source: 'economics: spec.discount' });
  }
  for (const c of missed) {
    const p = spec.penalties.get(c.what);
    if (!p) continue;
    lines.push({ item: `penalty: ${c.what} ${c.bound === 'min' ? 'short' : 'over'}`, kg: c.kgOff, price: -p.value, value: -c.kgOff * p.value, source: p.source });
  }
  return lines;
}
