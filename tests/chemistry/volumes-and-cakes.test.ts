/** Volumes through a solved plant, and cakes given by their moisture (issue 11). */
import { describe, expect, it } from 'vitest';
import { doc, problemsOf, solveDoc } from '../support/solve';
import { M } from './exchange-helpers';

describe('slurry volumes in the results', () => {
  it('1,000 kg/h graphite (2,260 kg/m³) in 3,000 kg/h water: 3.4514 m³/h, 1,158.97 kg/m³, 25.00 wt % and 12.82 vol % solids', () => {
    const { results: r } = solveDoc(
      doc({
        basis: 'kg/h',
        species: { 'Graphite(s)': { formula: 'C', density: 2260 }, 'H2O(l)': {} },
        units: { feed: { type: 'feed', flows: { 'Graphite(s)': 1000, 'H2O(l)': 3000 } }, out: { type: 'product' } },
        streams: { slurry: { from: 'feed.out', to: 'out.in' } },
      }),
    );
    const s = r.streams.slurry;
    // V = 1,000/2,260 + 3,000/997.05 = 0.442478 + 3.008876 = 3.451354 m³/h.
    const V = s.volumeFlow!.s + s.volumeFlow!.aq;
    expect(s.volumeFlow!.s).toBeCloseTo(1000 / 2260, 12);
    expect(s.volumeFlow!.aq).toBeCloseTo(3000 / 997.05, 12);
    expect(V).toBeCloseTo(3.4514, 4);
    expect(s.totals.mass / V).toBeCloseTo(1158.97, 2);
    expect(s.solidsFraction! * 100).toBeCloseTo(25.0, 10);
    expect((100 * s.volumeFlow!.s) / V).toBeCloseTo(12.82, 2);
    // The Marcy identity returns the % solids from the pulp density: 100·ρs(ρp − ρw)/(ρp(ρs − ρw)).
    const rp = s.totals.mass / V;
    expect((100 * 2260 * (rp - 997.05)) / (rp * (2260 - 997.05))).toBeCloseTo(25.0, 9);
  });
});

/** A precipitator making 1,000 kg/h of cake solids out of a liquor of 3,000 kg/h, the cake given by `cake`. */
function precipitation(cake: Record<string, number>) {
  return doc({
    basis: 'kg/h',
    species: { 'NiSO4(aq)': {}, 'NaOH(aq)': {}, 'Ni(OH)2(s)': {}, 'Na2SO4(aq)': {}, 'H2O(l)': {} },
    units: {
      // 1,000 kg/h of Ni(OH)2 (10.787 kmol/h) from NiSO4 with NaOH dosed to demand.
      feed: { type: 'feed', flows: { 'NiSO4(aq)': (1000 / M('Ni(OH)2(s)')) * M('NiSO4(aq)'), 'H2O(l)': 1000 } },
      precip: {
        type: 'precipitator',
        reactions: [{ equation: 'NiSO4(aq) + 2 NaOH(aq) -> Ni(OH)2(s) + Na2SO4(aq)', key: 'NiSO4(aq)', conversion: 1 }],
        reagents: { 'NaOH(aq)': {} },
        ...cake,
      },
      cake: { type: 'product' },
      filtrate: { type: 'product' },
    },
    streams: {
      s1: { from: 'feed.out', to: 'precip.in' },
      c: { from: 'precip.solids', to: 'cake.in' },
      f: { from: 'precip.liquor', to: 'filtrate.in' },
    },
  });
}

const liquorIn = (massFlow: Record<string, number>) => Object.entries(massFlow).reduce((s, [id, m]) => s + (id.endsWith('(s)') ? 0 : m), 0);

describe('cake moisture', () => {
  it('holds 0.25 kg of liquor per kg of solids (moisture), the liquor at the filtrate\'s composition', () => {
    const { results: r } = solveDoc(precipitation({ moisture: 0.25 }));
    const c = r.streams.c.massFlow;
    const solids = c['Ni(OH)2(s)'];
    expect(liquorIn(c)).toBeCloseTo(0.25 * solids, 9);
    // Same composition as the filtrate: the Na2SO4/H2O ratio.
    const f = r.streams.f.massFlow;
    expect(c['Na2SO4(aq)'] / c['H2O(l)']).toBeCloseTo(f['Na2SO4(aq)'] / f['H2O(l)'], 12);
  });

  it('reads 80 % solids (cakeSolids) as 0.25 kg/kg, and matches the same share given as an entrainment', () => {
    const bySolids = solveDoc(precipitation({ cakeSolids: 0.8 })).results;
    const byMoisture = solveDoc(precipitation({ moisture: 0.25 })).results;
    expect(bySolids.streams.c.solidsFraction).toBeCloseTo(0.8, 12);
    expect(bySolids.streams.c.massFlow['H2O(l)']).toBeCloseTo(byMoisture.streams.c.massFlow['H2O(l)'], 9);
    // The cake takes 0.25·1,000/L of the liquor L: the same split as that entrainment.
    const L = liquorIn(byMoisture.streams.c.massFlow) + liquorIn(byMoisture.streams.f.massFlow);
    const share = (0.25 * byMoisture.streams.c.massFlow['Ni(OH)2(s)']) / L;
    const byShare = solveDoc(precipitation({ entrainment: share })).results;
    expect(byShare.streams.c.massFlow['Na2SO4(aq)']).toBeCloseTo(byMoisture.streams.c.massFlow['Na2SO4(aq)'], 9);
  });

  it('sends all the liquor to the cake when the solids would hold more than there is', () => {
    const { results: r } = solveDoc(precipitation({ moisture: 50 }));
    expect(r.streams.f.massFlow['H2O(l)'] ?? 0).toBe(0);
    expect(r.streams.c.massFlow['H2O(l)']).toBeCloseTo(1000, 9);
    expect(r.streams.c.massFlow['Ni(OH)2(s)']).toBeCloseTo(1000, 9);
  });

  it('refuses a cake given two ways', () => {
    const [p] = problemsOf(precipitation({ moisture: 0.25, entrainment: 0.1 }));
    expect(p.path).toBe('units.precip.moisture');
    expect(p.message).toMatch(/give one of "entrainment", "moisture" and "cakeSolids"/);
  });
});
