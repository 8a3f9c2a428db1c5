import { describe, expect, it } from 'vitest';
import { compile } from '../index';
import { load, oxidePurity, reRecovery, solveFile, unitsWithoutNotes, worstImbalance } from './plant-helpers';

const FILE = 'dual-feed.json';
const doc = load(FILE);

describe('dual-feed.json', () => {
  it('gives every unit and every mode-added unit a notes field', () => {
    expect(unitsWithoutNotes(doc)).toEqual([]);
    const added = Object.entries(doc.modes.magnet.units as Record<string, any>).filter(([id, u]) => u && !(id in doc.units));
    expect(added.filter(([, u]) => !u.notes).map(([id]) => id)).toEqual([]);
  });

  for (const mode of [undefined, 'black-mass', 'magnet']) {
    it(`solves ${mode ? `mode ${mode}` : 'the base flowsheet'} and closes every element to 1e-9 relative`, () => {
      expect(worstImbalance(solveFile(FILE, mode))).toBeLessThan(1e-9);
    });
  }

  it('says truthfully which unit serves which mode (equipment.service), and most equipment serves both', () => {
    const inService = (mode: string) => new Set(compile(JSON.stringify(doc), { mode }).units.map((u) => u.id));
    const modes = { 'black-mass': inService('black-mass'), magnet: inService('magnet') };
    const equipment = new Set<string>();
    for (const plant of [doc.units, doc.modes.magnet.units]) {
      for (const [id, u] of Object.entries(plant as Record<string, any>)) {
        if (!u || u.type === 'product') continue;
        const service: string[] | undefined = (u.equipment ?? doc.units[id]?.equipment)?.service;
        if (!service) continue;
        equipment.add(id);
        for (const m of ['black-mass', 'magnet'] as const) expect([id, m, modes[m].has(id)]).toEqual([id, m, service.includes(m)]);
      }
    }
    const both = [...equipment].filter((id) => modes['black-mass'].has(id) && modes.magnet.has(id));
    expect(both.length / equipment.size).toBeGreaterThan(0.5);
    for (const kind of ['leach', 'washer', 'precipitator', 'sx', 'calciner']) {
      expect(both.some((id) => doc.units[id]?.type === kind)).toBe(true);
    }
  });

  it('black-mass campaign: Li ≥ 80 %, Co and Ni ≥ 95 % (EU Battery Regulation 2023/1542, 2031 targets), as black-mass.json', () => {
    const r = solveFile(FILE, 'black-mass');
    expect(r.recovery.li2co3.Li).toBeGreaterThanOrEqual(0.8);
    expect(r.recovery.coso4.Co).toBeGreaterThanOrEqual(0.95);
    expect(r.recovery.ni_hydroxide.Ni).toBeGreaterThanOrEqual(0.95);
    const alone = solveFile('black-mass.json');
    expect(r.recovery.li2co3.Li).toBeCloseTo(alone.recovery.li2co3.Li, 12);
  });

  it('magnet campaign: RE to oxide ≥ 90 % and ≤ 96.27 % leached (Jiang et al. 2020), oxide ≥ 99.5 % RE2O3 (USGS MCS grade)', () => {
    const r = solveFile(FILE, 'magnet');
    expect(reRecovery(r, 're_oxide')).toBeGreaterThanOrEqual(0.9);
    expect(reRecovery(r, 're_oxide')).toBeLessThanOrEqual(0.9627);
    expect(oxidePurity(r, 're_oxide')).toBeGreaterThanOrEqual(0.995);
    // The ionic-liquid circuit takes Co out of the RE liquor (Vander Hoogerstraete et al. 2014, step 4)
    expect(r.recovery.re_oxide.Co).toBeLessThan(1e-4);
  });
});
