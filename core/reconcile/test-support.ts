/**
 * A registry of five tiny unit types for the tests of core/reconcile, so that they need nothing
 * outside core/: feed, product, mixer, splitter and doser (a reagent dosed in proportion to one
 * inlet species). The shipped units are tested against reconciliation in tests/reconcile/.
 */
import { compileFlowsheet } from '../compile';
import type { FlowsheetDoc } from '../document';
import { solvePlant } from '../solve';
import { createRegistry, type EquationBuilder, type UnitType } from '../unit-type';

function pass(eq: EquationBuilder, out: number, inlets: readonly number[], k: number, fraction: number): void {
  eq.begin(out + k);
  eq.term(out + k, 1);
  if (fraction !== 0) for (const base of inlets) eq.term(base + k, -fraction);
}

const feed: UnitType<{ flows: Record<string, number> }> = {
  type: 'feed',
  title: 'Feed',
  description: 'Fixed species flows',
  role: 'source',
  params: { flows: { kind: 'speciesAmounts', description: 'Flow of each species', required: true } },
  ports: () => [{ name: 'out', direction: 'out', description: 'out' }],
  compile(params, ctx) {
    const flows = new Map<number, number>();
    for (const [id, amount] of Object.entries(params.flows)) {
      const k = ctx.speciesIndex(id, `flows.${id}`);
      if (k === undefined) return undefined;
      flows.set(k, ctx.toKmolPerHour(k, amount));
    }
    return {
      equations(eq) {
        const out = eq.outlet('out');
        for (let k = 0; k < eq.nSpecies; k++) eq.equation(out + k, [out + k], [1], flows.get(k) ?? 0);
      },
    };
  },
};

const product: UnitType = {
  type: 'product',
  title: 'Product',
  description: 'Leaves the plant',
  role: 'sink',
  params: {},
  ports: () => [{ name: 'in', direction: 'in', multiple: true, description: 'in' }],
  compile: () => ({ equations: () => {} }),
};

const mixer: UnitType = {
  type: 'mixer',
  title: 'Mixer',
  description: 'Adds its inlets up',
  params: {},
  ports: () => [
    { name: 'in', direction: 'in', multiple: true, description: 'in' },
    { name: 'out', direction: 'out', description: 'out' },
  ],
  compile: () => ({
    equations(eq) {
      const out = eq.outlet('out');
      for (let k = 0; k < eq.nSpecies; k++) pass(eq, out, eq.inlets('in'), k, 1);
    },
  }),
};

const splitter: UnitType<{ outlets: string[]; fractions: Record<string, number> }> = {
  type: 'splitter',
  title: 'Splitter',
  description: 'Divides its inlet',
  params: {
    outlets: { kind: 'names', description: 'outlets', required: true },
    fractions: { kind: 'fractions', description: 'share of each outlet', required: true },
  },
  ports: (p) => [{ name: 'in', direction: 'in', description: 'in' }, ...p.outlets.map((name) => ({ name, direction: 'out' as const, description: name }))],
  compile: (params) => ({
    equations(eq) {
      params.outlets.forEach((name) => {
        for (let k = 0; k < eq.nSpecies; k++) pass(eq, eq.outlet(name), eq.inlets('in'), k, params.fractions[name] ?? 0);
      });
    },
  }),
};

/** Doses `reagent` at `ratio` kmol per kmol of `per` in its inlet; the outlet carries both. */
const doser: UnitType<{ reagent: string; per: string; ratio: number }> = {
  type: 'doser',
  title: 'Doser',
  description: 'A reagent dosed in proportion to an inlet species',
  params: {
    reagent: { kind: 'text', description: 'reagent species', required: true },
    per: { kind: 'text', description: 'the species it is dosed for', required: true },
    ratio: { kind: 'number', description: 'kmol of reagent per kmol', required: true },
  },
  ports: () => [
    { name: 'in', direction: 'in', description: 'in' },
    { name: 'out', direction: 'out', description: 'out' },
  ],
  compile(params, ctx) {
    const r = ctx.speciesIndex(params.reagent, 'reagent');
    const per = ctx.speciesIndex(params.per, 'per');
    if (r === undefined || per === undefined) return undefined;
    return {
      internals: 1,
      reagents: [{ species: r, internal: 0 }],
      describeInternal: () => `dose of ${params.reagent}`,
      equations(eq) {
        const out = eq.outlet('out');
        const inlets = eq.inlets('in');
        eq.begin(eq.internal(0));
        eq.term(eq.internal(0), 1);
        for (const base of inlets) eq.term(base + per, -params.ratio);
        for (let k = 0; k < eq.nSpecies; k++) {
          pass(eq, out, inlets, k, 1);
          if (k === r) eq.term(eq.internal(0), -1);
        }
      },
    };
  },
};

export const testRegistry = createRegistry([feed, product, mixer, splitter, doser]);

/** A flowsheet document around the parts given (kmol/h basis unless given). */
export function testDoc(parts: Pick<FlowsheetDoc, 'species' | 'units' | 'streams'> & Partial<FlowsheetDoc>): FlowsheetDoc {
  return { format: 'flexsheet/1', name: 'test', basis: 'kmol/h', ...parts };
}

/** Compiled and solved with the test registry. */
export function solveTest(doc: unknown) {
  const plant = compileFlowsheet(doc, testRegistry);
  return { plant, x: solvePlant(plant).x };
}
