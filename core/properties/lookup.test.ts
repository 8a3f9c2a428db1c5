import { describe, expect, it } from 'vitest';
import { parseSpeciesId } from '../chemistry';
import { speciesData } from './lookup';
import { SOURCES } from './sources';
import { BUILT_IN, compositionKey } from './table';

const info = (id: string, formula?: string) => parseSpeciesId(id, formula);

describe('speciesData', () => {
  it('takes built-in values with their source keys', () => {
    const d = speciesData(info('Cu(s)'));
    expect(d.density).toBe(8960); // CRC: copper 8.96 g/cm³
    expect(d.origin.density).toBe('CRC-DENS');
    expect(d.origin.molarVolume).toBe('missing');
    expect(d.entry).toBe('Cu(s)');
  });

  it('lets a file value win over the built-in one, field by field', () => {
    const d = speciesData(info('Fe2O3(s)'), { Hf: -800 });
    expect(d.Hf).toBe(-800);
    expect(d.origin.Hf).toBe('file');
    expect(d.origin.density).toBe('CRC-DENS');
  });

  it('a file density replaces the built-in molar volume too (the file said how the species takes volume)', () => {
    const d = speciesData(info('MnA2(org)', 'Mn(C16H34O4P)2'), { density: 1000 });
    expect(d.density).toBe(1000);
    expect(d.molarVolume).toBeUndefined();
    expect(d.origin.molarVolume).toBe('missing');
  });

  it('resolves "·" and "*" hydrates and formula + phase to one entry', () => {
    expect(speciesData(info('CoSO4*7H2O(s)')).entry).toBe('CoSO4·7H2O(s)');
    expect(speciesData(info('CoSO4·7H2O(s)')).entry).toBe('CoSO4·7H2O(s)');
    expect(speciesData(info('CobaltSulfateHeptahydrate(s)', 'CoSO4·7H2O')).entry).toBe('CoSO4·7H2O(s)');
    expect(speciesData(info('Graphite(s)', 'C')).entry).toBe('Graphite(s)');
    expect(speciesData(info('NaA(org)', 'NaC16H34O4P')).entry).toBe('NaC16H34O4P(org)');
    expect(speciesData(info('CoA2(org)', 'Co(C16H34O2P)2')).entry).toBe('Co(C16H34O2P)2(org)');
  });

  it('reports missing data as missing', () => {
    const d = speciesData(info('Unobtainium(s)', 'Og'));
    expect(d.entry).toBeUndefined();
    expect(d.origin).toEqual({ density: 'missing', molarVolume: 'missing', Hf: 'missing', cp: 'missing' });
  });
});

describe('the built-in table', () => {
  it('names a source that exists for every value', () => {
    const bad: string[] = [];
    for (const e of BUILT_IN.entries) {
      for (const field of ['density', 'molarVolume', 'Hf', 'cp'] as const) {
        const s = e[field];
        if (s && !SOURCES[s.src]) bad.push(`${e.id}.${field}: ${s.src}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('has no two entries for one id or one composition', () => {
    const ids = BUILT_IN.entries.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    const keys = BUILT_IN.entries.map((e) => compositionKey(parseSpeciesId(e.id, e.formula)));
    const dup = keys.filter((k, i) => keys.indexOf(k) !== i);
    expect(dup).toEqual([]);
  });

  it('has positive densities, finite numbers, and Shomate ranges in order', () => {
    for (const e of BUILT_IN.entries) {
      if (e.density) expect(e.density.value, e.id).toBeGreaterThan(0);
      for (const x of [e.molarVolume, e.Hf]) if (x) expect(Number.isFinite(x.value), e.id).toBe(true);
      const cp = e.cp?.value;
      if (cp && typeof cp !== 'number' && 'shomateRanges' in cp) {
        cp.shomateRanges.forEach((r, i) => {
          expect(r.Tmin, e.id).toBeLessThan(r.Tmax);
          if (i > 0) expect(r.Tmin, e.id).toBe(cp.shomateRanges[i - 1]!.Tmax);
        });
      }
    }
  });

  it('states the method of every estimate', () => {
    for (const [key, s] of Object.entries(SOURCES)) if (s.flag === 'estimate') expect(s.method, key).toBeTruthy();
  });
});
