/**
 * A product's grade against the specification it declares: each limit a mass fraction of a species
 * or of an element in what the product unit takes in, on the basis given ("dry" leaves liquid
 * water out; "wet" is the material as produced).
 */
import { ATOMIC_WEIGHTS } from '../core/chemistry';
import { formatPercent } from '../core/format';
import { isWater } from '../core/properties';
import type { CompileContext, SpecificationCheck, UnitReport, UnitView } from '../core/unit-type';

export interface SpecificationDecl {
  name: string;
  basis?: 'wet' | 'dry';
  min?: Record<string, number>;
  max?: Record<string, number>;
  source?: string;
}

interface Limit {
  of: string;
  bound: 'min' | 'max';
  limit: number;
  /** kg of the species or element per kmol of each species. */
  massPerKmol: Float64Array;
}

export interface CompiledSpecification {
  decl: SpecificationDecl;
  limits: Limit[];
  /** kg per kmol of each species counted in the basis (0 for water on a dry basis). */
  basisMass: Float64Array;
}

/** A limit's key: a species of the plant, else an element symbol; undefined after an error. */
function massPerKmol(key: string, relativePath: string, ctx: CompileContext): Float64Array | undefined {
  const list = ctx.species.list;
  const k = ctx.species.index.get(key);
  if (k !== undefined) return Float64Array.from(list, (_, j) => (j === k ? list[k].molarMass : 0));
  const weight = Object.hasOwn(ATOMIC_WEIGHTS, key) ? ATOMIC_WEIGHTS[key] : undefined;
  if (weight === undefined) {
    ctx.error(relativePath, `"${key}" is neither a species of the plant nor an element symbol`);
    return undefined;
  }
  return Float64Array.from(list, (s) => (Object.hasOwn(s.elements, key) ? s.elements[key] * weight : 0));
}

export function compileSpecification(decl: SpecificationDecl, ctx: CompileContext): CompiledSpecification | undefined {
  const limits: Limit[] = [];
  let ok = true;
  for (const bound of ['min', 'max'] as const) {
    for (const [of, limit] of Object.entries(decl[bound] ?? {})) {
      const m = massPerKmol(of, `specification.${bound}.${of}`, ctx);
      if (m) limits.push({ of, bound, limit, massPerKmol: m });
      else ok = false;
    }
  }
  if (!ok) return undefined;
  const dry = decl.basis === 'dry';
  const basisMass = Float64Array.from(ctx.species.list, (s) => (dry && isWater(s) ? 0 : s.molarMass));
  return { decl, limits, basisMass };
}

/** Checks the specification on the streams entering `port`, reports it, and warns when it is missed. */
export function inspectSpecification(spec: CompiledSpecification, view: UnitView, port: string, report: UnitReport): void {
  const S = view.nSpecies;
  const flows = new Float64Array(S);
  for (const base of view.inlets(port)) for (let k = 0; k < S; k++) flows[k] += view.value(base + k);
  const total = flows.reduce((a, n, k) => a + n * spec.basisMass[k], 0);
  if (!(total > 0)) return;
  const checks: SpecificationCheck[] = spec.limits.map(({ of, bound, limit, massPerKmol: w }) => {
    const value = flows.reduce((a, n, k) => a + n * w[k], 0) / total;
    return { of, bound, limit, value, met: bound === 'min' ? value >= limit : value <= limit };
  });
  const { name, source } = spec.decl;
  const basis = spec.decl.basis ?? 'wet';
  const met = checks.every((c) => c.met);
  report.specification({ name, basis, ...(source !== undefined ? { source } : {}), met, checks });
  const missed = checks.filter((c) => !c.met);
  if (missed.length) {
    const said = missed.map((c) => `${c.of} ${formatPercent(c.value)} (${c.bound} ${formatPercent(c.limit)})`).join(', ');
    report.warn('specification', `does not reach ${name}${basis === 'dry' ? ' (dry basis)' : ''}: ${said}`);
  }
}
