import { describe, expect, it } from 'vitest';
import { doc, molar, problemsOf, solveDoc } from '../tests/support/solve';

const LEACH = '2 LiCoO2(s) + 3 H2SO4(aq) + H2O2(aq) -> Li2SO4(aq) + 2 CoSO4(aq) + 4 H2O(l) + O2(g)';

function leach(reactor: Record<string, unknown>, feedFlows: Record<string, number> = { 'LiCoO2(s)': 10, 'H2O(l)': 500 }) {
  return doc({
    species: {
      'LiCoO2(s)': {},
      'H2SO4(aq)': {},
      'H2O2(aq)': {},
      'Li2SO4(aq)': {},
      'CoSO4(aq)': {},
      'H2O(l)': {},
      'O2(g)': {},
      'Co(OH)2(s)': {},
      'NaOH(aq)': {},
      'Na2SO4(aq)': {},
    },
    units: {
      bm: { type: 'feed', flows: feedFlows },
      r1: { type: 'reactor', ...reactor },
      out: { type: 'product' },
    },
    streams: { a: { from: 'bm.out', to: 'r1.in' }, b: { from: 'r1.out', to: 'out.in' } },
  });
}

describe('reactor', () => {
  it('doses reagents at (1 + excess) × demand: hand calculation for the FORMAT.md leach', () => {
    // ξ = 0.95 · 10 / 2 = 4.75 kmol/h; H2SO4 demand 3ξ = 14.25, dosed 1.1 × 14.25 = 15.675 kmol/h;
    // H2O2 demand ξ = 4.75 dosed exactly; LiCoO2 left 10 − 2ξ = 0.5; CoSO4 made 2ξ = 9.5;
    // H2O 500 + 4ξ = 519; H2SO4 left in the product 15.675 − 14.25 = 1.425.
    const { results } = solveDoc(
      leach({ reactions: [{ equation: LEACH, key: 'LiCoO2(s)', conversion: 0.95 }], reagents: { 'H2SO4(aq)': { excess: 0.1 }, 'H2O2(aq)': {} } }),
    );
    expect(results.reagents.r1['H2SO4(aq)']).toBeCloseTo(15.675 * 98.072, 6); // kg/h, M(H2SO4) = 2·1.008 + 32.06 + 4·15.999
    expect(results.reagents.r1['H2O2(aq)']).toBeCloseTo(4.75 * 34.014, 6); // M(H2O2) = 2·1.008 + 2·15.999
    expect(molar(results, 'b', 'LiCoO2(s)')).toBeCloseTo(0.5, 12);
    expect(molar(results, 'b', 'CoSO4(aq)')).toBeCloseTo(9.5, 12);
    expect(molar(results, 'b', 'Li2SO4(aq)')).toBeCloseTo(4.75, 12);
    expect(molar(results, 'b', 'H2O(l)')).toBeCloseTo(519, 10);
    expect(molar(results, 'b', 'H2SO4(aq)')).toBeCloseTo(1.425, 12);
    expect(molar(results, 'b', 'H2O2(aq)')).toBeCloseTo(0, 12);
    expect(results.recovery.out.Co).toBeCloseTo(1, 12);
  });

  it('applies reactions in series: each conversion acts on what the reactions before it left', () => {
    // Leach converts 60 % of 10 LiCoO2 → 6 CoSO4 (ξ1 = 3); the precipitation then converts 50 % of
    // the CoSO4 present (6) → 3 Co(OH)2 (ξ2 = 3), NaOH dosed at 2ξ2 = 6 kmol/h.
    const { results } = solveDoc(
      leach({
        reactions: [
          { equation: LEACH, key: 'LiCoO2(s)', conversion: 0.6 },
          { equation: 'CoSO4(aq) + 2 NaOH(aq) -> Co(OH)2(s) + Na2SO4(aq)', key: 'CoSO4(aq)', conversion: 0.5 },
        ],
        reagents: { 'H2SO4(aq)': {}, 'H2O2(aq)': {}, 'NaOH(aq)': {} },
      }),
    );
    expect(molar(results, 'b', 'Co(OH)2(s)')).toBeCloseTo(3, 12);
    expect(molar(results, 'b', 'CoSO4(aq)')).toBeCloseTo(3, 12);
    expect(molar(results, 'b', 'LiCoO2(s)')).toBeCloseTo(4, 12);
    expect(results.reagents.r1['NaOH(aq)'] / (22.98976928 + 15.999 + 1.008)).toBeCloseTo(6, 10); // M(NaOH), IUPAC weights
  });

  it('doses net of the reagent already entering when asked ("net": true)', () => {
    // Demand 3ξ = 3 · 0.5 · 10/2 · … : ξ = 2.5, H2SO4 demand 7.5; 2 kmol/h already come with the feed → dose 5.5.
    const { results } = solveDoc(
      leach(
        { reactions: [{ equation: LEACH, key: 'LiCoO2(s)', conversion: 0.5 }], reagents: { 'H2SO4(aq)': { net: true }, 'H2O2(aq)': {} } },
        { 'LiCoO2(s)': 10, 'H2O(l)': 500, 'H2SO4(aq)': 2 },
      ),
    );
    expect(results.reagents.r1['H2SO4(aq)'] / 98.072).toBeCloseTo(5.5, 10);
    expect(molar(results, 'b', 'H2SO4(aq)')).toBeCloseTo(0, 12);
  });

  it('refuses a reaction that consumes more than is fed, naming unit and species', () => {
    const problems = problemsOf(leach({ reactions: [{ equation: LEACH, key: 'LiCoO2(s)', conversion: 0.95 }], reagents: { 'H2SO4(aq)': {} } }));
    expect(problems).toHaveLength(1);
    // ½ H2O2 per LiCoO2 reacted: 10 kmol/h × 0.95 × ½ = 4.75 kmol/h, none of it fed.
    expect(problems[0].message).toMatch(/unit "r1" consumes 4\.750 kmol\/h \(161\.6 kg\/h\) more H2O2\(aq\) than reaches it/);
    expect(problems[0].species).toBe('H2O2(aq)');
    expect(problems[0].unit).toBe('r1');
  });

  it('refuses an unbalanced reaction, naming the unit, the reaction and the element that is off', () => {
    const bad = '2 LiCoO2(s) + 3 H2SO4(aq) + H2O2(aq) -> Li2SO4(aq) + 2 CoSO4(aq) + 3 H2O(l) + O2(g)';
    const problems = problemsOf(leach({ reactions: [{ equation: bad, key: 'LiCoO2(s)', conversion: 1 }] }));
    for (const p of problems) {
      expect(p.path).toBe('units.r1.reactions[0].equation');
      expect(p.message).toContain('unit "r1"');
      expect(p.message).toContain(bad);
    }
    // Left: H 3·2 + 2 = 8; right: 3·2 = 6 → H off by 2. O: left 4 + 12 + 2 = 18; right 4 + 8 + 3 + 2 = 17.
    expect(problems.map((p) => p.message).join('\n')).toMatch(/H is off by 2 \(8 on the left, 6 on the right\)/);
    expect(problems.map((p) => p.message).join('\n')).toMatch(/O is off by 1 \(18 on the left, 17 on the right\)/);
  });

  it('refuses a key that the reaction does not consume and a reagent no reaction consumes', () => {
    const problems = problemsOf(
      leach({ reactions: [{ equation: LEACH, key: 'CoSO4(aq)', conversion: 1 }], reagents: { 'NaOH(aq)': {} } }),
    );
    expect(problems.map((p) => p.path)).toContain('units.r1.reactions[0].key');
    expect(problems.find((p) => p.path === 'units.r1.reactions[0].key')!.message).toMatch(/not consumed by reaction 1/);
  });
});
