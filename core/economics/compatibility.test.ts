import { describe, expect, it } from 'vitest';
import type { FlowsheetDoc } from '../document';
import { analyse, economicsByMode } from './analysis';
import { capitalEstimate } from './capital';
import { modeCompatibility } from './compatibility';
import { switchover, switchoverMatrix } from './switchover';
import { fakeResults } from './test-helpers';

const species: FlowsheetDoc['species'] = { 'CuSO4(aq)': {}, 'CuCl2(aq)': {}, 'H2O(l)': {} };

/**
 * feed → leach → product. The leach is a brick-lined tank built for 25–95 °C, atmospheric, sulfate
 * service. Mode hot asks it for 110 °C at 3 bar (declared in its duty) in chloride liquor.
 */
function doc(policy?: 'refuse' | 'flag' | 'duplicate'): FlowsheetDoc {
  return {
    format: 'flexsheet/1',
    name: 'compat',
    basis: 'kg/h',
    species,
    units: {
      feed: { type: 'feed', flows: {} },
      leach: {
        type: 'reactor',
        T: 60,
        equipment: {
          limits: { T: { min: 25, max: 95 }, P: { max: 1.5 }, media: ['sulfate'], services: ['atmospheric leach'] },
          duty: { service: 'atmospheric leach' },
          holdup: { residenceTime: 1 },
          changeover: { time: 8, cost: 1000 },
        },
      },
      product: { type: 'product' },
    },
    streams: { s1: { from: 'feed.out', to: 'leach.in' }, s2: { from: 'leach.out', to: 'product.in' } },
    modes: {
      cold: { units: {} },
      hot: { units: { leach: { T: 110, equipment: { duty: { P: 3, service: 'pressure leach' } } } } },
    },
    economics: { prices: { products: { product: 1 } }, capital: {}, ...(policy ? { switchover: { compatibility: policy } } : {}) },
  };
}

const liquor = (sp: string) => ({ [sp]: 100, 'H2O(l)': 900 });
function inputs(d: FlowsheetDoc) {
  const results = {
    cold: fakeResults(species, { s1: { from: 'feed.out', to: 'leach.in', kg: liquor('CuSO4(aq)') }, s2: { from: 'leach.out', to: 'product.in', kg: liquor('CuSO4(aq)') } }),
    hot: fakeResults(species, { s1: { from: 'feed.out', to: 'leach.in', kg: liquor('CuCl2(aq)') }, s2: { from: 'leach.out', to: 'product.in', kg: liquor('CuCl2(aq)') } }),
  };
  return { results, economics: economicsByMode(d, results) };
}

describe('equipment compatibility', () => {
  it('finds every duty outside the limits, with the reason and the limit’s path', () => {
    const d = doc();
    const p = modeCompatibility(d, 'hot', inputs(d).results.hot);
    expect(p.map((x) => [x.what, x.path])).toEqual([
      ['T', 'units.leach.equipment.limits.T.max'],
      ['P', 'units.leach.equipment.limits.P.max'],
      ['media', 'units.leach.equipment.limits.media'],
      ['service', 'units.leach.equipment.limits.services'],
    ]);
    expect(p[0].reason).toBe('unit "leach": mode hot asks 110 °C, above its limit of 95 °C');
    expect(p[1].reason).toBe('unit "leach": mode hot asks 3 bar, above its limit of 1.5 bar');
    expect(p[2].reason).toBe('unit "leach": mode hot asks service in chloride, which it is not built for (sulfate)');
    expect(p[3].reason).toBe('unit "leach": mode hot asks the duty pressure leach, which it is not built for (atmospheric leach)');
    expect(modeCompatibility(d, 'cold', inputs(d).results.cold)).toEqual([]);
  });

  it('refuses a switchover into a mode the shared unit cannot serve, with the reasons', () => {
    const d = doc();
    const s = switchover(d, 'cold', 'hot', inputs(d));
    expect(s.feasible).toBe(false);
    expect(s.units.find((u) => u.unit === 'leach')!.incompatible).toContain('unit "leach": mode hot asks 110 °C, above its limit of 95 °C');
    expect(switchover(d, 'hot', 'cold', inputs(d)).feasible).toBe(true);
    const m = switchoverMatrix(d, inputs(d), ['cold', 'hot']);
    expect(m.feasible).toEqual([[true, false], [true, true]]);
  });

  it('keeps a refused mode out of the campaign plan', () => {
    const d = doc();
    const a = analyse(d, inputs(d).results);
    expect(a.campaign.optimum.rotation).toEqual(['cold']);
    expect(a.investment!.plans.every((p) => !p.modes.includes('hot'))).toBe(true);
    expect(a.warnings.some((w) => w.startsWith('unit "leach": mode hot asks 110 °C') && w.includes('switchovers into hot are refused'))).toBe(true);
  });

  it('flags instead when told to, and costs a second unit when told to duplicate', () => {
    const f = switchover(doc('flag'), 'cold', 'hot', inputs(doc('flag')));
    expect(f.feasible).toBe(true);
    expect(f.warnings[0]).toBe('unit "leach": mode hot asks 110 °C, above its limit of 95 °C (flagged, costed anyway)');
    const d = doc('duplicate');
    const a = analyse(d, inputs(d).results);
    const copies = a.capital!.shared.units.filter((u) => u.unit === 'leach');
    expect(copies.map((u) => [u.duplicate, u.modes])).toEqual([
      [false, ['cold']],
      [true, ['hot']],
    ]);
    const single = capitalEstimate(d, inputs(d).results);
    expect(a.capital!.shared.installed).toBeGreaterThan(single.installed);
    expect(a.campaign.optimum.regime).not.toBe('idle');
  });
});
