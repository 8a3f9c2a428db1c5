/**
 * Extractants, diluents and their loaded forms. The acid HA is named by the plants
 * (D2EHPA(org), Cyanex272(org)); its loaded forms carry the formula of the exchange, e.g.
 * NaA = NaC16H34O4P for D2EHPA, MnA2 = Mn(C16H34O4P)2, and are looked up by that formula
 * whatever the file calls them ("NaA(org)": {"formula": "NaC16H34O4P"}).
 */
import type { SpeciesEntry } from '../types';
import { IONS } from './aqueous';
import { entry, v } from './build';

interface Extractant {
  id: string;
  /** The acid HA. */
  formula: string;
  /** The anion A, i.e. HA less one H. */
  anion: string;
  molarMass: number;
  density: number;
  densitySrc: string;
  Hf: number;
  HfNote: string;
}

/** Molar masses (g/mol) from IUPAC weights: C16H35O4P 322.42, C16H35O2P 290.43. */
const EXTRACTANTS: readonly Extractant[] = [
  {
    id: 'D2EHPA(org)',
    formula: 'C16H35O4P',
    anion: 'C16H34O4P',
    molarMass: 322.42,
    density: 965,
    densitySrc: 'SIGMA-D2EHPA',
    Hf: -1612.6,
    HfNote: 'TBP −1456 + 50.6 (butyl → H) + 8 × (−25.9) (two butyls → 2-ethylhexyls)',
  },
  {
    id: 'Cyanex272(org)',
    formula: 'C16H35O2P',
    anion: 'C16H34O2P',
    molarMass: 290.43,
    density: 920,
    densitySrc: 'CYTEC-C272',
    Hf: -1252.6,
    HfNote: 'D2EHPA −1612.6 + 2 × 180 (two P–O–C → P–C)',
  },
];

/** Cations the extractants load, with their charge. */
const LOADED: readonly [string, number][] = [
  ['Na', 1], ['Li', 1], ['Mn', 2], ['Co', 2], ['Ni', 2], ['Cu', 2], ['Zn', 2], ['Mg', 2], ['Ca', 2], ['Fe', 3], ['Al', 3],
];

const CP_PER_GRAM = 2.0;

function acid(x: Extractant): SpeciesEntry {
  return entry(x.id, {
    formula: x.formula,
    aliases: [`${x.formula}(org)`],
    density: v(x.density, x.densitySrc),
    Hf: v(x.Hf, 'EST-EXTRACTANT', x.HfNote),
    cp: v(round(CP_PER_GRAM * x.molarMass), 'EST-EXTRACTANT', `2.0 J/(g·K) × ${x.molarMass}`),
  });
}

function loaded(x: Extractant, metal: string, n: number): SpeciesEntry {
  const ion = IONS[`${metal}[${n === 1 ? '' : n}+]`]!;
  const formula = n === 1 ? `${metal}${x.anion}` : `${metal}(${x.anion})${n}`;
  return entry(`${formula}(org)`, {
    molarVolume: v(round((n * x.molarMass) / x.density, 6), 'EST-EXCHANGE', `${n} × ${x.molarMass} / ${x.density}`),
    Hf: v(round(ion.Hf + n * x.Hf), 'EST-EXCHANGE', `${metal} ion ${ion.Hf} + ${n} × (${x.Hf})`),
    cp: v(round(n * CP_PER_GRAM * x.molarMass), 'EST-EXCHANGE', `${n} × Cp(${x.id})`),
  });
}

const round = (x: number, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;

export const ORGANICS: readonly SpeciesEntry[] = [
  ...EXTRACTANTS.flatMap((x) => [acid(x), ...LOADED.map(([metal, n]) => loaded(x, metal, n))]),
  entry('Kerosene(org)', {
    formula: 'C12H26',
    aliases: ['C12H26(org)', 'Dodecane(org)'],
    density: v(800, 'EXXSOL-D80'),
    Hf: v(-350.9, 'NIST-DODECANE', 'as n-dodecane'),
    cp: v(375.8, 'NIST-DODECANE', 'as n-dodecane'),
  }),
  entry('C101Cl(org)', {
    formula: 'C32H68ClP',
    aliases: ['C32H68ClP(org)', 'CyphosIL101(org)'],
    density: v(880, 'CYTEC-IL101'),
    Hf: v(-1120, 'EST-EXTRACTANT', 'C32 n-alkane chain −868.9 (n-dodecane −350.9 + 20 × (−25.9)) + about −250 for the phosphonium chloride; ±200'),
    cp: v(round(CP_PER_GRAM * 519.34), 'EST-EXTRACTANT', '2.0 J/(g·K) × 519.34'),
  }),
];

/**
 * Neutral salts written as organic species in the plants before exchange extraction
 * (MnSO4(org) ⇄ MnSO4(aq)): the aqueous salt's data, flagged EST-LEGACY-ORG.
 */
export const LEGACY_ORGANIC_SALTS: readonly string[] = [
  'MnSO4', 'CoSO4', 'NiSO4', 'CuSO4', 'ZnSO4', 'MgSO4', 'FeSO4', 'Al2(SO4)3', 'Fe2(SO4)3', 'Li2SO4', 'CoCl2', 'NiCl2', 'FeCl3', 'MnCl2', 'CuCl2',
];
