import { describe, expect, it } from 'vitest';
import { run, worstImbalance } from './composite.test-helpers';
import { doc, problemsOf } from '../tests/support/solve';

/** 10 kmol/h LiCoO2 and 5 kmol/h graphite leached in 1000 kmol/h water with H2SO4 + H2O2. */
function leachDoc(over: Record<string, unknown> = {}, extraFeed: Record<string, number> = {}) {
  return doc({
    species: {
      'LiCoO2(s)': {},
      'Graphite(s)': { formula: 'C' },
      'H2SO4(aq)': {},
      'H2O2(aq)': {},
      'Li2SO4(aq)': {},
      'CoSO4(aq)': {},
      'H2O(l)': {},
      'O2(g)': {},
    },
    units: {
      bm: { type: 'feed', flows: { 'LiCoO2(s)': 10, 'Graphite(s)': 5, 'H2O(l)': 1000, ...extraFeed } },
      leach: {
        type: 'leach',
        reactions: [{ equation: '2 LiCoO2(s) + 3 H2SO4(aq) + H2O2(aq) -> Li2SO4(aq) + 2 CoSO4(aq) + 4 H2O(l) + O2(g)', key: 'LiCoO2(s)', conversion: 0.95 }],
        reagents: { 'H2SO4(aq)': { excess: 0.1 }, 'H2O2(aq)': {} },
        entrainment: 0.05,
        gas: 'vent',
        ...over,
      },
      residue: { type: 'product' },
      pls: { type: 'product' },
      offgas: { type: 'product' },
    },
    streams: {
      s1: { from: 'bm.out', to: 'leach.in' },
      res: { from: 'leach.residue', to: 'residue.in' },
      liq: { from: 'leach.liquor', to: 'pls.in' },
      gas: { from: 'leach.vent', to: 'offgas.in' },
    },
  });
}

describe('leach', () => {
  it('reacts, doses to demand and splits with entrainment (hand calculation)', () => {
    const { r, n, dose } = run(leachDoc());
    // extent ξ = 0.95·10/2 = 4.75 kmol/h; H2SO4 dose 1.1·3ξ = 15.675; H2O2 dose ξ = 4.75
    expect(dose('leach', 'H2SO4(aq)')).toBeCloseTo(15.675, 10);
    expect(dose('leach', 'H2O2(aq)')).toBeCloseTo(4.75, 10);
    // residue: unleached LiCoO2 0.5, all graphite, 5 % of the liquor
    expect(n('res', 'LiCoO2(s)')).toBeCloseTo(0.5, 10);
    expect(n('res', 'Graphite(s)')).toBeCloseTo(5, 10);
    expect(n('res', 'CoSO4(aq)')).toBeCloseTo(0.05 * 9.5, 10);
    expect(n('liq', 'CoSO4(aq)')).toBeCloseTo(0.95 * 9.5, 10);
    // free acid 15.675 − 14.25 = 1.425, 95 % of it in the liquor; water 1000 + 4·4.75
    expect(n('liq', 'H2SO4(aq)')).toBeCloseTo(0.95 * 1.425, 10);
    expect(n('liq', 'H2O(l)') + n('res', 'H2O(l)')).toBeCloseTo(1019, 9);
    // gas to the vent only
    expect(n('gas', 'O2(g)')).toBeCloseTo(4.75, 10);
    expect(n('liq', 'O2(g)')).toBe(0);
    expect(worstImbalance(r)).toBeLessThan(1e-12);
  });

  it('sends gases with the liquor when there is no vent, and lets solids pass by selector', () => {
    const d = leachDoc({ gas: 'liquor', solids: { 'phase:s': 0.99 } });
    delete (d.units as Record<string, unknown>).offgas;
    delete d.streams.gas;
    const { n } = run(d);
    expect(n('liq', 'O2(g)')).toBeCloseTo(4.75, 10);
    expect(n('liq', 'Graphite(s)')).toBeCloseTo(0.05, 10);
    expect(n('res', 'Graphite(s)')).toBeCloseTo(4.95, 10);
  });

  it('doses net of the acid that already enters when "net" is set', () => {
    const { dose } = run(leachDoc({ reagents: { 'H2SO4(aq)': { excess: 0.1, net: true }, 'H2O2(aq)': {} } }, { 'H2SO4(aq)': 5 }));
    expect(dose('leach', 'H2SO4(aq)')).toBeCloseTo(15.675 - 5, 10);
  });

  it('refuses an unknown gas routing and a vent that is not connected', () => {
    expect(problemsOf(leachDoc({ gas: 'stack' })).some((p) => p.path.startsWith('units.leach.gas'))).toBe(true);
    const d = leachDoc();
    delete d.streams.gas;
    expect(problemsOf(d).some((p) => /outlet "vent" is not connected/.test(p.message))).toBe(true);
  });

  it('refuses a solids fraction for a species that is not declared', () => {
    const [p] = problemsOf(leachDoc({ solids: { 'Cu(s)': 1 } }));
    expect(p.path).toBe('units.leach.solids["Cu(s)"]');
  });
});
