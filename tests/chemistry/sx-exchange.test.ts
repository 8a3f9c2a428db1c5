/** Exchange extraction in `sx` (issue 11): Kremser on an exchange, the reagents around it, overload. */
import { describe, expect, it } from 'vitest';
import { doc, molar, problemsOf, solveDoc } from '../support/solve';
import { DILUENT_PER_M3, EXCHANGE_SPECIES, kremserLeft, M, SAPONIFIED, WATER_PER_M3, sxBetweenFeeds } from './exchange-helpers';

/** 1 kmol/h MnSO4 in 1.000 m³/h of water against 1.000 m³/h of organic carrying `naA` kmol/h NaA. */
function extraction(opts: { N: number; D: number; oa?: number; naA?: number }) {
  return sxBetweenFeeds(EXCHANGE_SPECIES, { 'MnSO4(aq)': 1, 'H2O(l)': WATER_PER_M3 }, { 'NaA(org)': opts.naA ?? 4, 'Diluent(org)': DILUENT_PER_M3 }, { type: 'sx', stages: opts.N, ...(opts.oa ? { oa: opts.oa } : {}), extract: { Mn: { equation: SAPONIFIED, D: opts.D } } });
}

describe('sx exchange: Kremser', () => {
  for (const oa of [undefined, 1]) {
    it(`2 stages at D = 10 on 1.000 m³/h of each phase leave 9/999 of the Mn, and send 140.76 kg/h Na2SO4 to the raffinate (${oa ? 'oa given: linear' : 'O/A from the flows: Newton'})`, () => {
      const { results: r, solution } = solveDoc(extraction({ N: 2, D: 10, oa }));
      // E = D·V_org/V_aq = 10; unextracted (E − 1)/(E^(N+1) − 1) = 9/999.
      const left = kremserLeft(10, 2);
      expect(left).toBeCloseTo(0.009009, 6);
      expect(molar(r, 'r', 'MnSO4(aq)')).toBeCloseTo(left, 12);
      expect(molar(r, 'r', 'Na2SO4(aq)')).toBeCloseTo(1 - left, 12);
      expect(r.streams.r.massFlow['Na2SO4(aq)']).toBeCloseTo(140.76, 2);
      expect(molar(r, 'l', 'MnA2(org)')).toBeCloseTo(1 - left, 12);
      expect(molar(r, 'l', 'NaA(org)')).toBeCloseTo(4 - 2 * (1 - left), 12);
      // Each phase stays at 1.000 m³/h and the unit reports O/A 1 from its inlets.
      expect(r.streams.r.volumeFlow!.aq).toBeCloseTo(1, 12);
      expect(r.streams.l.volumeFlow!.org).toBeCloseTo(1, 12);
      expect(r.unitFigures!.sx.oa.value).toBeCloseTo(1, 12);
      expect(solution.newtonHistory.length).toBeLessThanOrEqual(oa ? 0 : 4);
    });
  }

  it('matches Kremser for N = 1…5 and D on both sides of 1 (the exchange runs backwards in a strip)', () => {
    for (const N of [1, 3, 5]) {
      for (const D of [0.3, 2.5, 10]) {
        const { results: r } = solveDoc(extraction({ N, D }));
        expect(molar(r, 'r', 'MnSO4(aq)')).toBeCloseTo(kremserLeft(D, N), 11);
      }
    }
  });

  it('warns when a declared oa is more than 5 % off the volumes the streams bring', () => {
    const { results: r } = solveDoc(extraction({ N: 2, D: 10, oa: 1.2 }));
    const w = r.warnings!.find((d) => d.unit === 'sx');
    expect(w).toMatchObject({ path: 'units.sx.oa', message: expect.stringMatching(/bring 1 m³ of organic per m³ of aqueous, not the declared O\/A of 1\.2/) });
    expect(solveDoc(extraction({ N: 2, D: 10, oa: 1.04 })).results.warnings!.some((d) => d.unit === 'sx')).toBe(false);
  });

  for (const oa of [undefined, 1]) {
    it(`refuses an overloaded extractant, naming the unit, the stage and the species (${oa ? 'linear' : 'Newton'})`, () => {
      // 0.5 kmol/h NaA can take at most 0.25 kmol/h of the 1 kmol/h Mn; D = 10 asks for more.
      const problems = problemsOf(extraction({ N: 2, D: 10, oa, naA: 0.5 }));
      expect(problems[0].path).toBe('units.sx.extract.Mn');
      expect(problems[0].species).toBe('NaA(org)');
      expect(problems[0].message).toMatch(/^unit "sx": stage [12]: the organic runs out of NaA\(org\) for the exchange .* \(an overloaded extractant\)/);
    });
  }
});

/**
 * The whole circuit: the organic is saponified with NaOH dosed to demand, loads Mn, is stripped with
 * H2SO4 dosed to demand, and returns; a bleed of 1 % is made up with fresh saponified organic, so the
 * organic entering the extraction is 4 kmol/h NaA in 1.000 m³/h whatever the loop does.
 */
function circuit() {
  const bleed = 0.01;
  return doc({
    species: EXCHANGE_SPECIES,
    units: {
      aq: { type: 'feed', flows: { 'MnSO4(aq)': 1, 'H2O(l)': WATER_PER_M3 } },
      makeup: { type: 'feed', flows: { 'NaA(org)': 4 * bleed, 'Diluent(org)': DILUENT_PER_M3 * bleed } },
      orgMix: { type: 'mixer' },
      sx: { type: 'sx', stages: 2, extract: { Mn: { equation: SAPONIFIED, D: 10 } } },
      stripWater: { type: 'feed', flows: { 'H2O(l)': 0.2 * WATER_PER_M3 } },
      strip: { type: 'reactor', reactions: [{ equation: 'MnA2(org) + H2SO4(aq) -> MnSO4(aq) + 2 HA(org)', key: 'MnA2(org)', conversion: 1 }], reagents: { 'H2SO4(aq)': {} } },
      stripSettler: { type: 'separator', outlets: ['organic', 'liquor'], split: { organic: { 'phase:org': 1 } } },
      sapon: { type: 'reactor', reactions: [{ equation: 'HA(org) + NaOH(aq) -> NaA(org) + H2O(l)', key: 'HA(org)', conversion: 1 }], reagents: { 'NaOH(aq)': {} } },
      saponSettler: { type: 'separator', outlets: ['organic', 'water'], split: { organic: { 'phase:org': 1 } } },
      orgSplit: { type: 'splitter', outlets: ['back', 'bleed'], fractions: { back: 1 - bleed, bleed } },
      raffinate: { type: 'product' },
      mnLiquor: { type: 'product' },
      saponWater: { type: 'product' },
      orgBleed: { type: 'product' },
    },
    streams: {
      a: { from: 'aq.out', to: 'sx.aqIn' },
      mk: { from: 'makeup.out', to: 'orgMix.in' },
      o: { from: 'orgMix.out', to: 'sx.orgIn' },
      r: { from: 'sx.aqOut', to: 'raffinate.in' },
      loaded: { from: 'sx.orgOut', to: 'strip.in' },
      sw: { from: 'stripWater.out', to: 'strip.in' },
      stripped: { from: 'strip.out', to: 'stripSettler.in' },
      liquor: { from: 'stripSettler.liquor', to: 'mnLiquor.in' },
      barren: { from: 'stripSettler.organic', to: 'sapon.in' },
      saponified: { from: 'sapon.out', to: 'saponSettler.in' },
      sw2: { from: 'saponSettler.water', to: 'saponWater.in' },
      regenerated: { from: 'saponSettler.organic', to: 'orgSplit.in' },
      back: { from: 'orgSplit.back', to: 'orgMix.in' },
      bl: { from: 'orgSplit.bleed', to: 'orgBleed.in' },
    },
  });
}

describe('sx exchange: saponification and strip acid dosed to demand around it', () => {
  it('doses 79.27 kg/h NaOH and 97.20 kg/h H2SO4 for the 0.990991 kmol/h of Mn extracted; H, Na and S balance to 1e-12', () => {
    const { results: r } = solveDoc(circuit());
    const extracted = 1 - kremserLeft(10, 2); // 0.990991 kmol/h
    // Fully saponified organic in: 4 kmol/h NaA, 1.000 m³/h.
    expect(molar(r, 'o', 'NaA(org)')).toBeCloseTo(4, 10);
    expect(molar(r, 'o', 'HA(org)')).toBeCloseTo(0, 12);
    expect(molar(r, 'r', 'MnSO4(aq)')).toBeCloseTo(kremserLeft(10, 2), 11);
    // NaOH: 2 mol per Mn (the HA the strip made); H2SO4: 1 mol per Mn stripped.
    expect(r.reagents.sapon['NaOH(aq)']).toBeCloseTo(2 * extracted * M('NaOH(aq)'), 9);
    expect(r.reagents.sapon['NaOH(aq)']).toBeCloseTo(79.27, 2);
    expect(r.reagents.strip['H2SO4(aq)']).toBeCloseTo(extracted * M('H2SO4(aq)'), 9);
    // 0.990991 × 98.072 kg/kmol (IUPAC standard weights) = 97.19 kg/h; the review's 97.20 takes 98.08.
    expect(r.reagents.strip['H2SO4(aq)']).toBeCloseTo(97.2, 1);
    expect(r.streams.r.massFlow['Na2SO4(aq)']).toBeCloseTo(140.76, 2);
    expect(molar(r, 'liquor', 'MnSO4(aq)')).toBeCloseTo(extracted, 10);
    for (const el of ['H', 'Na', 'S', 'Mn', 'P', 'C', 'O']) {
      const { in: a, out: b } = r.elements[el];
      expect(Math.abs(b - a) / a).toBeLessThan(1e-12);
    }
  });
});

describe('sx exchange: a degree of saponification', () => {
  it('is the saponification reactor\'s conversion: 60 % of 4 kmol/h HA takes 2.4 kmol/h NaOH (95.99 kg/h); the NaA exchanges, the HA passes', () => {
    const plant = doc({
      species: EXCHANGE_SPECIES,
      units: {
        fresh: { type: 'feed', flows: { 'HA(org)': 4, 'Diluent(org)': DILUENT_PER_M3 } },
        sapon: { type: 'reactor', reactions: [{ equation: 'HA(org) + NaOH(aq) -> NaA(org) + H2O(l)', key: 'HA(org)', conversion: 0.6 }], reagents: { 'NaOH(aq)': {} } },
        settler: { type: 'separator', outlets: ['organic', 'water'], split: { organic: { 'phase:org': 1 } } },
        aq: { type: 'feed', flows: { 'MnSO4(aq)': 1, 'H2O(l)': WATER_PER_M3 } },
        sx: {
          type: 'sx',
          stages: 2,
          oa: 1,
          extract: { Mn: { equation: SAPONIFIED, D: 10 } },
        },
        raffinate: { type: 'product' },
        loaded: { type: 'product' },
        water: { type: 'product' },
      },
      streams: {
        f: { from: 'fresh.out', to: 'sapon.in' },
        s: { from: 'sapon.out', to: 'settler.in' },
        w: { from: 'settler.water', to: 'water.in' },
        o: { from: 'settler.organic', to: 'sx.orgIn' },
        a: { from: 'aq.out', to: 'sx.aqIn' },
        r: { from: 'sx.aqOut', to: 'raffinate.in' },
        l: { from: 'sx.orgOut', to: 'loaded.in' },
      },
    });
    const { results: r } = solveDoc(plant);
    expect(r.reagents.sapon['NaOH(aq)']).toBeCloseTo(2.4 * M('NaOH(aq)'), 10);
    expect(r.reagents.sapon['NaOH(aq)']).toBeCloseTo(95.99, 2);
    expect(molar(r, 'o', 'NaA(org)')).toBeCloseTo(2.4, 12);
    expect(molar(r, 'o', 'HA(org)')).toBeCloseTo(1.6, 12);
    // 2.4 kmol/h NaA is enough for the 0.990991 kmol/h that E = 10 over 2 stages extracts.
    expect(molar(r, 'r', 'MnSO4(aq)')).toBeCloseTo(kremserLeft(10, 2), 12);
    expect(molar(r, 'l', 'NaA(org)')).toBeCloseTo(2.4 - 2 * (1 - kremserLeft(10, 2)), 12);
    expect(molar(r, 'l', 'HA(org)')).toBeCloseTo(1.6, 12);
    // One equilibrium per organic product: a second exchange making MnA2 (from HA) is refused.
    const two = structuredClone(plant);
    two.units.sx.extract = { Mn: { equation: SAPONIFIED, D: 10 }, MnH: { equation: 'MnSO4(aq) + 2 HA(org) -> MnA2(org) + H2SO4(aq)', D: 0.1 } };
    const [p] = problemsOf(two);
    expect(p).toMatchObject({ path: 'units.sx.extract.MnH', message: expect.stringMatching(/two exchanges make MnA2\(org\)/) });
  });
});

describe('sx exchange: names like Object.prototype members', () => {
  it('takes an exchange named "constructor" as any other name', () => {
    const plant = extraction({ N: 2, D: 10 });
    plant.units.sx.extract = { constructor: { equation: SAPONIFIED, D: 10 } };
    const { results: r } = solveDoc(plant);
    expect(molar(r, 'r', 'MnSO4(aq)')).toBeCloseTo(kremserLeft(10, 2), 12);
    const overloaded = extraction({ N: 2, D: 10, naA: 0.5 });
    overloaded.units.sx.extract = { constructor: { equation: SAPONIFIED, D: 10 } };
    expect(problemsOf(overloaded)[0].path).toBe('units.sx.extract.constructor');
  });
});
