import { describe, expect, it } from 'vitest';
import { run, worstImbalance } from './composite.test-helpers';
import { doc } from '../tests/support/solve';

function li2co3(over: Record<string, unknown> = {}, feedExtra: Record<string, number> = {}) {
  return doc({
    species: { 'Li2SO4(aq)': {}, 'Na2CO3(aq)': {}, 'Li2CO3(s)': {}, 'Na2SO4(aq)': {}, 'H2O(l)': {} },
    units: {
      liquor: { type: 'feed', flows: { 'Li2SO4(aq)': 10, 'H2O(l)': 500, ...feedExtra } },
      precip: {
        type: 'precipitator',
        reactions: [{ equation: 'Li2SO4(aq) + Na2CO3(aq) -> Li2CO3(s) + Na2SO4(aq)', key: 'Li2SO4(aq)', conversion: 0.8 }],
        reagents: { 'Na2CO3(aq)': { excess: 0.2 } },
        entrainment: 0.1,
        ...over,
      },
      cake: { type: 'product' },
      ml: { type: 'product' },
    },
    streams: {
      s1: { from: 'liquor.out', to: 'precip.in' },
      solids: { from: 'precip.solids', to: 'cake.in' },
      liq: { from: 'precip.liquor', to: 'ml.in' },
    },
  });
}

describe('precipitator', () => {
  it('precipitates, doses with excess and keeps a share of the liquor in the cake (hand calculation)', () => {
    const { r, n, dose } = run(li2co3());
    // ξ = 0.8·10 = 8; Na2CO3 dose 1.2·8 = 9.6, of which 1.6 left in solution
    expect(dose('precip', 'Na2CO3(aq)')).toBeCloseTo(9.6, 10);
    expect(n('solids', 'Li2CO3(s)')).toBeCloseTo(8, 10);
    expect(n('solids', 'Li2SO4(aq)')).toBeCloseTo(0.1 * 2, 10);
    expect(n('liq', 'Li2SO4(aq)')).toBeCloseTo(0.9 * 2, 10);
    expect(n('liq', 'Na2CO3(aq)')).toBeCloseTo(0.9 * 1.6, 10);
    expect(n('liq', 'Na2SO4(aq)')).toBeCloseTo(0.9 * 8, 10);
    expect(n('liq', 'Li2CO3(s)')).toBe(0);
    expect(worstImbalance(r)).toBeLessThan(1e-12);
  });

  it('net dosing subtracts the reagent already in the feed (recycled mother liquor)', () => {
    const { dose } = run(li2co3({ reagents: { 'Na2CO3(aq)': { excess: 0.2, net: true } } }, { 'Na2CO3(aq)': 1.5 }));
    expect(dose('precip', 'Na2CO3(aq)')).toBeCloseTo(9.6 - 1.5, 10);
  });

  it('loses uncaught solids to the liquor', () => {
    const { n } = run(li2co3({ solids: { 'Li2CO3(s)': 0.98 } }));
    expect(n('liq', 'Li2CO3(s)')).toBeCloseTo(0.02 * 8, 10); // 2 % of the 0.8·10 = 8 kmol/h made
  });
});
