import { describe, expect, it } from 'vitest';
import { plant, run, worstImbalance } from './composite.test-helpers';

describe('roaster', () => {
  it('oxidises with air dosed in excess; gases to the off-gas, dust by selector (hand calculation)', () => {
    const { r, n, dose } = run(
      plant({
        species: { 'Fe(s)': {}, 'Nd(s)': {}, 'O2(g)': {}, 'Fe2O3(s)': {}, 'Nd2O3(s)': {} },
        units: {
          scrap: { type: 'feed', flows: { 'Fe(s)': 10, 'Nd(s)': 2 } },
          roast: {
            type: 'roaster',
            reactions: [
              { equation: '4 Fe(s) + 3 O2(g) -> 2 Fe2O3(s)', key: 'Fe(s)', conversion: 1 },
              { equation: '4 Nd(s) + 3 O2(g) -> 2 Nd2O3(s)', key: 'Nd(s)', conversion: 0.9 },
            ],
            reagents: { 'O2(g)': { excess: 0.5 } },
            dust: { 'Fe2O3(s)': 0.01 },
          },
          calcine: { type: 'product' },
          stack: { type: 'product' },
        },
        streams: {
          s1: { from: 'scrap.out', to: 'roast.in' },
          c: { from: 'roast.calcine', to: 'calcine.in' },
          g: { from: 'roast.offgas', to: 'stack.in' },
        },
      }),
    );
    // O2 demand 0.75·10 + 0.75·1.8 = 8.85; dosed 1.5× = 13.275; 4.425 leaves in the off-gas
    expect(dose('roast', 'O2(g)', 31.998)).toBeCloseTo(13.275, 4);
    expect(n('g', 'O2(g)')).toBeCloseTo(4.425, 10);
    expect(n('c', 'O2(g)')).toBe(0);
    expect(n('c', 'Fe2O3(s)')).toBeCloseTo(0.99 * 5, 10);
    expect(n('g', 'Fe2O3(s)')).toBeCloseTo(0.01 * 5, 10);
    expect(n('c', 'Nd(s)')).toBeCloseTo(0.2, 10);
    expect(worstImbalance(r)).toBeLessThan(1e-12);
  });
});

describe('calciner', () => {
  it('calcines an oxalate hydrate to the oxide and dries the entrained water', () => {
    const { r, n, dose } = run(
      plant({
        species: { 'Nd2(C2O4)3·10H2O(s)': {}, 'Nd2O3(s)': {}, 'O2(g)': {}, 'CO2(g)': {}, 'H2O(g)': {}, 'H2O(l)': {} },
        units: {
          cake: { type: 'feed', flows: { 'Nd2(C2O4)3·10H2O(s)': 1, 'H2O(l)': 3 } },
          kiln: {
            type: 'calciner',
            reactions: [
              { equation: 'H2O(l) -> H2O(g)', key: 'H2O(l)', conversion: 1 },
              { equation: 'Nd2(C2O4)3·10H2O(s) + 1.5 O2(g) -> Nd2O3(s) + 6 CO2(g) + 10 H2O(g)', key: 'Nd2(C2O4)3·10H2O(s)', conversion: 1 },
            ],
            reagents: { 'O2(g)': { excess: 1 } },
          },
          oxide: { type: 'product' },
          stack: { type: 'product' },
        },
        streams: {
          s1: { from: 'cake.out', to: 'kiln.in' },
          c: { from: 'kiln.calcine', to: 'oxide.in' },
          g: { from: 'kiln.offgas', to: 'stack.in' },
        },
      }),
    );
    expect(dose('kiln', 'O2(g)', 31.998)).toBeCloseTo(3, 4);
    expect(n('c', 'Nd2O3(s)')).toBeCloseTo(1, 10);
    expect(r.grade.oxide.species['Nd2O3(s)']).toBeCloseTo(1, 12);
    expect(n('g', 'H2O(g)')).toBeCloseTo(13, 10);
    expect(n('g', 'CO2(g)')).toBeCloseTo(6, 10);
    expect(worstImbalance(r)).toBeLessThan(1e-12);
  });
});
