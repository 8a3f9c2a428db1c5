/** Design specifications (FORMAT.md "Specifications") against hand calculations. */
import { describe, expect, it } from 'vitest';
import { compilePlant, type FlowsheetDoc } from '../../core';
import { registry } from '../../unit-ops';
import { doc, problemsOf, solveDoc } from '../support/solve';

/** 528.3 kg/h CoSO4 in a mixer with water adjusted for 90 g Co per kg of liquor. */
function cobaltLiquor(): FlowsheetDoc {
  return doc({
    basis: 'kg/h',
    species: { 'CoSO4(aq)': {}, 'H2O(l)': {} },
    units: {
      salt: { type: 'feed', flows: { 'CoSO4(aq)': 528.3 } },
      water: { type: 'feed', flows: { 'H2O(l)': 1000 } },
      mix: { type: 'mixer' },
      liquor: { type: 'product' },
    },
    streams: { a: { from: 'salt.out', to: 'mix.in' }, b: { from: 'water.out', to: 'mix.in' }, c: { from: 'mix.out', to: 'liquor.in' } },
    specs: {
      co: { target: { stream: 'c', element: 'Co', quantity: 'massFraction', value: 0.09 }, adjust: { unit: 'water', param: ['flows', 'H2O(l)'], min: 0, max: 20000 } },
    },
  });
}

/** Fresh 1,000 kg/h water + 10 kg/h NaCl, an evaporator taking 90 % of the water, a bleed holding the liquor at 20 wt % NaCl. */
function evaporationLoop(target = 0.2): FlowsheetDoc {
  return doc({
    basis: 'kg/h',
    species: { 'NaCl(aq)': {}, 'H2O(l)': {}, 'H2O(g)': {} },
    units: {
      fresh: { type: 'feed', flows: { 'H2O(l)': 1000, 'NaCl(aq)': 10 } },
      mix: { type: 'mixer' },
      evap: { type: 'separator', outlets: ['vapour', 'liquor'], split: { vapour: { 'H2O(l)': 0.9 } } },
      tee: { type: 'splitter', outlets: ['bleed', 'back'], fractions: { bleed: 0.5, back: 0.5 } },
      steam: { type: 'product' },
      purge: { type: 'product' },
    },
    streams: {
      f: { from: 'fresh.out', to: 'mix.in' },
      m: { from: 'mix.out', to: 'evap.in' },
      v: { from: 'evap.vapour', to: 'steam.in' },
      l: { from: 'evap.liquor', to: 'tee.in' },
      b: { from: 'tee.bleed', to: 'purge.in' },
      r: { from: 'tee.back', to: 'mix.in' },
    },
    specs: { salt: { target: { stream: 'l', species: 'NaCl(aq)', quantity: 'massFraction', value: target }, adjust: { unit: 'tee', param: ['fractions', 'bleed'], min: 0.01, max: 1 } } },
  });
}

describe('specifications', () => {
  it('water for a liquor of 90 g Co per kg from 528.3 kg/h CoSO4: 1,703.6 kg/h (a feed flow: linear)', () => {
    const { results, solution } = solveDoc(cobaltLiquor());
    // Co in CoSO4 = 58.933194 / 154.989 = 0.380241 (IUPAC 2021 weights; the 0.380223 gives 1,703.6);
    // water = 528.3 × 0.380241 / 0.09 − 528.3 = 1,703.7 kg/h.
    const coFraction = 58.933194 / (58.933194 + 32.06 + 4 * 15.999);
    const water = (528.3 * coFraction) / 0.09 - 528.3;
    expect(water).toBeCloseTo(1703.6, 0);
    expect(results.specs!.co.value).toBeCloseTo(water, 8);
    expect(results.specs!.co.target).toBeCloseTo(0.09, 12);
    expect(results.streams.b.massFlow['H2O(l)']).toBeCloseTo(water, 8);
    expect(solution.newtonHistory.length).toBeLessThanOrEqual(3); // linear in the adjusted flow: one Newton step
  });

  it("water for a 32 wt % solids slurry of 1,000 kg/h solids: 2,125 kg/h (BioSTEAM's specification tutorial)", () => {
    const slurry = doc({
      basis: 'kg/h',
      species: { 'SiO2(s)': {}, 'H2O(l)': {} },
      units: {
        solids: { type: 'feed', flows: { 'SiO2(s)': 1000 } },
        water: { type: 'feed', flows: { 'H2O(l)': 500 } },
        mix: { type: 'mixer' },
        out: { type: 'product' },
      },
      streams: { a: { from: 'solids.out', to: 'mix.in' }, b: { from: 'water.out', to: 'mix.in' }, c: { from: 'mix.out', to: 'out.in' } },
      specs: { pulp: { target: { stream: 'c', species: 'SiO2(s)', quantity: 'massFraction', value: 0.32 }, adjust: { unit: 'water', param: ['flows', 'H2O(l)'] } } },
    });
    // 1,000 / 0.32 − 1,000 = 2,125 kg/h.
    expect(solveDoc(slurry).results.specs!.pulp.value).toBeCloseTo(2125, 8);
  });

  it('the bleed fraction of an evaporation loop holding its liquor at 20 wt % NaCl: f = 0.3750 (a fraction: Newton)', () => {
    // NaCl leaves only by the bleed: f·N = 10, and 20 wt % means W = 4N = 40/f. Water: 1,000 = 0.9·(10 W)
    // + f·W (the evaporator keeps 1/10 of its inlet water), so 40(9 + f)/f = 1,000 and f = 360/960 = 0.375.
    const { results } = solveDoc(evaporationLoop());
    expect(results.specs!.salt.value).toBeCloseTo(0.375, 10);
    expect(results.streams.m.massFlow['H2O(l)']).toBeCloseTo(10 * (40 / 0.375), 6); // 1,066.67 kg/h into the evaporator
    expect(results.streams.b.massFlow['H2O(l)']).toBeCloseTo(40, 8); // bleed water f·W = 40 kg/h
    expect(results.streams.b.molarFlow['NaCl(aq)'] * (22.98976928 + 35.45)).toBeCloseTo(10, 8);
  });

  it('refuses an unreachable target, naming the spec, the bound where it comes nearest and the value there', () => {
    // The more is bled the weaker the liquor; with all of it bled (f = 1) it holds 10 kg NaCl in
    // 1,000/(9 + 1) = 100 kg water: 10/110 = 9.0909 % at the least, so 5 % is out of reach.
    const problems = problemsOf(evaporationLoop(0.05));
    expect(problems).toHaveLength(1);
    expect(problems[0].path).toBe('specs.salt');
    expect(problems[0].message).toMatch(/spec "salt" cannot be met: .* comes nearest at the max, 1, where it reaches 0\.0909091/);
  });

  it('refuses a spec on a stream or unit that does not exist, and the last outlet of a splitter', () => {
    const bad = evaporationLoop();
    bad.specs!.salt.adjust.param = ['fractions', 'back'];
    expect(problemsOf(bad)[0].message).toMatch(/outlet "back" is the last outlet, which takes the rest/);
    const missing = evaporationLoop();
    missing.specs!.salt.target.stream = 'nowhere';
    expect(problemsOf(missing)[0]).toMatchObject({ path: 'specs.salt.target.stream' });
  });

  it('refuses a mode that removes a target\'s value (null in a merge patch), saying so at the mode\'s path (fuzz mut-01244)', () => {
    const d = evaporationLoop();
    (d as unknown as { modes: unknown }).modes = { dry: { specs: { salt: { target: { value: null } } } } };
    const [p] = problemsOf(d, 'dry');
    expect(p.path).toBe('modes.dry.specs.salt.target.value');
    expect(p.message).toBe('spec "salt": the target needs a "value", a number (in a mode, null removes it: a JSON merge patch)');
  });

  it('re-solves after a new target without compiling again, as a cold solve of the changed file would', () => {
    const plant = compilePlant(evaporationLoop(), registry);
    plant.solve();
    plant.set(['specs', 'salt', 'target', 'value'], 0.25);
    const warm = plant.results().specs!.salt.value;
    const cold = solveDoc(evaporationLoop(0.25)).results.specs!.salt.value;
    expect(Math.abs(warm - cold)).toBeLessThanOrEqual(1e-12);
  });
});
