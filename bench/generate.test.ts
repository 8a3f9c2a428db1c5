/** The plant generator makes valid, solvable, closing plants of the size asked, deterministically. */
import { describe, expect, it } from 'vitest';
import { compileFlowsheet, solvePlant, tabulate } from '../core';
import { registry } from '../unit-ops';
import { generatePlant, MIN_UNITS } from './generate';

function solveGenerated(units: number, species: number, seed: number) {
  const doc = generatePlant({ units, species, seed });
  const results = tabulate(solvePlant(compileFlowsheet(JSON.parse(JSON.stringify(doc)), registry)));
  return { doc, results };
}

describe('generatePlant', () => {
  for (const [units, species, seed] of [
    [10, 20, 1],
    [10, 40, 2],
    [60, 20, 3],
    [60, 30, 4],
    [60, 40, 5],
  ] as const) {
    it(`${units} units, ${species} species, seed ${seed}: exact size, solves, every element closes to 1e-9`, () => {
      const { doc, results } = solveGenerated(units, species, seed);
      expect(Object.keys(doc.units)).toHaveLength(units);
      expect(Object.keys(doc.species)).toHaveLength(species);
      const elements = Object.entries(results.elements);
      expect(elements.length).toBeGreaterThan(5);
      for (const [el, { in: fed, out }] of elements) {
        expect(fed, el).toBeGreaterThan(0);
        expect(Math.abs(out - fed), el).toBeLessThanOrEqual(1e-9 * fed);
      }
      for (const s of Object.values(results.streams)) for (const m of Object.values(s.massFlow)) expect(m).toBeGreaterThanOrEqual(0);
      expect(results.solver.relativeResidual).toBeLessThan(1e-12);
    });
  }

  it('has the parts a real plant has at 60 units: leach with acid dosed, SX with closed organic, EW, recycles', () => {
    const { doc, results } = solveGenerated(60, 30, 4);
    const types = Object.values(doc.units).map((u) => u.type);
    for (const t of ['feed', 'product', 'mixer', 'splitter', 'separator', 'reactor', 'sx']) expect(types, t).toContain(t);
    const sx = Object.entries(doc.units).filter(([, u]) => u.type === 'sx');
    expect(sx.length).toBeGreaterThanOrEqual(2);
    for (const [, u] of sx) expect(u.stages as number).toBeGreaterThanOrEqual(2);
    for (const [, u] of sx) expect(u.stages as number).toBeLessThanOrEqual(6);
    // Acid is dosed to the leach and lime to neutralisation; metal plates out as cathode.
    const doses = Object.values(results.reagents).flatMap((d) => Object.entries(d));
    expect(doses.some(([sp, m]) => sp === 'H2SO4(aq)' && m > 0)).toBe(true);
    expect(doses.some(([sp, m]) => sp === 'CaO(s)' && m > 0)).toBe(true);
    const cathodes = Object.keys(doc.units).filter((id) => id.endsWith('_cathode'));
    expect(cathodes.length).toBeGreaterThan(0);
    for (const id of cathodes) expect(results.grade[id].massFlow).toBeGreaterThan(0);
    // The organic circuits are closed: the extraction's organic comes back from its own splitter.
    const orgIn = Object.values(doc.streams).filter((s) => s.to.endsWith('_ext.orgIn'));
    expect(orgIn.length).toBe(sx.length / 2);
    for (const s of orgIn) expect(s.from).toMatch(/_orgSplit\.recycle$/);
  });

  it('is deterministic for a seed, and the seed matters', () => {
    const a = JSON.stringify(generatePlant({ units: 60, species: 30, seed: 42 }));
    const b = JSON.stringify(generatePlant({ units: 60, species: 30, seed: 42 }));
    const c = JSON.stringify(generatePlant({ units: 60, species: 30, seed: 43 }));
    expect(a).toBe(b);
    expect(c).not.toBe(a);
  });

  it('makes every size from the smallest up to 120 units exactly, and each solves', () => {
    for (let units = MIN_UNITS; units <= 120; units += 7) {
      const { doc, results } = solveGenerated(units, 24, units);
      expect(Object.keys(doc.units)).toHaveLength(units);
      for (const [el, { in: fed, out }] of Object.entries(results.elements)) expect(Math.abs(out - fed), el).toBeLessThanOrEqual(1e-9 * fed);
    }
  });

  it('refuses sizes it cannot make', () => {
    expect(() => generatePlant({ units: MIN_UNITS - 1, species: 20, seed: 1 })).toThrow(RangeError);
    expect(() => generatePlant({ units: 100, species: 5, seed: 1 })).toThrow(RangeError);
    expect(() => generatePlant({ units: 100, species: 500, seed: 1 })).toThrow(RangeError);
  });
});
