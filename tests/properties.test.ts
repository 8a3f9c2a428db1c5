/** Invariants over randomly generated valid flowsheets with recycles, reactions and SX circuits. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assemble } from '../core/assemble';
import { compileFlowsheet, solvePlant, tabulate } from '../core';
import { registry } from '../unit-ops';
import { buildPlant, plantSpec, renamed } from './support/random-plant';

const runs = { numRuns: 60 };

describe('random plants', () => {
  it('every unit equation holds to 1e-9 relative', () => {
    fc.assert(
      fc.property(plantSpec, (spec) => {
        const plant = compileFlowsheet(buildPlant(spec), registry);
        const { x } = solvePlant(plant);
        const { A, b } = assemble(plant, x); // nonlinear rows (the energy balance) linearised at the answer
        // Rounding of the plant's largest flow: a row of 1e-200 kmol/h (a 1e-184 recycle fraction) carries it.
        let largest = 0;
        for (let v = 0; v < plant.streams.length * plant.species.list.length; v++) largest = Math.max(largest, Math.abs(x[v]));
        for (let i = 0; i < A.n; i++) {
          let sum = -b[i];
          let scale = Math.abs(b[i]);
          for (let p = A.rowPtr[i]; p < A.rowPtr[i + 1]; p++) {
            sum += A.values[p] * x[A.colIdx[p]];
            scale += Math.abs(A.values[p] * x[A.colIdx[p]]);
          }
          expect(Math.abs(sum)).toBeLessThanOrEqual(1e-9 * scale + 1e-15 * largest);
        }
      }),
      runs,
    );
  });

  it('every element closes: feeds + reagents in = products out, to 1e-9 relative', () => {
    fc.assert(
      fc.property(plantSpec, (spec) => {
        const results = tabulate(solvePlant(compileFlowsheet(buildPlant(spec), registry)));
        for (const [el, { in: fed, out }] of Object.entries(results.elements)) {
          expect(Math.abs(out - fed), el).toBeLessThanOrEqual(1e-9 * fed);
        }
        for (const s of Object.values(results.streams)) for (const m of Object.values(s.massFlow)) expect(m).toBeGreaterThanOrEqual(0);
      }),
      runs,
    );
  });

  it('results do not change when ids are renamed and units, streams and species reordered', () => {
    fc.assert(
      fc.property(plantSpec, fc.array(fc.nat(1000), { minLength: 1, maxLength: 50 }), (spec, order) => {
        const doc = buildPlant(spec);
        const base = tabulate(solvePlant(compileFlowsheet(doc, registry)));
        const other = renamed(doc, order);
        const moved = tabulate(solvePlant(compileFlowsheet(other.doc, registry)));
        for (const [id, s] of Object.entries(base.streams)) {
          const t = moved.streams[other.streamName(id)];
          for (const sp of new Set([...Object.keys(s.molarFlow), ...Object.keys(t.molarFlow)])) {
            const a = s.molarFlow[sp] ?? 0;
            const c = t.molarFlow[sp] ?? 0;
            expect(Math.abs(a - c)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(a)));
          }
        }
        for (const [unit, rec] of Object.entries(base.recovery)) {
          for (const [el, r] of Object.entries(rec)) expect(moved.recovery[other.unitName(unit)][el]).toBeCloseTo(r, 9);
        }
      }),
      { numRuns: 30 },
    );
  });
});
