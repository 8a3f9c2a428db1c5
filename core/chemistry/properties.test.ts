import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ATOMIC_WEIGHTS } from './elements';
import { ChemistryError } from './errors';
import { molarMass, parseFormula, parseSpeciesId } from './formula';
import { checkBalance, parseEquation } from './reaction';

// ---- random formulas as trees, rendered to text --------------------------------------

type Node = { symbol: string; count: number } | { group: Node[]; count: number };

const SYMBOLS = Object.keys(ATOMIC_WEIGHTS);

/** Integer counts 1..30, or decimals with two places (0.01..9.99), as engineers write them. */
const count = fc.oneof(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 999 }).map((n) => n / 100));

const { node } = fc.letrec<{ node: Node }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ symbol: fc.constantFrom(...SYMBOLS), count }),
    fc.record({ group: fc.array(tie('node'), { minLength: 1, maxLength: 4 }), count }),
  ),
}));
const part = fc.array(node, { minLength: 1, maxLength: 5 });

/** A count of 1 is written or left out at random, so both spellings are exercised. */
function render(nodes: Node[], writeOnes: boolean): string {
  let text = '';
  for (const n of nodes) {
    text += 'symbol' in n ? n.symbol : `(${render(n.group, writeOnes)})`;
    if (n.count !== 1 || writeOnes) text += String(n.count);
  }
  return text;
}

function tally(nodes: Node[], factor: number, into: Record<string, number>): Record<string, number> {
  for (const n of nodes) {
    if ('symbol' in n) into[n.symbol] = (into[n.symbol] ?? 0) + n.count * factor;
    else tally(n.group, n.count * factor, into);
  }
  return into;
}

/** Plain comparison (expect() is slow in loops of thousands); throws with both vectors. */
function expectSameVector(actual: Record<string, number>, expected: Record<string, number>): void {
  const keys = Object.keys(expected);
  const same =
    Object.keys(actual).length === keys.length &&
    keys.every((k) => Math.abs(actual[k]! - expected[k]!) <= 1e-12 * expected[k]!);
  if (!same) throw new Error(`got ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`);
}

const chargeText = (q: number) => (q === 0 ? '' : `[${Math.abs(q) === 1 ? '' : Math.abs(q)}${q > 0 ? '+' : '-'}]`);

describe('formula round trip (fast-check)', () => {
  it('rendering a random tree and parsing it back gives its element vector and charge', () => {
    fc.assert(
      fc.property(
        part,
        fc.array(fc.record({ multiplier: fc.option(count, { nil: undefined }), nodes: part }), { maxLength: 2 }),
        fc.constantFrom('·', '*'),
        fc.integer({ min: -4, max: 4 }),
        fc.boolean(),
        (main, hydrates, separator, charge, writeOnes) => {
          let text = render(main, writeOnes);
          const expected = tally(main, 1, {});
          for (const h of hydrates) {
            text += separator + (h.multiplier === undefined ? '' : String(h.multiplier)) + render(h.nodes, writeOnes);
            tally(h.nodes, h.multiplier ?? 1, expected);
          }
          text += chargeText(charge);
          const parsed = parseFormula(text);
          expect(parsed.charge).toBe(charge);
          expectSameVector(parsed.elements, expected);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('molar mass is additive over hydrate parts: M(A·nB) = M(A) + n·M(B)', () => {
    fc.assert(
      fc.property(part, part, fc.option(count, { nil: undefined }), (a, b, n) => {
        const textA = render(a, false);
        const textB = render(b, false);
        const whole = molarMass(parseFormula(`${textA}·${n ?? ''}${textB}`).elements);
        const sum = molarMass(parseFormula(textA).elements) + (n ?? 1) * molarMass(parseFormula(textB).elements);
        expect(Math.abs(whole - sum)).toBeLessThanOrEqual(1e-12 * sum);
      }),
      { numRuns: 300 },
    );
  });

  it('a species id is its formula plus a phase suffix', () => {
    fc.assert(
      fc.property(part, fc.constantFrom('s', 'l', 'g', 'aq', 'org'), fc.integer({ min: -3, max: 3 }), (p, phase, q) => {
        const formula = render(p, false) + chargeText(q);
        const info = parseSpeciesId(`${formula}(${phase})`);
        expect(info.formula).toBe(formula);
        expect(info.phase).toBe(phase);
        expect(info.charge).toBe(q);
        expectSameVector(info.elements, tally(p, 1, {}));
      }),
      { numRuns: 300 },
    );
  });
});

// ---- random balanced reactions, built by construction ----------------------------------

const SMALL = ['H', 'C', 'N', 'O', 'S', 'Li', 'Co', 'Ni', 'Mn', 'Fe', 'Al', 'Nd', 'Cl', 'Na'];
const reactant = fc.record({
  nodes: fc.array(
    fc.record({ symbol: fc.constantFrom(...SMALL), count: fc.integer({ min: 1, max: 400 }).map((n) => n / 100) }),
    { minLength: 1, maxLength: 4 },
  ),
  charge: fc.integer({ min: -3, max: 3 }),
  coefficient: fc.oneof(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 10, max: 600 }).map((n) => n / 100)),
});

const lookup = (id: string) => {
  try {
    return parseSpeciesId(id);
  } catch {
    return undefined;
  }
};

/**
 * Reactants are random (aq) species; the products are one (s) species per element, each
 * with the reactant total of that element as coefficient, plus — to carry the charge — one
 * species holding a random share of the elements with charge ±1 and coefficient |q|.
 */
type Reactant = typeof reactant extends fc.Arbitrary<infer T> ? T : never;

function buildBalanced(reactants: Reactant[], toCharged: boolean[]): string {
  const totals: Record<string, number> = {};
  let charge = 0;
  const left = reactants.map((r) => {
    tally(r.nodes, r.coefficient, totals);
    charge += r.coefficient * r.charge;
    return `${r.coefficient} ${render(r.nodes, false)}${chargeText(r.charge)}(aq)`;
  });
  charge = Math.round(charge * 1e9) / 1e9; // 5.67·3 − 4.67·3 − 3 is 1e-15 in floating point, not 0
  const symbols = Object.keys(totals);
  const charged = symbols.map((_, k) => charge !== 0 && toCharged[k % toCharged.length]!);
  if (charge !== 0 && !charged.includes(true)) charged[0] = true;
  const right: string[] = [];
  let chargedFormula = '';
  symbols.forEach((symbol, k) => {
    if (charged[k]) chargedFormula += symbol + String(totals[symbol]! / Math.abs(charge));
    else right.push(`${totals[symbol]} ${symbol}(s)`);
  });
  if (charge !== 0) right.push(`${Math.abs(charge)} ${chargedFormula}${chargeText(Math.sign(charge))}(s)`);
  return `${left.join(' + ')} -> ${right.join(' + ')}`;
}

describe('balance of random reactions (fast-check)', () => {
  const cases = fc.record({
    reactants: fc.array(reactant, { minLength: 1, maxLength: 4 }),
    toCharged: fc.array(fc.boolean(), { minLength: 1, maxLength: 6 }),
    factor: fc.double({ min: 1.001, max: 3, noNaN: true }),
  });

  it('a reaction balanced by construction checks balanced', () => {
    fc.assert(
      fc.property(cases, ({ reactants, toCharged }) => {
        const text = buildBalanced(reactants, toCharged);
        expect(checkBalance(parseEquation(text), lookup), text).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });

  it('scaling one coefficient makes it unbalanced', () => {
    fc.assert(
      fc.property(cases, fc.nat(), ({ reactants, toCharged, factor }, pick) => {
        const text = buildBalanced(reactants, toCharged);
        const eq = parseEquation(text);
        const terms = [...eq.left, ...eq.right];
        terms[pick % terms.length]!.coefficient *= factor;
        const off = checkBalance(eq, lookup);
        expect(off.length, text).toBeGreaterThan(0);
        expect(off.every((i) => i.kind === 'element' || i.kind === 'charge')).toBe(true);
      }),
      { numRuns: 400 },
    );
  });
});

// ---- robustness: any text either parses or fails with a ChemistryError -----------------

const onlyChemistryErrors = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    // plain checks, not expect(): this runs thousands of times
    if (!(e instanceof ChemistryError)) throw e;
    if (e.message.includes('\n') || e.detail === '') throw new Error(`badly formed message: ${e.message}`);
  }
};

const ALPHABET = [...'()[]+-·*.0123456789 COoNaHlse>=→<⇌qgr2'].concat(['(aq)', '(s)', 'Co', '[2+]', ' + ', ' -> ']);
const structured = fc.string({ unit: fc.constantFrom(...ALPHABET), maxLength: 40 });

describe('parsers never crash (fast-check)', () => {
  it('parseFormula, parseSpeciesId and parseEquation only ever throw ChemistryError', () => {
    fc.assert(
      fc.property(fc.oneof(structured, fc.string({ maxLength: 30 }), fc.string({ unit: 'grapheme', maxLength: 10 })), (text) => {
        onlyChemistryErrors(() => parseFormula(text));
        onlyChemistryErrors(() => parseSpeciesId(text));
        onlyChemistryErrors(() => parseSpeciesId('X(s)', text));
        onlyChemistryErrors(() => parseEquation(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('handles deep nesting and long input in linear time, without recursion', () => {
    const deep = '('.repeat(20000) + 'H' + ')2'.repeat(20000);
    // H count 2^20000 overflows a double: refused rather than returned as Infinity
    expect(() => parseFormula(deep)).toThrow('the count of H in');
    expect(() => parseFormula('H' + '9'.repeat(400))).toThrow('the count of H in');
    const nested = '('.repeat(20000) + 'H' + ')'.repeat(20000);
    expect(parseFormula(nested).elements).toEqual({ H: 1 });
    expect(() => parseFormula('('.repeat(100000))).toThrow('unclosed "("');
    const long = 'LiNi0.8Co0.15Al0.05O2'.repeat(5000);
    expect(parseFormula(long).elements.Li).toBe(5000);
    const manyTerms = Array.from({ length: 5000 }, () => '0.5 H2(g)').join(' + ') + ' -> 1250 H4(g)';
    expect(parseEquation(manyTerms)).toEqual({
      left: [{ species: 'H2(g)', coefficient: 2500 }],
      right: [{ species: 'H4(g)', coefficient: 1250 }],
    });
  });

  it('parses ten thousand species ids quickly', () => {
    const ids = ['LiCoO2(s)', 'Co[2+](aq)', 'Nd2(C2O4)3·10H2O(s)', 'LiNi0.8Co0.15Al0.05O2(s)', 'SO4[2-](aq)'];
    const start = performance.now();
    for (let k = 0; k < 10000; k++) parseSpeciesId(ids[k % ids.length]!);
    expect(performance.now() - start).toBeLessThan(1000);
  });
});
