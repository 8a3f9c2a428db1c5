/**
 * Aqueous species at infinite dilution, 25 °C: ΔfH° (kJ/mol), Cp° (J/(mol·K)), apparent molar
 * volume (m³/kmol). Ions come from CRC-AQ; a dissolved salt is the sum of its ions (NBS "ai"
 * standard state) with its molar volume from Laliberté's correlation where he gives the salt.
 */
import type { Sourced, SpeciesEntry } from '../types';
import { entry, v } from './build';

interface Ion {
  Hf: number;
  cp: Sourced<number>;
  /** cm³/mol. */
  V: Sourced<number>;
}

const aq = (x: number) => v(x, 'CRC-AQ');
const estCp = (x: number) => v(x, 'EST-ION-CP');
const ionV = (x: number, note: string) => v(x, 'EST-ION-V', note);
const RE_V = v(-26.43, 'EST-ANALOGUE', 'trivalent rare-earth ion taken as Fe³⁺ (EST-ION-V)');

/** Ions by formula (without phase). V in cm³/mol. */
export const IONS: Readonly<Record<string, Ion>> = {
  'H[+]': { Hf: 0, cp: aq(0), V: ionV(0, 'convention') },
  'OH[-]': { Hf: -230.0, cp: aq(-148.5), V: ionV(-2.68, 'NaOH − Na⁺') },
  'Cl[-]': { Hf: -167.2, cp: aq(-136.4), V: ionV(18.92, 'HCl') },
  'SO4[2-]': { Hf: -909.3, cp: aq(-293), V: ionV(17.46, 'Na2SO4 − 2 Na⁺') },
  'HSO4[-]': { Hf: -887.3, cp: aq(-84), V: ionV(34.45, 'NaHSO4 − Na⁺') },
  'Na[+]': { Hf: -240.1, cp: aq(46.4), V: ionV(-1.1, 'NaCl − Cl⁻') },
  'Li[+]': { Hf: -278.5, cp: aq(68.6), V: ionV(-1.95, 'LiCl − Cl⁻') },
  'K[+]': { Hf: -252.4, cp: aq(21.8), V: ionV(9.14, 'KCl − Cl⁻') },
  'Co[2+]': { Hf: -58.2, cp: estCp(48), V: ionV(-24.52, 'CoCl2 − 2 Cl⁻') },
  'Ni[2+]': { Hf: -54.0, cp: estCp(48), V: ionV(-30.19, 'NiCl2 − 2 Cl⁻') },
  'Mn[2+]': { Hf: -220.8, cp: aq(50), V: ionV(-14.94, 'MnCl2 − 2 Cl⁻') },
  'Cu[2+]': { Hf: 64.8, cp: estCp(48), V: ionV(-18.16, 'CuSO4 − SO4²⁻') },
  'Fe[2+]': { Hf: -89.1, cp: estCp(48), V: ionV(-21.23, 'FeCl2 − 2 Cl⁻') },
  'Fe[3+]': { Hf: -48.5, cp: estCp(6), V: ionV(-26.43, 'FeCl3 − 3 Cl⁻') },
  'Al[3+]': { Hf: -531.0, cp: estCp(6), V: ionV(-38.2, 'AlCl3 − 3 Cl⁻') },
  'Zn[2+]': { Hf: -153.9, cp: aq(46), V: ionV(-31.49, 'ZnCl2 − 2 Cl⁻') },
  'Mg[2+]': { Hf: -466.9, cp: estCp(48), V: ionV(-19.46, 'MgCl2 − 2 Cl⁻') },
  'Ca[2+]': { Hf: -542.8, cp: estCp(48), V: ionV(-15.53, 'CaCl2 − 2 Cl⁻') },
  'F[-]': { Hf: -332.6, cp: aq(-106.7), V: ionV(-2.26, 'NaF − Na⁺') },
  'CO3[2-]': { Hf: -677.1, cp: estCp(-293), V: ionV(-2.56, 'Na2CO3 − 2 Na⁺') },
  'HCO3[-]': { Hf: -692.0, cp: estCp(-84), V: v(0, 'NOT-FOUND', 'no sodium salt in LALIBERTE09') },
  'C2O4[2-]': { Hf: -825.1, cp: estCp(-293), V: ionV(24.33, 'Na2C2O4 − 2 Na⁺') },
  'HC2O4[-]': { Hf: -818.4, cp: estCp(-84), V: v(0, 'NOT-FOUND') },
  'Nd[3+]': { Hf: -696.2, cp: aq(-21), V: RE_V },
  'Pr[3+]': { Hf: -704.6, cp: aq(-29), V: RE_V },
  'Dy[3+]': { Hf: -699.0, cp: aq(21), V: RE_V },
};

const ions = (): SpeciesEntry[] =>
  Object.entries(IONS).map(([formula, ion]) =>
    entry(`${formula}(aq)`, {
      Hf: aq(ion.Hf),
      cp: ion.cp,
      molarVolume: v(ion.V.value / 1000, ion.V.src, ion.V.note),
    }),
  );

/** A dissolved salt: Σ ions; molar volume from Laliberté (cm³/mol) when given, else Σ ions. */
function salt(id: string, composition: Record<string, number>, laliberte?: number): SpeciesEntry {
  const parts = Object.entries(composition).map(([ion, n]) => [IONS[ion]!, n] as const);
  const sum = (f: (ion: Ion) => number) => parts.reduce((s, [ion, n]) => s + n * f(ion), 0);
  const names = Object.entries(composition).map(([ion, n]) => (n === 1 ? ion : `${n} ${ion}`)).join(' + ');
  const cpSrc = parts.every(([ion]) => ion.cp.src === 'CRC-AQ') ? 'CRC-AQ' : 'EST-ION-CP';
  const vSrc = parts.find(([ion]) => ion.V.src !== 'EST-ION-V')?.[0].V.src ?? 'EST-ION-V';
  const molarVolume =
    laliberte === undefined
      ? v(sum((ion) => ion.V.value) / 1000, vSrc, `sum of ions: ${names}`)
      : v(laliberte / 1000, 'LALIBERTE09');
  return entry(id, {
    Hf: v(round(sum((ion) => ion.Hf)), 'CRC-AQ', `sum of ions: ${names}`),
    cp: v(round(sum((ion) => ion.cp.value)), cpSrc, `sum of ions: ${names}`),
    molarVolume,
  });
}

const round = (x: number) => Math.round(x * 1000) / 1000;
const SO4 = 'SO4[2-]';
const CL = 'Cl[-]';

const SALTS: SpeciesEntry[] = [
  salt('H2SO4(aq)', { 'H[+]': 2, [SO4]: 1 }, 33.42),
  salt('HCl(aq)', { 'H[+]': 1, [CL]: 1 }, 18.92),
  salt('NaOH(aq)', { 'Na[+]': 1, 'OH[-]': 1 }, -3.78),
  salt('NaCl(aq)', { 'Na[+]': 1, [CL]: 1 }, 17.82),
  salt('Na2SO4(aq)', { 'Na[+]': 2, [SO4]: 1 }, 15.26),
  salt('NaHSO4(aq)', { 'Na[+]': 1, 'HSO4[-]': 1 }, 33.35),
  salt('Na2CO3(aq)', { 'Na[+]': 2, 'CO3[2-]': 1 }, -4.76),
  salt('NaF(aq)', { 'Na[+]': 1, 'F[-]': 1 }, -3.36),
  salt('Li2SO4(aq)', { 'Li[+]': 2, [SO4]: 1 }, 16.45),
  salt('LiCl(aq)', { 'Li[+]': 1, [CL]: 1 }, 16.97),
  salt('LiOH(aq)', { 'Li[+]': 1, 'OH[-]': 1 }, -3.54),
  salt('Li2CO3(aq)', { 'Li[+]': 2, 'CO3[2-]': 1 }),
  salt('LiF(aq)', { 'Li[+]': 1, 'F[-]': 1 }),
  salt('CoSO4(aq)', { 'Co[2+]': 1, [SO4]: 1 }, 0.69),
  salt('NiSO4(aq)', { 'Ni[2+]': 1, [SO4]: 1 }, -5.65),
  salt('MnSO4(aq)', { 'Mn[2+]': 1, [SO4]: 1 }, -10.31),
  salt('CuSO4(aq)', { 'Cu[2+]': 1, [SO4]: 1 }, -0.7),
  salt('ZnSO4(aq)', { 'Zn[2+]': 1, [SO4]: 1 }, -3.53),
  salt('MgSO4(aq)', { 'Mg[2+]': 1, [SO4]: 1 }, -1.47),
  salt('CaSO4(aq)', { 'Ca[2+]': 1, [SO4]: 1 }, 2.87),
  salt('FeSO4(aq)', { 'Fe[2+]': 1, [SO4]: 1 }, 3.17),
  salt('Fe2(SO4)3(aq)', { 'Fe[3+]': 2, [SO4]: 3 }, 38.69),
  salt('Al2(SO4)3(aq)', { 'Al[3+]': 2, [SO4]: 3 }, 5.45),
  salt('CoCl2(aq)', { 'Co[2+]': 1, [CL]: 2 }, 13.32),
  salt('NiCl2(aq)', { 'Ni[2+]': 1, [CL]: 2 }, 7.65),
  salt('MnCl2(aq)', { 'Mn[2+]': 1, [CL]: 2 }, 22.9),
  salt('CuCl2(aq)', { 'Cu[2+]': 1, [CL]: 2 }, 13.16),
  salt('FeCl2(aq)', { 'Fe[2+]': 1, [CL]: 2 }, 16.61),
  salt('FeCl3(aq)', { 'Fe[3+]': 1, [CL]: 3 }, 30.33),
  salt('AlCl3(aq)', { 'Al[3+]': 1, [CL]: 3 }, 18.56),
  salt('MgCl2(aq)', { 'Mg[2+]': 1, [CL]: 2 }, 18.38),
  salt('CaCl2(aq)', { 'Ca[2+]': 1, [CL]: 2 }, 22.31),
  salt('ZnCl2(aq)', { 'Zn[2+]': 1, [CL]: 2 }, 6.35),
  salt('NdCl3(aq)', { 'Nd[3+]': 1, [CL]: 3 }),
  salt('PrCl3(aq)', { 'Pr[3+]': 1, [CL]: 3 }),
  salt('DyCl3(aq)', { 'Dy[3+]': 1, [CL]: 3 }),
];

const NEUTRAL: SpeciesEntry[] = [
  entry('H2O2(aq)', {
    Hf: v(-191.17, 'NBS82'),
    cp: v(89.1, 'EST-AQ-NEUTRAL', 'as liquid H2O2 (CRC-THERMO)'),
    molarVolume: v(0.02177, 'LALIBERTE09'),
  }),
  entry('H3BO3(aq)', {
    Hf: v(-1072.32, 'NBS82'),
    cp: v(86.1, 'EST-AQ-NEUTRAL', 'as solid H3BO3 (CRC-THERMO)'),
    molarVolume: v(0.0412, 'EST-NEUTRAL-V', '61.83 / 1,500 kg/m³'),
  }),
  entry('HF(aq)', {
    Hf: v(-320.08, 'NBS82', 'undissociated'),
    cp: v(-106.7, 'EST-AQ-NEUTRAL', 'as H⁺ + F⁻ (CRC-AQ)'),
    molarVolume: v(-0.00226, 'EST-ION-V', 'as H⁺ + F⁻'),
  }),
  // Black-mass plant (issue 13): phosphoric acid from the LiPF6 of the electrolyte, as the undissociated molecule.
  entry('H3PO4(aq)', {
    Hf: v(-1288.34, 'NBS82'),
    cp: v(145.0, 'EST-AQ-NEUTRAL', 'as liquid H3PO4 (CRC-THERMO 145.0)'),
    molarVolume: v(97.995 / 1834, 'EST-NEUTRAL-V', 'M/ρ of solid H3PO4, 97.995 g/mol / 1.834 g/cm³ (CRC-DENS)'),
  }),
  entry('H2C2O4(aq)', {
    Hf: v(-818.4, 'EST-AQ-NEUTRAL', 'as HC2O4⁻ + H⁺ (CRC-AQ); the first dissociation enthalpy is a few kJ/mol'),
    cp: v(91, 'EST-AQ-NEUTRAL', 'as solid oxalic acid (CRC-THERMO)'),
    molarVolume: v(0.0474, 'EST-NEUTRAL-V', '90.03 / 1,900 kg/m³ (anhydrous oxalic acid, density recalled)'),
  }),
];

export const AQUEOUS: readonly SpeciesEntry[] = [...ions(), ...SALTS, ...NEUTRAL];
