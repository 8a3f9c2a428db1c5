/**
 * Water (liquid and vapour) and the gases: ΔfH° (kJ/mol) and NIST Shomate Cp. Gases need no
 * density: they are counted in Nm³ (FORMAT.md). Water's two phases carry their own ΔfH° and
 * Cp, so the latent heat follows from them: 44.00 kJ/mol at 25 °C.
 */
import type { SpeciesEntry } from '../types';
import { entry, shomate, v } from './build';

const nist = (note: string | undefined, ...rows: number[][]) => v(shomate(...rows), 'NIST-SHOMATE', note);
const zero = v(0, 'CRC-THERMO');

export const FLUIDS: readonly SpeciesEntry[] = [
  entry('H2O(l)', {
    density: v(997.05, 'KELL75'),
    Hf: v(-285.83, 'CODATA'),
    cp: nist(undefined, [298, 500, -203.606, 1523.29, -3196.413, 2474.455, 3.855326]),
  }),
  entry('H2O(g)', {
    Hf: v(-241.826, 'CODATA'),
    cp: nist(
      'NIST gives 500-1700 K; below 500 K the first range is extrapolated (33.59 at 298.15 K against 33.58 of JANAF)',
      [500, 1700, 30.092, 6.832514, 6.793435, -2.53448, 0.082139],
      [1700, 6000, 41.96426, 8.622053, -1.49978, 0.098119, -11.15764],
    ),
  }),
  entry('N2(g)', {
    Hf: zero,
    cp: nist(undefined, [100, 500, 28.98641, 1.853978, -9.647459, 16.63537, 0.000117], [500, 2000, 19.50583, 19.88705, -8.598535, 1.369784, 0.527601]),
  }),
  entry('O2(g)', {
    Hf: zero,
    cp: nist(undefined, [100, 700, 31.32234, -20.23531, 57.86644, -36.50624, -0.007374], [700, 2000, 30.03235, 8.772972, -3.988133, 0.788313, -0.741599]),
  }),
  entry('H2(g)', {
    Hf: zero,
    cp: nist(undefined, [298, 1000, 33.066178, -11.363417, 11.432816, -2.772874, -0.158558], [1000, 2500, 18.563083, 12.257357, -2.859786, 0.268238, 1.97799]),
  }),
  entry('Cl2(g)', {
    Hf: zero,
    cp: nist(undefined, [298, 1000, 33.0506, 12.2294, -12.0651, 4.38533, -0.159494], [1000, 3000, 42.6773, -5.00957, 1.904621, -0.165641, -2.09848]),
  }),
  entry('CO2(g)', {
    Hf: v(-393.5, 'CRC-THERMO'),
    cp: nist(undefined, [298, 1200, 24.99735, 55.18696, -33.69137, 7.948387, -0.136638], [1200, 6000, 58.16639, 2.720074, -0.492289, 0.038844, -6.447293]),
  }),
  entry('HCl(g)', {
    Hf: v(-92.3, 'CRC-THERMO'),
    cp: nist(undefined, [298, 1200, 32.12392, -13.45805, 19.86852, -6.853936, -0.049672], [1200, 6000, 31.91923, 3.203184, -0.541539, 0.035925, -3.438525]),
  }),
  entry('HF(g)', {
    Hf: v(-273.3, 'CRC-THERMO'),
    cp: nist(undefined, [298, 1000, 30.11693, -3.246612, 2.868116, 0.457914, -0.024861], [1000, 6000, 24.57033, 6.893391, -1.243874, 0.082583, -0.23406]),
  }),
  entry('SO2(g)', {
    Hf: v(-296.8, 'CRC-THERMO'),
    cp: nist(undefined, [298, 1200, 21.43049, 74.35094, -57.75217, 16.35534, 0.086731], [1200, 6000, 57.48188, 1.009328, -0.07629, 0.005174, -4.045401]),
  }),
  entry('NH3(g)', {
    Hf: v(-45.9, 'CRC-THERMO'),
    cp: nist(undefined, [298, 1400, 19.99563, 49.77119, -15.37599, 1.921168, 0.189174], [1400, 6000, 52.02427, 18.48801, -3.765128, 0.248541, -12.45799]),
  }),
  // --- NdFeB magnet plant (issue 13, flowsheets/ndfeb-magnet.json) ---
  // Air dosed to demand as one species so that its N2 comes with every O2: 4 O2 + 15 N2 (21.05 mol %
  // O2; dry air 20.95 % O2, 78.08 % N2, 0.93 % Ar, the Ar counted as N2). Cp is the sum 4 Cp(O2) +
  // 15 Cp(N2) of the NIST sets above, range by range (Shomate is linear in its coefficients).
  entry('Air(g)', {
    formula: 'N30O8',
    Hf: zero,
    cp: nist(
      '4 O2 + 15 N2 of the NIST sets above, summed range by range',
      [100, 500, 560.08551, -53.13157, 86.753875, 103.50559, -0.027741],
      [500, 700, 417.87681, 217.36451, 102.487735, -125.4782, 7.884519],
      [700, 2000, 412.71685, 333.397638, -144.930557, 23.700012, 4.947619],
    ),
  }),
  entry('Ar(g)', { Hf: zero, cp: nist(undefined, [298, 6000, 20.786, 0, 0, 0, 0]) }),
];
