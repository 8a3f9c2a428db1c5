import { describe, expect, it } from 'vitest';
import { ChemistryError, PHASES, molarMass, parseFormula, parseSpeciesId } from './formula';

// Atomic weights used in the hand calculations below (IUPAC 2021, see elements.ts).
const W = {
  H: 1.008, Li: 6.94, B: 10.81, C: 12.011, O: 15.999, Al: 26.9815384, P: 30.973761998, S: 32.06,
  Mn: 54.938043, Fe: 55.845, Co: 58.933194, Ni: 58.6934, Nd: 144.242,
};

function errorOf(f: () => unknown): ChemistryError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ChemistryError);
    return e as ChemistryError;
  }
  throw new Error('expected a ChemistryError, got no error');
}

describe('parseFormula: element vectors', () => {
  const cases: [string, Record<string, number>, number][] = [
    ['LiCoO2', { Li: 1, Co: 1, O: 2 }, 0],
    ['H2O', { H: 2, O: 1 }, 0],
    ['CO', { C: 1, O: 1 }, 0],
    ['Co', { Co: 1 }, 0],
    ['Nd2(C2O4)3', { Nd: 2, C: 6, O: 12 }, 0],
    ['Ca3(PO4)2', { Ca: 3, P: 2, O: 8 }, 0],
    // ((CH3)3C)2O: C = (3·1 + 1)·2 = 8, H = 3·3·2 = 18, O = 1
    ['((CH3)3C)2O', { C: 8, H: 18, O: 1 }, 0],
    ['Li1.02', { Li: 1.02 }, 0],
    ['Ni0.8Co0.15Al0.05O2', { Ni: 0.8, Co: 0.15, Al: 0.05, O: 2 }, 0],
    ['LiNi.8Co.15Al.05O2', { Li: 1, Ni: 0.8, Co: 0.15, Al: 0.05, O: 2 }, 0],
    ['Co[2+]', { Co: 1 }, 2],
    ['Fe[3+]', { Fe: 1 }, 3],
    ['Li[+]', { Li: 1 }, 1],
    ['OH[-]', { O: 1, H: 1 }, -1],
    ['SO4[2-]', { S: 1, O: 4 }, -2],
    ['PO4[3-]', { P: 1, O: 4 }, -3],
    ['Co(H2O)6[2+]', { Co: 1, H: 12, O: 6 }, 2],
    // hydrates: Nd2(C2O4)3·10H2O → O = 12 + 10 = 22, H = 20
    ['Nd2(C2O4)3·10H2O', { Nd: 2, C: 6, O: 22, H: 20 }, 0],
    ['CuSO4*5H2O', { Cu: 1, S: 1, O: 9, H: 10 }, 0],
    ['NiSO4·6H2O', { Ni: 1, S: 1, O: 10, H: 12 }, 0],
    ['Na2CO3·H2O', { Na: 2, C: 1, O: 4, H: 2 }, 0],
    ['CaSO4·0.5H2O', { Ca: 1, S: 1, O: 4.5, H: 1 }, 0],
    ['Al2(SO4)3·K2SO4·24H2O', { Al: 2, S: 4, O: 40, K: 2, H: 48 }, 0],
  ];
  for (const [text, elements, charge] of cases) {
    it(text, () => {
      const parsed = parseFormula(text);
      expect(parsed.charge).toBe(charge);
      expect(Object.keys(parsed.elements).sort()).toEqual(Object.keys(elements).sort());
      for (const [symbol, count] of Object.entries(elements)) expect(parsed.elements[symbol]).toBeCloseTo(count, 12);
    });
  }
});

describe('parseFormula: bad input says what and where', () => {
  const cases: [string, string][] = [
    ['', 'empty formula'],
    ['LiXxO2', '"Xx" is not an element symbol (at character 3 of "LiXxO2")'],
    ['Graphite', '"Gr" is not an element symbol (at character 1 of "Graphite")'],
    ['Nd2(C2O4', 'unclosed "(" in "Nd2(C2O4" (opened at character 4)'],
    ['Nd2C2O4)3', 'unmatched ")" (at character 8 of "Nd2C2O4)3")'],
    ['Fe()3', 'empty parentheses "()" (at character 3 of "Fe()3")'],
    ['Li2 CO3', 'unexpected space (at character 4 of "Li2 CO3")'],
    ['2H2O', 'a formula starts with an element symbol or "(", not "2" (at character 1 of "2H2O")'],
    ['li2O', 'unexpected "l" (at character 1 of "li2O")'],
    ['CuSO4.H2O', '"." is not a hydrate separator (at character 6 of "CuSO4.H2O")'],
    ['CuSO4•5H2O', '"•" is not a hydrate separator (at character 6 of "CuSO4•5H2O")'],
    ['NiSO4·', 'no formula after "·" (at character 6 of "NiSO4·")'],
    ['NiSO4*6', 'no formula after "*" (at character 6 of "NiSO4*6")'],
    ['Nd2(C2O4·H2O)', '"·" inside parentheses (at character 9 of "Nd2(C2O4·H2O)")'],
    ['O0', 'a count must be greater than zero, not "0" (at character 2 of "O0")'],
    ['NiSO4·0H2O', 'a count must be greater than zero, not "0" (at character 7 of "NiSO4·0H2O")'],
    ['Co2+', 'unexpected "+" (at character 4 of "Co2+")'],
    ['[2+]', 'no formula before the charge (at character 1 of "[2+]")'],
    ['Co[2+', 'unclosed "[" (at character 3 of "Co[2+")'],
    ['Co[+2]', 'bad charge "[+2]" (at character 3 of "Co[+2]")'],
    ['Co[0+]', 'bad charge "[0+]" (at character 3 of "Co[0+]")'],
    ['Co[2]', 'bad charge "[2]" (at character 3 of "Co[2]")'],
    ['Co[2+]O', 'the charge "[2+]" must come at the end of the formula (at character 3 of "Co[2+]O")'],
    ['Co(OH[+])', '"[" inside parentheses (at character 6 of "Co(OH[+])")'],
    ['Co]', 'unmatched "]" (at character 3 of "Co]")'],
    ['Fe{OH}3', 'unexpected "{" (at character 3 of "Fe{OH}3")'],
    ['Fe#', 'unexpected "#" (at character 3 of "Fe#")'],
  ];
  for (const [text, message] of cases) {
    it(JSON.stringify(text), () => {
      const error = errorOf(() => parseFormula(text));
      expect(error.message).toBe(message);
      expect(error.detail.length).toBeGreaterThan(0);
      expect(error.name).toBe('ChemistryError');
      expect(error.message).not.toMatch(/\n\s+at /); // never a stack trace
    });
  }

  it('points at the offending character', () => {
    const error = errorOf(() => parseFormula('LiXxO2'));
    expect(error.text).toBe('LiXxO2');
    expect(error.at).toBe(2);
  });
});

describe('molarMass against hand calculations and REFERENCE-DATA.md', () => {
  const M = (formula: string) => molarMass(parseFormula(formula).elements);

  it('LiCoO2 = 6.94 + 58.933194 + 2×15.999 = 97.871194 (REFERENCE-DATA §1.4: 97.871)', () => {
    expect(M('LiCoO2')).toBeCloseTo(W.Li + W.Co + 2 * W.O, 12);
    expect(M('LiCoO2')).toBeCloseTo(97.871194, 9);
    expect(M('LiCoO2')).toBeCloseTo(97.871, 3);
  });

  it('NMC111 with 1/3 written as 0.3333333 ≈ 96.459 (REFERENCE-DATA §1.4)', () => {
    // 6.94 + (58.6934 + 58.933194 + 54.938043)/3 + 31.998 = 96.4595457
    expect(M('LiNi0.3333333Co0.3333333Mn0.3333333O2')).toBeCloseTo(96.459, 2);
  });

  it('NMC811, NCA and LiFePO4 match REFERENCE-DATA §1.4', () => {
    // 6.94 + 0.8·58.6934 + 0.1·54.938043 + 0.1·58.933194 + 2·15.999 = 97.2798437
    expect(M('LiNi0.8Mn0.1Co0.1O2')).toBeCloseTo(97.2798437, 6);
    expect(M('LiNi0.8Mn0.1Co0.1O2')).toBeCloseTo(97.279, 2);
    // 6.94 + 0.8·58.6934 + 0.15·58.933194 + 0.05·26.9815384 + 2·15.999 = 96.08177602
    expect(M('LiNi0.8Co0.15Al0.05O2')).toBeCloseTo(96.08177602, 7);
    expect(M('LiNi0.8Co0.15Al0.05O2')).toBeCloseTo(96.081, 2);
    // 6.94 + 55.845 + 30.973761998 + 4·15.999 = 157.754761998 (REFERENCE-DATA: 157.755)
    expect(M('LiFePO4')).toBeCloseTo(157.754761998, 9);
  });

  it('Nd2(C2O4)3·10H2O = 732.69 g/mol (REFERENCE-DATA §3.2)', () => {
    // 2·144.242 + 6·12.011 + 22·15.999 + 20·1.008 = 288.484 + 72.066 + 351.978 + 20.16 = 732.688
    const m = M('Nd2(C2O4)3·10H2O');
    expect(m).toBeCloseTo(2 * W.Nd + 6 * W.C + 22 * W.O + 20 * W.H, 10);
    expect(m).toBeCloseTo(732.69, 2);
    // ... "i.e. 2.1775 kg per kg Nd2O3": Nd2O3 = 288.484 + 47.997 = 336.481
    expect(m / M('Nd2O3')).toBeCloseTo(2.1775, 4);
  });

  it('Ni in NiSO4·6H2O is 22.33 % and Co in CoSO4·7H2O 20.97 % (REFERENCE-DATA §1.5)', () => {
    // 58.6934 / (58.6934 + 32.06 + 10·15.999 + 12·1.008) = 58.6934 / 262.8394 = 0.22331
    expect((W.Ni / M('NiSO4·6H2O')) * 100).toBeCloseTo(22.33, 2);
    // 58.933194 / (58.933194 + 32.06 + 11·15.999 + 14·1.008) = 58.933194 / 281.094194 = 0.20965
    expect((W.Co / M('CoSO4*7H2O')) * 100).toBeCloseTo(20.97, 2);
  });

  it('Nd2Fe14B = 1081.12 g/mol and the conversion factors of REFERENCE-DATA §2–3', () => {
    // 2·144.242 + 14·55.845 + 10.81 = 1081.124
    expect(M('Nd2Fe14B')).toBeCloseTo(1081.12, 2);
    // Li2CO3 / 2 Li = 73.888 / 13.88 = 5.3233
    expect(M('Li2CO3') / (2 * W.Li)).toBeCloseTo(5.3233, 4);
    // Nd2O3 / 2 Nd = 336.481 / 288.484 = 1.16638
    expect(M('Nd2O3') / (2 * W.Nd)).toBeCloseTo(1.16638, 5);
  });

  it('refuses an element vector with a non-element', () => {
    expect(errorOf(() => molarMass({ Xx: 1 })).message).toBe('"Xx" is not an element symbol');
    expect(errorOf(() => molarMass({ constructor: 1 })).message).toBe('"constructor" is not an element symbol');
  });

  it('ignores the charge (electron mass is not counted)', () => {
    expect(M('SO4[2-]')).toBeCloseTo(W.S + 4 * W.O, 12);
  });
});

describe('parseSpeciesId', () => {
  it('reads formula, phase and charge from the id', () => {
    expect(parseSpeciesId('Co[2+](aq)')).toEqual({
      id: 'Co[2+](aq)', formula: 'Co[2+]', phase: 'aq', elements: { Co: 1 }, charge: 2, molarMass: W.Co,
    });
    const sulfate = parseSpeciesId('SO4[2-](aq)');
    expect([sulfate.formula, sulfate.phase, sulfate.charge]).toEqual(['SO4[2-]', 'aq', -2]);
    expect(parseSpeciesId('LiCoO2(s)').molarMass).toBeCloseTo(97.871194, 9);
    expect(parseSpeciesId('CoSO4(org)')).toMatchObject({ phase: 'org', elements: { Co: 1, S: 1, O: 4 }, charge: 0 });
    expect(parseSpeciesId('H2O(l)')).toMatchObject({ phase: 'l', formula: 'H2O' });
    expect(parseSpeciesId('O2(g)')).toMatchObject({ phase: 'g', elements: { O: 2 } });
    // the phase suffix is the last group, even after formula parentheses
    expect(parseSpeciesId('Fe(OH)3(s)')).toMatchObject({ formula: 'Fe(OH)3', phase: 's', elements: { Fe: 1, O: 3, H: 3 } });
    expect(parseSpeciesId('Nd2(C2O4)3·10H2O(s)').molarMass).toBeCloseTo(732.688, 9);
  });

  it('covers every phase', () => {
    expect(PHASES).toEqual(['s', 'l', 'g', 'aq', 'org']);
    for (const phase of PHASES) expect(parseSpeciesId(`H2O(${phase})`).phase).toBe(phase);
  });

  it('takes the formula from the override (FORMAT.md: "Graphite(s)": { "formula": "C" })', () => {
    expect(parseSpeciesId('Graphite(s)', 'C')).toEqual({
      id: 'Graphite(s)', formula: 'C', phase: 's', elements: { C: 1 }, charge: 0, molarMass: W.C,
    });
    // the override may carry a charge
    expect(parseSpeciesId('Cobaltous(aq)', 'Co[2+]')).toMatchObject({ charge: 2, phase: 'aq' });
    expect(errorOf(() => parseSpeciesId('Graphite(s)', 'Gx')).message).toBe('"Gx" is not an element symbol (at character 1 of "Gx")');
  });

  const bad: [string, string][] = [
    ['Co[2+]', 'missing phase suffix on "Co[2+]": a species id ends in (s), (l), (g), (aq) or (org)'],
    ['Fe(OH)3', 'missing phase suffix on "Fe(OH)3": a species id ends in (s), (l), (g), (aq) or (org)'],
    ['LiCoO2(c)', 'unknown phase "(c)" in "LiCoO2(c)": a species id ends in (s), (l), (g), (aq) or (org)'],
    ['H2O(L)', 'the phase "(L)" of "H2O(L)" is written in small letters: "(l)"'],
    ['(aq)', 'the species id "(aq)" has no formula before its phase suffix'],
    ['Graphite(s)', '"Graphite" is not a formula; give the species a "formula"'],
    ['Kerosene(org)', '"Kerosene" is not a formula; give the species a "formula"'],
    ['LiXxO2(s)', '"Xx" is not an element symbol (at character 3 of "LiXxO2")'],
    ['D2EHPA(org)', '"D" is not an element symbol (at character 1 of "D2EHPA")'],
    ['Co[2+] (aq)', 'unexpected space (at character 7 of "Co[2+] ")'],
  ];
  for (const [id, message] of bad) {
    it(`refuses ${JSON.stringify(id)}`, () => expect(errorOf(() => parseSpeciesId(id)).message).toBe(message));
  }

  it('suggests a "formula" when a formula-like id does not parse', () => {
    expect(errorOf(() => parseSpeciesId('D2EHPA(org)')).detail).toContain('give the species a "formula"');
  });
});
