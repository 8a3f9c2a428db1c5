import { describe, expect, it } from 'vitest';
import { doc, molar, problemsOf, solveDoc } from '../tests/support/solve';

/** 10 kmol/h solids and 100 kmol/h water through a separator with `outlets` and `split`. */
function separating(outlets: string[], split: Record<string, Record<string, number>>) {
  return doc({
    species: { 'SiO2(s)': {}, 'H2O(l)': {} },
    units: {
      feed: { type: 'feed', flows: { 'SiO2(s)': 10, 'H2O(l)': 100 } },
      sep: { type: 'separator', outlets, split },
      ...Object.fromEntries(outlets.map((o, i) => [`p${i}`, { type: 'product' }])),
    },
    streams: {
      s: { from: 'feed.out', to: 'sep.in' },
      ...Object.fromEntries(outlets.map((o, i) => [`o${i}`, { from: `sep.${o}`, to: `p${i}.in` }])),
    },
  });
}

describe('separator', () => {
  it('treats outlets named like Object.prototype members as any other name', () => {
    // "constructor" and "toString" get no split: they take nothing (not an inherited function's
    // empty selectors by accident), "__proto__" takes what the file says, the last the rest.
    const { results: r } = solveDoc(separating(['constructor', 'toString', '__proto__', 'rest'], JSON.parse('{"__proto__": {"phase:s": 0.9, "*": 0.2}}')));
    expect(molar(r, 'o0', 'SiO2(s)')).toBe(0);
    expect(molar(r, 'o1', 'H2O(l)')).toBe(0);
    expect(molar(r, 'o2', 'SiO2(s)')).toBeCloseTo(9, 12);
    expect(molar(r, 'o2', 'H2O(l)')).toBeCloseTo(20, 12);
    expect(molar(r, 'o3', 'H2O(l)')).toBeCloseTo(80, 12);
  });

  it('divides shares that sum to a hair over 1 by their sum, with a warning, rather than making mass', () => {
    // 0.33 + 0.56 + 0.11 = 1.0000000000000002 in floating point.
    const { results: r } = solveDoc(separating(['a', 'b', 'c', 'rest'], { a: { '*': 0.33 }, b: { '*': 0.56 }, c: { '*': 0.11 } }));
    const out = ['o0', 'o1', 'o2', 'o3'].reduce((s, id) => s + molar(r, id, 'H2O(l)'), 0);
    expect(out).toBeCloseTo(100, 12);
    expect(out).toBeLessThanOrEqual(100 * (1 + 1e-15));
    expect(molar(r, 'o3', 'H2O(l)')).toBe(0);
    expect(r.warnings!.some((w) => w.path === 'units.sep.split' && /divided by that sum/.test(w.message))).toBe(true);
  });

  it('refuses shares that leave the last outlet less than nothing', () => {
    const [p] = problemsOf(separating(['a', 'b', 'rest'], { a: { '*': 0.6 }, b: { '*': 0.5 } }));
    expect(p.path).toBe('units.sep.split');
    expect(p.message).toMatch(/take 1\.1 of .*: the rest would be below zero/);
  });
});
