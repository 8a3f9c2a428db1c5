/**
 * Hostile or unlucky input (issue 10): every case gets a located refusal or a correct answer — never
 * a crash, a hang, partial numbers or mass made by a tolerance. Built from the minimal cases.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FlexsheetError, type FlowsheetDoc } from '../../core';
import { doc, problemsOf, solveDoc } from '../support/solve';

const root = join(import.meta.dirname, '..', '..');
const recycle = (): FlowsheetDoc => JSON.parse(readFileSync(join(root, 'tests', 'fixtures', 'recycle-purge.json'), 'utf8'));
const PROTOTYPE_NAMES = ['__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty'];

/** The recycle fixture with unit `from` renamed `to` everywhere it is named. */
function renameUnit(d: FlowsheetDoc, from: string, to: string): FlowsheetDoc {
  const units = Object.create(null) as FlowsheetDoc['units'];
  for (const [id, u] of Object.entries(d.units)) units[id === from ? to : id] = u;
  const end = (ref: string) => (ref.startsWith(`${from}.`) ? `${to}${ref.slice(from.length)}` : ref);
  const streams = Object.create(null) as FlowsheetDoc['streams'];
  for (const [id, s] of Object.entries(d.streams)) streams[id] = { from: end(s.from), to: end(s.to) };
  return { ...d, units, streams };
}

describe('ids named like Object.prototype members behave like any other id', () => {
  it('renaming a unit, a stream or a splitter outlet leaves every number unchanged', () => {
    const base = solveDoc(recycle()).results;
    fc.assert(
      fc.property(fc.constantFrom(...PROTOTYPE_NAMES), fc.constantFrom('unit', 'stream', 'outlet'), (name, what) => {
        let d = recycle();
        let stream = 's4';
        let product = 'bleed';
        if (what === 'unit') {
          d = renameUnit(d, 'bleed', name);
          product = name;
        } else if (what === 'stream') {
          const streams = Object.create(null) as FlowsheetDoc['streams'];
          for (const [id, s] of Object.entries(d.streams)) streams[id === 's4' ? name : id] = s;
          d.streams = streams;
          stream = name;
        } else {
          const split = d.units.split as unknown as { outlets: string[]; fractions: Record<string, number> };
          split.outlets = ['recycle', name];
          split.fractions = JSON.parse(`{"recycle": 0.9, ${JSON.stringify(name)}: 0.1}`);
          d.streams.s4 = { from: `split.${name}`, to: 'bleed.in' };
        }
        const r = solveDoc(JSON.parse(JSON.stringify(d))).results;
        expect(Object.prototype.hasOwnProperty.call(r.streams, stream)).toBe(true);
        expect(r.streams[stream].molarFlow['NaCl(aq)']).toBeCloseTo(base.streams.s4.molarFlow['NaCl(aq)'], 12);
        expect(r.recovery[product].Na).toBeCloseTo(1, 12);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
    );
  });

  it('a mode called "constructor" (or any prototype name) is refused as unknown, not solved as the base plant', () => {
    for (const mode of PROTOTYPE_NAMES) {
      const problems = problemsOf(recycle(), mode);
      expect(problems[0].message).toMatch(new RegExp(`mode "${mode}" does not exist`));
    }
  });
});

describe('no mass made by tolerances', () => {
  it('splitter fractions summing to 1 + 9e-10 are divided by their sum, said so, and every element closes', () => {
    const d = recycle();
    (d.units.split as unknown as { fractions: Record<string, number> }).fractions = { recycle: 0.9 + 9e-10, purge: 0.1 };
    const r = solveDoc(d).results;
    expect(r.warnings!.some((w) => /divided by that sum/.test(w.message))).toBe(true);
    for (const [el, b] of Object.entries(r.elements)) expect(Math.abs(b.out - b.in), el).toBeLessThanOrEqual(1e-12 * b.in);
  });

  it('a reactor 10 % short of acid beside 1e8 kmol/h of water is refused (judged against the acid, not the water)', () => {
    const problems = problemsOf(
      doc({
        species: { 'CuO(s)': {}, 'H2SO4(aq)': {}, 'CuSO4(aq)': {}, 'H2O(l)': {} },
        units: {
          feed: { type: 'feed', flows: { 'CuO(s)': 1, 'H2SO4(aq)': 0.9, 'H2O(l)': 1e8 } },
          leach: { type: 'reactor', reactions: [{ equation: 'CuO(s) + H2SO4(aq) -> CuSO4(aq) + H2O(l)', key: 'CuO(s)', conversion: 1 }] },
          out: { type: 'product' },
        },
        streams: { a: { from: 'feed.out', to: 'leach.in' }, b: { from: 'leach.out', to: 'out.in' } },
      }),
    );
    // 1 kmol/h CuO needs 1 kmol/h acid; 0.9 reaches the unit: 0.1 kmol/h short.
    expect(problems[0].message).toMatch(/unit "leach" consumes 0\.1000 kmol\/h .* more H2SO4\(aq\) than reaches it/);
  });

  it('refuses a feed of 1e306 t/h as out of range, naming the limit', () => {
    const d = recycle();
    d.basis = 't/h';
    (d.units.fresh as unknown as { flows: Record<string, number> }).flows['H2O(l)'] = 1e306;
    expect(problemsOf(d)[0]).toMatchObject({ path: 'units.fresh.flows["H2O(l)"]' });
    expect(problemsOf(d)[0].message).toMatch(/must be ≤ 1000000000000/);
  });
});

describe('inputs that used to crash', () => {
  const refusal = (input: unknown) => {
    try {
      solveDoc(input);
    } catch (e) {
      expect(e).toBeInstanceOf(FlexsheetError);
      return (e as FlexsheetError).diagnostics[0].message;
    }
    throw new Error('accepted');
  };

  it('a mode patch nested 10,000 deep, and 10,000 "[" characters, are refused by their depth', () => {
    let patch: unknown = 1;
    for (let i = 0; i < 10000; i++) patch = { x: patch };
    const d = { ...recycle(), modes: { deep: { units: { split: { deep: patch } } } } } as unknown as FlowsheetDoc;
    expect(refusal(d)).toMatch(/more than 64 deep/);
    expect(() => solveDoc('['.repeat(10000))).toThrow(/more than 64 deep at line 1, column 65/);
  });

  it('a 10-million-character id is refused with the limit, and the message stays short', () => {
    const d = recycle();
    const id = 'x'.repeat(10_000_000);
    d.units[id] = { type: 'product' };
    const message = refusal(d);
    expect(message).toMatch(/is longer than 256 characters/);
    expect(message.length).toBeLessThan(200);
  });

  it('two feeds at 1.5e308 kg/h are refused, never printed as Infinity', () => {
    const d = recycle();
    d.basis = 'kg/h';
    (d.units.fresh as unknown as { flows: Record<string, number> }).flows = { 'NaCl(aq)': 1.5e308, 'H2O(l)': 1.5e308 };
    expect(refusal(d)).toMatch(/must be ≤ 1000000000000/);
  });

  it('a reactor with 10,000 reactions is refused at once with the documented limit', () => {
    const d = recycle();
    d.species['NaOH(aq)'] = {};
    d.units.mix = { type: 'reactor', reactions: Array.from({ length: 10000 }, () => ({ equation: 'NaCl(aq) -> NaCl(aq)', key: 'NaCl(aq)', conversion: 0 })) };
    expect(refusal(d)).toMatch(/lists more than 1000 items/);
  });
});
