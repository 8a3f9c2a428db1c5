import { describe, expect, it } from 'vitest';
import { doc, problemsOf, solveDoc } from '../tests/support/solve';

/**
 * A wet Li2CO3 cake sold against a specification. Flows in kmol/h (the default basis):
 * Li2CO3(s) 1 (73.89 kg), Na2SO4(aq) 0.005 (0.710 kg), H2O(l) 1 (18.015 kg).
 * Molar masses (IUPAC weights of the core): Li2CO3 2·6.94 + 12.011 + 3·15.999 = 73.888;
 * Na2SO4 2·22.98977 + 32.06 + 4·15.999 = 142.036; H2O 2·1.008 + 15.999 = 18.015.
 */
const Na = 22.98976928;
const M = { Li2CO3: 2 * 6.94 + 12.011 + 3 * 15.999, Na2SO4: 2 * Na + 32.06 + 4 * 15.999, H2O: 2 * 1.008 + 15.999 };
const wet = M.Li2CO3 + 0.005 * M.Na2SO4 + M.H2O;
const dry = M.Li2CO3 + 0.005 * M.Na2SO4;

function cake(specification: Record<string, unknown>) {
  return doc({
    species: { 'Li2CO3(s)': {}, 'Na2SO4(aq)': {}, 'H2O(l)': {} },
    units: {
      cake: { type: 'feed', flows: { 'Li2CO3(s)': 1, 'Na2SO4(aq)': 0.005, 'H2O(l)': 1 } },
      li2co3: { type: 'product', specification },
    },
    streams: { s: { from: 'cake.out', to: 'li2co3.in' } },
  });
}

describe('product specification', () => {
  it('checks species and element fractions on a dry basis (hand calculation above)', () => {
    const { results } = solveDoc(cake({ name: 'battery-grade Li2CO3', basis: 'dry', min: { 'Li2CO3(s)': 0.985 }, max: { Na: 0.0005 } }));
    const s = results.specifications!.li2co3;
    expect(s.checks[0]).toMatchObject({ of: 'Li2CO3(s)', bound: 'min', limit: 0.985, met: true });
    expect(s.checks[0].value).toBeCloseTo(M.Li2CO3 / dry, 12); // 0.99048
    expect(s.checks[1]).toMatchObject({ of: 'Na', bound: 'max', limit: 0.0005, met: false });
    expect(s.checks[1].value).toBeCloseTo((0.01 * Na) / dry, 12); // 0.2299 / 74.598 = 0.00308
    expect(s.met).toBe(false);
    const w = results.warnings!.find((d) => d.path === 'units.li2co3.specification');
    expect(w?.message).toMatch(/unit "li2co3": does not reach battery-grade Li2CO3 \(dry basis\): Na 0\.308 % \(max 0\.05 %\)/);
  });

  it('on the wet basis counts the moisture, and says nothing when every limit is met', () => {
    const { results } = solveDoc(cake({ name: 'technical Li2CO3', min: { 'Li2CO3(s)': 0.79 } }));
    const s = results.specifications!.li2co3;
    expect(s.basis).toBe('wet');
    expect(s.checks[0].value).toBeCloseTo(M.Li2CO3 / wet, 12); // 0.79889
    expect(s.met).toBe(true);
    expect(results.warnings!.filter((d) => d.unit === 'li2co3')).toEqual([]);
  });

  it('refuses a limit on something that is neither a species nor an element, with its place', () => {
    const [p] = problemsOf(cake({ name: 'x', min: { 'LiOH(s)': 0.5 } }));
    expect(p.path).toBe('units.li2co3.specification.min.LiOH(s)');
    expect(p.message).toMatch(/"LiOH\(s\)" is neither a species of the plant nor an element symbol/);
  });

  it('refuses a specification without limits or with a fraction above 1 (schema)', () => {
    expect(problemsOf(cake({ name: 'x' })).length).toBeGreaterThan(0);
    expect(problemsOf(cake({ name: 'x', min: { Li: 1.5 } }))[0].path).toMatch(/^units\.li2co3\.specification\.min\.Li/);
  });
});
