/** The engine's Newton (issue 9): quadratic convergence, agreement with the direct solve, refusals. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileFlowsheet, FlexsheetError, solvePlant, type FlowsheetDoc } from '../../core';
import { solveSystem } from '../../core/newton';
import { PlantSystem, stateOf } from '../../core/numbers';
import { solveSparse } from '../../core/sparse';
import { registry } from '../../unit-ops';
import { registryWithRoot } from '../support/nonlinear-unit';
import { buildPlant, plantSpec } from '../support/random-plant';
import { doc } from '../support/solve';

function rootPlant(a: number): FlowsheetDoc {
  return doc({
    species: { 'NaCl(aq)': {}, 'H2O(l)': {} },
    units: {
      feed: { type: 'feed', flows: { 'NaCl(aq)': 400, 'H2O(l)': 2500 } },
      mix: { type: 'mixer' },
      root: { type: 'root', a },
      tee: { type: 'splitter', outlets: ['back', 'out'], fractions: { back: 0.5, out: 0.5 } },
      out: { type: 'product' },
    },
    streams: {
      s1: { from: 'feed.out', to: 'mix.in' },
      s2: { from: 'mix.out', to: 'root.in' },
      s3: { from: 'root.out', to: 'tee.in' },
      s4: { from: 'tee.back', to: 'mix.in' },
      s5: { from: 'tee.out', to: 'out.in' },
    },
  });
}

describe('Newton', () => {
  it('converges quadratically on a nonlinear unit inside a recycle (the residuals show it)', () => {
    const solution = solvePlant(compileFlowsheet(rootPlant(100), registryWithRoot));
    // In the loop y = √(a·(F + y/2)): y² − 50 y − 100 F = 0, y = 25 + √(625 + 100 F).
    const y = (F: number) => 25 + Math.sqrt(625 + 100 * F);
    const out = solution.x[solution.plant.streams[4].offset]; // NaCl in s5 = y/2
    expect(out).toBeCloseTo(y(400) / 2, 9);
    // Each species is its own loop (a block of its own): the history is one run of residuals per block.
    const runs: number[][] = [];
    for (const r of solution.newtonHistory) {
      if (!runs.length || r > runs.at(-1)!.at(-1)!) runs.push([]);
      runs.at(-1)!.push(r);
    }
    expect(runs).toHaveLength(2);
    for (const h of runs) {
      expect(h.at(-1)!).toBeLessThanOrEqual(1e-10);
      expect(h.length - 1).toBeLessThanOrEqual(12);
      // Quadratic: once the residual is small, the next is of the order of its square.
      const tail = h.filter((r) => r < 1e-2);
      for (let i = 1; i < tail.length; i++) expect(tail[i]).toBeLessThanOrEqual(10 * tail[i - 1] ** 2 + 1e-15);
    }
  });

  it('refuses a block that does not converge, with its units, its worst equations and the residual history', () => {
    try {
      solvePlant(compileFlowsheet(rootPlant(-1), registryWithRoot));
      expect.unreachable('accepted a plant with no real root');
    } catch (e) {
      expect(e).toBeInstanceOf(FlexsheetError);
      const [d] = (e as FlexsheetError).diagnostics;
      // y² = −(F + y/2) has no root with y ≥ 0: the Newton ends at y = 0, where the Jacobian 2y vanishes.
      expect(d.message).toMatch(/^the nonlinear equations of unit "root" \(root\) did not converge: /);
      expect(d.message).toMatch(/worst equations (H2O\(l\)|NaCl\(aq\)) in stream "s\d"/);
      expect(d.message).toMatch(/scaled residual by iteration \d\.\de[+-]\d+/);
    }
  });

  it('agrees with the direct solve to 1e-12 on random linear plants, started anywhere', () => {
    fc.assert(
      fc.property(plantSpec, fc.integer({ min: 1, max: 1e6 }), (spec, seed) => {
        const plant = compileFlowsheet(buildPlant(spec), registry);
        const system = new PlantSystem(plant, stateOf(new Float64Array(plant.nUnknowns), true));
        const direct = solveSparse(system.A, system.b);
        if (!direct.ok) throw new Error(direct.reason);
        // The mass balance alone (energy off), every unit treated as nonlinear, from a scrambled positive state.
        for (const w of system.setEnergy(false)) system.refill(w, stateOf(new Float64Array(plant.nUnknowns), true));
        for (let w = 0; w < system.writers; w++) if (!system.nonlinear.includes(w)) system.nonlinear.push(w);
        let s = seed;
        const start = Float64Array.from(direct.x, (v) => ((s = (s * 16807) % 2147483647), v * (0.5 + s / 2147483647)));
        const newton = solveSystem(system, { start });
        expect(newton.ok).toBe(true);
        if (!newton.ok) return;
        for (let i = 0; i < direct.x.length; i++) expect(Math.abs(newton.x[i] - direct.x[i])).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(direct.x[i])));
      }),
      { numRuns: 30 },
    );
  });
});
