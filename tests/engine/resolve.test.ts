/** A compiled plant changed and re-solved in place gives what a cold solve of the changed file gives (issue 9). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePlant, type FlowsheetDoc } from '../../core';
import { registry } from '../../unit-ops';
import { buildPlant, plantSpec } from '../support/random-plant';
import { solveDoc } from '../support/solve';

const root = join(import.meta.dirname, '..', '..');

function sameFlows(a: Float64Array, b: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) expect(Math.abs(a[i] - b[i])).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(b[i])));
}

describe('plant.set then solve', () => {
  it('equals a cold solve of the changed file to 1e-12, for random plants and a changed recycle fraction', () => {
    fc.assert(
      fc.property(plantSpec, fc.double({ min: 0.05, max: 0.9, noNaN: true }), (spec, f) => {
        const doc = buildPlant(spec);
        const plant = compilePlant(doc, registry);
        plant.solve();
        plant.set(['units', 'split0', 'fractions', 'back'], f);
        const warm = plant.solve();
        const changed: FlowsheetDoc = JSON.parse(JSON.stringify(doc));
        (changed.units.split0 as unknown as { fractions: Record<string, number> }).fractions = { back: f, on: 1 - f };
        const cold = solveDoc(changed).solution;
        sameFlows(warm.x, cold.x, cold.plant.streams.length * cold.plant.species.list.length);
      }),
      { numRuns: 25 },
    );
  });

  it('equals a cold solve for the shipped black-mass plant after a new feed flow, again and again', () => {
    const text = readFileSync(join(root, 'flowsheets', 'black-mass.json'), 'utf8');
    const plant = compilePlant(text, registry, { mode: 'nmc622' });
    plant.solve();
    // The file feeds 3,600 kg/h of leach water: 10 % less, 10 % more, and back.
    for (const water of [3240, 3960, 3600]) {
      plant.set(['units', 'leach_water', 'flows', 'H2O(l)'], water);
      const warm = plant.solve();
      const doc: FlowsheetDoc = JSON.parse(text);
      (doc.units.leach_water as unknown as { flows: Record<string, number> }).flows['H2O(l)'] = water;
      const cold = solveDoc(doc, 'nmc622').solution;
      sameFlows(warm.x, cold.x, cold.plant.streams.length * cold.plant.species.list.length);
    }
  });

  it('refuses a value outside the parameter\'s bounds and changes nothing', () => {
    const plant = compilePlant(buildPlant(fc.sample(plantSpec, { numRuns: 1, seed: 5 })[0]), registry);
    const before = Float64Array.from(plant.solve().x);
    expect(() => plant.set(['units', 'split0', 'fractions', 'back'], 1.5)).toThrow(/units\.split0\.fractions\.back: unit "split0": fractions\.back must be ≤ 1 \(is 1\.5\)/);
    expect(Array.from(plant.solve().x)).toEqual(Array.from(before));
  });
});

describe('solver statistics', () => {
  it('count the blocks of the analysed pattern and give the residual of the solution, cold and re-solved', () => {
    const text = readFileSync(join(root, 'tests', 'fixtures', 'recycle-purge.json'), 'utf8');
    const plant = compilePlant(text, registry);
    const cold = plant.solve().stats;
    // By hand: 4 streams × (2 species + T) = 12 unknowns. The blocks, in solve order: the feed's
    // NaCl and H2O in s1 (2 singletons); per species the loop s2 = s1 + s3, s3 = 0.9 s2 (2 blocks
    // of 2); the purge's flows s4 = 0.1 s2 (2 singletons); T of s1 (held by the feed); and the
    // loop's temperatures: the mixer's balance gives T of s2 from s1 and s3, the adiabatic
    // splitter's balance over both outlets gives T of s3 (so T of s4 is in it), T of s4 = T of s3:
    // one block of 3. 8 blocks, the largest 3.
    expect([cold.unknowns, cold.blocks, cold.largestBlock]).toEqual([12, 8, 3]);
    expect(cold.relativeResidual).toBeLessThan(1e-14);
    const doc = JSON.parse(text) as FlowsheetDoc;
    const splitter = Object.entries(doc.units).find(([, u]) => u.type === 'splitter')!;
    const outlet = Object.keys((splitter[1] as unknown as { fractions: Record<string, number> }).fractions)[0];
    plant.set(['units', splitter[0], 'fractions', outlet], 0.5);
    const again = plant.solve().stats;
    expect([again.blocks, again.largestBlock]).toEqual([cold.blocks, cold.largestBlock]);
    expect(again.relativeResidual).toBeLessThan(1e-14);
  });
});
