/**
 * Solids: density (kg/m³), ΔfH° (kJ/mol), Cp° (J/(mol·K)). One line per species; each value
 * names its source (../sources.ts). Cp as Shomate ranges where NIST gives them, else the
 * 298.15 K constant.
 */
import type { SpeciesEntry } from '../types';
import { entry, shomate, v } from './build';

const d = (x: number) => v(x, 'CRC-DENS');
const h = (x: number) => v(x, 'CRC-THERMO');
const c = (x: number) => v(x, 'CRC-THERMO');
const nist = (...rows: number[][]) => v(shomate(...rows), 'NIST-SHOMATE');
const nbs = (x: number) => v(x, 'NBS82');
const zero = v(0, 'CRC-THERMO');
const nk = (x: number, note: string) => v(x, 'EST-NK', note);

const ELEMENTS: SpeciesEntry[] = [
  entry('Graphite(s)', {
    formula: 'C',
    aliases: ['C(s)'],
    density: v(2260, 'EST-XRAY', 'graphite a = 2.461 Å, c = 6.708 Å, Z = 4: 2,266; battery graphites 2,240-2,260 by pycnometry (CRC lists 2,200 for bulk graphite)'),
    Hf: zero,
    cp: c(8.5),
  }),
  entry('Cu(s)', { density: d(8960), Hf: zero, cp: nist([298, 1358, 17.72891, 28.0987, -31.25289, 13.97243, 0.068611]) }),
  entry('Al(s)', { density: d(2700), Hf: zero, cp: nist([298, 933, 28.0892, -5.414849, 8.560423, 3.42737, -0.277375]) }),
  entry('Fe(s)', {
    density: d(7870),
    Hf: zero,
    cp: v(shomate([298, 700, 18.42868, 24.64301, -8.91372, 9.664706, -0.012643]), 'NIST-SHOMATE-R', 'α-Fe 298-700 K, extrapolated above'),
  }),
  entry('Co(s)', {
    density: d(8860),
    Hf: zero,
    cp: nist([298, 700, 10.9943, 54.375, -55.5132, 25.817, 0.164533], [700, 1394, -204.576, 515.582, -421.55, 129.558, 17.9267]),
  }),
  entry('Ni(s)', {
    density: d(8900),
    Hf: zero,
    cp: nist(
      [298, 600, 13.6916, 82.49509, -174.9548, 161.6011, -0.092417],
      [600, 700, 1248.045, -1257.51, 0, 0, -165.1266],
      [700, 1728, 16.49839, 18.74913, -6.639841, 1.717278, 1.872051],
    ),
  }),
  entry('Zn(s)', { density: d(7134), Hf: zero, cp: nist([298, 692.73, 25.60123, -4.405292, 20.42206, -7.399697, -0.045801]) }),
  entry('Mn(s)', { density: d(7300), Hf: zero, cp: nist([298, 980, 27.2419, 5.23764, 7.78316, -2.118501, -0.282113]) }),
  entry('Mg(s)', { density: d(1740), Hf: zero, cp: nist([298, 923, 26.54083, -1.533048, 8.062443, 0.57217, -0.174221]) }),
  entry('B(s)', { density: d(2340), Hf: zero, cp: nist([298, 1800, 10.18574, 29.24415, -18.02137, 4.212326, -0.550999]) }),
  entry('Nb(s)', { density: d(8570), Hf: zero, cp: nist([298, 2750, 22.0143, 9.88816, -5.64853, 1.759691, 0.021839]) }),
  entry('Nd(s)', { density: d(7010), Hf: zero, cp: c(27.5) }),
  entry('Pr(s)', { density: d(6770), Hf: zero, cp: c(27.2) }),
  entry('Dy(s)', { density: d(8550), Hf: zero, cp: c(27.7) }),
];

const OXIDES: SpeciesEntry[] = [
  entry('Fe2O3(s)', {
    density: d(5250),
    Hf: h(-824.2),
    cp: v(
      shomate(
        [298, 950, 93.43834, 108.3577, -50.86447, 25.58683, -1.61133],
        [950, 1050, 150.624, 0, 0, 0, 0],
        [1050, 2500, 110.9362, 32.04714, -9.192333, 0.901506, 5.433677],
      ),
      'NIST-SHOMATE-R',
    ),
  }),
  entry('Fe3O4(s)', { density: d(5170), Hf: h(-1118.4), cp: c(143.4) }),
  // α-quartz: ΔfH° −910.7 kJ/mol and Cp° 44.4 J/(mol·K) at 298.15 K (CRC, "Standard thermodynamic properties of chemical substances"); 2,648 kg/m³.
  entry('SiO2(s)', { density: d(2648), Hf: h(-910.7), cp: c(44.4) }),
  entry('FeO(s)', { density: d(6000), Hf: h(-272.0), cp: nist([298, 1650, 45.7512, 18.78553, -5.952201, 0.852779, -0.081265]) }),
  entry('Nd2O3(s)', { density: d(7240), Hf: h(-1807.9), cp: c(111.3) }),
  entry('Pr2O3(s)', { density: d(6900), Hf: h(-1809.6), cp: c(117.4) }),
  entry('Pr6O11(s)', {
    density: v(6910, 'EST-XRAY', 'fluorite-type PrO1.833, a = 5.47 Å, Z = 4 (powders are reported near 6,500)'),
    Hf: v(-5606.8, 'EST-ANALOGUE', '4 PrO2 (NBS82 −949.3) + Pr2O3 (CRC −1809.6), mixing neglected'),
    cp: nk(385.6, '3 Pr2O3 (117.4) + 2 O (Kopp 16.7)'),
  }),
  entry('Dy2O3(s)', { density: d(7810), Hf: h(-1863.1), cp: c(116.3) }),
  entry('B2O3(s)', {
    density: d(2550),
    Hf: h(-1273.5),
    cp: v(shomate([298, 723, 5.431501, 272.5617, -252.4956, 97.6554, -0.377274]), 'NIST-SHOMATE', 'melts at 723 K; extrapolated above'),
  }),
  entry('Co3O4(s)', { density: d(6110), Hf: h(-891.0), cp: nist([298, 1500, 177.0953, -100.4361, 185.7792, -49.04861, -3.483951]) }),
  entry('CoO(s)', { density: d(6440), Hf: h(-237.9), cp: nist([298, 1600, 43.65, 22.38373, -16.89386, 6.556161, 0.532263]) }),
  entry('NiO(s)', { density: d(6720), Hf: nbs(-239.7), cp: v(44.3, 'NBS82') }),
  entry('CuO(s)', { density: d(6310), Hf: h(-157.3), cp: nist([298, 2000, 48.56494, 7.498607, -0.05598, 0.013851, -0.760082]) }),
  entry('Cu2O(s)', { density: d(6000), Hf: h(-168.6), cp: nist([298, 1100, 59.42033, 37.84767, -26.45083, 11.07609, -0.54218]) }),
  entry('ZnO(s)', { density: d(5600), Hf: h(-350.5), cp: c(40.3) }),
  entry('MgO(s)', { density: d(3600), Hf: h(-601.6), cp: nist([298, 3105, 47.25995, 5.681621, -0.872665, 0.1043, -1.053955]) }),
  entry('CaO(s)', { density: d(3340), Hf: h(-634.9), cp: nist([298, 3200, 49.95403, 4.887916, -0.352056, 0.046187, -0.825097]) }),
  // --- NdFeB magnet plant (issue 13): the Nb of the magnet alloy (0.3-0.5 wt %, REFERENCE-DATA §3.1) roasts to Nb2O5 ---
  entry('Nb2O5(s)', { density: v(4600, 'CRC-DENS-R'), Hf: nbs(-1899.5), cp: v(132.1, 'NBS82') }),
  entry('Al2O3(s)', { density: v(3970, 'CRC-DENS', 'γ-alumina; corundum 3,990'), Hf: h(-1675.7), cp: c(79.0) }),
  entry('MnO2(s)', { density: d(5080), Hf: h(-520.0), cp: c(54.1) }),
  entry('MnO(s)', { density: d(5370), Hf: h(-385.2), cp: c(45.4) }),
  entry('Li2O(s)', { density: d(2013), Hf: h(-597.9), cp: nist([298, 1600, 68.6971, 5.467149, 23.18308, -9.495631, -1.60244]) }),
];

const HYDROXIDES: SpeciesEntry[] = [
  entry('Al(OH)3(s)', { density: d(2420), Hf: v(-1293.1, 'ROBIE95', 'gibbsite'), cp: v(91.7, 'ROBIE95') }),
  entry('Cu(OH)2(s)', { density: d(3370), Hf: h(-449.8), cp: nk(82.3, 'CuO 42.3 + 40') }),
  entry('Ni(OH)2(s)', { density: d(4100), Hf: h(-529.7), cp: nk(84.3, 'NiO 44.3 + 40') }),
  entry('Co(OH)2(s)', { density: d(3600), Hf: h(-539.7), cp: nk(95.2, 'CoO 55.2 + 40') }),
  entry('Mn(OH)2(s)', { density: d(3260), Hf: nbs(-695.4), cp: nk(85.4, 'MnO 45.4 + 40') }),
  entry('Fe(OH)3(s)', { density: d(3120), Hf: nbs(-823.0), cp: nk(112.0, '½ Fe2O3 52.0 + 1.5 × 40') }),
  entry('Fe(OH)2(s)', { density: d(3400), Hf: nbs(-569.0), cp: nk(89.9, 'FeO 49.9 + 40') }),
  entry('Mg(OH)2(s)', { density: d(2370), Hf: h(-924.5), cp: nist([298, 1000, 84.9034, 74.44005, -68.92805, 26.63242, -2.174907]) }),
  entry('Zn(OH)2(s)', { density: d(3050), Hf: h(-641.9), cp: nk(80.3, 'ZnO 40.3 + 40') }),
  entry('Ca(OH)2(s)', { density: d(2200), Hf: h(-985.2), cp: nist([298, 1000, 130.8253, -82.69216, 122.769, -50.3921, -2.513146]) }),
  entry('Nd(OH)3(s)', {
    density: v(4850, 'EST-XRAY', 'hexagonal P63/m, a = 6.42 Å, c = 3.74 Å, Z = 2'),
    Hf: v(-1416.7, 'EST-REOH'),
    cp: nk(115.7, '½ Nd2O3 55.65 + 1.5 × 40'),
  }),
  entry('Pr(OH)3(s)', { density: d(3700), Hf: v(-1417.5, 'EST-REOH'), cp: nk(118.7, '½ Pr2O3 58.7 + 1.5 × 40') }),
  entry('Dy(OH)3(s)', {
    density: v(5870, 'EST-XRAY', 'hexagonal P63/m, a = 6.26 Å, c = 3.56 Å, Z = 2'),
    Hf: v(-1444.3, 'EST-REOH'),
    cp: nk(118.2, '½ Dy2O3 58.15 + 1.5 × 40'),
  }),
];

export const SOLIDS_A: readonly SpeciesEntry[] = [...ELEMENTS, ...OXIDES, ...HYDROXIDES];
