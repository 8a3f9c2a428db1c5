import { describe, expect, it } from 'vitest';
import { ChemistryError } from './errors';
import { parseSpeciesId } from './formula';
import { checkBalance, describeImbalance, parseEquation, stoichiometry, type Imbalance } from './reaction';

/** Every species id parses as its own formula; `Foo(aq)` and friends are "not declared". */
const lookup = (id: string) => {
  try {
    return parseSpeciesId(id);
  } catch {
    return undefined;
  }
};

const balance = (text: string) => checkBalance(parseEquation(text), lookup);

function errorOf(f: () => unknown): ChemistryError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ChemistryError);
    return e as ChemistryError;
  }
  throw new Error('expected a ChemistryError, got no error');
}

const LCO_LEACH =
  '2 LiCoO2(s) + 3 H2SO4(aq) + H2O2(aq) -> Li2SO4(aq) + 2 CoSO4(aq) + 4 H2O(l) + O2(g)';

describe('parseEquation', () => {
  it('reads the FORMAT.md example', () => {
    expect(parseEquation(LCO_LEACH)).toEqual({
      left: [
        { species: 'LiCoO2(s)', coefficient: 2 },
        { species: 'H2SO4(aq)', coefficient: 3 },
        { species: 'H2O2(aq)', coefficient: 1 },
      ],
      right: [
        { species: 'Li2SO4(aq)', coefficient: 1 },
        { species: 'CoSO4(aq)', coefficient: 2 },
        { species: 'H2O(l)', coefficient: 4 },
        { species: 'O2(g)', coefficient: 1 },
      ],
    });
  });

  it('accepts "->", "=" and "→" alike', () => {
    const expected = parseEquation('H2(g) + 0.5 O2(g) -> H2O(l)');
    expect(parseEquation('H2(g) + 0.5 O2(g) = H2O(l)')).toEqual(expected);
    expect(parseEquation('H2(g) + 0.5 O2(g) → H2O(l)')).toEqual(expected);
    expect(parseEquation('H2(g)+0.5 O2(g)->H2O(l)')).toEqual(expected); // "+" right after ")"
    expect(parseEquation('  H2(g)  +\t0.5   O2(g)   ->   H2O(l)  ')).toEqual(expected);
  });

  it('reads decimal coefficients and leaves the "+" of a charge alone', () => {
    expect(parseEquation('Co[2+](aq) + 2 OH[-](aq) -> Co(OH)2(s)')).toEqual({
      left: [
        { species: 'Co[2+](aq)', coefficient: 1 },
        { species: 'OH[-](aq)', coefficient: 2 },
      ],
      right: [{ species: 'Co(OH)2(s)', coefficient: 1 }],
    });
    expect(parseEquation('.5 O2(g) + 1.0 H2(g) -> H2O(l)').left.map((t) => t.coefficient)).toEqual([0.5, 1]);
  });

  it('sums a species listed twice on one side and nets one on both sides', () => {
    expect(parseEquation('H2(g) + H2(g) + O2(g) -> 2 H2O(l)').left).toEqual([
      { species: 'H2(g)', coefficient: 2 },
      { species: 'O2(g)', coefficient: 1 },
    ]);
    // 1 H2O on the left, 4 on the right → 3 on the right
    expect(parseEquation('A(aq) + H2O(l) -> B(aq) + 4 H2O(l)')).toEqual({
      left: [{ species: 'A(aq)', coefficient: 1 }],
      right: [
        { species: 'B(aq)', coefficient: 1 },
        { species: 'H2O(l)', coefficient: 3 },
      ],
    });
    // a catalyst that cancels is dropped
    expect(parseEquation('A(aq) + Fe[3+](aq) -> B(aq) + Fe[3+](aq)')).toEqual({
      left: [{ species: 'A(aq)', coefficient: 1 }],
      right: [{ species: 'B(aq)', coefficient: 1 }],
    });
  });

  const bad: [string, string][] = [
    ['A(aq) + B(aq)', 'missing arrow in "A(aq) + B(aq)": write "->" or "=" between reactants and products'],
    [' -> B(aq)', 'nothing on the left of "->" in " -> B(aq)"'],
    ['A(aq) =  ', 'nothing on the right of "=" in "A(aq) =  "'],
    ['A(aq) -> B(aq) -> C(aq)', 'more than one arrow in "A(aq) -> B(aq) -> C(aq)": "->" at character 7 and "->" at character 16'],
    ['A(aq) <-> B(aq)', 'reversible arrow "<->" (at character 7 of "A(aq) <-> B(aq)")'],
    ['A(aq) ⇌ B(aq)', 'reversible arrow "⇌" (at character 7 of "A(aq) ⇌ B(aq)")'],
    ['A(aq) => B(aq)', '"=>" is not an arrow (at character 7 of "A(aq) => B(aq)")'],
    ['0 A(aq) -> B(aq)', 'the coefficient "0" must be greater than zero (at character 1 of "0 A(aq) -> B(aq)")'],
    ['A(aq) -> -2 B(aq)', 'the coefficient "-2" must be greater than zero (at character 10 of "A(aq) -> -2 B(aq)")'],
    ['two A(aq) -> B(aq)', 'bad coefficient "two" (at character 1 of "two A(aq) -> B(aq)")'],
    ['1.5.2 A(aq) -> B(aq)', 'bad coefficient "1.5.2" (at character 1 of "1.5.2 A(aq) -> B(aq)")'],
    ['2H2O(l) -> 2 H2(g) + O2(g)', '"2H2O(l)" needs a space after its coefficient: "2 H2O(l)" (at character 1 of "2H2O(l) -> 2 H2(g) + O2(g)")'],
    ['A(aq) + 2 -> B(aq)', 'the coefficient "2" has no species after it (at character 9 of "A(aq) + 2 -> B(aq)")'],
    ['A(aq) + + B(aq) -> C(aq)', 'empty term (at character 8 of "A(aq) + + B(aq) -> C(aq)")'],
    ['A(aq) + -> C(aq)', 'empty term (at character 8 of "A(aq) + -> C(aq)")'],
    ['A(aq) B(aq) -> C(aq)', 'missing "+" between "A(aq)" and "B(aq)" (at character 7 of "A(aq) B(aq) -> C(aq)")'],
    ['2 A(aq) B(aq) -> C(aq)', 'unexpected "B(aq)" in the term "2 A(aq) B(aq)" (at character 9 of "2 A(aq) B(aq) -> C(aq)")'],
    ['Co2+(aq) -> Co(s)', '"+" (at character 4 of "Co2+(aq) -> Co(s)") is neither between two terms nor inside a charge'],
    ['A(aq) -> A(aq)', 'nothing is left on the left of "->" in "A(aq) -> A(aq)" once species on both sides cancel'],
  ];
  for (const [text, message] of bad) {
    it(`refuses ${JSON.stringify(text)}`, () => {
      const error = errorOf(() => parseEquation(text));
      expect(error.message).toBe(message);
      expect(error.detail.length).toBeGreaterThan(0);
    });
  }
});

describe('stoichiometry', () => {
  it('gives products positive and reactants negative', () => {
    expect([...stoichiometry(parseEquation(LCO_LEACH))]).toEqual([
      ['LiCoO2(s)', -2],
      ['H2SO4(aq)', -3],
      ['H2O2(aq)', -1],
      ['Li2SO4(aq)', 1],
      ['CoSO4(aq)', 2],
      ['H2O(l)', 4],
      ['O2(g)', 1],
    ]);
  });

  it('nets a hand-built equation with a species on both sides', () => {
    const nu = stoichiometry({
      left: [{ species: 'X(aq)', coefficient: 2 }, { species: 'Y(aq)', coefficient: 1 }],
      right: [{ species: 'X(aq)', coefficient: 2 }, { species: 'Z(aq)', coefficient: 1 }],
    });
    expect([...nu]).toEqual([['Y(aq)', -1], ['Z(aq)', 1]]);
  });
});

describe('checkBalance', () => {
  it('finds the FORMAT.md example balanced', () => {
    // Li 2 = 2; Co 2 = 2; S 3 = 1 + 2; H 6 + 2 = 8 = 4·2; O 4 + 12 + 2 = 18 = 4 + 8 + 4 + 2
    expect(balance(LCO_LEACH)).toEqual([]);
  });

  it('names the element and the amount when it is off', () => {
    // 2 O2 on the right: O = 4 + 8 + 4 + 4 = 20 against 18 on the left
    const off = balance(LCO_LEACH.replace('+ O2(g)', '+ 2 O2(g)'));
    expect(off).toEqual([{ kind: 'element', symbol: 'O', left: 18, right: 20 }]);
    expect(describeImbalance(off[0]!)).toBe('O is off by 2 (18 on the left, 20 on the right)');
  });

  it('lists every element that is off, in order of first appearance', () => {
    // 2 H2O2 → 2 H2O + O2 written as H2O2 → H2O + O2: H 2 vs 2, O 2 vs 3
    expect(balance('H2O2(aq) -> H2O(l) + O2(g)')).toEqual([{ kind: 'element', symbol: 'O', left: 2, right: 3 }]);
    expect(balance('Fe(s) + S(s) -> FeS2(s) + O2(g)').map((i) => i.symbol)).toEqual(['S', 'O']);
  });

  it('checks ionic charge', () => {
    expect(balance('Fe[3+](aq) + 3 OH[-](aq) -> Fe(OH)3(s)')).toEqual([]);
    const off = balance('Fe[3+](aq) + 2 OH[-](aq) -> Fe(OH)2(s)');
    // elements: Fe 1 = 1, O 2 = 2, H 2 = 2; charge 3 − 2 = +1 against 0
    expect(off).toEqual([{ kind: 'charge', symbol: 'charge', left: 1, right: 0 }]);
    expect(describeImbalance(off[0]!)).toBe('charge is off by 1 (+1 on the left, 0 on the right)');
    const negative = balance('SO4[2-](aq) + H[+](aq) -> HSO4(aq)');
    expect(describeImbalance(negative.find((i) => i.kind === 'charge')!)).toBe(
      'charge is off by 1 (-1 on the left, 0 on the right)',
    );
  });

  it('tolerates float noise from decimal coefficients', () => {
    // NCA dissolution; O: 2 = 1.525 + 2·0.2375; H: 3.05 = 2·1.525;
    // charge: 3.05 = 1 + 0.8·2 + 0.15·2 + 0.05·3
    const nca =
      'LiNi0.8Co0.15Al0.05O2(s) + 3.05 H[+](aq) -> Li[+](aq) + 0.8 Ni[2+](aq) + 0.15 Co[2+](aq) + 0.05 Al[3+](aq) + 1.525 H2O(l) + 0.2375 O2(g)';
    expect(balance(nca)).toEqual([]);
    // O: 0.1·2 + 0.2 = 0.4 on the left, 0.3·4 = 1.2 on the right
    expect(balance('0.1 O2(g) + 0.2 O(g) -> 0.3 O4(g)').map(describeImbalance)).toEqual([
      'O is off by 0.8 (0.4 on the left, 1.2 on the right)',
    ]);
    expect(balance('0.1 O2(g) + 0.2 O(g) -> 0.1 O4(g)')).toEqual([]); // 0.2 + 0.2 = 0.4
    // Co 0.3 = 0.3; charge 0.1·2 + 0.2·1 = 0.4 against 0.3·4 = 1.2
    expect(balance('0.1 Co[2+](aq) + 0.2 Co[+](aq) -> 0.3 Co[4+](aq)').map(describeImbalance)).toEqual([
      'charge is off by 0.8 (+0.4 on the left, +1.2 on the right)',
    ]);
  });

  it('judges balance within 1e-9 of the larger side', () => {
    // charge: 0.1·3 − 0.3·1 is 5.6e-17 in floating point, not 0: tolerated
    expect(0.1 * 3 - 0.3).not.toBe(0);
    expect(balance('0.1 Fe[3+](aq) + 0.3 OH[-](aq) -> 0.1 Fe(OH)3(s)')).toEqual([]);
    // O: 3 against 3.00000000003 (relative 1e-11): tolerated
    expect(balance('3 O(g) -> 1.00000000001 O3(g)')).toEqual([]);
    // O: 3 against 3.000003 (relative 1e-6): reported
    expect(balance('3 O(g) -> 1.000001 O3(g)').map(describeImbalance)).toEqual([
      'O is off by 0.000003 (3 on the left, 3.000003 on the right)',
    ]);
  });

  it('reports species that are not declared, and only those', () => {
    const off = balance('Foo(aq) + 2 H2(g) -> H2O(l) + Foo(aq) + Qux(s)');
    // Foo(aq) is netted away (1 on each side); Qux(s) is not a formula
    expect(off).toEqual([{ kind: 'unknown-species', symbol: 'Qux(s)', left: 0, right: 1 }]);
    const unknown = balance('2 Foo(aq) -> O2(g)');
    expect(unknown).toEqual([{ kind: 'unknown-species', symbol: 'Foo(aq)', left: 2, right: 0 }]);
    expect(describeImbalance(unknown[0]!)).toBe('species "Foo(aq)" is not declared');
  });
});

describe('describeImbalance', () => {
  const cases: [Imbalance, string][] = [
    [{ kind: 'element', symbol: 'O', left: 8, right: 10 }, 'O is off by 2 (8 on the left, 10 on the right)'],
    [{ kind: 'element', symbol: 'Co', left: 0.1 + 0.2, right: 0.2 }, 'Co is off by 0.1 (0.3 on the left, 0.2 on the right)'],
    [{ kind: 'charge', symbol: 'charge', left: 2, right: 0 }, 'charge is off by 2 (+2 on the left, 0 on the right)'],
    [{ kind: 'charge', symbol: 'charge', left: -1, right: 2 }, 'charge is off by 3 (-1 on the left, +2 on the right)'],
    [{ kind: 'unknown-species', symbol: 'Foo(aq)', left: 1, right: 0 }, 'species "Foo(aq)" is not declared'],
  ];
  for (const [imbalance, text] of cases) it(text, () => expect(describeImbalance(imbalance)).toBe(text));
});
