/**
 * Solid salts, hydrates, cathode materials and precipitates: density (kg/m³), ΔfH° (kJ/mol),
 * Cp° (J/(mol·K)), each with its source (../sources.ts).
 */
import type { SpeciesEntry } from '../types';
import { entry, shomate, v } from './build';

const d = (x: number) => v(x, 'CRC-DENS');
const h = (x: number) => v(x, 'CRC-THERMO');
const c = (x: number) => v(x, 'CRC-THERMO');
const nist = (...rows: number[][]) => v(shomate(...rows), 'NIST-SHOMATE');
const nbs = (x: number) => v(x, 'NBS82');
const hyd = (x: number, note: string) => v(x, 'EST-HYDRATE', note);

const SULFATES: SpeciesEntry[] = [
  entry('Na2SO4(s)', { density: d(2700), Hf: h(-1387.1), cp: c(128.2) }),
  entry('Na2SO4·10H2O(s)', { density: d(1460), Hf: nbs(-4327.26), cp: hyd(528.2, 'Na2SO4 128.2 + 10 × 40') }),
  entry('CoSO4(s)', { density: d(3710), Hf: h(-888.3), cp: v(100.6, 'EST-ANALOGUE', 'as FeSO4 (CRC 100.6)') }),
  entry('CoSO4·H2O(s)', { density: d(3080), Hf: hyd(-1186.3, 'CoSO4 −888.3 − 298'), cp: hyd(140.6, '100.6 + 40') }),
  entry('CoSO4·6H2O(s)', {
    density: v(2019, 'SM-COSO4'),
    Hf: hyd(-2681.9, 'CoSO4·7H2O −2979.93 + 298'),
    cp: hyd(350.5, 'CoSO4·7H2O 390.49 − 40'),
  }),
  entry('CoSO4·7H2O(s)', { density: d(2030), Hf: nbs(-2979.93), cp: v(390.49, 'NBS82') }),
  entry('NiSO4(s)', { density: d(4010), Hf: h(-872.9), cp: c(138) }),
  entry('NiSO4·6H2O(s)', { density: d(2070), Hf: hyd(-2660.9, 'NiSO4 −872.9 − 6 × 298'), cp: hyd(378, '138 + 6 × 40') }),
  entry('NiSO4·7H2O(s)', { density: d(1980), Hf: hyd(-2958.9, 'NiSO4 −872.9 − 7 × 298'), cp: hyd(418, '138 + 7 × 40') }),
  entry('MnSO4(s)', { density: d(3250), Hf: nbs(-1065.25), cp: v(100.5, 'NBS82') }),
  entry('MnSO4·H2O(s)', { density: d(2950), Hf: hyd(-1363.3, 'MnSO4 −1065.25 − 298'), cp: hyd(140.5, '100.5 + 40') }),
  entry('MnSO4·5H2O(s)', { Hf: hyd(-2555.25, 'MnSO4 −1065.25 − 5 × 298'), cp: hyd(300.5, '100.5 + 5 × 40') }),
  entry('MnSO4·7H2O(s)', { Hf: hyd(-3151.25, 'MnSO4 −1065.25 − 7 × 298'), cp: hyd(380.5, '100.5 + 7 × 40') }),
  entry('Li2SO4(s)', { density: d(2210), Hf: h(-1436.5), cp: c(117.6) }),
  entry('Li2SO4·H2O(s)', { density: d(2060), Hf: hyd(-1734.5, 'Li2SO4 −1436.5 − 298'), cp: hyd(157.6, '117.6 + 40') }),
  entry('CuSO4(s)', { density: d(3600), Hf: h(-771.4), cp: v(100.0, 'NBS82') }),
  entry('CuSO4·5H2O(s)', { density: d(2286), Hf: nbs(-2279.65), cp: v(280.0, 'NBS82') }),
  entry('MgSO4(s)', { density: d(2660), Hf: h(-1284.9), cp: c(96.5) }),
  entry('MgSO4·7H2O(s)', { density: d(1670), Hf: nbs(-3388.71), cp: v(372.0, 'NBS82') }),
  entry('ZnSO4·7H2O(s)', { density: d(1970), Hf: nbs(-3077.75), cp: v(380.0, 'NBS82') }),
  entry('FeSO4(s)', { density: d(3650), Hf: h(-928.4), cp: c(100.6) }),
  entry('FeSO4·7H2O(s)', { density: d(1895), Hf: nbs(-3014.57), cp: v(394.47, 'NBS82') }),
  entry('Fe2(SO4)3(s)', { density: d(3100), Hf: nbs(-2581.5) }),
  entry('Al2(SO4)3(s)', { Hf: nbs(-3440.84), cp: v(259.41, 'NBS82') }),
  entry('CaSO4(s)', { density: d(2960), Hf: h(-1434.5), cp: c(99.7) }),
  entry('CaSO4·2H2O(s)', { density: d(2320), Hf: nbs(-2022.63), cp: v(186.02, 'NBS82') }),
];

const OTHER_SALTS: SpeciesEntry[] = [
  entry('Li2CO3(s)', {
    density: d(2110),
    Hf: h(-1215.9),
    cp: nist([298, 683, 68.3323, 146.639, -162.573, 248.026, -0.702297], [683, 993, -6.39474, 261.466, -102.005, 42.4723, -0.168328]),
  }),
  entry('Na2CO3(s)', { density: d(2540), Hf: h(-1130.7), cp: nist([298, 723, 175.201, -348.058, 743.072, -305.551, -1.634221]) }),
  entry('NaOH(s)', { density: d(2130), Hf: h(-425.8), cp: nist([298, 572, 419.4837, -1717.754, 2953.573, -1597.221, -6.046884]) }),
  entry('NaCl(s)', { density: d(2170), Hf: h(-411.2), cp: nist([298, 1073, 50.72389, 6.672267, -2.517167, 10.15934, -0.200675]) }),
  entry('NaF(s)', { density: d(2780), Hf: h(-576.6), cp: c(46.9) }),
  entry('LiF(s)', { density: d(2640), Hf: h(-616.0), cp: nist([298, 1121.3, 41.75837, 18.7111, 0.693674, -0.992621, -0.487055]) }),
  entry('CaF2(s)', { density: d(3180), Hf: h(-1228.0), cp: nist([298, 1424, 89.88404, -46.12023, 65.27793, -17.86271, -1.139438]) }),
  entry('CaCO3(s)', { density: d(2710), Hf: h(-1207.6), cp: c(83.5) }),
  entry('MnCO3(s)', { density: d(3700), Hf: h(-894.1), cp: c(81.5) }),
  entry('AlPO4(s)', { density: d(2560), Hf: h(-1733.8), cp: c(93.2) }),
  entry('FePO4(s)', {
    density: v(3056, 'CRC-DENS-R', 'anhydrous FePO4 (black-mass plant, issue 13)'),
    Hf: v(-1308.0, 'EST-ANALOGUE', 'AlPO4 −1733.8 + ½(Fe2O3 − Al2O3) = −1733.8 + ½(−824.2 + 1675.7); no density found: precipitated FePO4 is usually the dihydrate'),
    cp: v(105.7, 'EST-ANALOGUE', 'AlPO4 93.2 + ½(103.9 − 79.0)'),
  }),
  entry('FePO4·2H2O(s)', { density: d(2870), Hf: hyd(-1904.0, 'FePO4 −1308.0 − 2 × 298'), cp: hyd(185.7, '105.7 + 2 × 40') }),
  // Black-mass plant (issue 13): the phosphate of the decomposed LiPF6 electrolyte.
  entry('Li3PO4(s)', { density: d(2460), Hf: h(-2095.8), cp: v(134.1, 'EST-NK', '1.5 Li2O 54.1 + 0.5 P2O5 (½ P4O10 211.7), CRC-THERMO') }),
  entry('H3BO3(s)', { density: d(1500), Hf: h(-1094.3), cp: c(86.1) }),
];

/** Layered oxides written per formula unit as the plants declare them (NMC111 = Li3NiCoMnO6). */
const CATHODES: SpeciesEntry[] = [
  entry('LiCoO2(s)', {
    density: v(5050, 'EST-XRAY', 'R-3m, a = 2.816 Å, c = 14.05 Å, Z = 3'),
    Hf: v(-679.4, 'EST-LIMO2', '½ Li2O + CoO + ¼ O2 = −536.9, − 142.5'),
    cp: v(90.6, 'EST-LIMO2', '½ Li2O 27.05 + CoO 55.2 + O 8.35'),
  }),
  entry('NMC111(s)', {
    formula: 'Li3NiCoMnO6',
    density: v(4770, 'EST-XRAY', 'LiNi1/3Co1/3Mn1/3O2, R-3m, a = 2.86 Å, c = 14.23 Å, Z = 3'),
    Hf: v(-2321.95, 'EST-LIMO2', '1.5 Li2O + NiO + CoO + MnO2 + ¼ O2 = −1894.45, + 3 × (−142.5)'),
    cp: v(243.1, 'EST-LIMO2', '1.5 × 54.1 + 44.3 + 55.2 + 54.1 + 0.5 × 16.7'),
  }),
  entry('NMC622(s)', {
    formula: 'Li5Ni3CoMnO10',
    density: v(4770, 'EST-XRAY', 'LiNi0.6Co0.2Mn0.2O2, a = 2.868 Å, c = 14.21 Å, Z = 3'),
    Hf: v(-3684.25, 'EST-LIMO2', '2.5 Li2O + 3 NiO + CoO + MnO2 + ¾ O2 = −2971.75, + 5 × (−142.5)'),
    cp: v(402.5, 'EST-LIMO2', '2.5 × 54.1 + 3 × 44.3 + 55.2 + 54.1 + 1.5 × 16.7'),
  }),
  entry('NMC811(s)', {
    formula: 'Li10Ni8CoMnO20',
    density: v(4780, 'EST-XRAY', 'LiNi0.8Co0.1Mn0.1O2, a = 2.872 Å, c = 14.20 Å, Z = 3'),
    Hf: v(-7090.0, 'EST-LIMO2', '5 Li2O + 8 NiO + CoO + MnO2 + 2 O2 = −5665.0, + 10 × (−142.5)'),
    cp: v(801.0, 'EST-LIMO2', '5 × 54.1 + 8 × 44.3 + 55.2 + 54.1 + 4 × 16.7'),
  }),
];

/** Rare-earth oxalate decahydrates, monoclinic P21/c, Z = 2 (cell of the Nd salt ≈ 1,018 Å³). */
const OXALATES: SpeciesEntry[] = [
  entry('Nd2(C2O4)3·10H2O(s)', {
    density: v(2390, 'EST-XRAY', 'a = 11.23, b = 9.66, c = 10.31 Å, β = 114.5°, Z = 2'),
    Hf: v(-6726.0, 'EST-PRECIP', '2 Nd³⁺ −696.2, 3 C2O4²⁻ −825.1, 10 H2O(l) −285.83'),
    cp: v(656, 'EST-NK', 'Kopp: 2 × 26 + 6 C × 7.5 + 22 O × 16.7 + 20 H × 9.6'),
  }),
  entry('Pr2(C2O4)3·10H2O(s)', {
    density: v(2360, 'EST-XRAY', 'the Nd cell with the Pr mass'),
    Hf: v(-6742.8, 'EST-PRECIP', '2 Pr³⁺ −704.6, 3 C2O4²⁻ −825.1, 10 H2O(l) −285.83'),
    cp: v(656, 'EST-NK', 'as the Nd salt'),
  }),
  entry('Dy2(C2O4)3·10H2O(s)', {
    density: v(2510, 'EST-XRAY', 'the Nd cell with the Dy mass'),
    Hf: v(-6731.6, 'EST-PRECIP', '2 Dy³⁺ −699.0, 3 C2O4²⁻ −825.1, 10 H2O(l) −285.83'),
    cp: v(656, 'EST-NK', 'as the Nd salt'),
  }),
];

export const SOLIDS_B: readonly SpeciesEntry[] = [...SULFATES, ...OTHER_SALTS, ...CATHODES, ...OXALATES];
