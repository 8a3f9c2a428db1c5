import { describe, expect, it } from 'vitest';
import { parseSpeciesId, type SpeciesInfo } from '../chemistry';
import { speciesData } from './lookup';
import { concentrationGradient, phaseVolume, streamVolumes, volumeCoefficients } from './volumes';

function stream(ids: [string, string?][]) {
  const species: SpeciesInfo[] = ids.map(([id, formula]) => parseSpeciesId(id, formula));
  return { species, coeffs: volumeCoefficients(species, species.map((s) => speciesData(s))) };
}
const kmol = (species: SpeciesInfo[], kg: number[]) => kg.map((m, k) => m / species[k]!.molarMass);

describe('stream volumes', () => {
  it('slurry of 1,000 kg/h graphite and 3,000 kg/h water (chemistry review §5.2)', () => {
    const { species, coeffs } = stream([['Graphite(s)', 'C'], ['H2O(l)']]);
    const r = streamVolumes(coeffs, species, kmol(species, [1000, 3000]));
    // 1000/2260 = 0.442478 m³/h solids; 3000/997.05 = 3.008876 m³/h water; total 3.451354
    expect(r.volumeFlow.s).toBeCloseTo(0.442478, 6);
    expect(r.volumeFlow.aq).toBeCloseTo(3.008876, 6);
    expect(r.volumeFlow.l).toBe(0); // water is never counted under l
    expect(r.volumeFlow.s + r.volumeFlow.aq).toBeCloseTo(3.4514, 4);
    expect(r.pulpDensity).toBeCloseTo(1158.97, 2); // 4000 / 3.451354
    expect(r.solidsFraction).toBeCloseTo(0.25, 12); // 1000 / 4000
    expect(r.solidsVolumeFraction).toBeCloseTo(0.1282, 4); // 0.442478 / 3.451354
    expect(r.volumeMissing).toEqual([]);
  });

  it('a file density wins: the same slurry with 2,000 kg/m³ graphite', () => {
    const species = [parseSpeciesId('Graphite(s)', 'C'), parseSpeciesId('H2O(l)')];
    const data = [speciesData(species[0]!, { density: 2000 }), speciesData(species[1]!)];
    const r = streamVolumes(volumeCoefficients(species, data), species, kmol(species, [1000, 3000]));
    expect(r.volumeFlow.s).toBeCloseTo(0.5, 12); // 1000/2000
  });

  it('aqueous solution = water + Σ n·V of the (aq) species; g/L from it', () => {
    const { species, coeffs } = stream([['H2O(l)'], ['CoSO4(aq)'], ['N2(g)']]);
    const flows = [1000 / species[0]!.molarMass, 1, 2];
    const r = streamVolumes(coeffs, species, flows);
    // 1000/997.05 = 1.0029587 m³ water + 1 kmol × 0.00069 m³/kmol (Laliberté, w → 0, 25 °C)
    expect(r.volumeFlow.aq).toBeCloseTo(1.0036487, 7);
    // M(CoSO4) = 58.933 + 32.06 + 4 × 15.999 = 154.989 g/mol (IUPAC)
    expect(r.concentration['CoSO4(aq)']).toBeCloseTo(154.989 / 1.0036487, 2);
    expect(r.volumeFlow.g).toBeCloseTo(2 * 22.414, 12); // Nm³/h
  });

  it('names the species that have no density or molar volume', () => {
    const { species, coeffs } = stream([['H2O(l)'], ['Unobtainium(s)', 'Og']]);
    expect(coeffs.missing).toEqual(['Unobtainium(s)']);
    expect(streamVolumes(coeffs, species, [1, 1]).volumeMissing).toEqual(['Unobtainium(s)']);
    expect(streamVolumes(coeffs, species, [1, 0]).volumeMissing).toEqual([]);
  });

  it('a phase volume is the sum of its species volumes, linear in the flows', () => {
    const { coeffs } = stream([['H2O(l)'], ['NaCl(aq)'], ['Na2SO4(aq)'], ['Cu(s)']]);
    const a = [55, 1, 0.5, 2];
    const b = [10, 0.3, 2, 1];
    const sum = a.map((x, k) => x + b[k]!);
    for (const p of ['aq', 's'] as const) {
      expect(phaseVolume(coeffs, sum, p)).toBeCloseTo(phaseVolume(coeffs, a, p) + phaseVolume(coeffs, b, p), 12);
    }
  });

  it('the concentration gradient matches finite differences', () => {
    const { species, coeffs } = stream([['H2O(l)'], ['CoSO4(aq)'], ['H2SO4(aq)'], ['Cu(s)']]);
    const flows = [50, 0.7, 0.3, 1];
    const conc = (f: number[]) => streamVolumes(coeffs, species, f).concentration['CoSO4(aq)']!;
    const g = concentrationGradient(coeffs, species, flows, 1);
    for (let j = 0; j < flows.length; j++) {
      const h = 1e-6 * Math.max(1, flows[j]!);
      const up = flows.slice();
      const dn = flows.slice();
      up[j]! += h;
      dn[j]! -= h;
      expect(g[j]).toBeCloseTo((conc(up) - conc(dn)) / (2 * h), 6);
    }
  });
});
