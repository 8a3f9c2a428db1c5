import { describe, expect, it } from 'vitest';
import { run, worstImbalance } from './composite.test-helpers';
import { doc } from '../tests/support/solve';

describe('crystallizer', () => {
  it('crystallises the hexahydrate, evaporates water and splits crystals, mother liquor and vapour (hand calculation)', () => {
    const { r, n } = run(
      doc({
        species: { 'NiSO4(aq)': {}, 'H2O(l)': {}, 'H2O(g)': {}, 'NiSO4·6H2O(s)': {} },
        units: {
          feed: { type: 'feed', flows: { 'NiSO4(aq)': 10, 'H2O(l)': 500 } },
          cryst: {
            type: 'crystallizer',
            reactions: [
              { equation: 'NiSO4(aq) + 6 H2O(l) -> NiSO4·6H2O(s)', key: 'NiSO4(aq)', conversion: 0.7 },
              { equation: 'H2O(l) -> H2O(g)', key: 'H2O(l)', conversion: 0.5 },
            ],
            entrainment: 0.02,
          },
          salt: { type: 'product' },
          ml: { type: 'product' },
          steam: { type: 'product' },
        },
        streams: {
          s1: { from: 'feed.out', to: 'cryst.in' },
          xs: { from: 'cryst.crystals', to: 'salt.in' },
          ml: { from: 'cryst.motherLiquor', to: 'ml.in' },
          vap: { from: 'cryst.vapour', to: 'steam.in' },
        },
      }),
    );
    // 7 kmol/h hydrate uses 42 water; 458 left, half evaporates: 229 vapour, 229 liquor
    expect(n('xs', 'NiSO4·6H2O(s)')).toBeCloseTo(7, 10);
    expect(n('vap', 'H2O(g)')).toBeCloseTo(229, 9);
    expect(n('xs', 'H2O(l)')).toBeCloseTo(0.02 * 229, 9);
    expect(n('ml', 'H2O(l)')).toBeCloseTo(0.98 * 229, 9);
    expect(n('ml', 'NiSO4(aq)')).toBeCloseTo(0.98 * 3, 10);
    expect(worstImbalance(r)).toBeLessThan(1e-12);
  });
});
