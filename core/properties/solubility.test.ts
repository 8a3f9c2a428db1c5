import { describe, expect, it } from 'vitest';
import { SOLUBILITY } from './data/solubility';
import { SOURCES } from './sources';
import { solubility, solubilityTable, waterOfCrystallisation } from './solubility';
import { BUILT_IN, normaliseId } from './table';

describe('solubility', () => {
  it('reproduces every cited point', () => {
    for (const [salt, table] of Object.entries(SOLUBILITY)) {
      for (const p of table.points) expect(solubility(salt, p.T)!.s, `${salt} at ${p.T} °C`).toBeCloseTo(p.s, 12);
    }
  });

  it('interpolates linearly between points: CoSO4 at 22.5 °C = (36.2 + 38.3)/2', () => {
    expect(solubility('CoSO4', 22.5)!.s).toBeCloseTo(37.25, 12);
    expect(solubility('CoSO4(aq)', 22.5)!.dsdT).toBeCloseTo((38.3 - 36.2) / 5, 12);
  });

  it('Li2CO3 at 0/10/25/40/100 °C: 1.54/1.43/1.29/1.08/0.69 (REFERENCE-DATA)', () => {
    expect([0, 10, 25, 40, 100].map((T) => solubility('Li2CO3', T)!.s)).toEqual([1.54, 1.43, 1.29, 1.08, 0.69]);
  });

  it('the CoSO4 hydrate switches at 41.5 °C; Na2SO4 at 32.4 °C', () => {
    expect(solubility('CoSO4', 41.4)!.solid).toBe('CoSO4·7H2O(s)');
    expect(solubility('CoSO4', 41.5)!.solid).toBe('CoSO4·6H2O(s)');
    expect(solubility('Na2SO4', 32.3)!.solid).toBe('Na2SO4·10H2O(s)');
    expect(solubility('Na2SO4', 60)!.solid).toBe('Na2SO4(s)');
  });

  it('ds/dT matches finite differences inside a segment', () => {
    for (const salt of Object.keys(SOLUBILITY)) {
      const T = 33;
      const fd = (solubility(salt, T + 1e-4)!.s - solubility(salt, T - 1e-4)!.s) / 2e-4;
      expect(solubility(salt, T)!.dsdT, salt).toBeCloseTo(fd, 6);
    }
  });

  it('flags extrapolation outside the cited range', () => {
    expect(solubility('CoSO4', 80)!.extrapolated).toBe(true);
    expect(solubility('CoSO4', 60)!.extrapolated).toBe(false);
    expect(solubility('KNO3', 25)).toBeUndefined();
  });

  it('crystalliser of the chemistry review §5.5: 528.3 kg/h CoSO4 in 2,018 kg/h water, 1,009 kg/h evaporated', () => {
    // x kg/h CoSO4 crystallises as the heptahydrate, binding 7 × 18.015/154.99 = 0.81363 kg water per kg:
    // 528.3 − x = s/100 · (1009 − 0.81363 x), s = 38.3 at 25 °C → x = 206.06 kg/h (39.0 %)
    const table = solubilityTable('CoSO4')!;
    const n = waterOfCrystallisation(table, solubility('CoSO4', 25)!.solid);
    expect(n).toBe(7);
    const r = (n * 18.015) / 154.99;
    const s = solubility('CoSO4', 25)!.s / 100;
    const x = (528.3 - s * 1009) / (1 - s * r);
    expect(x).toBeCloseTo(206.06, 1);
  });

  it('every point and solid names a source; every stable solid has a built-in entry', () => {
    const noEntry: string[] = [];
    for (const table of Object.values(SOLUBILITY)) {
      for (const p of table.points) expect(SOURCES[p.src], p.src).toBeDefined();
      for (const s of table.solids) {
        expect(SOURCES[s.src], s.src).toBeDefined();
        if (!BUILT_IN.byId.has(normaliseId(s.solid))) noEntry.push(s.solid);
      }
    }
    expect(noEntry).toEqual([]);
  });
});
