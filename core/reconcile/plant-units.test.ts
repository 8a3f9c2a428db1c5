/** Measurements in plant units: slurry flows in m³/h with pulp SG, % solids, g/L and mg/L assays. */
import { describe, expect, it } from 'vitest';
import { ATOMIC_WEIGHTS } from '../chemistry';
import { evaluateModel, measurementModel, type Measurement } from './measurements';
import { reconcile } from './reconcile';
import { seededRng } from './rng';
import { solveTest, testDoc } from './test-support';
import { marcySolidsPercent, parseMeasurementUnit } from './units';
import { streamVariable, variableIndex, variablesFromSolution } from './variables';
import { plantVolumes } from './volumes';

const WATER = 997.05;
const M_C = ATOMIC_WEIGHTS.C;

/** Graphite and water fed at `solids` and `water` kg/h, mixed into one slurry. */
const slurryPlant = (solids: number, water: number) =>
  testDoc({
    basis: 'kg/h',
    species: { 'Graphite(s)': { formula: 'C', density: 2260 }, 'H2O(l)': {} },
    units: {
      g: { type: 'feed', flows: { 'Graphite(s)': solids } },
      w: { type: 'feed', flows: { 'H2O(l)': water } },
      mix: { type: 'mixer' },
      out: { type: 'product' },
    },
    streams: { s1: { from: 'g.out', to: 'mix.in' }, s2: { from: 'w.out', to: 'mix.in' }, slurry: { from: 'mix.out', to: 'out.in' } },
  });

describe('a slurry measured as m³/h and pulp SG', () => {
  // Hand calculation: 1,000 kg/h graphite at 2,260 kg/m³ in 3,000 kg/h water at 997.05 kg/m³:
  // V = 1000/2260 + 3000/997.05 = 0.442478 + 3.008876 = 3.451354 m³/h; ρp = 4000/3.451354 =
  // 1,158.97 kg/m³ (SG 1.15897); %S = 1000/4000 = 25.00 %, and by the Marcy identity
  // 100·2260·(1158.97 − 997.05)/(1158.97·(2260 − 997.05)) = 25.00 %.
  const V = 1000 / 2260 + 3000 / WATER;
  const rho = 4000 / V;

  it('reads the hand-calculated volume, density and % solids off the plant', () => {
    const { plant, x } = solveTest(slurryPlant(1000, 3000));
    const index = variableIndex(plant);
    const at = (component: string, unit: string) => evaluateModel(measurementModel(plant, index, { stream: 'slurry', component, unit }, plantVolumes(plant)).model, variablesFromSolution(plant, x, index));
    expect(at('total', 'm³/h')).toBeCloseTo(3.4514, 4);
    expect(at('total', 'kg/m³')).toBeCloseTo(1158.97, 2);
    expect(at('total', 'SG')).toBeCloseTo(1.15897, 5);
    expect(at('solids', 'wt%')).toBeCloseTo(25.0, 10);
    expect(at('solids', 'vol%')).toBeCloseTo((100 * (1000 / 2260)) / V, 10);
    expect(at('total', 'L/min')).toBeCloseTo((V * 1000) / 60, 9);
    expect(marcySolidsPercent(1158.97, 2260)).toBeCloseTo(25.0, 2);
    expect(marcySolidsPercent(rho, 2260)).toBeCloseTo(25.0, 10);
  });

  it('reconciles {m³/h, SG} to the 1,000 kg/h of dry solids, from a simulation at other flows', () => {
    // The plant is simulated at 400 + 2,000 kg/h: only the two measurements fix the flows.
    const { plant, x } = solveTest(slurryPlant(400, 2000));
    const data: Measurement[] = [
      { stream: 'slurry', component: 'total', value: V, unit: 'm³/h', sd: 0.02 * V },
      { stream: 'slurry', component: 'total', value: rho / 1000, unit: 'SG', sd: 0.005 },
    ];
    const r = reconcile(plant, x, data);
    const index = variableIndex(plant);
    const slurry = plant.streams.findIndex((s) => s.id === 'slurry');
    const solids = r.x[streamVariable(index, slurry, plant.species.index.get('Graphite(s)')!)] * M_C;
    expect(solids).toBeCloseTo(1000, 6);
    expect(r.x[streamVariable(index, slurry, plant.species.index.get('H2O(l)')!)] * plant.species.list[1].molarMass).toBeCloseTo(3000, 6);
    expect(r.global.dof).toBe(0);
    expect(r.status[streamVariable(index, slurry, 0)]).toBe('observable');
    // Its reconciled % solids is the Marcy identity of the measured density.
    const pct = r.ratio(new Map([[streamVariable(index, slurry, 0), M_C * 100]]), new Map([[streamVariable(index, slurry, 0), M_C], [streamVariable(index, slurry, 1), plant.species.list[1].molarMass]]));
    expect(pct.value).toBeCloseTo(marcySolidsPercent(rho, 2260), 8);
  });

  it('takes % solids and a dry-solids flow as well, and weighs them against the volume', () => {
    const { plant, x } = solveTest(slurryPlant(400, 2000));
    const data: Measurement[] = [
      { stream: 'slurry', component: 'total', value: V, unit: 'm³/h', sd: 0.02 * V },
      { stream: 'slurry', component: 'solids', value: 25, unit: '%', sd: 0.5 },
      { stream: 'slurry', component: 'solids', value: 1, unit: 't/h', sd: 0.02 },
    ];
    const r = reconcile(plant, x, data);
    // Three consistent measurements of two unknowns: one degree of freedom, nothing to adjust.
    expect(r.global.dof).toBe(1);
    expect(r.global.chiSquare).toBeLessThan(1e-16);
    for (const m of r.measurements) expect(Math.abs(m.adjustment!)).toBeLessThan(1e-9 * Math.abs(m.measurement.value));
  });
});

/** A cobalt sulfate liquor split in two: CoSO4(aq) with its molar volume from the file. */
const liquorPlant = () =>
  testDoc({
    basis: 'kg/h',
    species: { 'CoSO4(aq)': { molarVolume: 0.0152 }, 'H2O(l)': {} },
    units: {
      f: { type: 'feed', flows: { 'CoSO4(aq)': 155, 'H2O(l)': 4845 } },
      sp: { type: 'splitter', outlets: ['a', 'b'], fractions: { a: 0.7, b: 0.3 } },
      pa: { type: 'product' },
      pb: { type: 'product' },
    },
    streams: { feed: { from: 'f.out', to: 'sp.in' }, a: { from: 'sp.a', to: 'pa.in' }, b: { from: 'sp.b', to: 'pb.in' } },
  });

describe('solution assays in g/L', () => {
  const { plant, x } = solveTest(liquorPlant());
  const index = variableIndex(plant);
  const truth = variablesFromSolution(plant, x, index);
  const read = (stream: string, component: string, unit: string) => evaluateModel(measurementModel(plant, index, { stream, component, unit }, plantVolumes(plant)).model, truth);

  it('reads g/L and mg/L from the solution volume: water over 997.05 kg/m³ plus n·molarVolume', () => {
    // Feed: 155 kg/h CoSO4 = 155/154.996 kmol/h, 4,845 kg/h water: V = 4845/997.05 + (155/154.996)·0.0152
    // = 4.859334 + 0.015200 = 4.874535 m³/h; Co = 155·58.933/154.996 = 58.935 kg/h, so 12.090 g/L.
    const M = plant.species.list[0].molarMass;
    const V = 4845 / WATER + (155 / M) * 0.0152;
    const co = (155 * ATOMIC_WEIGHTS.Co) / M;
    expect(read('feed', 'total', 'm³/h')).toBeCloseTo(V, 12);
    expect(read('feed', 'Co', 'g/L')).toBeCloseTo(co / V, 10);
    expect(read('feed', 'Co', 'mg/L')).toBeCloseTo((1000 * co) / V, 7);
    expect(read('feed', 'Co', 'g/L')).toBeCloseTo(12.09, 2);
    // ppm is by mass (mg/kg), as before.
    expect(read('feed', 'Co', 'ppm')).toBeCloseTo((1e6 * co) / 5000, 6);
  });

  it('reconciles g/L data to the answer of the same data on a mass basis', () => {
    // One set of measured streams (the truth with 1-2 % noise on each species flow, seed 7), read
    // once as kg/h and g/kg and once as m³/h and g/L with the same relative errors: the two
    // reconciliations give the same cobalt flows, to a small fraction of their standard deviations.
    const rng = seededRng(7);
    const measured = Float64Array.from(truth, (v) => v * (1 + 0.015 * rng.normal()));
    const at = (stream: string, component: string, unit: string) => evaluateModel(measurementModel(plant, index, { stream, component, unit }, plantVolumes(plant)).model, measured);
    const plan = (flow: string, assay: string): Measurement[] =>
      ['feed', 'a', 'b'].flatMap((stream) => [
        { stream, component: 'total', unit: flow, value: at(stream, 'total', flow), sd: 0.01 * at(stream, 'total', flow) },
        { stream, component: 'Co', unit: assay, value: at(stream, 'Co', assay), sd: 0.02 * at(stream, 'Co', assay) },
      ]);
    const byMass = reconcile(plant, x, plan('kg/h', 'g/kg'));
    const byVolume = reconcile(plant, x, plan('m³/h', 'g/L'));
    expect(byMass.global.dof).toBe(2);
    expect(byVolume.global.dof).toBe(2);
    for (const stream of ['feed', 'a', 'b']) {
      const s = plant.streams.findIndex((st) => st.id === stream);
      const co = new Map([[streamVariable(index, s, 0), ATOMIC_WEIGHTS.Co]]);
      const m = byMass.estimate(co);
      const v = byVolume.estimate(co);
      expect(Math.abs(m.value! - v.value!)).toBeLessThan(0.05 * m.sd!);
      expect(v.sd!).toBeCloseTo(m.sd!, 1);
    }
    // Perfect data reconcile to the truth on either basis.
    const perfect = reconcile(plant, x, plan('m³/h', 'g/L').map((m) => ({ ...m, value: evaluateModel(measurementModel(plant, index, m, plantVolumes(plant)).model, truth) })));
    expect(perfect.global.chiSquare).toBeLessThan(1e-16);
  });

  it('knows every unit of the pilot README', () => {
    for (const [unit, kind] of [
      ['m³/h', 'volume'],
      ['m3/h(aq)', 'volume'],
      ['L/min', 'volume'],
      ['Nm³/h', 'volume'],
      ['SG', 'concentration'],
      ['t/m³', 'concentration'],
      ['g/L', 'concentration'],
      ['mg/L(aq)', 'concentration'],
      ['ppm', 'fraction'],
      ['wt%(s)', 'fraction'],
      ['vol%', 'volumeFraction'],
      ['t', 'mass'],
      ['kmol', 'molar'],
      ['m³', 'volume'],
    ] as const) {
      expect(parseMeasurementUnit(unit)?.kind).toBe(kind);
    }
    expect(parseMeasurementUnit('t')?.perPeriod).toBe(true);
    expect(parseMeasurementUnit('Nm³/h')?.phases).toEqual(['g']);
    expect(parseMeasurementUnit('constructor')).toBeUndefined();
    expect(parseMeasurementUnit('__proto__')).toBeUndefined();
  });
});
