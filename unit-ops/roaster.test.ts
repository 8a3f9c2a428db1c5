import { describe, expect, it } from 'vitest';
import { run, worstImbalance } from './composite.test-helpers';
import { doc } from '../tests/support/solve';

/** Feed → kiln (roaster or calciner) → calcine and off-gas products, streams c and g. */
function kilnDoc(type: string, species: string[], flows: Record<string, number>, kiln: Record<string, unknown>) {
  return doc({
    species: Object.fromEntries(species.map((id) => [id, {}])),
    units: {
      feed: { type: 'feed', flows },
      kiln: { type, ...kiln },
      calcine: { type: 'product' },
      stack: { type: 'product' },
    },
    streams: {
      s1: { from: 'feed.out', to: 'kiln.in' },
      c: { from: 'kiln.calcine', to: 'calcine.in' },
      g: { from: 'kiln.offgas', to: 'stack.in' },
    },
  });
}

describe('roaster', () => {
  it('oxidises with air dosed in excess; gases to the off-gas, dust by selector (hand calculation)', () => {
    const { r, n, dose } = run(
      kilnDoc('roaster', ['Fe(s)', 'Nd(s)', 'O2(g)', 'Fe2O3(s)', 'Nd2O3(s)'], { 'Fe(s)': 10, 'Nd(s)': 2 }, {
        reactions: [
          { equation: '4 Fe(s) + 3 O2(g) -> 2 Fe2O3(s)', key: 'Fe(s)', conversion: 1 },
          { equation: '4 Nd(s) + 3 O2(g) -> 2 Nd2O3(s)', key: 'Nd(s)', conversion: 0.9 },
        ],
        reagents: { 'O2(g)': { excess: 0.5 } },
        dust: { 'Fe2O3(s)': 0.01 },
      }),
    );
    // O2 demand 3/4·10 (Fe) + 3/4·(0.9·2) (Nd) = 8.85; dosed 1.5× = 13.275; 13.275 − 8.85 = 4.425 leaves
    // in the off-gas. Fe2O3 made 10/2 = 5, 1 % of it as dust; Nd left 2 − 1.8 = 0.2
    expect(dose('kiln', 'O2(g)')).toBeCloseTo(13.275, 10);
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
      kilnDoc('calciner', ['Nd2(C2O4)3·10H2O(s)', 'Nd2O3(s)', 'O2(g)', 'CO2(g)', 'H2O(g)', 'H2O(l)'], { 'Nd2(C2O4)3·10H2O(s)': 1, 'H2O(l)': 3 }, {
        reactions: [
          { equation: 'H2O(l) -> H2O(g)', key: 'H2O(l)', conversion: 1 },
          { equation: 'Nd2(C2O4)3·10H2O(s) + 1.5 O2(g) -> Nd2O3(s) + 6 CO2(g) + 10 H2O(g)', key: 'Nd2(C2O4)3·10H2O(s)', conversion: 1 },
        ],
        reagents: { 'O2(g)': { excess: 1 } },
      }),
    );
    // ξ = 1 kmol/h oxalate: O2 demand 1.5ξ = 1.5, dosed (1 + 1)× = 3; 1 Nd2O3 is the only solid left;
    // vapour 3 (dried) + 10ξ = 13 H2O(g); 6ξ = 6 CO2(g)
    expect(dose('kiln', 'O2(g)')).toBeCloseTo(3, 10);
    expect(n('c', 'Nd2O3(s)')).toBeCloseTo(1, 10);
    expect(r.grade.calcine.species['Nd2O3(s)']).toBeCloseTo(1, 12);
    expect(n('g', 'H2O(g)')).toBeCloseTo(13, 10);
    expect(n('g', 'CO2(g)')).toBeCloseTo(6, 10);
    expect(worstImbalance(r)).toBeLessThan(1e-12);
  });
});
